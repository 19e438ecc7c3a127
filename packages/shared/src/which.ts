// Finding a command on PATH the way a shell does, for every CLI: create-mcp-server checks
// for uv and pnpm with it, mcp-config writes the absolute path GUI clients need.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** What command lookup needs from a machine; passed in so that tests control it. */
export interface CommandLookup {
  /** The machine's platform: `;` separators and PATHEXT extensions on Windows. */
  platform: NodeJS.Platform;
  /** The environment to read PATH (or Windows' `Path`) and PATHEXT from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether `file` is an executable regular file. */
  isExecutable: (file: string) => boolean;
}

/**
 * Finds `command` on the PATH of `lookup.env`; undefined when absent. A command with a
 * path separator is taken as it is when executable. Empty and relative PATH entries are
 * skipped: they mean the current directory, which a client launching the server later
 * does not share.
 */
export function findOnPath(command: string, lookup: CommandLookup): string | undefined {
  const windows = lookup.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  if (command.includes('/') || (windows && command.includes('\\')))
    return lookup.isExecutable(command) ? command : undefined;
  const pathVar = lookup.env.PATH ?? (windows ? lookup.env.Path : undefined) ?? '';
  const exts = windows
    ? ['', ...(lookup.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
    : [''];
  for (const dir of pathVar.split(p.delimiter)) {
    if (dir === '' || !p.isAbsolute(dir)) continue;
    for (const ext of exts) {
      const file = p.join(dir, command + ext);
      if (lookup.isExecutable(file)) return file;
    }
  }
  return undefined;
}

/**
 * Whether `file` is a regular file this process may run, on this machine: any regular file
 * on Windows (where extensions decide), one with an execute bit for us elsewhere.
 */
export function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
