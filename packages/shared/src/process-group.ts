import { spawnSync } from 'node:child_process';

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

/** Whether any process of the group led by `pid` still exists (POSIX; false on Windows). */
export function groupAlive(pid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    // EPERM: a member exists but belongs to someone else (it changed its uid).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves true once the group led by `pid` is gone, false after `ms` (polled). */
export async function waitGroupGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let delay = 5; groupAlive(pid); delay = Math.min(delay * 2, 50)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay).unref());
  }
  return true;
}
