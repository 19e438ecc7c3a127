import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { editError } from './errors.js';
import { codeOf, describeIoError } from './io.js';
import { tempNameFor } from './lock-break.js';
import { decodeConfigBytes, readConfigBytes } from '@mcpkit/shared/read-config-file';

/** Whether a backup's bytes are those it was written with. */
export type BackupState =
  /** Its content matches the checksum in its name. */
  | 'ok'
  /** Its content does not match: truncated or damaged since it was written. */
  | 'damaged'
  /** Written by an earlier version, without checksum; cannot be checked. */
  | 'unchecked';

/** One backup of a config file. */
export interface BackupInfo {
  /** Absolute path of the backup. */
  file: string;
  /** When it was taken (from its name). */
  date: Date;
  /** Size in bytes. */
  size: number;
  /** Checked against the checksum in its name, when listed with `verify`. */
  state?: BackupState;
}

/** Options of {@link writeBackup}. */
export interface BackupOptions {
  /** Folder for this file's backups (see {@link backupDirFor}); created when missing. */
  backupDir: string;
  /** Backups of this file to keep; the oldest beyond it are deleted (default 20). */
  maxBackups?: number;
  /** Clock for backup names. */
  now?: () => Date;
  /** Called once the backup's temp file is written and synced, before it gets its name. */
  onWritten?: () => void;
}

const DEFAULT_MAX_BACKUPS = 20;
const HASH_LENGTH = 12;
const BACKUP_NAME = /^(.*)\.(\d{8}-\d{6}-\d{3})(?:-(\d+))?(?:\.([0-9a-f]{12}))?\.bak$/;

/**
 * Folder for the backups of `file`: `<homedir>/.mcpkit/backups/<file's absolute path with
 * separators as "_">-<8 hex digits of its hash>`, readable and unique per file.
 */
export function backupDirFor(options: { homedir: string; file: string }): string {
  const absolute = path.resolve(options.file);
  const readable = absolute.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+/, '');
  const hash = backupChecksum(Buffer.from(absolute, 'utf8')).slice(0, 8);
  return path.join(options.homedir, '.mcpkit', 'backups', `${readable.slice(-100)}-${hash}`);
}

/**
 * Keeps `bytes` (the content of the file `target` about to be replaced) as
 * `<backupDir>/<basename>.<YYYYMMDD-HHMMSS-mmm>[-n].<12 hex of its checksum>.bak` (UTC),
 * mode 0600, and deletes the oldest beyond `maxBackups`. Atomic: a temp file is written, then
 * linked to its name, so no process ever lists a half-written backup. It is not fsynced (the
 * config file is): after a power loss a backup may be damaged, which its checksum shows, and
 * restore never picks a damaged one. Returns the backup's path.
 */
export function writeBackup(target: string, bytes: Uint8Array, options: BackupOptions): string {
  const { backupDir, maxBackups = DEFAULT_MAX_BACKUPS, now = () => new Date() } = options;
  const base = path.basename(target);
  const hash = backupChecksum(bytes);
  const temp = tempNameFor(path.join(backupDir, base));
  try {
    // Backups may hold secrets from env: only the owner reads them.
    mkdirSync(backupDir, { recursive: true, mode: 0o700 });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    } finally {
      closeSync(fd);
    }
    options.onWritten?.();
    const stamp = formatStamp(now());
    // Names order backups: the same stamp gets -2, -3… whatever the content.
    const taken = new Set(readdirSync(backupDir).map((n) => n.replace(/\.[0-9a-f]{12}\.bak$/, '')));
    let backup = '';
    for (let n = 1; ; n++) {
      const name = `${base}.${stamp}${n > 1 ? `-${n}` : ''}`;
      if (taken.has(name) || taken.has(`${name}.bak`)) continue;
      backup = path.join(backupDir, `${name}.${hash}.bak`);
      try {
        linkSync(temp, backup);
        break;
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
    }
    for (const old of listBackupsSync(backupDir, base).slice(Math.max(maxBackups, 1))) {
      rmSync(old.file, { force: true });
    }
    return backup;
  } catch (error) {
    throw editError(
      'write-failed',
      target,
      `cannot back up the file to ${backupDir}: ${describeIoError(error)}; nothing was changed`,
    );
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Backups of the file called `basename` in `backupDir`, newest first (`[]` when none). With
 * `verify`, each is read and checked against the checksum in its name ({@link BackupState}).
 */
export async function listBackups(
  backupDir: string,
  basename: string,
  options: { verify?: boolean } = {},
): Promise<BackupInfo[]> {
  const found = listBackupsSync(backupDir, basename);
  if (options.verify) for (const info of found) info.state = checkBackup(info.file);
  return Promise.resolve(found);
}

/** Whether a backup's content matches the checksum in its name. */
export function checkBackup(file: string): BackupState {
  const hash = BACKUP_NAME.exec(path.basename(file))?.[4];
  if (hash === undefined) return 'unchecked';
  try {
    const snapshot = readConfigBytes(file);
    return snapshot && backupChecksum(snapshot.bytes) === hash ? 'ok' : 'damaged';
  } catch {
    return 'damaged';
  }
}

/**
 * The texts of the intact backups of `basename` (checked or unchecked), newest first, read
 * one at a time as the caller asks for them.
 */
export function* backupHistory(backupDir: string, basename: string): Generator<string> {
  for (const info of listBackupsSync(backupDir, basename)) {
    if (checkBackup(info.file) === 'damaged') continue;
    try {
      const snapshot = readConfigBytes(info.file);
      if (snapshot) yield decodeConfigBytes(info.file, snapshot.bytes);
    } catch {
      // An unreadable backup is no evidence of anything.
    }
  }
}

function listBackupsSync(backupDir: string, basename: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(backupDir);
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
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      continue;
    }
    found.push({
      info: { file, date: parseStamp(stamp), size },
      key: stamp,
      n: Number(match[3] ?? 1),
    });
  }
  found.sort((a, b) => (a.key === b.key ? b.n - a.n : a.key < b.key ? 1 : -1));
  return found.map((f) => f.info);
}

/**
 * 12 hex digits summing up `bytes` (two 32-bit FNV-style lanes): enough to tell a damaged or
 * truncated backup from the one written, which is all it is for; not a cryptographic hash,
 * and no node:crypto to load on every write.
 */
export function backupChecksum(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x85ebca6b);
    b ^= b >>> 13;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return (hex(a) + hex(b)).slice(0, HASH_LENGTH);
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
