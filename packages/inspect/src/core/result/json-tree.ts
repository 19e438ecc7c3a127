import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { seg, type Segment, type StyledLine } from './styled-line.js';

/** Characters of one string (or key) shown on its line; the rest is counted, not shown. */
export const MAX_STRING_CHARS = 2_000;

const LEAF = 0;
const OPEN = 1;
const CLOSE = 2;

/** A container on the walk: its id, the next child and its opening line. */
interface Frame {
  node: number;
  size: number;
  next: number;
  opener: number;
}

/**
 * The line index as it is built: typed columns that grow by doubling. A line refers to its
 * value through its parent container and its place in it, so the index holds no pointer
 * per line (less to allocate, and nothing for the garbage collector to scan).
 */
class LineIndex {
  length = 0;
  kind = new Uint8Array(1024);
  depth = new Uint32Array(1024);
  match = new Int32Array(1024);
  comma = new Uint8Array(1024);
  /** The container holding the line's value (-1: the top level), and its place there. */
  parent = new Int32Array(1024);
  child = new Uint32Array(1024);
  /** For an opener or closer, the container it opens or closes. */
  node = new Int32Array(1024);

  add(kind: number, depth: number, parent: number, child: number, last: boolean): number {
    if (this.length === this.kind.length) this.grow();
    const line = this.length++;
    this.kind[line] = kind;
    this.depth[line] = depth;
    this.comma[line] = last ? 0 : 1;
    this.parent[line] = parent;
    this.child[line] = child;
    return line;
  }

  private grow() {
    const double = <T extends Uint8Array | Uint32Array | Int32Array>(old: T): T => {
      const next = new (old.constructor as new (length: number) => T)(old.length * 2);
      next.set(old);
      return next;
    };
    this.kind = double(this.kind);
    this.depth = double(this.depth);
    this.match = double(this.match);
    this.comma = double(this.comma);
    this.parent = double(this.parent);
    this.child = double(this.child);
    this.node = double(this.node);
  }
}

/** A JSON string or key in quotes, cut to {@link MAX_STRING_CHARS}, sanitised. */
function quoted(text: string, style: 'key' | 'string'): Segment[] {
  const cut = text.length > MAX_STRING_CHARS;
  const json = JSON.stringify(cut ? text.slice(0, MAX_STRING_CHARS) : text);
  const shown = sanitizeLine(cut ? `${json.slice(0, -1)}…` : json);
  if (!cut) return [seg(shown, style)];
  return [
    seg(shown, style),
    seg(` (${(text.length - MAX_STRING_CHARS).toLocaleString('en-US')} more chars)`, 'muted'),
  ];
}

function scalar(value: unknown): Segment[] {
  if (typeof value === 'string') return quoted(value, 'string');
  if (typeof value === 'number') return [seg(String(value), 'number')];
  if (typeof value === 'boolean' || value === null) return [seg(String(value), 'literal')];
  if (Array.isArray(value)) return [seg('[]', 'punctuation')];
  if (typeof value === 'object') return [seg('{}', 'punctuation')];
  // Not JSON (undefined, bigint, a function): shown as JSON.stringify would in an array.
  return [seg(typeof value === 'bigint' ? String(value) : 'null', 'literal')];
}

/**
 * A parsed JSON value as a foldable pretty-printed document. Building it walks the value
 * once and keeps a compact index of its lines (kind, depth, matching bracket); the text of
 * a line is made only when it is asked for, so showing a window of a huge value costs the
 * window, not the value. Folds are kept as a sorted list; mapping a visible line to the
 * index is a binary search over the outermost folds.
 */
export class JsonTree {
  /** Lines of the fully unfolded document. */
  readonly totalLines: number;
  private readonly root: unknown;
  private readonly kind: Uint8Array;
  private readonly depth: Uint32Array;
  /** For an opener its closer, for a closer its opener. */
  private readonly match: Int32Array;
  /** Whether the value ending on this line is followed by a comma. */
  private readonly comma: Uint8Array;
  private readonly parent: Int32Array;
  private readonly child: Uint32Array;
  private readonly node: Int32Array;
  /** Each non-empty object and array, by id, and the keys of the objects. */
  private readonly containers: unknown[] = [];
  private readonly containerKeys: (string[] | undefined)[] = [];
  private readonly folded: Uint8Array;
  /** Folded openers, ascending. */
  private foldedList: number[] = [];
  /** Outermost folds (ascending openers) and lines hidden before each, prefix-summed. */
  private foldStarts: number[] = [];
  private hiddenBefore: number[] = [0];

  /** Indexes `value` (a parsed JSON value) once; nothing is folded. */
  constructor(value: unknown) {
    const index = new LineIndex();
    const stack: Frame[] = [];
    const { containers, containerKeys } = this;

    const emit = (child: unknown, parent: number, at: number, last: boolean) => {
      const line = index.add(LEAF, stack.length, parent, at, last);
      if (typeof child !== 'object' || child === null) return;
      const keys = Array.isArray(child) ? undefined : Object.keys(child);
      const size = keys ? keys.length : (child as unknown[]).length;
      if (size === 0) return;
      const node = containers.length;
      containers.push(child);
      containerKeys.push(keys);
      index.kind[line] = OPEN;
      index.node[line] = node;
      stack.push({ node, size, next: 0, opener: line });
    };

    emit(value, -1, 0, true);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.size) {
        const at = frame.next++;
        const container = containers[frame.node];
        const keys = containerKeys[frame.node];
        const child = keys
          ? (container as Record<string, unknown>)[keys[at]!]
          : (container as unknown[])[at];
        emit(child, frame.node, at, frame.next === frame.size);
        continue;
      }
      stack.pop();
      const opener = frame.opener;
      const line = index.add(CLOSE, stack.length, -1, 0, index.comma[opener] === 0);
      index.node[line] = frame.node;
      index.match[line] = opener;
      index.match[opener] = line;
    }

    this.root = value;
    this.totalLines = index.length;
    this.kind = index.kind.subarray(0, index.length);
    this.depth = index.depth.subarray(0, index.length);
    this.match = index.match.subarray(0, index.length);
    this.comma = index.comma.subarray(0, index.length);
    this.parent = index.parent.subarray(0, index.length);
    this.child = index.child.subarray(0, index.length);
    this.node = index.node.subarray(0, index.length);
    this.folded = new Uint8Array(this.totalLines);
  }

  /** Lines shown, folds taken into account. */
  get lineCount(): number {
    return this.totalLines - this.hiddenBefore[this.hiddenBefore.length - 1]!;
  }

  /** The shown lines from `start`, at most `count` of them. */
  lines(start: number, count: number): StyledLine[] {
    const out: StyledLine[] = [];
    const end = Math.min(this.lineCount, start + count);
    for (let i = Math.max(0, start); i < end; i++) out.push(this.line(i));
    return out;
  }

  /** Shown line `index` as styled segments, its server text sanitised. */
  line(index: number): StyledLine {
    const at = this.toIndex(index);
    const kind = this.kind[at]!;
    const out: Segment[] = [];
    const indent = '  '.repeat(this.depth[at]!);
    if (indent) out.push(seg(indent));
    const parent = this.parent[at]!;
    const keys = kind === CLOSE || parent < 0 ? undefined : this.containerKeys[parent];
    const key = keys?.[this.child[at]!];
    if (key !== undefined) out.push(...quoted(key, 'key'), seg(': ', 'punctuation'));
    const value = kind === LEAF ? this.valueOf(at) : this.containers[this.node[at]!];
    if (kind === LEAF) out.push(...scalar(value));
    else if (kind === CLOSE) out.push(seg(Array.isArray(value) ? ']' : '}', 'punctuation'));
    else if (this.folded[at]) {
      const count = this.containerKeys[this.node[at]!]?.length ?? (value as unknown[]).length;
      const array = Array.isArray(value);
      const noun = array ? (count === 1 ? 'item' : 'items') : count === 1 ? 'key' : 'keys';
      out.push(
        seg(array ? '[…]' : '{…}', 'punctuation'),
        seg(` ${count.toLocaleString('en-US')} ${noun}`, 'muted'),
      );
    } else out.push(seg(Array.isArray(value) ? '[' : '{', 'punctuation'));
    if (this.comma[at] && (kind !== OPEN || this.folded[at])) out.push(seg(',', 'punctuation'));
    return out;
  }

  /** The value on index line `at` (a plain value, or an empty object or array). */
  private valueOf(at: number): unknown {
    const parent = this.parent[at]!;
    if (parent < 0) return this.root;
    const container = this.containers[parent];
    const keys = this.containerKeys[parent];
    const child = this.child[at]!;
    return keys
      ? (container as Record<string, unknown>)[keys[child]!]
      : (container as unknown[])[child];
  }

  /** Whether shown line `index` opens (or closes) an object or array that can fold. */
  isFoldable(index: number): boolean {
    return this.kind[this.toIndex(index)] !== LEAF;
  }

  /** Whether shown line `index` is a folded object or array. */
  isFolded(index: number): boolean {
    return this.folded[this.toIndex(index)] === 1;
  }

  /**
   * Folds or unfolds the object or array that shown line `index` opens or closes. Returns
   * the shown index of its opening line (where a cursor belongs after folding), or
   * undefined when the line is a plain value.
   */
  toggleFold(index: number): number | undefined {
    let at = this.toIndex(index);
    if (this.kind[at] === LEAF) return undefined;
    if (this.kind[at] === CLOSE) at = this.match[at]!;
    const position = lowerBound(this.foldedList, at);
    if (this.folded[at]) {
      this.folded[at] = 0;
      this.foldedList.splice(position, 1);
    } else {
      this.folded[at] = 1;
      this.foldedList.splice(position, 0, at);
    }
    this.indexFolds();
    return this.toShown(at);
  }

  /** Folds every object and array below the top level, so the top level reads as a list. */
  foldAll(): void {
    this.foldedList = [];
    for (let i = 0; i < this.totalLines; i++) {
      const fold = this.kind[i] === OPEN && this.depth[i]! > 0;
      this.folded[i] = fold ? 1 : 0;
      if (fold) this.foldedList.push(i);
    }
    this.indexFolds();
  }

  /** Unfolds everything. */
  unfoldAll(): void {
    this.folded.fill(0);
    this.foldedList = [];
    this.indexFolds();
  }

  private indexFolds(): void {
    const starts: number[] = [];
    const hidden: number[] = [0];
    let coveredTo = -1;
    for (const opener of this.foldedList) {
      // A fold inside a folded one hides nothing more.
      if (opener <= coveredTo) continue;
      const closer = this.match[opener]!;
      starts.push(opener);
      hidden.push(hidden[hidden.length - 1]! + closer - opener);
      coveredTo = closer;
    }
    this.foldStarts = starts;
    this.hiddenBefore = hidden;
  }

  /** Index line of shown line `shown`: the last fold shown at or before it, by bisection. */
  private toIndex(shown: number): number {
    const starts = this.foldStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid]! - this.hiddenBefore[mid]! <= shown) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return shown;
    const fold = low - 1;
    const foldShown = starts[fold]! - this.hiddenBefore[fold]!;
    return shown === foldShown ? starts[fold]! : shown + this.hiddenBefore[low]!;
  }

  /** Shown index of a visible index line. */
  private toShown(at: number): number {
    return at - this.hiddenBefore[lowerBound(this.foldStarts, at)]!;
  }
}

/** First position in ascending `list` whose value is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
