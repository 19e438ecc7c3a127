import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { applySubstitutions, type SubstitutionValues } from './substitutions.js';
import { RENAMED_FILES, type TemplateInfo } from './templates.js';

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

/** Inputs of {@link scaffoldProject}. */
export interface ScaffoldOptions {
  /** Folder holding every template (see `resolveTemplatesDir`). */
  templatesDir: string;
  /** The template to copy. */
  template: TemplateInfo;
  /** Absolute path of the project folder; it must be missing or empty unless `force`. */
  targetDir: string;
  /** Values substituted into the copied files. */
  values: SubstitutionValues;
}

/** What {@link scaffoldProject} wrote. */
export interface ScaffoldResult {
  /** Paths of the written files, relative to the target folder, sorted. */
  files: string[];
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
 * Copy a template into `targetDir` with its names and values substituted. All files are
 * rendered in memory first, so a template problem writes nothing; if writing fails part
 * way, everything this call created is removed again before the error is rethrown.
 */
export function scaffoldProject(options: ScaffoldOptions): ScaffoldResult {
  const templateDir = join(options.templatesDir, options.template.name);
  const rendered = listTemplateFiles(templateDir).map(({ source, target }) => {
    const sourcePath = join(templateDir, source);
    const content = readFileSync(sourcePath, 'utf8');
    return {
      target,
      mode: statSync(sourcePath).mode & 0o777,
      content: applySubstitutions(options.template.name, target, content, options.values),
    };
  });

  const created: string[] = [];
  try {
    makeDir(options.targetDir, created);
    for (const file of rendered) {
      const path = join(options.targetDir, file.target);
      makeDir(dirname(path), created);
      const existed = existsSync(path);
      writeFileSync(path, file.content, { mode: file.mode });
      // writeFileSync applies `mode` only when it creates the file.
      if (existed) chmodSync(path, file.mode);
      else created.push(path);
    }
  } catch (error) {
    for (const path of created.reverse()) rmSync(path, { recursive: true, force: true });
    throw error;
  }
  return { files: rendered.map((file) => file.target) };
}

/** mkdir -p that records each folder it creates, outermost first. */
function makeDir(dir: string, created: string[]): void {
  if (existsSync(dir)) return;
  makeDir(dirname(dir), created);
  mkdirSync(dir);
  created.push(dir);
}
