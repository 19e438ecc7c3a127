import { existsSync, readdirSync } from 'node:fs';
import { readConfigTextSync } from '@mcpkit/shared/read-config-file';

/**
 * Turns a path computed for the target platform into one this machine can open, or
 * undefined when it cannot. `--platform win32` on Linux or macOS joins the (POSIX) home
 * and %APPDATA% with backslashes: `\home\me\AppData\...` is such a host path in Windows
 * syntax and maps back; `C:\Users\...` does not exist here and maps to nothing.
 */
export function toHostPath(
  file: string,
  targetPlatform: NodeJS.Platform,
  hostPlatform: NodeJS.Platform,
): string | undefined {
  if (targetPlatform === hostPlatform) return file;
  if (targetPlatform === 'win32' && hostPlatform !== 'win32') {
    if (file.startsWith('/')) return file; // already a host path (--config)
    return /^\\(?!\\)/.test(file) ? file.replace(/\\/g, '/') : undefined;
  }
  // A POSIX-syntax path on Windows (C:\Users\me/.config/...) opens as it is.
  return file;
}

/** File access in target-platform paths, as client-paths' `exists` and `listDir` want it. */
export interface TargetFs {
  /** The host path of a target path, undefined when it is not reachable from here. */
  host(file: string): string | undefined;
  exists(file: string): boolean;
  listDir(dir: string): readonly string[];
  /**
   * The file's text, or undefined when it does not exist. Other errors are thrown: a special
   * file (FIFO, device…) or one over 64 MiB is refused without reading it.
   */
  readText(file: string): string | undefined;
}

/** A {@link TargetFs} on the real file system. */
export function createTargetFs(
  targetPlatform: NodeJS.Platform,
  hostPlatform: NodeJS.Platform,
): TargetFs {
  const host = (file: string) => toHostPath(file, targetPlatform, hostPlatform);
  return {
    host,
    exists: (file) => {
      const h = host(file);
      return h !== undefined && existsSync(h);
    },
    listDir: (dir) => {
      const h = host(dir);
      return h === undefined ? [] : readdirSync(h);
    },
    readText: (file) => {
      const h = host(file);
      return h === undefined ? undefined : readConfigTextSync(h);
    },
  };
}
