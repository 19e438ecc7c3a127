import { BoundedLog } from './bounded-log.js';

/** One `notifications/message` from the server. */
export interface LogEntry {
  /** The syslog level the server gave: debug, info, notice, warning, error, critical, alert, emergency. */
  level: string;
  /** The server's logger name, when it gave one. */
  logger?: string;
  /** The message: its data as text (a string as is, anything else as compact JSON), bounded. */
  text: string;
}

/** Options of a {@link NotificationLog}. */
export interface NotificationLogOptions {
  /** Most messages kept (default 1,000). */
  maxEntries?: number;
  /** Longest text kept per message (default 10,000 characters). */
  maxTextChars?: number;
  /** The clock. */
  now?: () => number;
}

/** The log messages a server sent (`notifications/message`), bounded. */
export class NotificationLog extends BoundedLog<LogEntry> {
  private readonly maxTextChars: number;

  constructor(options: NotificationLogOptions = {}) {
    const maxEntries = options.maxEntries ?? 1_000;
    const maxTextChars = options.maxTextChars ?? 10_000;
    super({
      maxEntries,
      // The count is the real bound; this one only caps pathological records.
      maxBytes: maxEntries * (maxTextChars + 256),
      sizeOf: (entry) => entry.text.length + (entry.logger?.length ?? 0) + 32,
      now: options.now,
    });
    this.maxTextChars = maxTextChars;
  }

  /** Records the params of a `notifications/message`: `{ level, logger?, data }`. */
  record(params: { level: string; logger?: string; data?: unknown }): void {
    let text: string;
    if (typeof params.data === 'string') text = params.data;
    else {
      try {
        text = JSON.stringify(params.data) ?? '';
      } catch {
        text = String(params.data);
      }
    }
    if (text.length > this.maxTextChars) text = `${text.slice(0, this.maxTextChars)}…`;
    const logger = typeof params.logger === 'string' ? params.logger.slice(0, 200) : undefined;
    this.push({
      level: String(params.level).slice(0, 40),
      ...(logger === undefined ? {} : { logger }),
      text,
    });
  }
}
