import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The process groups of the servers this process started and has not yet seen end: each
 * server runs in a group of its own (POSIX; on Windows, its process tree), so stopping the
 * group stops whatever the server started too.
 */
const live = new Set<number>();
let exitHookInstalled = false;

/**
 * Remembers the group of a server started with `detached: true` (its pid is the group id)
 * until {@link forgetGroup}. Should this process exit first — normally, on an uncaught
 * error or through `process.exit()` — every remembered group gets SIGKILL on the way out.
 */
export function trackGroup(pid: number): void {
  live.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killTrackedGroups);
  }
}

/** Stops remembering a group (it is gone, or was stopped). */
export function forgetGroup(pid: number): void {
  live.delete(pid);
}

/** SIGKILL to every tracked group, synchronously (safe in an `exit` handler). */
export function killTrackedGroups(): void {
  for (const pid of live) signalGroup(pid, 'SIGKILL');
  live.clear();
}

/**
 * Sends `signal` to the whole group led by `pid` — even when the leader has already exited,
 * as long as a member lives (the group id is not reused while any member exists). On Windows
 * the tree is ended with `taskkill /T /F` (there is no SIGTERM; the leader must still run for
 * the tree to be found). Returns false when nothing was there to signal.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (process.platform === 'win32') {
    const result = spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], {
      stdio: 'ignore',
      windowsHide: true,
    });
    return result.status === 0;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether any process of the group led by `pid` still runs (POSIX; false on Windows). A
 * member that has exited but not yet been reaped (a zombie waiting for init) does not count:
 * on Linux the group's members are looked up in /proc when a signal says it is not empty.
 */
export function groupAlive(pid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pid, 0);
  } catch (error) {
    // EPERM: a member exists but belongs to someone else (it changed its uid).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    return readdirSync('/proc').some((entry) => /^\d+$/.test(entry) && runsInGroup(entry, pid));
  } catch {
    return true;
  }
}

/** Whether /proc/<entry> is a live (not zombie) process in group `group`. */
function runsInGroup(entry: string, group: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
  } catch {
    return false;
  }
  // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
  const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(pgrp) === group && state !== 'Z' && state !== 'X';
}

/** Resolves true once the group led by `pid` is gone, false after `ms` (polled). */
export async function waitGroupGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let delay = 5; groupAlive(pid); delay = Math.min(delay * 2, 50)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return true;
}
