import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { writeFileAtomic, type WriteFile } from './atomic-write.js';
import { backUpFile, createBackupFolder, type BackedUpFile } from './backup.js';
import { applySubstitutions, projectPath, type SubstitutionValues } from './substitutions.js';
import { RENAMED_FILES, type TemplateInfo } from './templates.js';
import {
  emptyRollbackReport,
  reasonOf,
  WriteJournal,
  type RollbackReport,
} from './write-journal.js';
import {
  checkStillAsPlanned,
  planWrites,
  type PathConflict,
  type PlannedWrite,
} from './write-plan.js';

/** Folders and files that may appear in a template checkout but never in a project. */
const SKIPPED = new Set([
  'node_modules',
  'dist',
  '.venv',
  '__pycache__',
  '.pytest_cache',
  '.ruff_cache',
  'uv.lock',
  'package-lock.json',
  'pnpm-lock.yaml',
  '.DS_Store',
]);

/** What to render: the template and the values put into it. */
export interface ScaffoldSource {
  /** Folder holding every template (see `resolveTemplatesDir`). */
  templatesDir: string;
  /** The template to copy. */
  template: TemplateInfo;
  /** Absolute path of the project folder; it must be missing or empty unless `force`. */
  targetDir: string;
  /** Values substituted into the copied files. */
  values: SubstitutionValues;
}

/** How to write a prepared scaffold. */
export interface ScaffoldWriteOptions {
  /** The user's home folder: copies of replaced files go under it (see `backupFolderFor`). */
  homedir: string;
  /** Clock for the backup folder's name. */
  now?: () => Date;
  /** Writes one file atomically; tests inject failures here. */
  writeFile?: WriteFile;
}

/** Inputs of {@link scaffoldProject}. */
export type ScaffoldOptions = ScaffoldSource & ScaffoldWriteOptions;

/** A scaffold rendered and checked against the disk, ready to write: nothing is in the way. */
export interface PreparedScaffold {
  /** Absolute path of the project folder. */
  targetDir: string;
  /** Every file to write, sorted; `replaces` marks the user's files it replaces. */
  writes: PlannedWrite[];
}

/** What {@link writeScaffold} wrote. */
export interface ScaffoldResult {
  /** Paths of the written files, relative to the target folder, sorted. */
  files: string[];
  /** The user's files that were replaced, relative, sorted. */
  replaced: string[];
  /** Folder holding copies of the replaced files (set when `replaced` is not empty). */
  backupDir?: string;
}

/** The template cannot be written: something in the project folder is in the way. */
export class ScaffoldConflictError extends Error {
  /**
   * @param targetDir the project folder
   * @param conflicts what is in the way, each relative to `targetDir` (`.` is the folder)
   */
  constructor(
    readonly targetDir: string,
    readonly conflicts: PathConflict[],
  ) {
    super(`${conflicts.length} path(s) in ${targetDir} are in the way of the template`);
    this.name = 'ScaffoldConflictError';
  }
}

/** Writing failed part way; the rollback report says what was undone and what was not. */
export class ScaffoldError extends Error {
  /** What the rollback put back and removed, and what it could not. */
  readonly report: RollbackReport;
  /** Folder still holding copies of the user's files, if the run replaced any. */
  readonly backupDir: string | undefined;

  constructor(message: string, report: RollbackReport, backupDir?: string) {
    super(message);
    this.name = 'ScaffoldError';
    this.report = report;
    this.backupDir = backupDir;
  }
}

/**
 * List a template's files as they will be named in a project (dotfiles renamed), relative
 * to the template folder, sorted.
 */
export function listTemplateFiles(templateDir: string): { source: string; target: string }[] {
  const files: { source: string; target: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name) || entry.name.endsWith('.pyc')) continue;
      const source = join(dir, entry.name);
      if (entry.isDirectory()) walk(source);
      else if (entry.isFile()) {
        const rel = relative(templateDir, source);
        const base = RENAMED_FILES[entry.name];
        const target = base === undefined ? rel : join(dirname(rel), base);
        files.push({ source: rel, target });
      }
    }
  };
  walk(templateDir);
  return files.sort((a, b) => a.target.localeCompare(b.target));
}

/**
 * Render a template in memory and plan its writes into `targetDir` (the Python package
 * folder renamed after the project, see `projectPath`): which of the user's
 * files it replaces, and what is in the way. Throws a {@link ScaffoldConflictError} when
 * anything is (see `planWrites`); nothing is written either way.
 */
export function prepareScaffold(source: ScaffoldSource): PreparedScaffold {
  const templateDir = join(source.templatesDir, source.template.name);
  const rendered = listTemplateFiles(templateDir).map(({ source: file, target }) => {
    const sourcePath = join(templateDir, file);
    const content = readFileSync(sourcePath, 'utf8');
    return {
      relative: projectPath(source.template.name, target, source.values),
      mode: statSync(sourcePath).mode & 0o777,
      content: applySubstitutions(source.template.name, target, content, source.values),
    };
  });
  const plan = planWrites(source.targetDir, rendered);
  if (plan.conflicts.length > 0) throw new ScaffoldConflictError(source.targetDir, plan.conflicts);
  return { targetDir: source.targetDir, writes: plan.writes };
}

/**
 * Write a prepared scaffold. First every file it replaces is copied to a new backup folder
 * (mode and times kept); then each file is written atomically, a replaced one keeping the
 * user's mode and owner, a new one getting the template's mode. If anything fails part
 * way, the replaced files are written back from their copies and what this run created is
 * removed, then a {@link ScaffoldError} reports what was and was not undone.
 */
export function writeScaffold(
  prepared: PreparedScaffold,
  options: ScaffoldWriteOptions,
): ScaffoldResult {
  const { targetDir, writes } = prepared;
  const writeFile = options.writeFile ?? writeFileAtomic;
  const replacing = writes.filter((write) => write.replaces).map((write) => write.relative);
  const { backups, backupDir } = backUpAll(targetDir, replacing, options);

  const journal = new WriteJournal(targetDir);
  let current = targetDir;
  try {
    makeDir(targetDir, journal);
    for (const write of writes) {
      current = write.relative;
      const path = join(targetDir, write.relative);
      makeDir(dirname(path), journal);
      checkStillAsPlanned(targetDir, write.relative, write.replaces ? 'file' : 'missing');
      const backup = backups.get(write.relative);
      if (backup) {
        writeFile(path, write.content, {
          mode: backup.mode,
          owner: { uid: backup.uid, gid: backup.gid },
        });
        journal.fileReplaced(backup);
      } else {
        writeFile(path, write.content, { mode: write.mode });
        journal.fileCreated(path);
      }
    }
  } catch (error) {
    const replacedAny = journal.replacedCount > 0;
    const report = journal.rollback(writeFile);
    // With none of the user's files touched, the copies are of no use: leave no trace.
    if (!replacedAny) removeBackupFolder(backupDir, report);
    throw new ScaffoldError(
      `could not write ${current}: ${reasonOf(error)}`,
      report,
      replacedAny ? backupDir : undefined,
    );
  }
  return {
    files: writes.map((write) => write.relative),
    replaced: replacing,
    ...(backupDir === undefined ? {} : { backupDir }),
  };
}

/** {@link prepareScaffold} then {@link writeScaffold}. */
export function scaffoldProject(options: ScaffoldOptions): ScaffoldResult {
  return writeScaffold(prepareScaffold(options), options);
}

/** Copy the files about to be replaced; on failure remove the partial backup and throw. */
function backUpAll(
  targetDir: string,
  relatives: string[],
  options: ScaffoldWriteOptions,
): { backups: Map<string, BackedUpFile>; backupDir?: string } {
  const backups = new Map<string, BackedUpFile>();
  if (relatives.length === 0) return { backups };
  let backupDir: string | undefined;
  let current = '';
  try {
    backupDir = createBackupFolder(options.homedir, targetDir, (options.now ?? now)());
    for (const relative of relatives) {
      current = relative;
      backups.set(relative, backUpFile(targetDir, relative, backupDir));
    }
  } catch (error) {
    const report = emptyRollbackReport();
    removeBackupFolder(backupDir, report);
    const what =
      current === ''
        ? 'create a backup folder for the files it would replace'
        : `back up ${current} before replacing it`;
    throw new ScaffoldError(`could not ${what}: ${reasonOf(error)}`, report);
  }
  return { backups, backupDir };
}

/** Remove this run's backup folder; the report says so when it cannot be removed. */
function removeBackupFolder(dir: string | undefined, report: RollbackReport): void {
  if (dir === undefined) return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    report.notRemoved.push({ path: dir, reason: reasonOf(error) });
  }
}

function now(): Date {
  return new Date();
}

/** mkdir -p that records each folder it creates, outermost first. */
function makeDir(dir: string, journal: WriteJournal): void {
  if (existsSync(dir)) return;
  makeDir(dirname(dir), journal);
  mkdirSync(dir);
  journal.folderCreated(dir);
}
