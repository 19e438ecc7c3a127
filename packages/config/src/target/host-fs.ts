import { existsSync, readdirSync } from 'node:fs';
import { readConfigTextSync } from '@mcpkit/shared/read-config-file';
import { toHostPath } from './host-path.js';

export { toHostPath } from './host-path.js';

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
