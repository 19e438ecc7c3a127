import { BoundedLog } from './bounded-log.js';

/** One line of the raw JSON-RPC traffic. */
export interface TrafficEntry {
  /** Sent to the server, received from it, or a stdout line that is not a JSON-RPC message. */
  direction: 'out' | 'in' | 'stray';
  /** The message as compact JSON (or the stray stdout line), cut to a bounded length. */
  text: string;
  /** Full size in bytes before cutting. */
  bytes: number;
  /** True when `text` was cut. */
  truncated?: boolean;
  /** Request/notification method. */
  method?: string;
  /** JSON-RPC id (requests and responses). */
  id?: string | number;
  /** A JSON-RPC error response. */
  isError?: boolean;
  /** Why a stdout line is stray: 'not JSON' | 'not a JSON-RPC message'. */
  strayReason?: string;
}

/** Options of a {@link TrafficLog}; every bound has a default. */
export interface TrafficLogOptions {
  /** Most messages kept (default 2,000). */
  maxEntries?: number;
  /** Most total text kept, in characters (default 8 MiB). */
  maxBytes?: number;
  /** Longest text kept per message (default 100,000 characters). */
  maxTextChars?: number;
  /** The clock. */
  now?: () => number;
}

// Requests waiting for their response, remembered for methodOf: enough for any sane client,
// and bounded against a server that never answers.
const MAX_PENDING = 10_000;

/** Every JSON-RPC message sent and received, and stray stdout lines, bounded. */
export class TrafficLog extends BoundedLog<TrafficEntry> {
  private readonly maxTextChars: number;
  private readonly pending = new Map<string, string>();
  private readonly answered = new WeakMap<object, string>();

  constructor(options: TrafficLogOptions = {}) {
    super({
      maxEntries: options.maxEntries ?? 2_000,
      maxBytes: options.maxBytes ?? 8 * 1024 * 1024,
      sizeOf: (entry) => entry.text.length + 64,
      now: options.now,
    });
    this.maxTextChars = options.maxTextChars ?? 100_000;
  }

  /** Records a JSON-RPC message object sent (`out`) or received (`in`). */
  recordMessage(direction: 'out' | 'in', message: unknown): void {
    const full = compactJson(message);
    const entry: TrafficEntry = { direction, ...this.cut(full) };
    const fields =
      message !== null && typeof message === 'object' ? (message as Record<string, unknown>) : {};
    if (typeof fields.method === 'string') entry.method = fields.method;
    if (typeof fields.id === 'string' || typeof fields.id === 'number') entry.id = fields.id;
    if (entry.method === undefined && 'error' in fields) entry.isError = true;

    let answers: string | undefined;
    if (entry.id !== undefined) {
      if (entry.method !== undefined) {
        // Ids are per sender: the client's request 1 and the server's request 1 differ.
        this.pending.set(`${direction}:${typeof entry.id}:${entry.id}`, entry.method);
        if (this.pending.size > MAX_PENDING) {
          this.pending.delete(this.pending.keys().next().value!);
        }
      } else {
        const key = `${direction === 'in' ? 'out' : 'in'}:${typeof entry.id}:${entry.id}`;
        answers = this.pending.get(key);
        this.pending.delete(key);
      }
    }
    const record = this.push(entry);
    if (answers !== undefined) this.answered.set(record, answers);
  }

  /** Records a stdout line that is not a JSON-RPC message, and why. */
  recordStray(line: string, reason: string): void {
    this.push({ direction: 'stray', ...this.cut(line), strayReason: reason });
  }

  /** For a response: the method of the request it answers (kept from the request by id). */
  methodOf(entry: TrafficEntry): string | undefined {
    return entry.method ?? this.answered.get(entry);
  }

  private cut(text: string): Pick<TrafficEntry, 'text' | 'bytes' | 'truncated'> {
    const bytes = Buffer.byteLength(text);
    if (text.length <= this.maxTextChars) return { text, bytes };
    let end = this.maxTextChars;
    // Never leave half a surrogate pair at the end.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    return { text: text.slice(0, end), bytes, truncated: true };
  }
}

function compactJson(message: unknown): string {
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    // Circular or a BigInt: not something a transport could send either, but still shown.
    return String(message);
  }
}
