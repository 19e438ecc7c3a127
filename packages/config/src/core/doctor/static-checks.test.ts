import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteServerEntry } from '@mcpkit/shared/server-entries';
import { describe, expect, it } from 'vitest';
import { fakeHost, stdioEntry } from '../../../../../test/support/fake-doctor-host.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { createDoctorHost } from './host.js';
import { checkEntry } from './static-checks.js';
import type { Finding } from './types.js';

const HOME = '/Users/ann';
const SHEBANG = '#!/usr/bin/env node\n';
const nvm = (v: string) => `${HOME}/.nvm/versions/node/${v}/bin`;

function mac(files: Record<string, string>, env: Record<string, string> = {}, dirs: string[] = []) {
  return fakeHost({
    platform: 'darwin',
    homedir: HOME,
    cwd: `${HOME}/proj`,
    env: { PATH: '/usr/bin:/bin', HOME, ...env },
    files,
    dirs,
  });
}

function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

function only(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  expect(found, `${code} in ${codes(findings).join(', ')}`).toHaveLength(1);
  return found[0]!;
}

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

describe('Windows', () => {
  const win = () =>
    fakeHost({
      platform: 'win32',
      homedir: 'C:\\Users\\ann',
      cwd: 'C:\\Users\\ann\\proj',
      env: {
        Path: 'C:\\Program Files\\nodejs;C:\\Windows\\System32',
        PATHEXT: '.COM;.EXE;.BAT;.CMD',
      },
      files: {
        'C:\\Program Files\\nodejs\\npx.cmd': '@echo off',
        'C:\\Program Files\\nodejs\\node.exe': 'MZ',
        'C:\\Windows\\System32\\cmd.exe': 'MZ',
      },
    });

  it('npx (a .cmd shim) without cmd /c: error with wrap-cmd; the cmd /c form also needs -y', () => {
    const findings = checkEntry({
      entry: stdioEntry('npx', ['-y', 'pkg']),
      unresolved: [],
      client: 'claude-desktop',
      host: win(),
    });
    const f = only(findings, 'windows-needs-cmd');
    expect(f.edits).toEqual([{ kind: 'wrap-cmd' }]);
    const wrapped = checkEntry({
      entry: stdioEntry('cmd', ['/c', 'npx', 'pkg']),
      unresolved: [],
      client: 'claude-desktop',
      host: win(),
    });
    expect(codes(wrapped)).not.toContain('windows-needs-cmd');
    expect(only(wrapped, 'npx-without-yes').edits).toEqual([
      { kind: 'insert-arg', index: 2, value: '-y' },
    ]);
  });

  it('cmd /c with C:\\Program Files\\… unquoted: error, fixed by the bare name on PATH', () => {
    const f = only(
      checkEntry({
        entry: stdioEntry('cmd', ['/c', 'C:\\Program Files\\nodejs\\npx.cmd', '-y', 'pkg']),
        unresolved: [],
        client: 'claude-desktop',
        host: win(),
      }),
      'windows-unquoted-space',
    );
    expect(f.why).toContain("'C:\\Program' is not recognized");
    expect(f.edits).toEqual([{ kind: 'set-arg', index: 1, value: 'npx' }]);
  });

  it('an absolute .cmd with a space: wrap with the bare name, not the spaced path', () => {
    const f = only(
      checkEntry({
        entry: stdioEntry('C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'pkg']),
        unresolved: [],
        client: 'claude-desktop',
        host: win(),
      }),
      'windows-needs-cmd',
    );
    expect(f.edits).toEqual([{ kind: 'set-command', value: 'npx' }, { kind: 'wrap-cmd' }]);
  });
});

describe('path checks', () => {
  it('relative paths from / on Linux (real files): error with the absolute path that exists', () => {
    const root = makeTempDir('doctor-paths');
    mkdirSync(join(root, 'build'));
    writeFileSync(join(root, 'build', 'index.js'), '');
    writeFileSync(join(root, 'server.py'), '');
    const nodeDir = join(root, 'tools');
    mkdirSync(nodeDir);
    writeFileSync(join(nodeDir, 'node'), '#!/bin/sh\n');
    chmodSync(join(nodeDir, 'node'), 0o755);
    const host = createDoctorHost({
      platform: 'linux',
      env: { PATH: nodeDir },
      homedir: '/nonexistent-home',
      cwd: root,
    });
    const entry = stdioEntry(join(nodeDir, 'node'), [
      'build/index.js',
      './server.py',
      '../gone.js',
    ]);
    const findings = checkEntry({ entry, unresolved: [], client: 'claude-desktop', host });
    const relative = findings.filter((f) => f.code === 'relative-path');
    expect(relative.map((f) => f.edits)).toEqual([
      [{ kind: 'set-arg', index: 0, value: join(root, 'build', 'index.js') }],
      [{ kind: 'set-arg', index: 1, value: join(root, 'server.py') }],
      undefined,
    ]);
    expect(relative[0]!.message).toContain('starts servers in /');
    // Claude Code starts in the project folder: the same relative paths are fine.
    const code = checkEntry({
      entry: { ...entry, args: ['build/index.js'] },
      unresolved: [],
      client: 'claude-code',
      host,
    });
    expect(codes(code)).not.toContain('relative-path');
    expect(codes(code)).toContain('path-exists');
  });

  it('an absolute path that does not exist: the nearest folder and a close name', () => {
    const host = mac({ '/usr/bin/python3': '\x7fELF', [`${HOME}/proj/server.py`]: '' });
    const f = only(
      checkEntry({
        entry: stdioEntry('/usr/bin/python3', [`${HOME}/proj/sever.py`]),
        unresolved: [],
        client: 'claude-desktop',
        host,
      }),
      'path-missing',
    );
    expect(f.why).toBe(
      `the nearest existing folder is ${HOME}/proj; did you mean ${HOME}/proj/server.py?`,
    );
  });

  it("docker's -v host:container is not taken for a missing path", () => {
    const host = mac({ '/usr/local/bin/docker': '\x7fELF' });
    const findings = checkEntry({
      entry: stdioEntry('docker', ['run', '-i', '--rm', '-v', '/data:/data', 'mcp/fs']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    expect(codes(findings).filter((c) => c.startsWith('path'))).toEqual([]);
  });

  it('uv --directory and the entry cwd are checked; ~ is not expanded', () => {
    const host = mac({ '/usr/local/bin/uv': '\x7fELF' }, {}, [`${HOME}/srv`]);
    const findings = checkEntry({
      entry: stdioEntry(
        'uv',
        ['--directory', `${HOME}/srvv`, 'run', 'main.py', '--data', '~/srv'],
        {
          cwd: '/nowhere/x',
        },
      ),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    const missing = findings.filter((f) => f.code === 'path-missing');
    expect(missing.map((f) => f.message)).toEqual([
      `args[1] "${HOME}/srvv" does not exist`,
      'cwd "/nowhere/x" does not exist',
    ]);
    expect(only(findings, 'tilde-path').edits).toEqual([
      { kind: 'set-arg', index: 5, value: `${HOME}/srv` },
    ]);
  });
});

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
