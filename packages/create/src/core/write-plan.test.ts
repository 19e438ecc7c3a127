import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ScaffoldConflictError } from './scaffold.js';
import { describeConflicts } from './scaffold-report.js';
import { planWrites } from './write-plan.js';

const made: string[] = [];
/** A temp folder removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'write-plan-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const file = (relative: string) => ({ relative, content: 'x', mode: 0o644 });
const FILES = [
  'README.md',
  'server.py',
  join('tests', 'test_server.py'),
  join('a', 'b', 'c.txt'),
].map(file);

const immutable: string[] = [];
afterEach(() => {
  for (const path of immutable.splice(0)) execFileSync('chattr', ['-i', path]);
});

describe('planWrites', () => {
  it('plans every file into a missing folder as new', () => {
    const plan = planWrites(join(tempDir(), 'app'), FILES);
    expect(plan.conflicts).toEqual([]);
    expect(plan.writes.map((w) => [w.relative, w.replaces])).toEqual(
      FILES.map((f) => [f.relative, false]),
    );
  });

  it('marks the user’s regular files as replaced', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'server.py'), 'mine');
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'tests', 'test_server.py'), 'mine');
    const plan = planWrites(dir, FILES);
    expect(plan.conflicts).toEqual([]);
    expect(plan.writes.filter((w) => w.replaces).map((w) => w.relative)).toEqual([
      'server.py',
      join('tests', 'test_server.py'),
    ]);
  });

  it('refuses symlinks at a file or on the way to one, whatever they point at', () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'victim'), 'outside');
    symlinkSync(join(outside, 'victim'), join(dir, 'README.md'));
    symlinkSync(join(outside, 'missing'), join(dir, 'server.py'));
    symlinkSync(outside, join(dir, 'tests'));
    mkdirSync(join(dir, 'a'));
    symlinkSync('.', join(dir, 'a', 'b'));
    const plan = planWrites(dir, FILES);
    expect(plan.writes).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        relative: join('a', 'b'),
        problem:
          'a symbolic link (to .); the template writes into it, and links are never written through',
      },
      {
        relative: 'README.md',
        problem: `a symbolic link (to ${join(outside, 'victim')}); the template writes a file there, and links are never written through`,
      },
      {
        relative: 'server.py',
        problem: `a symbolic link (to ${join(outside, 'missing')}); the template writes a file there, and links are never written through`,
      },
      {
        relative: 'tests',
        problem: `a symbolic link (to ${outside}); the template writes into it, and links are never written through`,
      },
    ]);
  });

  it('refuses a file where a folder goes and a folder or pipe where a file goes', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'README.md'));
    writeFileSync(join(dir, 'tests'), 'a file');
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'b'), 'a file');
    execFileSync('mkfifo', [join(dir, 'server.py')]);
    expect(planWrites(dir, FILES).conflicts).toEqual([
      { relative: join('a', 'b'), problem: 'a file, but the template needs a folder there' },
      { relative: 'README.md', problem: 'a folder, but the template writes a file there' },
      { relative: 'server.py', problem: 'a named pipe, but the template writes a file there' },
      { relative: 'tests', problem: 'a file, but the template needs a folder there' },
    ]);
  });

  it.runIf(process.getuid?.() === 0)(
    'refuses a folder that cannot be written to (root: immutable)',
    () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'tests'));
      execFileSync('chattr', ['+i', join(dir, 'tests')]);
      immutable.push(join(dir, 'tests'));
      expect(planWrites(dir, FILES).conflicts).toEqual([
        { relative: 'tests', problem: 'a folder that cannot be written to' },
      ]);
    },
  );

  it.runIf(process.getuid?.() !== 0)('refuses a folder that cannot be written to', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tests'), { mode: 0o555 });
    expect(planWrites(dir, FILES).conflicts).toEqual([
      { relative: 'tests', problem: 'a folder that cannot be written to' },
    ]);
  });
});

describe('describeConflicts', () => {
  it('lists each conflict on its own line, with control characters from the disk made visible', () => {
    const dir = tempDir();
    symlinkSync('/tmp/\u001b[2J\u001b]0;pwned\u0007', join(dir, 'README.md'));
    const { message, hint } = describeConflicts(
      new ScaffoldConflictError(dir, planWrites(dir, FILES).conflicts),
    );
    expect(message).toBe(
      `Cannot write the project into ${dir}: one path is in the way (nothing was written):\n` +
        '  README.md: a symbolic link (to /tmp/?[2J?]0;pwned?); the template writes a file there, and links are never written through',
    );
    expect(hint).toBe(
      'Move or rename them, or choose another folder, then run the same command again.',
    );
  });
});
