/** Where a scrolled view is: the line under the cursor and the first line shown. */
export interface ScrollPosition {
  /** The line under the cursor (0-based). */
  cursor: number;
  /** The first line shown. */
  top: number;
}

/**
 * Puts the cursor at `cursor`, kept within the `total` lines, and scrolls as little as
 * needed for it to stay within the `rows` shown; the last page is never left half empty.
 */
export function scrollTo(
  cursor: number,
  { top }: Pick<ScrollPosition, 'top'>,
  total: number,
  rows: number,
): ScrollPosition {
  const shown = Math.max(1, rows);
  const at = Math.max(0, Math.min(cursor, total - 1));
  let first = top;
  if (at < first) first = at;
  if (at >= first + shown) first = at - shown + 1;
  first = Math.max(0, Math.min(first, total - shown));
  return { cursor: at, top: first };
}
