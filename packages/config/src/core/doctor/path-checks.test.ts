import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codes,
  MAC_HOME,
  macHost as mac,
  only,
  stdioEntry,
} from '../../../../../test/support/fake-doctor-host.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { createDoctorHost } from './host.js';
import { checkEntry } from './static-checks.js';

const HOME = MAC_HOME;

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

  it("a relative command is resolved from the client's folder, not doctor's", () => {
    const root = makeTempDir('doctor-relcmd');
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n');
    chmodSync(join(root, 'run.sh'), 0o755);
    const host = createDoctorHost({
      platform: 'linux',
      env: { PATH: '/usr/bin:/bin' },
      homedir: '/nonexistent-home',
      cwd: root,
    });
    const entry = stdioEntry('./run.sh');
    const desktop = checkEntry({ entry, unresolved: [], client: 'claude-desktop', host });
    expect(only(desktop, 'relative-path').edits).toEqual([
      { kind: 'set-command', value: join(root, 'run.sh') },
    ]);
    expect(codes(desktop).filter((c) => c.startsWith('command-'))).toEqual([]);
    const code = checkEntry({ entry, unresolved: [], client: 'claude-code', host });
    expect(only(code, 'path-exists').message).toBe(`path exists: ./run.sh (from ${root})`);
    expect(codes(code)).not.toContain('relative-path');
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

  it("VS Code's envFile must exist", () => {
    const host = mac({ '/usr/bin/node': '\x7fELF' });
    const f = only(
      checkEntry({
        entry: stdioEntry('/usr/bin/node', [], { envFile: `${HOME}/proj/.env` }),
        unresolved: [],
        client: 'vscode',
        host,
      }),
      'path-missing',
    );
    expect(f.message).toBe(`envFile "${HOME}/proj/.env" does not exist`);
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
