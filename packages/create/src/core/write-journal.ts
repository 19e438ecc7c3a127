import { readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteFile } from './atomic-write.js';
import type { BackedUpFile } from './backup.js';
import { checkFoldersStillReal } from './write-plan.js';

/** What {@link WriteJournal.rollback} managed to undo, and what it could not. */
export interface RollbackReport {
  /** The user's files put back from their copies (relative paths). */
  restored: string[];
  /** The user's files that could not be put back, with where their copy is. */
  notRestored: { relative: string; copy: string; reason: string }[];
  /** Files and folders this run created and removed again (absolute paths). */
  removed: string[];
  /** Files and folders this run created and could not remove (absolute paths). */
  notRemoved: { path: string; reason: string }[];
}

/** A report of a rollback that had nothing to do. */
export function emptyRollbackReport(): RollbackReport {
  return { restored: [], notRestored: [], removed: [], notRemoved: [] };
}

/**
 * The changes a scaffold made to the disk, recorded as they succeed, so that a failure
 * part way can undo exactly those: put replaced files back, remove created ones.
 */
export class WriteJournal {
  private readonly createdFolders: string[] = [];
  private readonly createdFiles: string[] = [];
  private readonly replacedFiles: BackedUpFile[] = [];

  /** @param targetDir the project folder the relative paths of replaced files are in. */
  constructor(private readonly targetDir: string) {}

  /** Record a folder this run created (outermost first). */
  folderCreated(path: string): void {
    this.createdFolders.push(path);
  }

  /** Record a file this run created. */
  fileCreated(path: string): void {
    this.createdFiles.push(path);
  }

  /** Record that the user's file, backed up as `backup`, was replaced. */
  fileReplaced(backup: BackedUpFile): void {
    this.replacedFiles.push(backup);
  }

  /** How many of the user's files were replaced so far. */
  get replacedCount(): number {
    return this.replacedFiles.length;
  }

  /**
   * Undo everything recorded, newest first: each replaced file is written back from its
   * copy (bytes, mode, owner, times) with `writeFile`, then created files and folders are
   * removed (a folder only when empty: anything else in it is not ours to delete). Never
   * throws; what could not be undone is in the report.
   */
  rollback(writeFile: WriteFile): RollbackReport {
    const report = emptyRollbackReport();
    for (const file of [...this.replacedFiles].reverse()) {
      try {
        checkFoldersStillReal(this.targetDir, file.relative);
        writeFile(join(this.targetDir, file.relative), readFileSync(file.copy), {
          mode: file.mode,
          owner: { uid: file.uid, gid: file.gid },
          times: { atime: file.atime, mtime: file.mtime },
        });
        report.restored.push(file.relative);
      } catch (error) {
        report.notRestored.push({
          relative: file.relative,
          copy: file.copy,
          reason: reasonOf(error),
        });
      }
    }
    report.restored.reverse();
    report.notRestored.reverse();
    const remove = (path: string, removeEntry: (path: string) => void) => {
      try {
        removeEntry(path);
        report.removed.push(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        report.notRemoved.push({ path, reason: reasonOf(error) });
      }
    };
    for (const path of [...this.createdFiles].reverse()) remove(path, unlinkSync);
    for (const path of [...this.createdFolders].reverse()) remove(path, rmdirSync);
    return report;
  }
}

/** A short reason for a failed file operation: the system's words without the paths. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'the file system is read-only',
    ENOTEMPTY: 'the folder is not empty',
    EEXIST: 'something else is already there',
    EBUSY: 'it is in use',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ELOOP: 'it is a symbolic link',
    EIO: 'input/output error',
  };
  if (code !== undefined && known[code] !== undefined) return known[code];
  return error instanceof Error ? error.message : String(error);
}
