import { ChangeSignal } from './listeners.js';

/** Options of a {@link StderrLog}; every bound has a default. */
export interface StderrLogOptions {
  /** Most lines kept (default 5,000). */
  maxLines?: number;
  /** Most bytes kept (default 1 MiB). */
  maxBytes?: number;
  /** A line without a newline longer than this is broken there (default 16,384 characters). */
  maxLineChars?: number;
}

/** A stdio server's stderr, as lines, bounded by count and size; the oldest lines go first. */
export class StderrLog {
  private readonly maxLines: number;
  private readonly maxBytes: number;
  private readonly maxLineChars: number;
  private readonly signal = new ChangeSignal();
  private complete: string[] = [];
  private sizes: number[] = [];
  private head = 0;
  private totalBytes = 0;
  private partial = '';
  private evicted = 0;
  private snapshot: readonly string[] | undefined;

  constructor(options: StderrLogOptions = {}) {
    this.maxLines = Math.max(1, options.maxLines ?? 5_000);
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxLineChars = Math.max(1, options.maxLineChars ?? 16_384);
  }

  /** Bumps on every change. */
  get version(): number {
    return this.signal.version;
  }

  /** How many complete lines were evicted (since the last clear): lines()[i] is line `dropped + i`. */
  get dropped(): number {
    return this.evicted;
  }

  /** Adds a chunk of stderr, split anywhere: mid-line, mid-`\r\n`, several lines at once. */
  append(chunk: string): void {
    if (chunk === '') return;
    let text = this.partial + chunk;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      // A `\r` left at the end of the previous chunk meets its `\n` here.
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.addLine(text.slice(start, end));
      start = newline + 1;
    }
    text = text.slice(start);
    while (text.length > this.maxLineChars) {
      this.addLine(text.slice(0, this.maxLineChars));
      text = text.slice(this.maxLineChars);
    }
    this.partial = text;
    this.evict();
    this.changed();
  }

  /** Complete lines, then the unfinished last one (when there is one). */
  lines(): readonly string[] {
    if (this.snapshot === undefined) {
      const lines = this.complete.slice(this.head);
      const last = this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial;
      if (last !== '') lines.push(last);
      this.snapshot = lines;
    }
    return this.snapshot;
  }

  /** The last `count` lines joined with `\n`. */
  tail(count: number): string {
    if (count <= 0) return '';
    return this.lines().slice(-count).join('\n');
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.signal.subscribe(listener);
  }

  /** Forgets every line. */
  clear(): void {
    this.complete = [];
    this.sizes = [];
    this.head = 0;
    this.totalBytes = 0;
    this.partial = '';
    this.evicted = 0;
    this.changed();
  }

  private addLine(line: string): void {
    const size = Buffer.byteLength(line) + 1;
    this.complete.push(line);
    this.sizes.push(size);
    this.totalBytes += size;
  }

  private evict(): void {
    // The unfinished line counts as one of the lines shown.
    const room = this.partial === '' ? this.maxLines : this.maxLines - 1;
    while (
      this.complete.length - this.head > 0 &&
      (this.complete.length - this.head > room || this.totalBytes > this.maxBytes)
    ) {
      this.totalBytes -= this.sizes[this.head]!;
      this.head += 1;
      this.evicted += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.complete.length) {
      this.complete = this.complete.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  private changed(): void {
    this.snapshot = undefined;
    this.signal.emit();
  }
}
