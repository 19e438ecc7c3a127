import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { charWidth } from '../core/result/text-width.js';

// Escape sequences removed by the sanitiser make text shorter: keep some slack before it.
const SLACK = 64;

/** Columns `text` takes on a terminal. */
export function columnsOf(text: string): number {
  let columns = 0;
  for (const char of text) columns += charWidth(char.codePointAt(0)!);
  return columns;
}

/**
 * `text` made safe (the one sanitiser) on one line and cut to `width` columns with `…`:
 * nothing from a server reaches the screen raw, and nothing wraps mid-word. Only a bounded
 * prefix is sanitised, so a 5 MB line costs no more than a short one.
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const bound = width * 2 + SLACK;
  const cut = text.length > bound;
  const clean = sanitizeLine(cut ? text.slice(0, bound) : text);
  if (!cut && columnsOf(clean) <= width) return clean;
  let out = '';
  let used = 0;
  for (const char of clean) {
    const w = charWidth(char.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** `text` fitted to `width` columns and padded with spaces to exactly that. */
export function pad(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - columnsOf(cut)));
}

/**
 * Words of `text` (sanitised) laid out in lines of at most `width` columns; a word longer
 * than a line is cut with `…`. At most `maxLines` lines (the last ends with `…` when cut).
 * Lines are joined into paragraphs as in Markdown (docstrings are hard-wrapped); a blank
 * line keeps its place.
 */
export function wrap(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .trim()
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph, index) => (index > 0 ? ['', paragraph] : [paragraph]));
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of sanitizeLine(paragraph).split(/\s+/)) {
      if (word === '') continue;
      const candidate = line ? `${line} ${word}` : word;
      if (columnsOf(candidate) <= width) line = candidate;
      else {
        if (line) lines.push(line);
        line = fit(word, width);
      }
    }
    lines.push(line);
    if (lines.length > maxLines) break;
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fit(`${kept[maxLines - 1]} …`, width);
  return kept;
}

/** `HH:MM:SS.mmm`, local time. */
export function clockTime(time: number): string {
  const date = new Date(time);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** `MM-DD HH:MM:SS`, local time. */
export function dayTime(time: number): string {
  const date = new Date(time);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
