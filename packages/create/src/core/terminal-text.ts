/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
 * overrides that can make a name read as something else on a terminal.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Make a name read from the disk safe to print on one terminal line: every control
 * character (escape sequences start with one) becomes `?`, so nothing can move the
 * cursor, recolour the output or hide part of the name.
 */
export function printableLine(text: string): string {
  return text.replace(UNPRINTABLE, '?');
}
