import { mkdirSync, rmdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import fs from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ConfigError } from '@mcpkit/shared/config-text';
import { editError } from './errors.js';
import { codeOf, describeIoError, ioError, randomHex, resolveTarget } from './io.js';
import {
  OWNER_FILE,
  breakLock,
  createExclusive,
  inspectLock,
  isStale,
  readRecord,
  sweepClaims,
} from './lock-break.js';
import type { JudgeOptions, LockRecord, LockState } from './lock-break.js';

/** Options of {@link withConfigLock}. */
export interface LockOptions {
  /**
   * Give up when the lock shows no progress for this long: it neither changes hands nor has
   * its mtime refreshed (default 30000 ms). There is no other deadline while holders live.
   */
  patienceMs?: number;
  /** Give up when one holder keeps the lock longer than this (default 120000 ms). */
  maxHoldMs?: number;
  /**
   * A lock without a live owner on this machine (Claude Code's, another machine's, a
   * crashed one without owner file) is stale when its mtime is older (default 10000 ms,
   * proper-lockfile's default, which Claude Code uses).
   */
  staleMs?: number;
  /** How often a held lock's mtime is refreshed (default 2000 ms). */
  refreshMs?: number;
  /** This machine's name (default `os.hostname()`). */
  host?: string;
  /** Writes the owner file's temp file (default: `writeFileSync` with `wx`); tests inject failures. */
  writeOwner?: (temp: string, data: string) => void;
}

/** The locks held while {@link withConfigLock}'s function runs. */
export interface HeldLock {
  /** Lock folders held, in the order taken. */
  readonly paths: readonly string[];
  /** Throws a `locked` {@link ConfigError} if a lock is no longer ours. */
  verify(): void;
}

interface Held {
  lock: string;
  token: string;
  lost: boolean;
}

/**
 * Runs `fn` while holding the lock of `file`, the protocol Claude Code uses for
 * `~/.claude.json` (proper-lockfile): a folder `<file>.lock` made with `mkdir` (it exists =
 * held), whose mtime the holder refreshes every `refreshMs`. The folder of `file` as given
 * is locked, then that of the symlink-resolved file when it differs (always in that order,
 * and the resolved one last, so two writers never wait on each other in a circle). Inside
 * the folder, an `owner` file (pid, host, random token; linked complete into place) says
 * it is ours; only its owner releases it. Waits with a growing jittered backoff as long as
 * holders make progress (see {@link LockOptions.patienceMs}); stale locks are broken
 * atomically with respect to other breakers (see lock-break.ts). Missing folders are created.
 */
export async function withConfigLock<T>(
  file: string,
  fn: (lock: HeldLock) => T | Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const settings = withDefaults(options);
  const given = path.resolve(file);
  const target = await resolveTarget(file);
  const paths = given === target ? [`${given}.lock`] : [`${given}.lock`, `${target}.lock`];
  const held: Held[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    for (const lock of paths) held.push(await acquire(lock, file, settings));
    for (const h of held) sweepClaims(h.lock, settings);
    timer = setInterval(() => refresh(held), settings.refreshMs);
    timer.unref();
    return await fn({
      paths,
      verify: () => {
        for (const h of held) {
          if (h.lost || readRecord(path.join(h.lock, OWNER_FILE))?.token !== h.token) {
            throw editError(
              'locked',
              file,
              `the lock ${h.lock} was taken away while this change was being written; nothing was changed`,
            );
          }
        }
      },
    });
  } finally {
    clearInterval(timer);
    for (const h of held.reverse()) release(h);
  }
}

type Settings = Required<Omit<LockOptions, 'writeOwner'>> &
  Pick<LockOptions, 'writeOwner'> &
  JudgeOptions;

function withDefaults(options: LockOptions): Settings {
  return {
    patienceMs: options.patienceMs ?? 30_000,
    maxHoldMs: options.maxHoldMs ?? 120_000,
    staleMs: options.staleMs ?? 10_000,
    refreshMs: options.refreshMs ?? 2_000,
    host: options.host ?? hostname(),
    writeOwner: options.writeOwner,
  };
}

async function acquire(lock: string, file: string, settings: Settings): Promise<Held> {
  await fs.mkdir(path.dirname(lock), { recursive: true }).catch((error: unknown) => {
    throw ioError(error, file);
  });
  const record: LockRecord = {
    pid: process.pid,
    host: settings.host,
    token: randomHex() + randomHex(),
  };
  let seen: LockState | undefined;
  const startedAt = Date.now();
  let progressAt = startedAt;
  let heldSince = progressAt;
  for (let delay = 5; ;) {
    if (tryTake(lock, record, file, settings)) return { lock, token: record.token, lost: false };
    const state = inspectLock(lock);
    if (!state) continue; // released in between: try again at once
    const now = Date.now();
    if (state.identity !== seen?.identity) {
      heldSince = now;
      progressAt = now;
    } else if (state.mtimeMs !== seen.mtimeMs) {
      progressAt = now;
    }
    seen = state;
    if (isStale(state, settings, now)) {
      if (breakOrExplain(lock, state, file, settings) !== 'busy') continue;
    } else if (now - progressAt > settings.patienceMs || now - heldSince > settings.maxHoldMs) {
      throw lockedError(lock, state, file, now - progressAt > settings.patienceMs, settings);
    }
    await sleep(delay / 2 + Math.random() * delay);
    // Newcomers poll fast at first; so that they do not starve long waiters, the cap shrinks
    // from 100 ms towards 10 ms as a waiter's own wait grows beyond 2 s.
    const cap = Math.max(10, 100 - Math.max(0, now - startedAt - 2000) / 100);
    delay = Math.min(delay * 1.5, cap);
  }
}

/**
 * One attempt: `mkdir` the lock folder, then link a complete owner file into it. Whoever
 * links the owner file first holds the lock — even if a stalled process and a newcomer both
 * made "a" folder at that path, only one owner file can be linked there.
 */
function tryTake(lock: string, record: LockRecord, file: string, settings: Settings): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw lockError(error, lock, file);
  }
  const made = statSync(lock).ino;
  try {
    if (createExclusive(path.join(lock, OWNER_FILE), JSON.stringify(record), settings.writeOwner)) {
      return true;
    }
    return false; // another process's owner file is in it: that process holds the lock
  } catch (error) {
    // Never leave a lock behind: remove the folder if it is still the empty one we made.
    try {
      if (statSync(lock).ino === made) rmdirSync(lock);
    } catch {
      // Gone already, or someone else's by now.
    }
    if (codeOf(error) === 'ENOENT') return false; // broken under us while stalled
    throw lockError(error, lock, file);
  }
}

function lockError(error: unknown, lock: string, file: string): ConfigError {
  const code = codeOf(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return ioError(error, file);
  return editError(
    'write-failed',
    file,
    `cannot take the lock ${lock}: ${describeIoError(error)}; nothing was changed`,
  );
}

function breakOrExplain(lock: string, state: LockState, file: string, settings: Settings) {
  try {
    return breakLock(lock, state, settings);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT') return 'changed';
    throw editError(
      'locked',
      file,
      `${lock} is ${describeHolder(state, settings)} and is stale, but cannot be removed: ${
        code === 'ENOTEMPTY' ? 'it holds files that are not mcp-config’s' : describeIoError(error)
      }; remove it by hand if no program is writing ${path.basename(file)}`,
    );
  }
}

function lockedError(
  lock: string,
  state: LockState,
  file: string,
  idle: boolean,
  settings: Settings,
): ConfigError {
  const how = idle
    ? `it has shown no progress for ${seconds(settings.patienceMs)}`
    : `it has been held for over ${seconds(settings.maxHoldMs)}`;
  return editError(
    'locked',
    file,
    `${lock} is ${describeHolder(state, settings)} and ${how}; nothing was changed. If that program is stuck, stop it and run the command again`,
  );
}

function seconds(ms: number): string {
  return `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
}

function describeHolder(state: LockState, settings: Settings): string {
  const { owner } = state;
  if (owner) {
    return owner.host === settings.host
      ? `held by mcp-config (pid ${owner.pid}, running)`
      : `held by mcp-config (pid ${owner.pid} on ${owner.host})`;
  }
  if (state.kind === 'folder') {
    return 'held by another program (a lock folder without owner file, as Claude Code takes while it saves)';
  }
  return 'a lock file of an earlier mcp-config version';
}

function refresh(held: readonly Held[]): void {
  const now = new Date();
  for (const h of held) {
    try {
      utimesSync(h.lock, now, now);
    } catch {
      h.lost = true;
    }
  }
}

function release(h: Held): void {
  const owner = path.join(h.lock, OWNER_FILE);
  // Only our own holding is removed; a lock broken and re-taken by another stays theirs.
  if (readRecord(owner)?.token !== h.token) return;
  try {
    rmSync(owner);
    rmdirSync(h.lock);
  } catch {
    // Left for the next writer to judge (by its dead pid, or its age).
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
