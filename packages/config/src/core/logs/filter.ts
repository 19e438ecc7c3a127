import { levelOf } from './parse.js';
import { LEVEL_RANK, type LogLevel, type LogRecord } from './types.js';

/** Which records to show. */
export interface RecordFilter {
  /** Only records at this level or above. */
  minLevel?: LogLevel;
  /** Only records written at or after this time (ms). */
  since?: number;
  /** Only records about this server (records of a file that is the server's own always are). */
  name?: string;
}

/** Whether a record passes the filter; `ownFile` when it was read from the server's own file. */
export function matchesFilter(record: LogRecord, filter: RecordFilter, ownFile: boolean): boolean {
  if (filter.minLevel && LEVEL_RANK[record.level] < LEVEL_RANK[filter.minLevel]) return false;
  if (filter.since !== undefined && (record.time === undefined || record.time < filter.since)) {
    return false;
  }
  if (filter.name !== undefined && !ownFile && record.server !== filter.name) return false;
  return true;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since`: a duration back from `now` (`30s`, `10m`, `2h`, `1d`) or an ISO date/time
 * (`2025-01-15`, `2025-01-15T10:23`, with or without a zone; without one it is local time).
 * undefined when it is neither.
 */
export function parseSince(text: string, now: number): number | undefined {
  const duration = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(text.trim());
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase()]!;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/** `--level`: debug, info, warn (or warning) or error; undefined for anything else. */
export function parseLevel(text: string): LogLevel | undefined {
  const level = levelOf(text);
  return level !== undefined &&
    ['debug', 'info', 'warn', 'warning', 'error'].includes(text.toLowerCase())
    ? level
    : undefined;
}
