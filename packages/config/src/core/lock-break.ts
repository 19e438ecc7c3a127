// Judging and breaking locks left behind, so that no live lock is ever removed.
//
// Why a live lock is never removed by us: a lock (or claim) is removed only by (a) its
// owner, after checking that the owner file still holds its own token, or (b) the one
// process that created `<path>.break-<identity>` with O_EXCL, and only after re-reading,
// under that claim, that the instance at `path` still has `identity`. An instance with a
// given identity can only disappear through (a) or (b): its owner is dead or silent (that
// is what made it stale), and every other breaker needs the claim we hold. So when the
// re-check matches, the instance is still the stale one and stays so until we remove it. A
// breaker that judged it stale earlier and gets the claim later finds another identity (the
// lock changed hands, or is gone) and backs off. Identities never repeat: a token is
// random; a folder without owner is known by inode and nanosecond mtime, and a new folder
// has a fresh mtime. What remains outside our control: Claude Code's own stale-breaking
// (proper-lockfile: stat, then rmdir) could remove and re-create an ownerless folder in the
// microseconds between our re-check and our rmdir, and our owner file makes its rmdir fail
// on a lock of ours (which protects a live lock of ours, and keeps a crashed one until our
// next write removes it).
import {
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { codeOf, randomHex } from './io.js';

/** The owner file inside a lock folder of ours. */
export const OWNER_FILE = 'owner';

/** Who holds a lock of ours, or a claim to break one. */
export interface LockRecord {
  /** Process id on `host`. */
  pid: number;
  /** `os.hostname()` of the holder. */
  host: string;
  /** Random token of this holding; names the lock instance. */
  token: string;
}

/** A lock found at a lock path. */
export interface LockState {
  /**
   * `owned`: a lock folder with our owner file; `folder`: a lock folder without one (Claude
   * Code's, or ours interrupted before the owner file was written); `file`: anything else
   * at that path, such as the lock file of earlier mcp-config versions.
   */
  kind: 'owned' | 'folder' | 'file';
  /** Names this instance: a new lock at the same path never has the same identity. */
  identity: string;
  /** Modification time: holders refresh it while they hold the lock. */
  mtimeMs: number;
  /** The owner file's content, for `owned`. */
  owner?: LockRecord;
}

/** How locks are judged. */
export interface JudgeOptions {
  /** This machine's name. */
  host: string;
  /** A lock without a live owner on this machine is stale when its mtime is older than this. */
  staleMs: number;
}

/** Claims are held for milliseconds; one from another machine older than this is abandoned. */
const CLAIM_STALE_MS = 30_000;

/** What is at `lock` now, or undefined when nothing is. */
export function inspectLock(lock: string): LockState | undefined {
  let stat;
  try {
    stat = lstatSync(lock, { bigint: true });
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
  const mtimeMs = Number(stat.mtimeMs);
  if (stat.isDirectory()) {
    const owner = readRecord(path.join(lock, OWNER_FILE));
    if (owner) return { kind: 'owned', identity: `t${owner.token}`, mtimeMs, owner };
    return { kind: 'folder', identity: `d${stat.ino}-${stat.mtimeNs}`, mtimeMs };
  }
  return { kind: 'file', identity: `f${stat.ino}-${stat.mtimeNs}`, mtimeMs };
}

/**
 * Whether a lock may be broken: ours from this machine when its process is dead (at once);
 * anything else (another machine, no owner file, a lock file) when its mtime is older than
 * `staleMs`, as Claude Code's proper-lockfile judges. A live process here is never stale.
 */
export function isStale(state: LockState, options: JudgeOptions, now = Date.now()): boolean {
  if (state.owner && state.owner.host === options.host) return !isAlive(state.owner.pid);
  return now - state.mtimeMs > options.staleMs;
}

/** Outcome of {@link breakLock}: removed it; another process is breaking it; it changed. */
export type BreakOutcome = 'removed' | 'busy' | 'changed';

/** Breaks the stale lock instance `state` at `lock` (see the comment at the top). */
export function breakLock(lock: string, state: LockState, options: JudgeOptions): BreakOutcome {
  return breakInstance(lock, state.identity, options, {
    identify: (p) => inspectLock(p)?.identity,
    remove: removeLockPath,
  });
}

/**
 * Creates `file` with `content`, complete from its first instant, only if it does not
 * exist: a temp file is written and hard-linked to the name (link fails on an existing name).
 */
export function createExclusive(
  file: string,
  content: string,
  write: (temp: string, data: string) => void = (t, d) => writeFileSync(t, d, { flag: 'wx' }),
): boolean {
  const temp = tempNameFor(file);
  try {
    write(temp, content);
    linkSync(temp, file);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** `.<name>.<pid>.<12 hex>.tmp` beside `file`: the temp-file names the sweeper knows. */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomHex()}.tmp`);
}

/** The record in a lock's owner file or a claim, or undefined when missing or unreadable. */
export function readRecord(file: string): LockRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockRecord>;
    if (
      typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.token === 'string' &&
      /^[0-9a-f]{8,64}$/.test(value.token)
    ) {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // Missing, a folder, or not ours: judged by age instead.
  }
  return undefined;
}

/**
 * Removes claims left by processes that died while breaking a lock at `lock`, each through
 * the same claim protocol; called by the holder of the lock.
 */
export function sweepClaims(lock: string, options: JudgeOptions): void {
  const prefix = `${path.basename(lock)}.break-`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(lock));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix)) clearStaleClaim(path.join(path.dirname(lock), name), options);
  }
}

/** Whether a process with this id runs on this machine. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

interface Instance {
  identify(file: string): string | undefined;
  remove(file: string): void;
}

function breakInstance(
  file: string,
  identity: string,
  options: JudgeOptions,
  instance: Instance,
): BreakOutcome {
  const claim = `${file}.break-${identity}`;
  const record: LockRecord = { pid: process.pid, host: options.host, token: randomHex() };
  if (!createExclusive(claim, JSON.stringify(record))) {
    clearStaleClaim(claim, options);
    return 'busy';
  }
  try {
    if (instance.identify(file) !== identity) return 'changed';
    instance.remove(file);
    return 'removed';
  } finally {
    rmSync(claim, { force: true });
  }
}

/** A claim whose claimer died (or, from another machine, that is old) is broken in turn. */
function clearStaleClaim(claim: string, options: JudgeOptions): void {
  let stat;
  try {
    stat = statSync(claim, { bigint: true });
  } catch {
    return;
  }
  const record = readRecord(claim);
  const stale =
    record && record.host === options.host
      ? !isAlive(record.pid)
      : Date.now() - Number(stat.mtimeMs) > CLAIM_STALE_MS;
  if (!stale) return;
  const identity = record ? `t${record.token}` : `f${stat.ino}-${stat.mtimeNs}`;
  breakInstance(claim, identity, options, {
    identify: identifyClaim,
    remove: (p) => rmSync(p, { force: true }),
  });
}

function identifyClaim(claim: string): string | undefined {
  const record = readRecord(claim);
  if (record) return `t${record.token}`;
  try {
    const stat = statSync(claim, { bigint: true });
    return `f${stat.ino}-${stat.mtimeNs}`;
  } catch {
    return undefined;
  }
}

/** Removes a lock folder (our owner file and owner temp files first) or a lock file. */
function removeLockPath(lock: string): void {
  if (!lstatSync(lock).isDirectory()) {
    unlinkSync(lock);
    return;
  }
  for (const name of readdirSync(lock)) {
    // Only what our own lock folders hold; anything else makes rmdir fail below.
    if (name === OWNER_FILE || /^\.owner\.\d+\.[0-9a-f]+\.tmp$/.test(name)) {
      rmSync(path.join(lock, name), { force: true });
    }
  }
  rmdirSync(lock);
}
