// `logs -f`: after the tail, new records as they are written. A watch on each folder wakes the
// reader at once; a stat poll (100 ms) is the safety net where watching is unreliable (network
// folders, some containers). A file renamed away and created anew (a new inode) is read to its
// end and the new one from its start; a file that shrank (truncated) is read from its start;
// files that appear (a server's first log) are read from their start.
import { matchesFilter, type RecordFilter } from './filter.js';
import type { LogSource } from './sources.js';
import { parseLines } from './tail.js';
import type { LogFileHandle, LogFs, LogRecord } from './types.js';

/** Options of {@link followLogs}. */
export interface FollowOptions {
  /** File access (stat, open, watch). */
  fs: LogFs;
  /** The files to follow now; called at each poll, so new files are picked up. */
  listFiles: () => LogSource[];
  /** Folders to watch for changes (a change triggers a poll at once). */
  dirs: readonly string[];
  /** Where the tail stopped in each file; files not listed start at their current end. */
  start: ReadonlyMap<string, { size: number; ino: number }>;
  /** Which records to pass on. */
  filter: RecordFilter;
  /** Called with each new record, in the order read. */
  onRecord: (record: LogRecord) => void;
  /** Runs `fn` after `ms` milliseconds; returns a cancel function (setTimeout in the CLI). */
  schedule: (fn: () => void, ms: number) => () => void;
  /** Interval of the stat poll in ms (default 100). */
  pollMs?: number;
}

/** A running follow. */
export interface Follower {
  /** Reads whatever is new now (also called by the timer and the watchers). */
  poll(): void;
  /** Stops timers and watchers and closes the files. */
  stop(): void;
}

/** Bytes read from one file in one poll: a burst is spread over polls, the CLI stays responsive. */
const MAX_READ_PER_POLL = 8 * 1024 * 1024;
/** A line longer than this without a newline is cut (its start is printed). */
const MAX_PARTIAL = 1024 * 1024;

interface Tracked {
  source: LogSource;
  handle: LogFileHandle | undefined;
  ino: number;
  offset: number;
  partial: Buffer;
  last: LogRecord | undefined;
  lastShown: boolean;
}

/** Starts following; the first poll runs at once. */
export function followLogs(o: FollowOptions): Follower {
  const tracked = new Map<string, Tracked>();
  const pollMs = o.pollMs ?? 100;
  let stopped = false;
  let cancelTimer: (() => void) | undefined;
  const unwatch: (() => void)[] = [];

  const add = (source: LogSource, fromStart: boolean) => {
    const stat = o.fs.stat(source.path);
    if (!stat) return;
    const known = o.start.get(source.path);
    const atEnd = known && known.ino === stat.ino ? known.size : stat.size;
    tracked.set(source.path, {
      source,
      handle: undefined,
      ino: stat.ino,
      offset: fromStart ? 0 : Math.min(atEnd, stat.size),
      partial: Buffer.alloc(0),
      last: undefined,
      lastShown: false,
    });
  };
  for (const source of o.listFiles()) add(source, false);

  const emitLines = (t: Tracked, lines: string[]) => {
    if (lines.length === 0) return;
    for (const record of parseLines(lines, t.source)) {
      if (record.time === undefined && t.source.format === 'desktop') {
        // Lines without a timestamp continue the record read before them.
        if (t.last && t.lastShown) {
          o.onRecord({
            ...t.last,
            message: '',
            continuation: record.continuation,
            continued: true,
          });
        } else if (!t.last && !o.filter.minLevel && o.filter.since === undefined) {
          o.onRecord(record);
        }
        continue;
      }
      t.last = record;
      t.lastShown = matchesFilter(record, o.filter, t.source.server !== undefined);
      if (t.lastShown) o.onRecord(record);
    }
  };

  const readNew = (t: Tracked, handle: LogFileHandle, size: number) => {
    let budget = MAX_READ_PER_POLL;
    while (t.offset < size && budget > 0) {
      const length = Math.min(size - t.offset, 256 * 1024, budget);
      const bytes = handle.read(t.offset, length);
      if (bytes.length === 0) break;
      t.offset += bytes.length;
      budget -= bytes.length;
      const data = t.partial.length === 0 ? bytes : Buffer.concat([t.partial, bytes]);
      const lastNl = data.lastIndexOf(10);
      if (lastNl < 0) {
        t.partial = data.length > MAX_PARTIAL ? Buffer.alloc(0) : data;
        if (data.length > MAX_PARTIAL) emitLines(t, [data.toString('utf8', 0, MAX_PARTIAL)]);
        continue;
      }
      t.partial = Buffer.from(data.subarray(lastNl + 1));
      emitLines(t, data.toString('utf8', 0, lastNl).split('\n'));
    }
  };

  const pollFile = (path: string, t: Tracked) => {
    const stat = o.fs.stat(path);
    if (t.handle && (!stat || stat.ino !== t.ino)) {
      // Rotated or removed: what was written to the old file before it went is read first.
      try {
        readNew(t, t.handle, t.handle.stat().size);
      } catch {
        // The old file is gone for good.
      }
      t.handle.close();
      t.handle = undefined;
      t.partial = Buffer.alloc(0);
      if (!stat) {
        tracked.delete(path);
        return;
      }
      t.ino = stat.ino;
      t.offset = 0;
    }
    if (!stat || !stat.isFile) return;
    if (stat.ino !== t.ino) {
      t.ino = stat.ino;
      t.offset = 0;
      t.partial = Buffer.alloc(0);
    }
    if (stat.size < t.offset) {
      // Truncated: the file starts again.
      t.offset = 0;
      t.partial = Buffer.alloc(0);
    }
    if (stat.size === t.offset) return;
    t.handle ??= o.fs.open(path);
    readNew(t, t.handle, stat.size);
  };

  const poll = () => {
    if (stopped) return;
    for (const source of o.listFiles()) {
      if (!tracked.has(source.path)) add(source, true);
    }
    for (const [path, t] of tracked) {
      try {
        pollFile(path, t);
      } catch {
        // Unreadable for now (permissions, a race with rotation): the next poll tries again.
      }
    }
  };

  const tick = () => {
    poll();
    if (!stopped) cancelTimer = o.schedule(tick, pollMs);
  };
  for (const dir of o.dirs) {
    try {
      const close = o.fs.watch?.(dir, () => {
        if (!stopped) o.schedule(poll, 0);
      });
      if (close) unwatch.push(close);
    } catch {
      // Watching is an optimisation; the poll still runs.
    }
  }
  tick();

  return {
    poll,
    stop() {
      stopped = true;
      cancelTimer?.();
      for (const close of unwatch) close();
      for (const t of tracked.values()) t.handle?.close();
      tracked.clear();
    },
  };
}
