import { diffLines, type StructuredPatch, type StructuredPatchHunk } from 'diff';

/** One run of the edit script: lines both texts share, or lines removed or added. */
interface Run {
  kind: ' ' | '-' | '+';
  count: number;
}

/**
 * A line diff of `before` and `after` in the diff library's `structuredPatch` shape, in time
 * that grows with the texts rather than with their square: the lines both texts start and
 * end with are cut off first and only the region between them goes to the diff algorithm.
 * An edit changes one region of a config that may be megabytes long. Hunks carry `context`
 * unchanged lines around each change and a `\ No newline at end of file` marker where the
 * library puts one, so `formatPatch` prints them as it prints its own.
 */
export function linePatch(
  file: string,
  before: string,
  after: string,
  context: number,
): StructuredPatch {
  const a = splitLines(before);
  const b = splitLines(after);
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix])
    suffix++;

  const runs: Run[] = [{ kind: ' ', count: prefix }];
  const middle = diffLines(
    a.slice(prefix, a.length - suffix).join(''),
    b.slice(prefix, b.length - suffix).join(''),
  );
  for (const change of middle) {
    runs.push({ kind: change.added ? '+' : change.removed ? '-' : ' ', count: change.count });
  }
  runs.push({ kind: ' ', count: suffix });
  return {
    oldFileName: file,
    newFileName: file,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: buildHunks(
      runs.filter((run) => run.count > 0),
      a,
      b,
      context,
    ),
  };
}

/** Lines as the diff library sees them: each with its `\n` or `\r\n`, the last maybe without. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/**
 * Groups the edit script into hunks the way the diff library's `structuredPatch` does:
 * a change opens a hunk with up to `context` lines before it; a shared run of at most
 * 2×`context` lines between two changes stays inside the hunk, a longer one (or the last)
 * closes it after `context` lines.
 */
function buildHunks(
  runs: readonly Run[],
  a: readonly string[],
  b: readonly string[],
  context: number,
): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let lines: string[] = [];
  let oldStart = 0;
  let newStart = 0;
  let oldLine = 1;
  let newLine = 1;
  const shared = (from: number, count: number) =>
    a.slice(from - 1, from - 1 + count).map((line) => ` ${line}`);
  runs.forEach((run, i) => {
    if (run.kind !== ' ') {
      if (!oldStart) {
        const before = i > 0 ? Math.min(context, runs[i - 1]!.count) : 0;
        lines = shared(oldLine - before, before);
        oldStart = oldLine - before;
        newStart = newLine - before;
      }
      const source = run.kind === '-' ? a : b;
      const at = run.kind === '-' ? oldLine : newLine;
      for (const line of source.slice(at - 1, at - 1 + run.count)) lines.push(`${run.kind}${line}`);
      if (run.kind === '-') oldLine += run.count;
      else newLine += run.count;
      return;
    }
    if (oldStart) {
      if (run.count <= context * 2 && i < runs.length - 1) {
        lines.push(...shared(oldLine, run.count));
      } else {
        const after = Math.min(run.count, context);
        lines.push(...shared(oldLine, after));
        hunks.push({
          oldStart,
          oldLines: oldLine - oldStart + after,
          newStart,
          newLines: newLine - newStart + after,
          lines: markMissingNewlines(lines),
        });
        oldStart = 0;
        newStart = 0;
      }
    }
    oldLine += run.count;
    newLine += run.count;
  });
  if (oldStart) {
    // The texts end in a change: the hunk closes without lines after it.
    hunks.push({
      oldStart,
      oldLines: oldLine - oldStart,
      newStart,
      newLines: newLine - newStart,
      lines: markMissingNewlines(lines),
    });
  }
  return hunks;
}

/** Drops each line's `\n`; a line without one (the last of a text) is followed by the marker. */
function markMissingNewlines(lines: readonly string[]): string[] {
  const marked: string[] = [];
  for (const line of lines) {
    if (line.endsWith('\n')) marked.push(line.slice(0, -1));
    else marked.push(line, '\\ No newline at end of file');
  }
  return marked;
}
