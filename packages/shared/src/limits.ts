/** Bounds on what a server may send: message sizes and the bytes counted on the way in. */

/** Largest message accepted from a server by default: 64 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** A server sent (or began to send) more than the bound allows. */
export class MessageTooLargeError extends Error {
  /** The bound that was exceeded, in bytes. */
  readonly limit: number;
  /** What was too large: one message, or a whole list across its pages. */
  readonly what: string;
  constructor(limit: number, what = 'a message') {
    super(`the server sent ${what} larger than ${formatBytes(limit)}`);
    this.name = 'MessageTooLargeError';
    this.limit = limit;
    this.what = what;
  }
}

/**
 * Counts the bytes received on a connection and calls watchers when a budget runs out,
 * so that a request can be stopped as soon as its replies grow past a bound.
 */
export class ByteMeter {
  private count = 0;
  private readonly watchers = new Set<{ until: number; onExceeded: () => void }>();

  /** Bytes received so far. */
  get total(): number {
    return this.count;
  }

  /** Records `bytes` more; fires (once) every watcher whose budget they exhaust. */
  add(bytes: number): void {
    this.count += bytes;
    for (const watcher of this.watchers) {
      if (this.count > watcher.until) {
        this.watchers.delete(watcher);
        watcher.onExceeded();
      }
    }
  }

  /** Calls `onExceeded` once more than `budget` bytes arrive from now on; returns a stop function. */
  watch(budget: number, onExceeded: () => void): () => void {
    const watcher = { until: this.count + budget, onExceeded };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }
}

/** `64 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Parses a size such as `64MiB`, `64M`, `512k`, `1gb` or `1048576` (bytes); units are
 * binary. Returns undefined for anything else, including zero and negative sizes.
 */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text);
  if (!match) return undefined;
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    (match[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'
  ];
  const bytes = Math.floor(Number(match[1]) * scale);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
