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
import { codeOf, ioError, resolveTarget, syncFolder } from './io.js';
import { tempNameFor } from './lock-break.js';
import { withConfigLock } from './lock.js';
import type { HeldLock, LockOptions } from './lock.js';
import { decodeConfigBytes, readConfigBytes } from './read.js';
import type { FileSnapshot } from './read.js';
import { sweepTempFiles } from './sweep.js';

export { withConfigLock } from './lock.js';
export type { HeldLock, LockOptions } from './lock.js';
export { backupDirFor, backupHistory, checkBackup, listBackups } from './backup.js';
export type { BackupInfo, BackupState } from './backup.js';

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

/** A config file's text as read from disk. */
export interface ConfigFileText {
  /** The text (with its BOM, if any); `''` when the file does not exist. */
  text: string;
  /** Whether the file exists. */
  exists: boolean;
}

/** Options of {@link updateConfigFile}. */
export interface UpdateConfigOptions extends WriteConfigOptions, LockOptions {
  /** How often the update is re-applied when another program changes the file meanwhile (default 5). */
  maxAttempts?: number;
}

/** What {@link updateConfigFile} did. */
export interface UpdateConfigResult {
  /** Text before the change (`''` for a missing file). */
  oldText: string;
  /** Text after the change. */
  newText: string;
  /** Whether the file was written (false when the update changed nothing). */
  changed: boolean;
  /** Backup of the previous content, when one was taken. */
  backup?: string;
  /** Whether the file was created. */
  created: boolean;
  /** How many times the update was computed (more than 1 when another program wrote meanwhile). */
  attempts: number;
}

/**
 * Reads a config file as UTF-8, keeping its BOM. A missing file reads as `''` with
 * `exists: false`; bytes that are not UTF-8, special files and files over 64 MiB are
 * errors (see {@link readConfigBytes}).
 */
export async function readConfigFile(file: string): Promise<ConfigFileText> {
  const snapshot = readConfigBytes(file);
  if (!snapshot) return Promise.resolve({ text: '', exists: false });
  return Promise.resolve({ text: decodeConfigBytes(file, snapshot.bytes), exists: true });
}

/**
 * Replaces `file` with `content` atomically: a temp file in the same folder is written,
 * synced and renamed over the target, so a crash leaves the old or the new file, never a
 * mix. Symlinks are followed (the link stays, its target is replaced); the file mode (and,
 * as root, the owner) is kept; missing folders are created. A file with several hard links
 * is written in place instead (a rename would split the links), after its backup. An
 * existing file is first copied to a checksummed backup (see {@link writeBackup}). A file
 * whose mode has no write bit is refused unless `allowReadOnly`. Just before the rename the
 * file is checked again: if another program changed it since it was read here, nothing is
 * written and a `changed` error is thrown. On any error the temp file is removed and the
 * old file is untouched. Call it inside {@link withConfigLock}.
 */
export async function writeConfigFile(
  file: string,
  content: string | Uint8Array,
  options: WriteConfigOptions,
): Promise<WriteConfigResult> {
  const target = await resolveTarget(file);
  const before = snapshotOf(target, file);
  const written = await replace(file, target, before, toBytes(content), options);
  if (!written) throw changedError(file, 1);
  return written;
}

/**
 * Reads `file`, applies `update` to its text (`''` when missing) and writes the result, all
 * under {@link withConfigLock}, so concurrent updates all land. Nothing is written when the
 * text does not change. `update` may throw to abort. Programs that take no lock (editors,
 * Claude Desktop, Cursor…) are met optimistically: if the file changed between the read and
 * the rename, the update is applied again to the new content, up to `maxAttempts` times,
 * then a `changed` error — another program's change is never overwritten. Leftover temp
 * files of crashed writers are removed first.
 */
export async function updateConfigFile(
  file: string,
  update: (text: string, exists: boolean) => string,
  options: UpdateConfigOptions,
): Promise<UpdateConfigResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  return withConfigLock(
    file,
    async (lock) => {
      options.onStep?.('locked');
      const target = await resolveTarget(file);
      sweepTempFiles(path.dirname(target), path.basename(target));
      sweepTempFiles(options.backupDir, path.basename(target));
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const before = snapshotOf(target, file);
        const oldText = before ? decodeConfigBytes(file, before.bytes) : '';
        const newText = update(oldText, before !== undefined);
        if (before && newText === oldText) {
          return { oldText, newText, changed: false, created: false, attempts: attempt };
        }
        const written = await replace(file, target, before, toBytes(newText), options, lock);
        if (!written) {
          // Let the other program finish its burst of writes before reading again.
          await sleep((5 + Math.random() * 10) * 2 ** attempt);
          continue;
        }
        return {
          oldText,
          newText,
          changed: true,
          created: written.created,
          attempts: attempt,
          ...(written.backup ? { backup: written.backup } : {}),
        };
      }
      throw changedError(file, maxAttempts);
    },
    options,
  );
}

/** Options of {@link restoreBackup}. */
export interface RestoreBackupOptions extends UpdateConfigOptions {
  /** The backup to put back (a path from {@link listBackups}). */
  backup: string;
}

/**
 * Puts a backup's bytes back into `file`, atomically and under the lock; the current file
 * is itself backed up first, so a restore can be undone.
 */
export async function restoreBackup(
  file: string,
  options: RestoreBackupOptions,
): Promise<WriteConfigResult> {
  const snapshot = readConfigBytes(options.backup);
  if (!snapshot) throw editError('read-failed', options.backup, 'the backup does not exist');
  const text = decodeConfigBytes(options.backup, snapshot.bytes);
  const result = await updateConfigFile(file, () => text, options);
  return {
    target: await resolveTarget(file),
    created: result.created,
    ...(result.backup ? { backup: result.backup } : {}),
  };
}

/** The file's bytes, read through the name as given (so that messages name it so). */
function snapshotOf(_target: string, file: string): FileSnapshot | undefined {
  return readConfigBytes(file);
}

/**
 * Writes `content` over `before` (undefined: the file did not exist). Returns undefined,
 * writing nothing, when the file is no longer `before` at the last moment.
 */
async function replace(
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

function changedError(file: string, attempts: number): ConfigError {
  return editError(
    'changed',
    file,
    `another program changed the file while this change was being written (${attempts} ${attempts === 1 ? 'time' : 'times'}); nothing was changed — run the command again once that program is done`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function toBytes(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}
