// What doctor quotes from a client's log: the last records about one server, and the last
// of them that says why it failed.
import type { ClientId } from '@mcpkit/shared/client-paths';
import { locateLogs } from './sources.js';
import { tailLogs } from './tail.js';
import type { LogFs, LogRecord } from './types.js';

export type { LogRecord } from './types.js';

/** Options of {@link recentServerRecords}. */
export interface RecentServerRecordsOptions {
  /** Whose logs (only claude-desktop and claude-code keep readable ones). */
  client: ClientId;
  /** The server's name as in the config (`mcp-server-<name>.log`, `[name]`, `mcp-logs-<name>`). */
  name: string;
  /** Target platform: decides where the logs are. */
  platform: NodeJS.Platform;
  /** Environment (APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME, XDG_CACHE_HOME). */
  env: Readonly<Record<string, string | undefined>>;
  /** Home folder of the user. */
  homedir: string;
  /** The folder Claude Code runs in (its logs are per folder). */
  cwd: string;
  /** File access (`createLogFs` from src/target/log-fs.ts on the real disk). */
  fs: LogFs;
  /** How many records at most (default 200). */
  max?: number;
}

/**
 * The last records about one server in the client's logs, oldest first: for Claude Desktop
 * its `mcp-server-<name>.log` and its `[name]` lines in `mcp.log`, for Claude Code its
 * `mcp-logs-<name>` session files. [] when the client keeps no readable log or none exists.
 * Reads only the ends of the files (at most 64 MiB each).
 */
export function recentServerRecords(options: RecentServerRecordsOptions): LogRecord[] {
  const location = locateLogs(options);
  if ('unreadable' in location) return [];
  return tailLogs(options.fs, location.files, {
    count: options.max ?? 200,
    filter: { name: options.name },
  }).records;
}

/** Messages that say a server failed, whatever level the client gave them. */
const FAILURE_PATTERNS: readonly RegExp[] = [
  /spawn \S+ ENOENT/i,
  /transport closed unexpectedly/i,
  /request timed out/i,
  /is not valid JSON/i,
  /Unexpected token/i,
  /Unexpected non-whitespace character after JSON/i,
  /Server disconnected/i,
  /Connection (?:failed|closed)/i,
  /exited with code [1-9]/i,
  /No module named/i,
  /Traceback \(most recent call last\)/,
];

/** Whether a record reports a failure (level error, or a known failure message). */
export function isFailureRecord(record: LogRecord): boolean {
  if (record.level === 'error') return true;
  const text = [record.message, ...record.continuation].join('\n');
  return FAILURE_PATTERNS.some((p) => p.test(text));
}

/**
 * The most recent record that says why the server failed: level error, or a message such as
 * `spawn npx ENOENT`, `Server transport closed unexpectedly`, `Request timed out`,
 * `… is not valid JSON` or `Server disconnected`. Records must be oldest first.
 */
export function lastServerError(records: readonly LogRecord[]): LogRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    if (isFailureRecord(records[i]!)) return records[i];
  }
  return undefined;
}
