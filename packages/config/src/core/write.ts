import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@mcpkit/shared/config-text';
import { editError } from './errors.js';
import { codeOf, describeIoError, ioError, randomHex, resolveTarget } from './io.js';
import { withConfigLock } from './lock.js';
import type { LockOptions } from './lock.js';

export { withConfigLock } from './lock.js';
export type { LockOptions } from './lock.js';

/** Options of {@link writeConfigFile}. */
export interface WriteConfigOptions {
  /** Folder for this file's backups (see {@link backupDirFor}); created when missing. */
  backupDir: string;
  /** Backups of this file to keep; the oldest beyond it are deleted (default 20). */
  maxBackups?: number;
  /** Clock for backup names. */
  now?: () => Date;
  /** Called after the temp file is written and synced, just before the rename (tests inject crashes here). */
  beforeRename?: (tempFile: string) => void | Promise<void>;
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

/** One backup of a config file. */
export interface BackupInfo {
  /** Absolute path of the backup. */
  file: string;
  /** When it was taken (from its name). */
  date: Date;
  /** Size in bytes. */
  size: number;
}

/** Options of {@link updateConfigFile}. */
export type UpdateConfigOptions = WriteConfigOptions & LockOptions;

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
}

const DEFAULT_MAX_BACKUPS = 20;
const BACKUP_NAME = /^(.*)\.(\d{8}-\d{6}-\d{3})(?:-(\d+))?\.bak$/;

/**
 * Folder for the backups of `file`: `<homedir>/.mcpkit/backups/<file's absolute path with
 * separators as "_">-<8 hex digits of its hash>`, readable and unique per file.
 */
export function backupDirFor(options: { homedir: string; file: string }): string {
  const absolute = path.resolve(options.file);
  const readable = absolute.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+/, '');
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 8);
  return path.join(options.homedir, '.mcpkit', 'backups', `${readable.slice(-100)}-${hash}`);
}

/**
 * Reads a config file as UTF-8, keeping its BOM. A missing file reads as `''` with
 * `exists: false`; bytes that are not UTF-8 are an error (rewriting them would corrupt them).
 */
export async function readConfigFile(file: string): Promise<ConfigFileText> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { text: '', exists: false };
    throw editError('read-failed', file, `cannot read the file: ${describeIoError(error)}`);
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      exists: true,
    };
  } catch {
    throw editError(
      'read-failed',
      file,
      'the file is not UTF-8 text (saved as UTF-16?); save it as UTF-8 and try again',
    );
  }
}

/**
 * Replaces `file` with `content` atomically: a temp file in the same folder is written,
 * synced and renamed over the target, so a crash leaves the old or the new file, never a
 * mix. Symlinks are followed (the link stays, its target is replaced); the file mode (and,
 * as root, the owner) is kept; missing folders are created. An existing file is first
 * copied to a timestamped backup (`<backupDir>/<basename>.<YYYYMMDD-HHMMSS-mmm>.bak`, UTC),
 * keeping at most `maxBackups`. A read-only file is refused. On any error the temp file
 * is removed and the old file is untouched. Call it inside {@link withConfigLock}.
 */
export async function writeConfigFile(
  file: string,
  content: string | Uint8Array,
  options: WriteConfigOptions,
): Promise<WriteConfigResult> {
  const target = await resolveTarget(file);
  const dir = path.dirname(target);
  const existing = await statOrUndefined(target, file);
  if (existing?.isDirectory()) throw editError('write-failed', file, 'is a folder, not a file');
  if (existing) {
    try {
      await fs.access(target, constants.W_OK);
    } catch (error) {
      throw ioError(error, file);
    }
  } else {
    await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw ioError(error, file);
    });
  }
  const backup = existing ? await backUp(target, options) : undefined;

  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomHex()}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    if (existing) {
      // open() applies the umask; chmod sets the mode exactly as it was.
      await handle.chmod(existing.mode & 0o7777);
      if (process.getuid?.() === 0 && existing.uid !== 0) {
        await handle.chown(existing.uid, existing.gid);
      }
    }
    await handle.writeFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await options.beforeRename?.(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error instanceof ConfigError ? error : ioError(error, file);
  }
  await syncDir(dir);
  return { target, created: !existing, ...(backup ? { backup } : {}) };
}

/**
 * Reads `file`, applies `update` to its text (`''` when missing) and writes the result with
 * {@link writeConfigFile}, all under {@link withConfigLock}, so concurrent updates all land.
 * Nothing is written when the text does not change. `update` may throw to abort.
 */
export async function updateConfigFile(
  file: string,
  update: (text: string, exists: boolean) => string,
  options: UpdateConfigOptions,
): Promise<UpdateConfigResult> {
  return withConfigLock(
    file,
    async () => {
      const { text: oldText, exists } = await readConfigFile(file);
      const newText = update(oldText, exists);
      if (exists && newText === oldText) {
        return { oldText, newText, changed: false, created: false };
      }
      const written = await writeConfigFile(file, newText, options);
      return {
        oldText,
        newText,
        changed: true,
        created: written.created,
        ...(written.backup ? { backup: written.backup } : {}),
      };
    },
    options,
  );
}

/** Backups of the file called `basename` in `backupDir`, newest first (`[]` when none). */
export async function listBackups(backupDir: string, basename: string): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(backupDir);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return [];
    throw error;
  }
  const found: { info: BackupInfo; key: string; n: number }[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (!match || match[1] !== basename) continue;
    const stamp = match[2] as string;
    const file = path.join(backupDir, name);
    const size = (await fs.stat(file).catch(() => undefined))?.size;
    if (size === undefined) continue;
    found.push({
      info: { file, date: parseStamp(stamp), size },
      key: stamp,
      n: Number(match[3] ?? 1),
    });
  }
  found.sort((a, b) => (a.key === b.key ? b.n - a.n : a.key < b.key ? 1 : -1));
  return found.map((f) => f.info);
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
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(options.backup);
  } catch (error) {
    throw editError(
      'read-failed',
      options.backup,
      `cannot read the backup: ${describeIoError(error)}`,
    );
  }
  return withConfigLock(file, () => writeConfigFile(file, bytes, options), options);
}

async function backUp(target: string, options: WriteConfigOptions): Promise<string> {
  const { backupDir, maxBackups = DEFAULT_MAX_BACKUPS, now = () => new Date() } = options;
  const base = path.basename(target);
  try {
    // Backups may hold secrets from env: only the owner reads them.
    await fs.mkdir(backupDir, { recursive: true, mode: 0o700 });
    const bytes = await fs.readFile(target);
    const stamp = formatStamp(now());
    let backup = '';
    for (let n = 1; ; n++) {
      backup = path.join(backupDir, `${base}.${stamp}${n > 1 ? `-${n}` : ''}.bak`);
      try {
        await fs.writeFile(backup, bytes, { flag: 'wx', mode: 0o600 });
        break;
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
    }
    const all = await listBackups(backupDir, base);
    for (const old of all.slice(Math.max(maxBackups, 1))) await fs.rm(old.file, { force: true });
    return backup;
  } catch (error) {
    throw editError(
      'write-failed',
      target,
      `cannot back up the file to ${backupDir}: ${describeIoError(error)}; nothing was changed`,
    );
  }
}

/** `YYYYMMDD-HHMMSS-mmm`, in UTC. */
function formatStamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}-` +
    p(date.getUTCMilliseconds(), 3)
  );
}

function parseStamp(stamp: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})$/.exec(stamp);
  const [y, mo, d, h, mi, s, ms] = (m ?? []).slice(1).map(Number);
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s, ms));
}

async function statOrUndefined(target: string, file: string) {
  try {
    return await fs.stat(target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw ioError(error, file);
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable; some platforms (Windows) cannot open folders: best effort.
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
