// Parsers for the clients' MCP log lines. Formats, from excerpts users posted:
// - Claude Desktop `mcp.log`: `<ISO ts> [level] [server] message`, e.g.
//   `2025-08-29T16:19:34.471Z [error] [remote-example] Server disconnected. …`
//   (github.com/punkpeye/mcp-remote/issues/156, modelcontextprotocol/servers#1748).
// - Claude Desktop `mcp-server-<name>.log`: `<ISO ts> [server] [level] message`, often ending in
//   ` { metadata: undefined }` or ` {` followed by a pretty-printed `metadata: {…}` block and `}`
//   (github.com/DeusData/codebase-memory-mcp/issues/1582, modelcontextprotocol/mcpb#200).
//   A server's raw stderr is written as it came, without a timestamp.
// - Claude Code `mcp-logs-<name>/<ISO ts with - for : and .>.jsonl`: one JSON object a line,
//   `{"debug"|"error": text, "timestamp", "sessionId", "cwd"}` (@anthropic-ai/claude-code
//   2.1.332, the functions writing `BHt.mcpLogs(name)`).
import type { LogLevel, LogRecord } from './types.js';

/** Which bracket comes first after the timestamp in a Claude Desktop file. */
export type FieldOrder = 'level-first' | 'server-first';

/** The longest line kept whole (bytes beyond it are dropped, with a note); bounds memory. */
export const MAX_LINE_CHARS = 64 * 1024;
/** At most this many continuation lines are kept per record; later ones are counted. */
export const MAX_CONTINUATION_LINES = 500;

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)\s+/;
const BRACKET = /^\[([^\]\r\n]*)\]\s?/;

/** Maps a level word (any case) to a {@link LogLevel}; undefined when it is not one. */
export function levelOf(word: string): LogLevel | undefined {
  switch (word.trim().toLowerCase()) {
    case 'trace':
    case 'debug':
    case 'verbose':
      return 'debug';
    case 'info':
    case 'notice':
    case 'log':
      return 'info';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'error':
    case 'err':
    case 'fatal':
    case 'critical':
      return 'error';
    default:
      return undefined;
  }
}

/** Milliseconds of an ISO-like timestamp; one without a zone is taken as UTC (as written). */
export function parseTimestamp(text: string): number | undefined {
  let iso = text.replace(' ', 'T').replace(',', '.');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The head of a record: a line that starts with a timestamp. */
export interface Head {
  /** ms since the epoch. */
  time: number;
  level: LogLevel;
  /** The `[server]` field, when the line has one. */
  server: string | undefined;
  /** The rest of the line. */
  message: string;
}

/**
 * Parses a line that starts a Claude Desktop record; undefined for a line without a timestamp
 * (a continuation). Both field orders are recognised whichever the file is: `order` only
 * decides a line whose two brackets are both level words (a server named "info").
 */
export function parseDesktopHead(line: string, order: FieldOrder): Head | undefined {
  const ts = TIMESTAMP.exec(line);
  if (!ts) return undefined;
  const time = parseTimestamp(ts[1]!);
  if (time === undefined) return undefined;
  let rest = line.slice(ts[0].length);
  const first = BRACKET.exec(rest);
  if (!first) return { time, level: 'info', server: undefined, message: rest };
  rest = rest.slice(first[0].length);
  const second = BRACKET.exec(rest);
  const a = first[1]!;
  const b = second?.[1];
  const levelA = levelOf(a);
  const levelB = b === undefined ? undefined : levelOf(b);
  if (second && levelA && levelB) {
    return order === 'level-first'
      ? { time, level: levelA, server: b, message: rest.slice(second[0].length) }
      : { time, level: levelB, server: a, message: rest.slice(second[0].length) };
  }
  if (second && levelA)
    return { time, level: levelA, server: b, message: rest.slice(second[0].length) };
  if (second && levelB)
    return { time, level: levelB, server: a, message: rest.slice(second[0].length) };
  // `<ts> [level] message` (main.log style) or `<ts> [server] message` (raw, no level).
  if (levelA) return { time, level: levelA, server: undefined, message: rest };
  return { time, level: 'info', server: a, message: rest };
}

/** Cuts a line to {@link MAX_LINE_CHARS}, saying how much was dropped. */
export function boundLine(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  return `${line.slice(0, MAX_LINE_CHARS)}… (${line.length - MAX_LINE_CHARS} more characters)`;
}

/** Splits text into lines, without `\r` of CRLF endings. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const METADATA_ONE_LINE = /\s\{\s*metadata:\s*([^\n]*?)\s*\}\s*$/;
const JSON_SUFFIX = /:\s*(\{.*\}|\[.*\])\s*$/;

/**
 * Builds a record from its head and continuation lines: strips the trailing `{ metadata: … }`
 * (on the head line, or opened there with ` {` and closed by a `}` line) into `metadata`, and
 * keeps a JSON value ending the message in `json`.
 */
export function buildRecord(head: Head, continuation: string[], file: string): LogRecord {
  let message = head.message;
  let rest = continuation;
  let metadata: string | undefined;
  const oneLine = METADATA_ONE_LINE.exec(message);
  if (oneLine) {
    metadata = oneLine[1];
    message = message.slice(0, oneLine.index);
  } else if (/\s\{\s*$/.test(message) && /^\s+metadata:/.test(rest[0] ?? '')) {
    const close = rest.findIndex((l) => /^\}\s*$/.test(l));
    if (close > 0) {
      metadata = rest
        .slice(0, close)
        .join('\n')
        .replace(/^\s+metadata:\s*/, '');
      rest = rest.slice(close + 1);
      message = message.replace(/\s\{\s*$/, '');
    }
  }
  const record: LogRecord = {
    time: head.time,
    level: head.level,
    server: head.server,
    message,
    continuation: rest,
    file,
  };
  if (metadata !== undefined) record.metadata = metadata;
  const json = jsonSuffix(message);
  if (json !== undefined) record.json = json;
  return record;
}

function jsonSuffix(message: string): string | undefined {
  const m = JSON_SUFFIX.exec(message);
  if (!m) return undefined;
  try {
    JSON.parse(m[1]!);
    return m[1];
  } catch {
    return undefined;
  }
}

/**
 * Groups Claude Desktop log lines into records. Lines before the first timestamp (the rest
 * of a record that began earlier in the file) become a record of their own with no time.
 */
export function parseDesktopLines(
  lines: readonly string[],
  file: string,
  order: FieldOrder,
): LogRecord[] {
  const records: LogRecord[] = [];
  let head: Head | undefined;
  let continuation: string[] = [];
  let dropped = 0;
  const flush = () => {
    // Blank lines at the end of a record (the file's final newline) are no content.
    while (continuation.length > 0 && continuation[continuation.length - 1] === '') {
      continuation.pop();
    }
    if (dropped > 0) continuation.push(`… (${dropped} more lines)`);
    if (head) records.push(buildRecord(head, continuation, file));
    else if (continuation.length > 0) {
      records.push({
        time: undefined,
        level: 'info',
        server: undefined,
        message: '',
        continuation,
        file,
      });
    }
    continuation = [];
    dropped = 0;
  };
  for (const raw of lines) {
    const line = boundLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    const next = parseDesktopHead(line, order);
    if (next) {
      flush();
      head = next;
    } else if (head || line !== '' || continuation.length > 0) {
      if (continuation.length < MAX_CONTINUATION_LINES) continuation.push(line);
      else dropped++;
    }
  }
  flush();
  return records;
}

const CODE_LEVELS: ReadonlyArray<[string, LogLevel]> = [
  ['error', 'error'],
  ['warn', 'warn'],
  ['warning', 'warn'],
  ['info', 'info'],
  ['debug', 'debug'],
];

/**
 * Parses one line of a Claude Code `mcp-logs-<name>/*.jsonl` file; undefined for a line that
 * is not such a JSON object. A multi-line message (a stack) keeps its first line as the message.
 */
export function parseCodeLine(line: string, server: string, file: string): LogRecord | undefined {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!text.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  const found = CODE_LEVELS.find(([key]) => typeof object[key] === 'string');
  if (!found) return undefined;
  const time = typeof object.timestamp === 'string' ? parseTimestamp(object.timestamp) : undefined;
  const [first = '', ...rest] = splitLines(object[found[0]] as string);
  const record: LogRecord = {
    time,
    level: found[1],
    server,
    message: boundLine(first),
    continuation: rest.slice(0, MAX_CONTINUATION_LINES).map(boundLine),
    file,
  };
  const json = jsonSuffix(record.message);
  if (json !== undefined) record.json = json;
  return record;
}
