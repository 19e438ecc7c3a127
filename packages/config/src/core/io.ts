import { closeSync, fsyncSync, openSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConfigError } from '@mcpkit/shared/config-text';
import { codeOf, describeIoError } from '@mcpkit/shared/read-config-file';
import { editError } from './errors.js';

export { codeOf, describeIoError } from '@mcpkit/shared/read-config-file';

/** Follows symlinks (even dangling ones) to the path that is really written. */
export async function resolveTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let stats;
    try {
      stats = await fs.lstat(current);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return current;
      throw ioError(error, file);
    }
    if (!stats.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw editError('write-failed', file, 'too many levels of symbolic links');
}

/** Turns a failed file operation into a {@link ConfigError} for `file`. */
export function ioError(error: unknown, file: string): ConfigError {
  const code = codeOf(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return editError(
      'read-only',
      file,
      `cannot write the file: permission denied (the file or its folder is read-only${code === 'EROFS' ? ' — read-only file system' : ''}); nothing was changed`,
    );
  }
  return editError(
    'write-failed',
    file,
    `cannot write the file: ${describeIoError(error)}; nothing was changed`,
  );
}

/**
 * 12 random hex digits for temp file names and lock tokens. They must be unique, not
 * secret: Math.random (seeded per process) is enough, and spares loading node:crypto on
 * every run.
 */
export function randomHex(): string {
  return Math.floor(Math.random() * 2 ** 48)
    .toString(16)
    .padStart(12, '0');
}

/** Makes the entries of `dir` durable; some platforms (Windows) cannot open folders: best effort. */
export function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}
