import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { JsonTree } from './json-tree.js';
import { NOT_ONE_COLUMN, wrapOffsets } from './text-width.js';
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

/** A text's wrapping at one width: rows before each line, and row starts of wide lines. */
interface Wrapping {
  /** Rows before each logical line (prefix sums), the total last. */
  rows: Int32Array;
  /** Row starts of the lines with characters that may not be one column wide. */
  starts: Map<number, number[]>;
}

/**
 * A text from the server, hard-wrapped to the width. The text is sanitised once; a line
 * of plain one-column characters wraps by arithmetic, so a width costs one pass over the
 * line starts (cached for the last few widths) plus a walk of the few lines that hold
 * wide characters (CJK, emoji), and a window is a bisection plus a slice per row.
 */
export class TextSection implements Section {
  private readonly text: string;
  /** Start of each logical line, plus one past the end. */
  private readonly starts: Int32Array;
  /** Lines holding a character that may be zero or two columns wide. */
  private readonly wide: Uint8Array;
  private readonly byWidth = new Map<number, Wrapping>();

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
    this.wide = new Uint8Array(starts.length - 1);
    const maybeWide = new RegExp(NOT_ONE_COLUMN.source, 'g');
    for (let match = maybeWide.exec(this.text); match; match = maybeWide.exec(this.text)) {
      const line = upperBound(this.starts, match.index) - 1;
      this.wide[line] = 1;
      // Skip to the next line: one hit is enough.
      maybeWide.lastIndex = this.starts[line + 1]!;
    }
  }

  lineCount(width: number): number {
    const { rows } = this.wrap(width);
    return rows[rows.length - 1]!;
  }

  lines(start: number, count: number, width: number): StyledLine[] {
    const { rows, starts } = this.wrap(width);
    const columns = this.columns(width);
    const out: StyledLine[] = [];
    const end = Math.min(rows[rows.length - 1]!, start + count);
    let line = upperBound(rows, Math.max(0, start)) - 1;
    for (let row = Math.max(0, start); row < end; row++) {
      while (rows[line + 1]! <= row) line++;
      const lineEnd = this.starts[line + 1]! - 1;
      const nth = row - rows[line]!;
      const wide = starts.get(line);
      const from = wide ? wide[nth]! : this.starts[line]! + nth * columns;
      const to = wide ? (wide[nth + 1] ?? lineEnd) : Math.min(lineEnd, from + columns);
      const piece = seg(this.text.slice(from, to), this.style);
      out.push(this.indent > 0 ? [seg(' '.repeat(this.indent)), piece] : [piece]);
    }
    return out;
  }

  private columns(width: number): number {
    return Math.max(MIN_WRAP, width - this.indent);
  }

  private wrap(width: number): Wrapping {
    const cached = this.byWidth.get(width);
    if (cached) return cached;
    const columns = this.columns(width);
    const lines = this.starts.length - 1;
    const rows = new Int32Array(lines + 1);
    const starts = new Map<number, number[]>();
    for (let i = 0; i < lines; i++) {
      const from = this.starts[i]!;
      const to = this.starts[i + 1]! - 1;
      let count = Math.max(1, Math.ceil((to - from) / columns));
      if (this.wide[i]) {
        const offsets = wrapOffsets(this.text, from, to, columns);
        starts.set(i, offsets);
        count = offsets.length;
      }
      rows[i + 1] = rows[i]! + count;
    }
    if (this.byWidth.size >= WRAP_CACHE) this.byWidth.clear();
    const wrapping = { rows, starts };
    this.byWidth.set(width, wrapping);
    return wrapping;
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
