// The last records of log files without reading them whole: chunks are read backwards from the
// end until enough records are complete. A 1 GB mcp.log costs a few reads of 64 KiB.
import { matchesFilter, type RecordFilter } from './filter.js';
import { MAX_LINE_CHARS, parseCodeLine, parseDesktopHead, parseDesktopLines } from './parse.js';
import type { LogSource } from './sources.js';
import type { LogFs, LogFileHandle, LogRecord } from './types.js';

/** Options of {@link tailLogs}. */
export interface TailOptions {
  /** How many records (not lines) to return. */
  count: number;
  /** Which records count (level, time, server). */
  filter?: RecordFilter;
  /** Bytes read at a time (default 64 KiB). */
  chunkSize?: number;
  /** At most this many bytes are read from each stream of files (default 64 MiB). */
  maxBytesPerStream?: number;
}

/** What {@link tailLogs} found. */
export interface TailResult {
  /** The last records, oldest first; equal times keep the order of the files. */
  records: LogRecord[];
  /** Bytes read from all files. */
  bytesRead: number;
  /** A stream was not searched to its start because of `maxBytesPerStream`. */
  limited: boolean;
  /** Where each file's end was when it was read: following starts there. */
  ends: Map<string, { size: number; ino: number }>;
}

const DEFAULT_CHUNK = 64 * 1024;
const MAX_CHUNK = 1024 * 1024;
const DEFAULT_BUDGET = 64 * 1024 * 1024;

/** The last `count` records of the given files that pass the filter, merged by time. */
export function tailLogs(
  fs: LogFs,
  sources: readonly LogSource[],
  options: TailOptions,
): TailResult {
  const result: TailResult = { records: [], bytesRead: 0, limited: false, ends: new Map() };
  const streams = new Map<string, LogSource[]>();
  for (const s of sources) streams.set(s.stream, [...(streams.get(s.stream) ?? []), s]);
  const lists: LogRecord[][] = [];
  for (const files of streams.values()) {
    let budget = options.maxBytesPerStream ?? DEFAULT_BUDGET;
    const found: LogRecord[][] = [];
    let count = 0;
    // Newest file first; older ones only while records are still wanted.
    for (const source of [...files].reverse()) {
      if (count >= options.count || budget <= 0) {
        if (budget <= 0) result.limited = true;
        const stat = fs.stat(source.path);
        if (stat) result.ends.set(source.path, { size: stat.size, ino: stat.ino });
        continue;
      }
      let handle: LogFileHandle;
      try {
        handle = fs.open(source.path);
      } catch {
        continue;
      }
      try {
        const stat = handle.stat();
        result.ends.set(source.path, { size: stat.size, ino: stat.ino });
        const file = tailFile(handle, stat.size, source, options.count - count, options, budget);
        result.bytesRead += file.bytesRead;
        budget -= file.bytesRead;
        if (file.limited) result.limited = true;
        found.unshift(file.records);
        count += file.records.length;
        if (file.passedSince) break;
      } finally {
        handle.close();
      }
    }
    lists.push(found.flat());
  }
  result.records = mergeByTime(lists).slice(-options.count);
  if (options.count <= 0) result.records = [];
  return result;
}

/**
 * Merges lists that are each in time order into one, stably: records of equal time keep the
 * order of the lists. Records without a time (lines before a file's first timestamp) sort first.
 */
export function mergeByTime(lists: readonly (readonly LogRecord[])[]): LogRecord[] {
  const all = lists.flatMap((list, i) => list.map((record, j) => ({ record, i, j })));
  all.sort(
    (a, b) => (a.record.time ?? -Infinity) - (b.record.time ?? -Infinity) || a.i - b.i || a.j - b.j,
  );
  return all.map((x) => x.record);
}

interface FileTail {
  records: LogRecord[];
  bytesRead: number;
  limited: boolean;
  /** A record older than `since` was reached: older files need not be read. */
  passedSince: boolean;
}

/** Parses complete lines into records of the source's format. */
export function parseLines(lines: string[], source: LogSource): LogRecord[] {
  if (source.format === 'code') {
    return lines.flatMap((l) => parseCodeLine(l, source.server ?? '', source.path) ?? []);
  }
  const records = parseDesktopLines(lines, source.path, source.order ?? 'level-first');
  if (source.server !== undefined) {
    for (const r of records) r.server ??= source.server;
  }
  return records;
}

function tailFile(
  handle: LogFileHandle,
  size: number,
  source: LogSource,
  want: number,
  options: TailOptions,
  budget: number,
): FileTail {
  const out: FileTail = { records: [], bytesRead: 0, limited: false, passedSince: false };
  const since = options.filter?.since;
  let chunk = options.chunkSize ?? DEFAULT_CHUNK;
  let pos = size;
  let pending: Buffer = Buffer.alloc(0);
  let found: LogRecord[][] = [];
  let count = 0;
  while (pos > 0 && count < want) {
    if (out.bytesRead >= budget) {
      out.limited = true;
      break;
    }
    const length = Math.min(chunk, pos, budget - out.bytesRead);
    pos -= length;
    const bytes = handle.read(pos, length);
    out.bytesRead += bytes.length;
    const data = pending.length === 0 ? bytes : Buffer.concat([bytes, pending]);
    // Before the first newline the line is cut (unless the file starts here).
    let start = 0;
    if (pos > 0) {
      const nl = data.indexOf(10);
      if (nl < 0) {
        pending = data;
        chunk = Math.min(chunk * 2, MAX_CHUNK);
        continue;
      }
      start = nl + 1;
    }
    const lines = splitBytes(data, start);
    // A Claude Desktop record is complete from its timestamped line on: lines before the
    // first one belong to a record that starts earlier in the file.
    let first = 0;
    if (pos > 0 && source.format === 'desktop') {
      first = lines.findIndex((l) => parseDesktopHead(l.text, 'level-first') !== undefined);
      if (first < 0) {
        pending = data;
        continue;
      }
    }
    pending = data.subarray(0, lines[first]?.offset ?? data.length);
    const parsed = parseLines(
      lines.slice(first).map((l) => l.text),
      source,
    );
    const ownFile = source.server !== undefined;
    const accepted = parsed.filter((r) => matchesFilter(r, options.filter ?? {}, ownFile));
    found.unshift(accepted);
    count += accepted.length;
    if (since !== undefined && parsed.some((r) => r.time !== undefined && r.time < since)) {
      out.passedSince = true;
      break;
    }
  }
  found = [found.flat().slice(-want)];
  out.records = found[0]!;
  return out;
}

/** The lines of `data` from `start`, each with its byte offset; a final partial line counts. */
function splitBytes(data: Buffer, start: number): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let at = start;
  while (at < data.length) {
    const nl = data.indexOf(10, at);
    const end = nl < 0 ? data.length : nl;
    // Decoding is bounded: a line of megabytes is cut, not copied whole into a string.
    const cut = Math.min(end, at + MAX_LINE_CHARS * 4);
    let text = data.toString('utf8', at, cut);
    if (cut < end) text += `… (${end - cut} more bytes)`;
    lines.push({ text: text.endsWith('\r') ? text.slice(0, -1) : text, offset: at });
    at = end + 1;
  }
  return lines;
}
