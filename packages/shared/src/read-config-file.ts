import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { ConfigError } from './config-text.js';

/** Largest config file read (64 MiB): `~/.claude.json` grows to several MB, never to this. */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** Options of {@link readConfigBytes}. */
export interface ReadBytesOptions {
  /** Refuse files larger than this many bytes (default {@link MAX_CONFIG_BYTES}). */
  maxBytes?: number;
}

/** A regular file's bytes and the status of the very file they were read from. */
export interface FileSnapshot {
  /** The whole content. */
  bytes: Buffer;
  /** `fstat` of the open file (nanosecond times, inode, link count, mode). */
  stat: BigIntStats;
}

/**
 * Reads a config file's bytes without ever blocking or reading without bound: the file is
 * opened non-blocking (a FIFO without writer does not hang) and checked with `fstat` before
 * a byte is read. Anything but a regular file (FIFO, device, socket, folder) and a file over
 * `maxBytes` is refused with a {@link ConfigError} naming it. A missing file gives undefined.
 */
export function readConfigBytes(
  file: string,
  options: ReadBytesOptions = {},
): FileSnapshot | undefined {
  const maxBytes = options.maxBytes ?? MAX_CONFIG_BYTES;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT') return undefined;
    // open() on a Unix socket fails with ENXIO.
    if (code === 'ENXIO') throw notAFile(file, 'a socket');
    throw new ConfigError('read-failed', file, `cannot read the file: ${describeIoError(error)}`);
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) throw notAFile(file, kindOf(stat));
    if (stat.size > BigInt(maxBytes)) throw tooLarge(file, Number(stat.size), maxBytes);
    // Read to the end even if the file grew since fstat, but never past the bound.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(Number(stat.size) + 1, 65536), 1 << 24));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(file, total, maxBytes);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return { bytes: Buffer.concat(chunks, total), stat };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('read-failed', file, `cannot read the file: ${describeIoError(error)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Decodes a config file's bytes as UTF-8, keeping a BOM; bytes that are not UTF-8 are an
 * error, since rewriting them would corrupt them.
 */
export function decodeConfigBytes(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ConfigError(
      'read-failed',
      file,
      'the file is not UTF-8 text (saved as UTF-16?); save it as UTF-8 and try again',
    );
  }
}

/** {@link readConfigBytes} decoded with {@link decodeConfigBytes}; undefined when missing. */
export function readConfigTextSync(file: string, options: ReadBytesOptions = {}) {
  const snapshot = readConfigBytes(file, options);
  return snapshot && decodeConfigBytes(file, snapshot.bytes);
}

function kindOf(stat: BigIntStats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notAFile(file: string, kind: string): ConfigError {
  let real = '';
  try {
    const resolved = realpathSync(file);
    if (resolved !== file) real = ` (${resolved})`;
  } catch {
    // The name is enough.
  }
  return new ConfigError(
    'not-a-file',
    file,
    `is ${kind}${real}, not a config file; only regular files are read and written`,
  );
}

function tooLarge(file: string, size: number, maxBytes: number): ConfigError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new ConfigError(
    'too-large',
    file,
    `the file is ${mib(size)} or more, over the ${mib(maxBytes)} a config file may have; it was not read`,
  );
}

/** Words for an I/O error code. */
export function describeIoError(error: unknown): string {
  const code = codeOf(error);
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder',
    ENOTDIR: 'a parent is not a folder',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** The `code` of a Node.js system error. */
export function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
