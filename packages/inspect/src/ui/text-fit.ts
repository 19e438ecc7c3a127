import { sanitizeLine } from '@mcpkit/shared/sanitize';

// Escape sequences removed by the sanitiser make text shorter: keep some slack before it.
const SLACK = 64;

/**
 * One row of a pane: `text` sanitised to one line and cut to `width` characters with `…`.
 * Only a bounded prefix is sanitised, so a 5 MB line costs no more than a short one.
 */
export function fitLine(text: string, width: number): string {
  if (width <= 0) return '';
  const bound = width * 2 + SLACK;
  const cut = text.length > bound;
  const clean = sanitizeLine(cut ? text.slice(0, bound) : text);
  if (!cut && clean.length <= width) return clean;
  const chars = Array.from(clean);
  if (!cut && chars.length <= width) return clean;
  // Text was cut before sanitising: the row ends with … even when what is left fits.
  return `${chars.slice(0, width - 1).join('')}…`;
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
