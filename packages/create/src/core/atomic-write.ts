import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  futimesSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How {@link writeFileAtomic} leaves the file. */
export interface AtomicWriteOptions {
  /** Permission bits of the file, set exactly (the umask does not apply). */
  mode: number;
  /** Owner to give the file; applied only when running as root (others cannot). */
  owner?: { uid: number; gid: number };
  /** Access and modification times to give the file (a restored file gets its own back). */
  times?: { atime: Date; mtime: Date };
}

/**
 * Writes a file. It must either leave `path` exactly as it was and throw, or replace it
 * completely; {@link writeFileAtomic} is the real one, tests inject failing ones.
 */
export type WriteFile = (
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
) => void;

/**
 * Write `content` to `path` atomically: a temp file in the same folder is written, synced
 * and renamed over `path`, so a crash leaves the old file or the new one, never a torn
 * one. The rename replaces a symlink at `path` rather than writing through it, and the
 * temp file is created exclusively, so a link planted at its name is not followed either.
 * On any error the temp file is removed and `path` is untouched.
 */
export function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): void {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', options.mode);
    // open() applies the umask; the mode must be exactly the one asked for.
    fchmodSync(fd, options.mode);
    if (options.owner && process.getuid?.() === 0) {
      fchownSync(fd, options.owner.uid, options.owner.gid);
    }
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let offset = 0; offset < bytes.length;) {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    if (options.times) futimesSync(fd, options.times.atime, options.times.mtime);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The write already failed; that error is the one to report.
      }
    }
    rmSync(temp, { force: true });
    throw error;
  }
}
