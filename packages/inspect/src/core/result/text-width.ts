/**
 * Columns a character takes in a terminal: 0 for combining marks, joiners and variation
 * selectors, 2 for East Asian wide and fullwidth characters and most emoji, else 1. A
 * compact table of the common ranges, enough to wrap text so that no row overflows.
 */
export function charWidth(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x300) return 1;
  if (ZERO.some(([from, to]) => codePoint >= from && codePoint <= to)) return 0;
  if (codePoint < 0x1100) return 1;
  return WIDE.some(([from, to]) => codePoint >= from && codePoint <= to) ? 2 : 1;
}

/** Combining marks, zero-width joiners and spaces, variation selectors. */
const ZERO: readonly (readonly [number, number])[] = [
  [0x300, 0x36f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200d],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xe0100, 0xe01ef],
];

/** Wide ranges: Hangul Jamo, CJK, Hangul syllables, fullwidth forms, emoji. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

const hex = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;

/**
 * Matches a character that may not take exactly one column: a zero or wide one of the
 * Basic Multilingual Plane, or any surrogate (characters beyond it, emoji mostly). Text
 * without one wraps by its length.
 */
export const NOT_ONE_COLUMN = new RegExp(
  `[${[...ZERO, ...WIDE]
    .filter(([from]) => from <= 0xffff)
    .map(([from, to]) => `${hex(from)}-${hex(Math.min(to, 0xffff))}`)
    .join('')}\\ud800-\\udfff]`,
  'g',
);

/**
 * Where rows start when `text[from, to)` is wrapped to `columns`: offsets into `text`,
 * the first being `from`. Never splits a surrogate pair, and a character wider than the
 * row still gets a row of its own.
 */
export function wrapOffsets(text: string, from: number, to: number, columns: number): number[] {
  const starts = [from];
  let used = 0;
  for (let at = from; at < to;) {
    const codePoint = text.codePointAt(at)!;
    const size = codePoint > 0xffff ? 2 : 1;
    const width = charWidth(codePoint);
    if (used + width > columns && used > 0) {
      starts.push(at);
      used = 0;
    }
    used += width;
    at += size;
  }
  return starts;
}
