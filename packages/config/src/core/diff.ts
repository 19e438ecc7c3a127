import { FILE_HEADERS_ONLY, formatPatch } from 'diff';
import { maskConfigText } from '@mcpkit/shared/mask-config-text';
import { linePatch } from './line-patch.js';

/** Options of {@link unifiedDiff}. */
export interface UnifiedDiffOptions {
  /** Mask secrets (env and header values…) in the printed lines (default true). */
  mask?: boolean;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

/**
 * A unified diff (`--- file` / `+++ file` / `@@` hunks) from `oldText` to `newText`, or
 * `''` when they are equal. Changes are found on the real texts, but with `mask` the lines
 * are printed from masked copies, so a changed secret shows as a changed line without
 * being revealed. Line endings the two texts share are not shown; a `\r` that differs is
 * shown as `␍`. A leading BOM is not shown.
 */
export function unifiedDiff(
  file: string,
  oldText: string,
  newText: string,
  options: UnifiedDiffOptions = {},
): string {
  if (oldText === newText) return '';
  const { mask = true, context = 3 } = options;
  const before = stripBom(oldText);
  const after = stripBom(newText);
  const patch = linePatch(file, before, after, context);
  const sameEol = eolOf(before) === eolOf(after);
  const oldLines = (mask ? maskConfigText(before) : before).split('\n');
  const newLines = (mask ? maskConfigText(after) : after).split('\n');
  for (const hunk of patch.hunks) {
    let o = hunk.oldStart - 1;
    let n = hunk.newStart - 1;
    hunk.lines = hunk.lines.map((line) => {
      const mark = line[0];
      if (mark === '\\') return line;
      const text = mark === '+' ? newLines[n] : oldLines[o];
      if (mark !== '+') o++;
      if (mark !== '-') n++;
      return `${mark}${showCr(text ?? line.slice(1), sameEol)}`;
    });
  }
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

function showCr(line: string, sameEol: boolean): string {
  const body = sameEol ? line.replace(/\r$/, '') : line;
  return body.replace(/\r/g, '␍');
}
