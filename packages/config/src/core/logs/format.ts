// How records are printed: one line each (continuation lines indented below), the time, the
// level coloured on a terminal, the server and the message; or one JSON object per line.
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeLine, styled, type TextStyle } from '@mcpkit/shared/sanitize';
import type { LogLevel, LogRecord } from './types.js';

/** The longest part of a record printed (head and continuation lines alike). */
export const MAX_RECORD_BYTES = 4096;

/** Options of {@link formatRecord}. */
export interface FormatOptions {
  /** Colour the level (only on a terminal without NO_COLOR: `colourEnabled` of shared). */
  color: boolean;
  /** Now, in ms: a record of today shows its time only, an older one its date too. */
  now: number;
  /** Minutes to add to UTC for local time at a given time (`-new Date(t).getTimezoneOffset()`). */
  utcOffsetMinutes: (time: number) => number;
}

// The safe writer turns these markers into colours after sanitising the whole line.
const STYLE: Record<LogLevel, TextStyle | undefined> = {
  error: 'red',
  warn: 'yellow',
  info: undefined,
  debug: 'dim',
};

/** Untrusted text made printable: control characters removed, secrets masked, size bounded. */
export function safeText(text: string): string {
  return boundBytes(maskSecretsInText(sanitizeLine(text)));
}

function boundBytes(text: string): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_RECORD_BYTES) return text;
  // Cut on a character boundary: decode the first bytes and drop a broken last character.
  const cut = Buffer.from(text)
    .subarray(0, MAX_RECORD_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${cut}… (${bytes - Buffer.byteLength(cut)} more bytes)`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `HH:MM:SS.mmm` in local time for a record of today, `YYYY-MM-DD HH:MM:SS.mmm` otherwise;
 * spaces of the same width for a record without a time.
 */
export function formatTime(time: number | undefined, options: Omit<FormatOptions, 'color'>) {
  if (time === undefined) return ' '.repeat(12);
  const d = new Date(time + options.utcOffsetMinutes(time) * 60_000);
  const today = new Date(options.now + options.utcOffsetMinutes(options.now) * 60_000);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  const sameDay = d.toISOString().slice(0, 10) === today.toISOString().slice(0, 10);
  return sameDay ? clock : `${d.toISOString().slice(0, 10)} ${clock}`;
}

/**
 * One record as printed: `HH:MM:SS.mmm level server  message`, then each continuation line
 * indented. Every piece of the record passes the sanitiser and the secret masking first; the
 * colours are style markers added after, so none from the log reach the terminal.
 */
export function formatRecord(record: LogRecord, options: FormatOptions): string {
  const style = options.color ? STYLE[record.level] : undefined;
  const paint = (text: string) => (style ? styled(style, text) : text);
  const lines: string[] = [];
  if (!record.continued) {
    const level = record.level.padEnd(5);
    const server = record.server === undefined ? '' : `[${safeText(record.server)}] `;
    lines.push(
      `${formatTime(record.time, options)} ${paint(level)} ${server}${safeText(record.message)}`,
    );
  }
  for (const line of record.continuation) lines.push(`    ${paint(safeText(line))}`);
  return `${lines.join('\n')}\n`;
}

/**
 * One record as a line of NDJSON: `{time, level, server, message, continuation, file, …}`;
 * time as ISO text (null when unknown). Text is masked and bounded; JSON escapes the rest.
 */
export function formatJsonRecord(record: LogRecord): string {
  const object: Record<string, unknown> = {
    time: record.time === undefined ? null : new Date(record.time).toISOString(),
    level: record.level,
    server: record.server === undefined ? null : record.server,
    message: boundBytes(maskSecretsInText(record.message)),
    continuation: record.continuation.map((l) => boundBytes(maskSecretsInText(l))),
    file: record.file,
  };
  if (record.metadata !== undefined)
    object.metadata = boundBytes(maskSecretsInText(record.metadata));
  if (record.json !== undefined) object.json = boundBytes(maskSecretsInText(record.json));
  if (record.continued) object.continued = true;
  return `${JSON.stringify(object)}\n`;
}
