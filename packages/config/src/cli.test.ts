import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/paths.js';
import { main, type MainIo } from './cli.js';

function io(env: Record<string, string> = {}) {
  const home = makeTempDir('config-unit');
  const out = { stdout: '', stderr: '' };
  const value: MainIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: { PATH: '/usr/bin', ...env },
    cwd: home,
    homedir: home,
    platform: 'linux',
  };
  return { io: value, out, home };
}

describe('main', () => {
  it('no arguments prints help, exit 0', async () => {
    const t = io();
    expect(await main([], t.io)).toBe(0);
    expect(t.out.stdout).toContain('Usage: mcp-config <command> [options]');
  });

  it('unknown command: exit 2', async () => {
    const t = io();
    expect(await main(['docter'], t.io)).toBe(2);
    expect(t.out.stderr).toContain("unknown command 'docter'");
  });

  it('add, list --json, remove in-process', async () => {
    const t = io();
    expect(await main(['add', 'w', '--no-resolve', '--env', 'K=secret', '--', 'srv'], t.io)).toBe(
      0,
    );
    const file = join(t.home, '.config/Claude/claude_desktop_config.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      mcpServers: { w: { command: 'srv', args: [], env: { K: 'secret' } } },
    });
    t.out.stdout = '';
    expect(await main(['list', '--json'], t.io)).toBe(0);
    const listed = JSON.parse(t.out.stdout) as { servers: { env: Record<string, string> }[] };
    expect(listed.servers[0]?.env.K).not.toBe('secret');
    expect(await main(['remove', 'w'], t.io)).toBe(0);
    expect(await main(['remove', 'w'], t.io)).toBe(1);
  });

  it('--json errors are one JSON object on stderr', async () => {
    const t = io();
    expect(await main(['get', 'nope', '--json'], t.io)).toBe(1);
    expect(JSON.parse(t.out.stderr)).toMatchObject({ error: { code: 1 } });
    expect(t.out.stdout).toBe('');
  });
});
