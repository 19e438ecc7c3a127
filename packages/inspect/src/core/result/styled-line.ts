/** How a piece of a result line is coloured; the view maps each style to a colour. */
export type SegmentStyle =
  | 'plain'
  | 'key'
  | 'string'
  | 'number'
  | 'literal'
  | 'punctuation'
  | 'muted'
  | 'heading'
  | 'ok'
  | 'warning'
  | 'error';

/** A run of text in one style. The text is already sanitised for a terminal. */
export interface Segment {
  /** The text, on one line, safe to print. */
  text: string;
  /** How it is coloured. */
  style: SegmentStyle;
}

/** One line of a result as shown: a few styled segments. */
export type StyledLine = readonly Segment[];

/** A segment; a shorthand used by the builders of result lines. */
export function seg(text: string, style: SegmentStyle = 'plain'): Segment {
  return { text, style };
}

/** The plain text of a styled line (for tests, search and copying). */
export function lineText(line: StyledLine): string {
  return line.map((segment) => segment.text).join('');
}
