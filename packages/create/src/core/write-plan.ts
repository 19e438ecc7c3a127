import { accessSync, constants, lstatSync, readlinkSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/** A file the scaffold will write, as planned before anything is written. */
export interface PlannedWrite {
  /** Path relative to the project folder. */
  relative: string;
  /** What the file will hold. */
  content: string;
  /** The template's permission bits (a replaced file keeps the user's instead). */
  mode: number;
  /** True when a file of the user's is there and will be replaced (after a backup). */
  replaces: boolean;
}

/** Something in the project folder that the template cannot be written over. */
export interface PathConflict {
  /** Path relative to the project folder. */
  relative: string;
  /** What is there and why it is in the way, e.g. "a file, but the template needs a folder there". */
  problem: string;
}

/** The outcome of {@link planWrites}. */
export interface WritePlan {
  /** Every file to write, in writing order. */
  writes: PlannedWrite[];
  /** What is in the way; when not empty nothing may be written. */
  conflicts: PathConflict[];
}

/**
 * Decide, before anything is written, what writing `files` into `targetDir` would do:
 * which of the user's files are replaced, and what is in the way. In the way are: a
 * symlink at a path the template writes or at any folder on the way to one (links are
 * never written through, whatever they point at), a file where a folder is needed, a
 * folder (or socket, device...) where a file goes, and a folder that cannot be written to.
 */
export function planWrites(
  targetDir: string,
  files: readonly { relative: string; content: string; mode: number }[],
): WritePlan {
  const conflicts = new Map<string, string>();
  const folders = new Map<string, 'missing' | 'ok' | 'conflict'>();
  const writable = new Map<string, boolean>();
  const writes: PlannedWrite[] = [];

  const folderState = (relative: string): 'missing' | 'ok' | 'conflict' => {
    let state = folders.get(relative);
    if (state === undefined) {
      const problem = folderProblem(join(targetDir, relative));
      state = problem === undefined ? 'ok' : problem === 'missing' ? 'missing' : 'conflict';
      if (state === 'conflict') conflicts.set(relative, problem!);
      folders.set(relative, state);
    }
    return state;
  };
  // New entries go into the deepest folder that exists: it must be writable.
  const checkWritable = (relative: string): boolean => {
    let ok = writable.get(relative);
    if (ok === undefined) {
      ok = isWritable(join(targetDir, relative));
      if (!ok) conflicts.set(relative, 'a folder that cannot be written to');
      writable.set(relative, ok);
    }
    return ok;
  };

  const targetExists = lstatOrUndefined(targetDir) !== undefined;
  for (const file of files) {
    const path = join(targetDir, file.relative);
    try {
      let state: 'missing' | 'ok' | 'conflict' = targetExists ? 'ok' : 'missing';
      let deepest = '.';
      for (const folder of parentFolders(file.relative)) {
        if (state !== 'ok') break;
        state = folderState(folder);
        if (state === 'ok') deepest = folder;
      }
      if (state === 'conflict') continue;
      if (targetExists && !checkWritable(deepest)) continue;
      const stats = state === 'missing' ? undefined : lstatOrUndefined(path);
      if (stats === undefined || stats.isFile()) {
        writes.push({ ...file, replaces: stats !== undefined });
      } else if (stats.isSymbolicLink()) {
        conflicts.set(file.relative, describeLink(path, 'the template writes a file there'));
      } else {
        conflicts.set(
          file.relative,
          `${describeKind(stats)}, but the template writes a file there`,
        );
      }
    } catch (error) {
      conflicts.set(file.relative, `cannot be checked (${describeError(error)})`);
    }
  }
  return {
    writes,
    conflicts: [...conflicts]
      .map(([relative, problem]) => ({ relative, problem }))
      .sort((a, b) => a.relative.localeCompare(b.relative)),
  };
}

/** Why the folder at `path` cannot take the template's files, or `'missing'`, or undefined. */
function folderProblem(path: string): string | undefined {
  const stats = lstatOrUndefined(path);
  if (!stats) return 'missing';
  if (stats.isSymbolicLink()) return describeLink(path, 'the template writes into it');
  if (!stats.isDirectory()) return `${describeKind(stats)}, but the template needs a folder there`;
  return undefined;
}

/**
 * Check, just before writing `relative`, that the disk is still as planned: every folder
 * on the way is a real folder (not a link swapped in since) and the file is a regular
 * file when one is to be replaced, or missing when one is to be created. Throws if not.
 */
export function checkStillAsPlanned(
  targetDir: string,
  relative: string,
  expected: 'file' | 'missing',
): void {
  checkFoldersStillReal(targetDir, relative);
  const stats = lstatOrUndefined(join(targetDir, relative));
  const found = stats === undefined ? 'missing' : stats.isFile() ? 'file' : 'other';
  if (found !== expected) {
    throw new Error(`${relative} changed while the project was being written`);
  }
}

/**
 * Throw unless every folder on the way to `relative` inside `targetDir` is a real folder,
 * so a write there cannot land outside the project through a link swapped in.
 */
export function checkFoldersStillReal(targetDir: string, relative: string): void {
  for (const folder of parentFolders(relative)) {
    if (!lstatOrUndefined(join(targetDir, folder))?.isDirectory()) {
      throw new Error(
        `${folder} is no longer a folder (it changed while the project was being written)`,
      );
    }
  }
}

/** `a/b/c.txt` -> `['a', 'a/b']`. */
function parentFolders(relative: string): string[] {
  const parts = relative.split(sep).slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join(sep));
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function describeLink(path: string, why: string): string {
  let target = '?';
  try {
    target = readlinkSync(path);
  } catch {
    // Unreadable link: still a link, still refused.
  }
  return `a symbolic link (to ${target}); ${why}, and links are never written through`;
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function describeKind(stats: Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}
