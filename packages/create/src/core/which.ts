import { accessSync, constants, statSync } from 'node:fs';
import { delimiter as posixDelimiter, join } from 'node:path';

/** The parts of the process environment that decide where a command is found. */
export interface SearchPathOptions {
  /** Environment to read `PATH` (and `PATHEXT` on Windows) from. */
  env: NodeJS.ProcessEnv;
  /** Platform whose rules apply (`;` separators and `.exe`/`.cmd` on Windows). */
  platform: NodeJS.Platform;
}

/**
 * Find `command` on PATH without spawning anything; returns its absolute path or
 * undefined. A command containing a path separator is returned as is when it exists.
 */
export function findExecutable(command: string, options: SearchPathOptions): string | undefined {
  const isWindows = options.platform === 'win32';
  const pathValue = options.env.PATH ?? options.env.Path ?? '';
  const delimiter = isWindows ? ';' : posixDelimiter;
  const extensions = isWindows
    ? (options.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)
    : [''];
  if (command.includes('/') || (isWindows && command.includes('\\'))) {
    return isExecutableFile(command, isWindows) ? command : undefined;
  }
  for (const dir of pathValue.split(delimiter)) {
    if (!dir) continue;
    for (const extension of ['', ...extensions]) {
      const candidate = join(dir, command + extension);
      if (isExecutableFile(candidate, isWindows)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, isWindows: boolean): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (!isWindows) accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
