import { describe, expect, it } from 'vitest';
import { codes, fakeHost, only, stdioEntry } from '../../../../../test/support/fake-doctor-host.js';
import { checkEntry } from './static-checks.js';

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
        entry: stdioEntry('cmd', [
          '/c',
          'C:\\Program Files\\nodejs\\npx.cmd',
          '-y',
          'pkg',
          'C:\\Users\\Ann Lee\\Docs',
        ]),
        unresolved: [],
        client: 'claude-desktop',
        host: win(),
      }),
      'windows-unquoted-space',
    );
    expect(f.why).toContain("'C:\\Program' is not recognized");
    expect(f.severity).toBe('error');
    expect(f.edits).toEqual([{ kind: 'set-arg', index: 1, value: 'npx' }]);
  });

  it('cmd /c with a spaced program and no other quoted argument: a warning (fragile)', () => {
    const f = only(
      checkEntry({
        entry: stdioEntry('cmd', ['/c', 'C:\\Program Files\\nodejs\\npx.cmd', '-y', 'pkg']),
        unresolved: [],
        client: 'claude-desktop',
        host: win(),
      }),
      'windows-unquoted-space',
    );
    expect(f.severity).toBe('warning');
  });

  it('npx installed nowhere on Windows: not found, and still a shim that needs cmd /c', () => {
    const host = fakeHost({
      platform: 'win32',
      homedir: 'C:\\Users\\ann',
      cwd: 'C:\\Users\\ann',
      env: { Path: 'C:\\Windows\\System32' },
    });
    const findings = checkEntry({
      entry: stdioEntry('npx', ['-y', 'pkg']),
      unresolved: [],
      client: 'claude-desktop',
      host,
    });
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'command-not-found',
      'windows-needs-cmd',
    ]);
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
