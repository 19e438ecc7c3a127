import { describe, expect, it } from 'vitest';
import { ScaffoldError } from './scaffold.js';
import { describeReplacedFiles, describeScaffoldFailure } from './scaffold-report.js';
import { emptyRollbackReport } from './write-journal.js';

describe('describeReplacedFiles', () => {
  it('names at most ten files, then how many more', () => {
    const replaced = Array.from({ length: 13 }, (_, i) => `file-${String(i).padStart(2, '0')}`);
    const lines = describeReplacedFiles({ files: replaced, replaced, backupDir: '/h/b' });
    expect(lines[0]).toBe('Replaced 13 of your files; the originals are in /h/b:');
    expect(lines.slice(1)).toEqual([
      ...replaced.slice(0, 10).map((name) => `  ${name}`),
      '  and 3 more',
    ]);
  });

  it('prints names from the disk with their control characters made visible', () => {
    const lines = describeReplacedFiles({
      files: [],
      replaced: ['\u001b]0;title\u0007README.md', 'a\nb\u202e.md'],
      backupDir: '/h/\u001b[2Jb',
    });
    expect(lines).toEqual([
      'Replaced 2 of your files; the originals are in /h/?[2Jb:',
      '  ?]0;title?README.md',
      '  a?b?.md',
    ]);
  });
});

describe('describeScaffoldFailure', () => {
  it('never says nothing was left behind when something could not be removed', () => {
    const report = emptyRollbackReport();
    report.removed.push('/p/app/.gitignore');
    report.notRemoved.push({ path: '/p/app/tests', reason: 'the folder is not empty' });
    const lines = describeScaffoldFailure(new ScaffoldError('could not write x: boom', report));
    expect(lines).toEqual([
      'Could not remove 1 of the files and folders this run created:',
      '  /p/app/tests (the folder is not empty)',
      'Fix what is listed above, then run the same command again.',
    ]);
  });
});
