import path from 'node:path';
import type { ConfigError } from '@mcpkit/shared/config-text';
import { checkBackup } from './backup.js';
import { editError } from './errors.js';
import { resolveTarget } from './io.js';
import { withConfigLock } from './lock.js';
import type { LockOptions } from './lock.js';
import { decodeConfigBytes, readConfigBytes } from '@mcpkit/shared/read-config-file';
import type { FileSnapshot } from '@mcpkit/shared/read-config-file';
import { replace } from './replace.js';
import type { WriteConfigOptions, WriteConfigResult } from './replace.js';
import { sweepTempFiles } from './sweep.js';

export { withConfigLock } from './lock.js';
export type { HeldLock, LockOptions } from './lock.js';
export { backupDirFor, backupHistory, checkBackup, listBackups } from './backup.js';
export type { BackupInfo, BackupState } from './backup.js';
export type { WriteConfigOptions, WriteConfigResult, WriteStep } from './replace.js';

/** A config file's text as read from disk. */
export interface ConfigFileText {
  /** The text (with its BOM, if any); `''` when the file does not exist. */
  text: string;
  /** Whether the file exists. */
  exists: boolean;
}

/** Options of {@link updateConfigFile}. */
export interface UpdateConfigOptions extends WriteConfigOptions, LockOptions {
  /** How often the update is re-applied when another program changes the file meanwhile (default 24). */
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
  const before = snapshotOf(file);
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
  const maxAttempts = options.maxAttempts ?? 24;
  return withConfigLock(
    file,
    async (lock) => {
      options.onStep?.('locked');
      const target = await resolveTarget(file);
      sweepTempFiles(path.dirname(target), path.basename(target));
      const given = path.resolve(file);
      if (given !== target) sweepTempFiles(path.dirname(given), path.basename(given));
      sweepTempFiles(options.backupDir, path.basename(target));
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const before = snapshotOf(file);
        const oldText = before ? decodeConfigBytes(file, before.bytes) : '';
        const newText = update(oldText, before !== undefined);
        if (before && newText === oldText) {
          return { oldText, newText, changed: false, created: false, attempts: attempt };
        }
        const written = await replace(file, target, before, toBytes(newText), options, lock);
        if (!written) {
          // Let the other program finish its burst of writes before reading again, at a
          // random phase (at most 0.25 s a wait: about 5 s in all before giving up). A program
          // that rewrites the file every few ms on a busy machine needs many tries, not
          // longer waits: each try succeeds when no write falls inside its short window.
          await sleep(Math.min(250, (5 + Math.random() * 10) * 2 ** attempt) * Math.random());
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
  if (checkBackup(options.backup) === 'damaged') {
    throw editError(
      'read-failed',
      options.backup,
      'the backup is damaged: its content no longer matches the checksum in its name',
    );
  }
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
function snapshotOf(file: string): FileSnapshot | undefined {
  return readConfigBytes(file);
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
