import type { ScaffoldConflictError, ScaffoldError, ScaffoldResult } from './scaffold.js';
import { sanitizeName } from '@mcpkit/shared/sanitize';

/** How many file names a summary lists before "and N more". */
const MAX_LISTED = 10;

/** What a refused scaffold tells the person: the reason (several lines) and the fix. */
export interface ConflictReport {
  message: string;
  hint: string;
}

/**
 * Lines telling the person which of their files a successful `--force` replaced and where
 * the originals are: one line with the folder, then the names (at most ten). Empty when
 * nothing was replaced.
 */
export function describeReplacedFiles(result: ScaffoldResult): string[] {
  if (result.replaced.length === 0 || result.backupDir === undefined) return [];
  const count = result.replaced.length;
  return [
    `Replaced ${count} of your files; the originals are in ${result.backupDir}:`,
    ...listNames(result.replaced).map((name) => `  ${name}`),
  ].map(sanitizeName);
}

/** The refusal of a scaffold that something in the project folder is in the way of. */
export function describeConflicts(error: ScaffoldConflictError): ConflictReport {
  const count = error.conflicts.length;
  const lines = error.conflicts.map(({ relative, problem }) =>
    sanitizeName(`  ${relative === '.' ? error.targetDir : relative}: ${problem}`),
  );
  return {
    message: [
      sanitizeName(
        `Cannot write the project into ${error.targetDir}: ${count === 1 ? 'one path is' : `${count} paths are`} in the way (nothing was written):`,
      ),
      ...lines,
    ].join('\n'),
    hint: 'Move or rename them, or choose another folder, then run the same command again.',
  };
}

/**
 * The truth about a scaffold that failed part way, one line each: which of the person's
 * files were put back, which could not be (and where their copies are), what this run
 * created and removed or could not remove, and what to do next. "Nothing was left behind"
 * only when none of their files was touched and everything created is gone.
 */
export function describeScaffoldFailure(error: ScaffoldError): string[] {
  const { restored, notRestored, removed, notRemoved } = error.report;
  const lines: string[] = [];
  if (restored.length > 0) {
    lines.push(
      `Put back ${restored.length} of your files as they were: ${listNames(restored).join(', ')}.`,
    );
  }
  if (notRestored.length > 0) {
    lines.push(`Could not put back ${notRestored.length} of your files; copy them back by hand:`);
    for (const file of notRestored) {
      lines.push(`  ${file.relative} (${file.reason}): the copy is ${file.copy}`);
    }
  }
  if (notRemoved.length > 0) {
    lines.push(`Could not remove ${notRemoved.length} of the files and folders this run created:`);
    for (const entry of notRemoved) lines.push(`  ${entry.path} (${entry.reason})`);
  } else if (removed.length > 0) {
    lines.push('Removed the files and folders this run created.');
  }
  if (error.backupDir !== undefined) lines.push(`Copies of your files stay in ${error.backupDir}.`);

  const untouched = restored.length === 0 && notRestored.length === 0;
  if (notRestored.length > 0 || notRemoved.length > 0) {
    lines.push('Fix what is listed above, then run the same command again.');
  } else if (untouched) {
    lines.push('Nothing was left behind; fix the cause and run the same command again.');
  } else {
    lines.push('The folder is as it was; fix the cause and run the same command again.');
  }
  return lines.map(sanitizeName);
}

/** At most {@link MAX_LISTED} names, then "and N more". */
function listNames(names: readonly string[]): string[] {
  if (names.length <= MAX_LISTED) return [...names];
  return [...names.slice(0, MAX_LISTED), `and ${names.length - MAX_LISTED} more`];
}
