import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from './lock-break.js';

/** Temp files of a process older than this are leftovers, whatever their pid says. */
const MAX_TEMP_AGE_MS = 60 * 60 * 1000;

/** Options of {@link sweepTempFiles}. */
export interface SweepOptions {
  /** Current time in ms (default `Date.now()`). */
  now?: number;
  /** Temp files older than this are removed even if their pid runs (default one hour). */
  maxAgeMs?: number;
}

/**
 * Removes our own temp files for the file named `base` left in `dir` by processes that
 * died: `.<base>.<pid>.<12 hex>.tmp` (and `.<base>.lock….<pid>.<hex>.tmp` of the lock)
 * whose pid no longer runs on this machine, or that are older than an hour. Call it while
 * holding the file's lock, when no temp file of a live writer can be in flight. Returns
 * how many were removed; errors are ignored (a leftover is harmless, only space).
 */
export function sweepTempFiles(dir: string, base: string, options: SweepOptions = {}): number {
  const { now = Date.now(), maxAgeMs = MAX_TEMP_AGE_MS } = options;
  const pattern = new RegExp(
    `^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.lock[^/]*)?\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`,
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    const pid = Number(match[1]);
    try {
      const old = now - statSync(file).mtimeMs > maxAgeMs;
      if (pid === process.pid || (isAlive(pid) && !old)) continue;
      rmSync(file, { force: true });
      removed++;
    } catch {
      // Removed by someone else meanwhile.
    }
  }
  return removed;
}
