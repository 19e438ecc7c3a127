import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** A user's file as it was before the scaffold replaced it. */
export interface BackedUpFile {
  /** Path relative to the project folder (and to the backup folder). */
  relative: string;
  /** Absolute path of the copy. */
  copy: string;
  /** The original's permission bits, owner and times, to give a restored file. */
  mode: number;
  uid: number;
  gid: number;
  atime: Date;
  mtime: Date;
}

/**
 * Where `--force` keeps the files it replaces:
 * `<homedir>/.mcpkit/backups/create/<folder>-<YYYYMMDD-HHMMSS>` (UTC, like mcp-config's
 * backups beside it). Outside the project on purpose: a backup inside it would be swept
 * into the first git commit, copied into the Docker image, and deleted along with the
 * project, which is when the user wants it most.
 */
export function backupFolderFor(homedir: string, targetDir: string, now: Date): string {
  const folder = basename(targetDir).replace(/[^A-Za-z0-9._-]+/g, '_') || 'project';
  return join(homedir, '.mcpkit', 'backups', 'create', `${folder}-${formatStamp(now)}`);
}

/**
 * Create a backup folder of this run's own (see {@link backupFolderFor}); a second run in
 * the same second gets `-2`, `-3`... Only the owner can read it: the copies may hold secrets.
 */
export function createBackupFolder(homedir: string, targetDir: string, now: Date): string {
  const base = backupFolderFor(homedir, targetDir, now);
  mkdirSync(dirname(base), { recursive: true, mode: 0o700 });
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Copy the regular file `relative` of `projectDir` into `backupDir` at the same relative
 * path, with its mode and times. The source is opened without following a symlink, and
 * mode and times are read from the very file copied.
 */
export function backUpFile(projectDir: string, relative: string, backupDir: string): BackedUpFile {
  const fd = openSync(join(projectDir, relative), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  let stats: Stats;
  let bytes: Buffer;
  try {
    stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`${relative} is no longer a regular file`);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const copy = join(backupDir, relative);
  mkdirSync(dirname(copy), { recursive: true, mode: 0o700 });
  const mode = stats.mode & 0o7777;
  const times = { atime: stats.atime, mtime: stats.mtime };
  writeFileAtomic(copy, bytes, { mode, times });
  return { relative, copy, mode, uid: stats.uid, gid: stats.gid, ...times };
}

/** `YYYYMMDD-HHMMSS` in UTC. */
function formatStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}
