import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { JsonTree } from './json-tree.js';
import { seg, type Segment, type StyledLine } from './styled-line.js';

/** Characters of a server string kept on a heading line (a URI, a name, a MIME type). */
const HEADING_CHARS = 500;
/** Text wraps to at least this many columns, however narrow the terminal. */
const MIN_WRAP = 10;
/** Widths a text keeps its wrapping for (the terminal resizes back and forth). */
const WRAP_CACHE = 4;

/** A part of a result document: a few fixed lines, a wrapped text or a JSON tree. */
export interface Section {
  /** Lines at this terminal width. */
  lineCount(width: number): number;
  /** Lines `start` to `start + count` (fewer at the end) at this width. */
  lines(start: number, count: number, width: number): StyledLine[];
  /** Folds the JSON node on line `index`; the opener's line, or undefined if nothing folds. */
  toggleFold?(index: number, width: number): number | undefined;
  /** Folds (true) or unfolds (false) every JSON node below the top level. */
  foldAll?(fold: boolean): void;
}

/** A server string for a heading: cut to a bounded length, on one line, sanitised. */
export function short(text: string): string {
  return sanitizeLine(text.length > HEADING_CHARS ? `${text.slice(0, HEADING_CHARS)}…` : text);
}

/** Lines made once (status, headings): short and already sanitised. */
export class FixedSection implements Section {
  constructor(private readonly fixed: readonly StyledLine[]) {}

  lineCount(): number {
    return this.fixed.length;
  }

  lines(start: number, count: number): StyledLine[] {
    return this.fixed.slice(start, start + count);
  }
}

/**
 * A text from the server, hard-wrapped to the width. The text is sanitised once; wrapping
 * needs only each line's length, so a width costs one pass over the line starts (cached
 * for the last few widths) and a window is a bisection plus a slice per row.
 */
export class TextSection implements Section {
  private readonly text: string;
  /** Start of each logical line, plus one past the end. */
  private readonly starts: Int32Array;
  private readonly rowsByWidth = new Map<number, Int32Array>();

  constructor(
    text: string,
    private readonly style: Segment['style'] = 'plain',
    private readonly indent = 0,
  ) {
    // Tabs become spaces so a row's length is its width on screen.
    this.text = sanitizeText(text).replace(/\t/g, '  ');
    const starts = [0];
    for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1))
      starts.push(at + 1);
    starts.push(this.text.length + 1);
    this.starts = Int32Array.from(starts);
  }

  lineCount(width: number): number {
    const rows = this.rows(width);
    return rows[rows.length - 1]!;
  }

  lines(start: number, count: number, width: number): StyledLine[] {
    const rows = this.rows(width);
    const columns = this.columns(width);
    const out: StyledLine[] = [];
    const end = Math.min(rows[rows.length - 1]!, start + count);
    let line = upperBound(rows, Math.max(0, start)) - 1;
    for (let row = Math.max(0, start); row < end; row++) {
      while (rows[line + 1]! <= row) line++;
      const from = this.starts[line]! + (row - rows[line]!) * columns;
      const lineEnd = this.starts[line + 1]! - 1;
      const piece = this.text.slice(from, Math.min(lineEnd, from + columns));
      out.push(
        this.indent > 0
          ? [seg(' '.repeat(this.indent)), seg(piece, this.style)]
          : [seg(piece, this.style)],
      );
    }
    return out;
  }

  private columns(width: number): number {
    return Math.max(MIN_WRAP, width - this.indent);
  }

  /** Rows before each logical line at this width (prefix sums), the total last. */
  private rows(width: number): Int32Array {
    const cached = this.rowsByWidth.get(width);
    if (cached) return cached;
    const columns = this.columns(width);
    const lines = this.starts.length - 1;
    const rows = new Int32Array(lines + 1);
    for (let i = 0; i < lines; i++) {
      const length = this.starts[i + 1]! - 1 - this.starts[i]!;
      rows[i + 1] = rows[i]! + Math.max(1, Math.ceil(length / columns));
    }
    if (this.rowsByWidth.size >= WRAP_CACHE) this.rowsByWidth.clear();
    this.rowsByWidth.set(width, rows);
    return rows;
  }
}

/** A JSON value as a foldable tree, indented under its heading. */
export class TreeSection implements Section {
  private readonly tree: JsonTree;

  constructor(
    value: unknown,
    private readonly indent = 0,
  ) {
    this.tree = new JsonTree(value);
  }

  lineCount(): number {
    return this.tree.lineCount;
  }

  lines(start: number, count: number): StyledLine[] {
    const lines = this.tree.lines(start, count);
    if (this.indent === 0) return lines;
    const pad = seg(' '.repeat(this.indent));
    return lines.map((line) => [pad, ...line]);
  }

  toggleFold(index: number): number | undefined {
    return this.tree.toggleFold(index);
  }

  foldAll(fold: boolean): void {
    if (fold) this.tree.foldAll();
    else this.tree.unfoldAll();
  }
}

/** First position in ascending `list` whose value is > `value`. */
function upperBound(list: Int32Array, value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
