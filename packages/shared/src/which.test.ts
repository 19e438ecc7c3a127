import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOnPath, isExecutableFile } from './which.js';

const lookup = (platform: NodeJS.Platform, env: Record<string, string>, files: string[]) => ({
  platform,
  env,
  isExecutable: (f: string) => files.includes(f),
});

describe('findOnPath', () => {
  it('honours PATHEXT on Windows, and its Path spelling', () => {
    const files = ['C:\\node\\npx.CMD'];
    const env = { PATHEXT: '.EXE;.CMD' };
    expect(findOnPath('npx', lookup('win32', { ...env, PATH: 'C:\\node;D:\\x' }, files))).toBe(
      'C:\\node\\npx.CMD',
    );
    expect(findOnPath('npx', lookup('win32', { ...env, Path: 'D:\\x;C:\\node' }, files))).toBe(
      'C:\\node\\npx.CMD',
    );
  });

  it('skips empty and relative PATH entries, and takes the first match', () => {
    const files = ['bin/srv', '/opt/bin/srv', '/usr/bin/srv'];
    expect(findOnPath('srv', lookup('linux', { PATH: '.::bin:/opt/bin:/usr/bin' }, files))).toBe(
      '/opt/bin/srv',
    );
    expect(findOnPath('nope', lookup('linux', { PATH: '/opt/bin' }, files))).toBeUndefined();
    expect(findOnPath('srv', lookup('linux', {}, files))).toBeUndefined();
  });

  it('takes a command with a path separator as it is, when executable', () => {
    const files = ['/opt/bin/srv', 'C:\\tools\\srv.exe'];
    expect(findOnPath('/opt/bin/srv', lookup('linux', { PATH: '/usr/bin' }, files))).toBe(
      '/opt/bin/srv',
    );
    expect(findOnPath('./srv', lookup('linux', { PATH: '/opt/bin' }, files))).toBeUndefined();
    expect(findOnPath('C:\\tools\\srv.exe', lookup('win32', { PATH: '' }, files))).toBe(
      'C:\\tools\\srv.exe',
    );
  });
});

describe('isExecutableFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpkit-which-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('wants a regular file with an execute bit (POSIX)', () => {
    const run = join(dir, 'run');
    const plain = join(dir, 'plain');
    writeFileSync(run, '#!/bin/sh\n');
    chmodSync(run, 0o755);
    writeFileSync(plain, 'text');
    chmodSync(plain, 0o644);
    mkdirSync(join(dir, 'folder'));
    expect(isExecutableFile(run, 'linux')).toBe(true);
    expect(isExecutableFile(join(dir, 'folder'), 'linux')).toBe(false);
    expect(isExecutableFile(join(dir, 'missing'), 'linux')).toBe(false);
    // Windows has no execute bit: a regular file is runnable when its extension says so.
    expect(isExecutableFile(plain, 'win32')).toBe(true);
    // root may run any file, whatever its mode; everyone else needs the bit.
    if (process.getuid?.() !== 0) expect(isExecutableFile(plain, 'linux')).toBe(false);
  });
});
