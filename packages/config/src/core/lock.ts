import fs from 'node:fs/promises';
import path from 'node:path';
import { editError } from './errors.js';
import { codeOf, ioError, randomHex, resolveTarget } from './io.js';

/** Options of {@link withConfigLock}. */
export interface LockOptions {
  /** How long to wait for another writer before giving up (default 5000 ms). */
  timeoutMs?: number;
  /** A lock older than this is abandoned and broken, even if its pid is alive (default 30000 ms). */
  staleMs?: number;
}

/**
 * Runs `fn` while holding an exclusive lock on `file` against other mcp-config processes:
 * `<file>.lock` (next to the symlink-resolved file) created with `O_EXCL`, holding the
 * owner's pid. Waits with a short growing backoff up to `timeoutMs`; a lock whose pid is
 * dead, or older than `staleMs`, is broken. Missing folders are created. The lock is
 * released (only if still ours) when `fn` settles. Put the whole read-modify-write in `fn`.
 */
export async function withConfigLock<T>(
  file: string,
  fn: () => T | Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { timeoutMs = 5000, staleMs = 30_000 } = options;
  const target = await resolveTarget(file);
  const lock = `${target}.lock`;
  await fs.mkdir(path.dirname(lock), { recursive: true }).catch((error: unknown) => {
    throw ioError(error, file);
  });
  const token = `${process.pid}\n${randomHex()}\n`;
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      await fs.writeFile(lock, token, { flag: 'wx' });
      break;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw ioError(error, file);
    }
    if (await breakStaleLock(lock, staleMs)) continue;
    if (Date.now() > deadline) {
      const owner = (await fs.readFile(lock, 'utf8').catch(() => '')).split('\n')[0];
      throw editError(
        'locked',
        file,
        `another process${owner ? ` (pid ${owner})` : ''} is changing this file and holds ${lock}; try again, or delete the lock file if no mcp-config is running`,
      );
    }
    await sleep(delay + Math.random() * delay);
  }
  try {
    return await fn();
  } finally {
    const current = await fs.readFile(lock, 'utf8').catch(() => undefined);
    if (current === token) await fs.rm(lock, { force: true });
  }
}

/** Breaks the lock if its owner is dead or it is too old; true when it is gone. */
async function breakStaleLock(lock: string, staleMs: number): Promise<boolean> {
  let content: string;
  let mtime: number;
  try {
    content = await fs.readFile(lock, 'utf8');
    mtime = (await fs.stat(lock)).mtimeMs;
  } catch (error) {
    return codeOf(error) === 'ENOENT';
  }
  const pid = Number(content.split('\n')[0]);
  const dead = Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  if (!dead && Date.now() - mtime < staleMs) return false;
  // Move it aside atomically; if another process took the lock meanwhile, put it back.
  const aside = `${lock}.stale-${randomHex()}`;
  try {
    await fs.rename(lock, aside);
  } catch (error) {
    return codeOf(error) === 'ENOENT';
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => content);
  if (moved !== content) await fs.link(aside, lock).catch(() => undefined);
  await fs.rm(aside, { force: true });
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
