import { describe, expect, it } from 'vitest';
import {
  codes,
  MAC_HOME,
  macHost as mac,
  only,
  stdioEntry,
} from '../../../../../test/support/fake-doctor-host.js';
import { checkEntry } from './static-checks.js';

const HOME = MAC_HOME;
const SHEBANG = '#!/usr/bin/env node\n';
const nvm = (v: string) => `${HOME}/.nvm/versions/node/${v}/bin`;

describe('command checks', () => {
  it('a command only on the shell PATH: error with the absolute path as the fix', () => {
    const host = mac(
      { [`${HOME}/.local/bin/uvx`]: '\x7fELF' },
      { PATH: `${HOME}/.local/bin:/usr/bin` },
    );
    const findings = checkEntry({
      entry: stdioEntry('uvx', ['mcp-server-time']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    const f = only(findings, 'command-not-on-client-path');
    expect(f.severity).toBe('error');
    expect(f.message).toContain(`${HOME}/.local/bin/uvx (~/.local/bin)`);
    expect(f.edits).toEqual([{ kind: 'set-command', value: `${HOME}/.local/bin/uvx` }]);
    expect(f.location).toEqual({ file: '/cfg.json', line: 3, column: 5 });
    // Claude Code has the shell's PATH: found.
    const code = checkEntry({
      entry: stdioEntry('uvx'),
      unresolved: [],
      client: 'claude-code',
      host,
    });
    expect(only(code, 'command-found').message).toBe(`command found: ${HOME}/.local/bin/uvx`);
  });

  it('a #!/usr/bin/env node script whose node the client lacks: run it with the absolute node', () => {
    const host = mac(
      {
        [`${HOME}/.volta/bin/node`]: '\x7fELF',
        [`${HOME}/.volta/bin/my-server`]: SHEBANG,
      },
      { PATH: `${HOME}/.volta/bin:/usr/bin` },
    );
    const findings = checkEntry({
      entry: stdioEntry('my-server', ['--port', '1']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    const f = only(findings, 'command-not-on-client-path');
    expect(f.message).toContain('nor is node');
    expect(f.edits).toEqual([
      { kind: 'set-command', value: `${HOME}/.volta/bin/node` },
      { kind: 'insert-arg', index: 0, value: `${HOME}/.volta/bin/my-server` },
    ]);
  });

  it('npx whose node the client lacks: no edit (the package bin needs node on PATH), PATH in env', () => {
    const host = mac(
      { [`${HOME}/.volta/bin/node`]: '\x7fELF', [`${HOME}/.volta/bin/npx`]: SHEBANG },
      { PATH: `${HOME}/.volta/bin:/usr/bin` },
    );
    const f = only(
      checkEntry({
        entry: stdioEntry('npx', ['-y', 'p']),
        unresolved: [],
        client: 'claude-desktop',
        host,
      }),
      'command-not-on-client-path',
    );
    expect(f.edits).toBeUndefined();
    expect(f.fix).toContain(`"PATH": "${HOME}/.volta/bin:/usr/bin:/bin"`);
  });

  it('an absolute script path whose interpreter is not on the client PATH', () => {
    const host = mac(
      { [`${HOME}/.volta/bin/node`]: '\x7fELF', [`${HOME}/.volta/bin/my-server`]: SHEBANG },
      { PATH: `${HOME}/.volta/bin:/usr/bin` },
    );
    const findings = checkEntry({
      entry: stdioEntry(`${HOME}/.volta/bin/my-server`),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    expect(codes(findings)).toContain('command-found');
    const f = only(findings, 'interpreter-not-on-client-path');
    expect(f.edits?.[0]).toEqual({ kind: 'set-command', value: `${HOME}/.volta/bin/node` });
  });

  it('found nowhere: how to install it', () => {
    const f = only(
      checkEntry({
        entry: stdioEntry('uvx'),
        unresolved: [],
        client: 'claude-desktop',
        host: mac({}),
      }),
      'command-not-found',
    );
    expect(f.fix).toContain('curl -LsSf https://astral.sh/uv/install.sh | sh');
  });

  it('nvm with three versions: Claude Desktop runs the oldest Node, the shell the newest', () => {
    const files: Record<string, string> = {};
    for (const v of ['v18.20.4', 'v20.9.0', 'v22.12.0']) {
      files[`${nvm(v)}/node`] = '\x7fELF';
      files[`${nvm(v)}/npx`] = SHEBANG;
    }
    const host = mac(files, { PATH: `${nvm('v22.12.0')}:/usr/bin` });
    const npx = checkEntry({
      entry: stdioEntry('npx', ['-y', 'pkg']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    const f = only(npx, 'nvm-version-order');
    expect(f.message).toBe(
      `Claude Desktop would run Node v18.20.4 (${nvm('v18.20.4')}/node); your shell runs v22.12.0 (${nvm('v22.12.0')}/node)`,
    );
    expect(f.edits).toBeUndefined();
    const node = checkEntry({
      entry: stdioEntry('node', ['/srv/index.js']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    expect(only(node, 'nvm-version-order').edits).toEqual([
      { kind: 'set-command', value: `${nvm('v22.12.0')}/node` },
    ]);
    // Claude Code runs the shell's node: nothing to say.
    const code = checkEntry({
      entry: stdioEntry('npx', ['-y', 'p']),
      unresolved: [],
      client: 'claude-code',
      host,
    });
    expect(codes(code)).not.toContain('nvm-version-order');
  });

  it("one nvm version and Homebrew's node in the shell: Claude Desktop still runs nvm's", () => {
    const host = mac(
      { [`${nvm('v16.20.2')}/node`]: '\x7fELF', '/opt/homebrew/bin/node': '\x7fELF' },
      { PATH: '/opt/homebrew/bin:/usr/bin' },
    );
    const f = only(
      checkEntry({
        entry: stdioEntry('node', ['/srv/index.js']),
        unresolved: [],
        client: 'claude-desktop',
        host,
      }),
      'nvm-version-order',
    );
    expect(f.message).toContain('would run Node v16.20.2');
    expect(f.edits).toEqual([{ kind: 'set-command', value: '/opt/homebrew/bin/node' }]);
  });

  it('npx without -y: a warning with the edit at the right index', () => {
    const host = mac({ '/usr/local/bin/npx': SHEBANG, '/usr/local/bin/node': '\x7fELF' });
    const f = only(
      checkEntry({
        entry: stdioEntry('npx', ['pkg']),
        unresolved: [],
        client: 'claude-desktop',
        host,
      }),
      'npx-without-yes',
    );
    expect(f.severity).toBe('warning');
    expect(f.why).toContain('60 s');
    expect(f.edits).toEqual([{ kind: 'insert-arg', index: 0, value: '-y' }]);
    const yes = checkEntry({
      entry: stdioEntry('npx', ['--yes', 'pkg']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    expect(codes(yes)).not.toContain('npx-without-yes');
  });
});
