import type { RemoteServerEntry } from '@mcpkit/shared/server-entries';
import { describe, expect, it } from 'vitest';
import {
  codes,
  macHost as mac,
  only,
  stdioEntry,
} from '../../../../../test/support/fake-doctor-host.js';
import { checkEntry } from './static-checks.js';

describe('environment and entry kind', () => {
  it('unresolved ${VAR}, empty values, and the only variables Claude Desktop passes', () => {
    const host = mac({ '/usr/bin/node': '\x7fELF' });
    const findings = checkEntry({
      entry: stdioEntry('/usr/bin/node', ['/usr/bin/node'], { env: { TOKEN: '', MODE: 'x' } }),
      unresolved: [{ reference: '${API_KEY}', field: 'env.KEY', reason: 'unset' }],
      client: 'claude-code',
      host,
    });
    const u = only(findings, 'env-unresolved');
    expect(u.severity).toBe('error');
    expect(u.message).toBe('${API_KEY} in env.KEY: API_KEY is not set');
    expect(only(findings, 'env-empty').message).toBe('env.TOKEN is empty');
    expect(codes(findings)).not.toContain('desktop-minimal-env');
    const desktop = checkEntry({
      entry: stdioEntry('/usr/bin/node', [], { env: { A: '${B}' } }),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    expect(only(desktop, 'desktop-minimal-env').message).toBe(
      "Claude Desktop passes only HOME, LOGNAME, PATH, SHELL, TERM, USER and this entry's env (A)",
    );
    expect(only(desktop, 'desktop-no-expansion').message).toContain('env.A holds ${B}');
  });

  it('Gemini CLI drops PYTHONPATH from an entry', () => {
    const host = mac({ '/usr/bin/python3': '\x7fELF' });
    const f = only(
      checkEntry({
        entry: stdioEntry('/usr/bin/python3', ['-m', 'srv'], { env: { PYTHONPATH: '/p' } }),
        unresolved: [],
        client: 'gemini-cli',
        host,
      }),
      'env-dropped-by-client',
    );
    expect(f.fix).toContain('uv --directory');
  });

  it('a url entry in Claude Desktop: error; a local URL is bridged with mcp-remote', () => {
    const remote = (url: string): RemoteServerEntry => ({
      ...stdioEntry('x'),
      transport: 'http',
      url,
      headers: {},
    });
    const host = mac({});
    const f = only(
      checkEntry({
        entry: remote('http://localhost:3000/mcp'),
        unresolved: [],
        client: 'claude-desktop',
        host,
      }),
      'desktop-remote-entry',
    );
    expect(f.fix).toContain('mcp-remote');
    const hosted = only(
      checkEntry({
        entry: remote('https://mcp.example.com/mcp'),
        unresolved: [],
        client: 'claude-desktop',
        host,
      }),
      'desktop-remote-entry',
    );
    expect(hosted.fix).toContain('Settings → Connectors');
    expect(
      checkEntry({ entry: remote('https://x.dev/mcp'), unresolved: [], client: 'cursor', host }),
    ).toEqual([]);
  });
});
