import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

const made: string[] = [];
/** A temp folder removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('sets the mode exactly, whatever the umask', () => {
    const dir = tempDir();
    const previous = process.umask(0o077);
    try {
      writeFileAtomic(join(dir, 'a'), 'text', { mode: 0o644 });
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('text');
  });

  it('replaces a symlink instead of writing through it', () => {
    const dir = tempDir();
    const outside = join(tempDir(), 'victim');
    writeFileSync(outside, 'outside');
    symlinkSync(outside, join(dir, 'a'));
    writeFileAtomic(join(dir, 'a'), 'new', { mode: 0o600 });
    expect(readFileSync(outside, 'utf8')).toBe('outside');
    expect(lstatSync(join(dir, 'a')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('new');
  });

  it('gives the file the times asked for', () => {
    const dir = tempDir();
    const mtime = new Date('2020-05-06T07:08:09Z');
    writeFileAtomic(join(dir, 'a'), 'x', { mode: 0o644, times: { atime: mtime, mtime } });
    expect(statSync(join(dir, 'a')).mtime.getTime()).toBe(mtime.getTime());
  });

  it('on failure leaves what was there and no temp file', () => {
    const dir = tempDir();
    // A folder where the file goes: the rename fails after the temp file was written.
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'inside'), 'mine');
    expect(() => writeFileAtomic(join(dir, 'b'), 'new', { mode: 0o644 })).toThrow();
    expect(readdirSync(dir)).toEqual(['b']);
    expect(readFileSync(join(dir, 'b', 'inside'), 'utf8')).toBe('mine');
  });
});
