import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { BigIntStats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@mcpkit/shared/config-text';
import { writeBackup } from './backup.js';
import type { BackupOptions } from './backup.js';
import { editError } from './errors.js';
import { codeOf, ioError, syncFolder } from './io.js';
import { tempNameFor } from './lock-break.js';
import type { HeldLock } from './lock.js';
import { readConfigBytes } from '@mcpkit/shared/read-config-file';
import type { FileSnapshot } from '@mcpkit/shared/read-config-file';

/** Steps of a write at which {@link WriteConfigOptions.onStep} is called. */
export type WriteStep = 'locked' | 'backup-written' | 'temp-written';

/** Options of {@link writeConfigFile}. */
export interface WriteConfigOptions extends Omit<BackupOptions, 'onWritten'> {
  /**
   * Called after the new content is written and synced, just before the final check and
   * the rename (with the temp file), or the in-place write of a hard-linked file (with the
   * file itself). Tests inject crashes and concurrent writers here.
   */
  beforeRename?: (tempFile: string) => void | Promise<void>;
  /** Called at each {@link WriteStep}; tests end the process there. */
  onStep?: (step: WriteStep) => void;
  /** Write a file whose mode has no write bit (it keeps its mode); refused otherwise. */
  allowReadOnly?: boolean;
}

/** What {@link writeConfigFile} did. */
export interface WriteConfigResult {
  /** The file actually replaced: `file` with symlinks resolved. */
  target: string;
  /** Backup of the previous content, when there was a previous file. */
  backup?: string;
  /** Whether the file did not exist before. */
  created: boolean;
}

/**
 * The last step of every write: backs up `before`, then writes `content` over it (by
 * rename, or in place for a hard-linked file), unless the file is no longer `before`.
 * Writes `content` over `before` (undefined: the file did not exist). Returns undefined,
 * writing nothing, when the file is no longer `before` at the last moment.
 */
export async function replace(
  file: string,
  target: string,
  before: FileSnapshot | undefined,
  content: Buffer,
  options: WriteConfigOptions,
  lock?: HeldLock,
): Promise<WriteConfigResult | undefined> {
  const dir = path.dirname(target);
  if (before) checkWritable(file, target, before.stat, options);
  else {
    await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw ioError(error, file);
    });
  }
  const backup = before
    ? writeBackup(target, before.bytes, {
        ...options,
        onWritten: () => options.onStep?.('backup-written'),
      })
    : undefined;
  const result = { target, created: !before, ...(backup ? { backup } : {}) };
  // A backup of content that another program replaced first is not ours to keep.
  const discard = () => {
    if (backup) rmSync(backup, { force: true });
    return undefined;
  };
  if (before && before.stat.nlink > 1n) {
    return (await writeInPlace(file, target, before, content, options, lock)) ? result : discard();
  }
  const temp = tempNameFor(target);
  let handle: fs.FileHandle | undefined;
  try {
    const mode = before ? Number(before.stat.mode) & 0o7777 : 0o666;
    handle = await fs.open(temp, 'wx', mode);
    if (before) {
      // open() applies the umask; chmod sets the mode exactly as it was.
      await handle.chmod(mode);
      if (process.getuid?.() === 0 && before.stat.uid !== 0n) {
        await handle.chown(Number(before.stat.uid), Number(before.stat.gid));
      }
    }
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    options.onStep?.('temp-written');
    await options.beforeRename?.(temp);
    lock?.verify();
    // From here on, synchronous calls back to back. A change by another program is caught
    // up to the final stat. What remains, as POSIX has no conditional rename: another
    // program's rename that completes between that stat and ours (our few microseconds,
    // plus the duration of its rename(2) in the kernel: ~0.1-0.4 ms on ext4; longer if
    // this process is descheduled right there), and an in-place rewrite to the same size
    // within one mtime tick after the content check. Creating a file uses link(2), which
    // fails if the name appeared meanwhile: no window there.
    if (!before) {
      try {
        linkSync(temp, target);
      } catch (error) {
        if (codeOf(error) === 'EEXIST') return discard();
        throw error;
      }
    } else {
      if (!unchanged(target, before)) return discard();
      renameSync(temp, target);
    }
  } catch (error) {
    throw error instanceof ConfigError ? error : ioError(error, file);
  } finally {
    await handle?.close().catch(() => undefined);
    rmSync(temp, { force: true });
  }
  syncFolder(dir);
  return result;
}

/**
 * Whether `target` still has the bytes of `before` (then the final `stat` narrows the window
 * for programs that write by rename: their file has another inode).
 */
function unchanged(target: string, before: FileSnapshot): boolean {
  const now = readConfigBytes(target);
  if (!now || !now.bytes.equals(before.bytes)) return false;
  return sameFile(statSync(target, { bigint: true }), now.stat);
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * A hard-linked file is rewritten through one descriptor: checked, written, truncated and
 * synced. Not atomic (a crash can leave it torn), which is why its backup is taken first.
 */
async function writeInPlace(
  file: string,
  target: string,
  before: FileSnapshot,
  content: Buffer,
  options: WriteConfigOptions,
  lock?: HeldLock,
): Promise<boolean> {
  await options.beforeRename?.(target);
  lock?.verify();
  let fd: number | undefined;
  try {
    fd = openSync(target, constants.O_RDWR | constants.O_NONBLOCK);
    const stat = fstatSync(fd, { bigint: true });
    if (stat.ino !== before.stat.ino || stat.size !== before.stat.size) return false;
    const current = Buffer.alloc(Number(stat.size));
    for (let at = 0; at < current.length;) {
      const n = readSync(fd, current, at, current.length - at, at);
      if (n === 0) break;
      at += n;
    }
    if (!current.equals(before.bytes)) return false;
    for (let at = 0; at < content.length;) at += writeSync(fd, content, at, undefined, at);
    ftruncateSync(fd, content.length);
    fsyncSync(fd);
    return true;
  } catch (error) {
    throw ioError(error, file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function checkWritable(
  file: string,
  target: string,
  stat: BigIntStats,
  options: WriteConfigOptions,
): void {
  if (options.allowReadOnly) return;
  const mode = Number(stat.mode) & 0o777;
  // Checked on the mode itself: root passes every access() check.
  if ((mode & 0o222) === 0) {
    throw editError(
      'read-only-file',
      file,
      `the file is read-only (mode ${mode.toString(8).padStart(4, '0')}); nothing was changed`,
    );
  }
  try {
    // Another user's file: write bits, but not for us.
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw ioError(error, file);
  }
}
