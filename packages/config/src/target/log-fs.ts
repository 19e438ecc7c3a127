import {
  closeSync,
  fstatSync,
  openSync,
  readSync,
  readdirSync,
  statSync,
  watch,
  type Stats,
} from 'node:fs';
import type { LogFileStat, LogFs } from '../core/logs/types.js';
import { toHostPath } from './host-path.js';

const toStat = (s: Stats): LogFileStat => ({
  size: s.size,
  ino: s.ino,
  mtimeMs: s.mtimeMs,
  isFile: s.isFile(),
  isDirectory: s.isDirectory(),
});

/**
 * The log readers' file access on this machine, for paths computed for `targetPlatform`
 * (a Windows path that does not exist here reads as missing). `onRead` counts bytes read.
 */
export function createLogFs(
  targetPlatform: NodeJS.Platform,
  hostPlatform: NodeJS.Platform,
  onRead?: (bytes: number) => void,
): LogFs {
  const host = (path: string) => toHostPath(path, targetPlatform, hostPlatform);
  return {
    stat(path) {
      const h = host(path);
      if (h === undefined) return undefined;
      try {
        return toStat(statSync(h));
      } catch {
        return undefined;
      }
    },
    listDir(dir) {
      const h = host(dir);
      if (h === undefined) return [];
      try {
        return readdirSync(h);
      } catch {
        return [];
      }
    },
    open(path) {
      const h = host(path);
      if (h === undefined) throw new Error(`${path} cannot be reached from this machine`);
      const s = statSync(h);
      // A FIFO or device would block or never end: only regular files are read.
      if (!s.isFile()) throw new Error(`${path} is not a regular file`);
      const fd = openSync(h, 'r');
      return {
        read(position, length) {
          const buffer = Buffer.allocUnsafe(length);
          const n = readSync(fd, buffer, 0, length, position);
          onRead?.(n);
          return buffer.subarray(0, n);
        },
        stat: () => toStat(fstatSync(fd)),
        close: () => closeSync(fd),
      };
    },
    watch(dir, onChange) {
      const h = host(dir);
      if (h === undefined) return () => undefined;
      const watcher = watch(h, { persistent: false }, () => onChange());
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    },
  };
}
