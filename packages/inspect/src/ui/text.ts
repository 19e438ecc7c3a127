import { sanitizeLine } from '@mcpkit/shared/sanitize';
import stringWidth from 'string-width';

/**
 * `text` made safe (the one sanitiser) and cut to `width` columns with `…`: nothing from a
 * server reaches the screen raw, and nothing wraps mid-word.
 */
export function fit(text: string, width: number): string {
  const line = sanitizeLine(text);
  if (width <= 0) return '';
  if (line.length <= width && stringWidth(line) <= width) return line;
  let out = '';
  let used = 0;
  for (const char of line) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** `text` padded with spaces to exactly `width` columns (cut with `…` if longer). */
export function pad(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/**
 * Words of `text` (sanitised) laid out in lines of at most `width` columns; a word longer
 * than a line is cut with `…`. At most `maxLines` lines (the last ends with `…` when cut).
 */
export function wrap(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of sanitizeLine(paragraph).split(' ')) {
      if (word === '') continue;
      const candidate = line ? `${line} ${word}` : word;
      if (stringWidth(candidate) <= width) line = candidate;
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
