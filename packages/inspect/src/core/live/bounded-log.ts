import { ChangeSignal } from './listeners.js';

/** Fields every record gets. */
export interface LogRecord {
  /** 1, 2, 3… in push order; never reused, so it identifies a record across evictions. */
  seq: number;
  /** When it was pushed (ms since the epoch). */
  time: number;
}

/** Options of a {@link BoundedLog}. */
export interface BoundedLogOptions<T> {
  /** Most records kept; the oldest go first. */
  maxEntries: number;
  /** Most total size kept, as measured by `sizeOf` (the newest record always stays). */
  maxBytes: number;
  /** The size of one record, in the unit of `maxBytes`. */
  sizeOf: (entry: T) => number;
  /** The clock for records pushed without a time. */
  now?: () => number;
}

/** A ring of records bounded by count and total size; listeners hear every change. */
export class BoundedLog<T extends object> {
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly sizeOf: (entry: T) => number;
  private readonly now: () => number;
  private readonly signal = new ChangeSignal();
  // Evicted records are skipped by `head` and compacted away in batches, so a push into a
  // full log costs O(1) amortised instead of shifting the whole array.
  private items: (T & LogRecord)[] = [];
  private sizes: number[] = [];
  private head = 0;
  private totalBytes = 0;
  private nextSeq = 1;
  private evicted = 0;
  private snapshot: readonly (T & LogRecord)[] | undefined;

  constructor(options: BoundedLogOptions<T>) {
    this.maxEntries = Math.max(1, options.maxEntries);
    this.maxBytes = options.maxBytes;
    this.sizeOf = options.sizeOf;
    this.now = options.now ?? Date.now;
  }

  /** How many records were evicted to stay within the bounds (since the last clear). */
  get dropped(): number {
    return this.evicted;
  }

  /** Bumps on every change (for React's useSyncExternalStore). */
  get version(): number {
    return this.signal.version;
  }

  /** Adds a record at the end, evicting the oldest ones beyond the bounds; returns it. */
  push(entry: T, time?: number): T & LogRecord {
    const record = { ...entry, seq: this.nextSeq++, time: time ?? this.now() };
    const size = this.sizeOf(entry);
    this.items.push(record);
    this.sizes.push(size);
    this.totalBytes += size;
    while (
      this.items.length - this.head > 1 &&
      (this.items.length - this.head > this.maxEntries || this.totalBytes > this.maxBytes)
    ) {
      this.totalBytes -= this.sizes[this.head]!;
      this.head += 1;
      this.evicted += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
    this.changed();
    return record;
  }

  /** The records kept, oldest first; the same array until the next change. */
  entries(): readonly (T & LogRecord)[] {
    this.snapshot ??= this.head === 0 ? this.items.slice() : this.items.slice(this.head);
    return this.snapshot;
  }

  /** Forgets every record (and the count of dropped ones); sequence numbers keep counting. */
  clear(): void {
    this.items = [];
    this.sizes = [];
    this.head = 0;
    this.totalBytes = 0;
    this.evicted = 0;
    this.changed();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.signal.subscribe(listener);
  }

  private changed(): void {
    this.snapshot = undefined;
    this.signal.emit();
  }
}
