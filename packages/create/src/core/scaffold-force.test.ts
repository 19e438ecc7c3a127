import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, type WriteFile } from './atomic-write.js';
import {
  prepareScaffold,
  ScaffoldError,
  scaffoldProject,
  writeScaffold,
  type ScaffoldOptions,
} from './scaffold.js';
import { describeReplacedFiles, describeScaffoldFailure } from './scaffold-report.js';
import { resolveTemplatesDir, TEMPLATES } from './templates.js';

const python = TEMPLATES.find((t) => t.name === 'python')!;
const made: string[] = [];
/** A temp folder removed after the tests. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scaffold-${prefix}-`));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The user's own files, with the modes they chose. */
const USER_FILES: Record<string, { content: string; mode: number }> = {
  'README.md': { content: '# My notes\nprivate\n', mode: 0o600 },
  'pyproject.toml': { content: '[project]\nname = "mine"\n', mode: 0o644 },
  Dockerfile: { content: 'FROM scratch\n', mode: 0o640 },
  // Where the template's src/<package>/server.py goes for the project name "app".
  'src/app/server.py': { content: 'print("my server")\n', mode: 0o755 },
};

function userProject(): string {
  const dir = join(tempDir('target'), 'app');
  mkdirSync(dir);
  for (const [file, { content, mode }] of Object.entries(USER_FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
    chmodSync(join(dir, file), mode);
  }
  writeFileSync(join(dir, 'NOTES.md'), 'unrelated\n');
  return dir;
}

function expectUserFiles(dir: string, files = Object.keys(USER_FILES)): void {
  for (const file of files) {
    const { content, mode } = USER_FILES[file]!;
    expect(readFileSync(join(dir, file), 'utf8'), file).toBe(content);
    expect(statSync(join(dir, file)).mode & 0o777, file).toBe(mode);
  }
}

/** Every file and folder (with a trailing slash) under `dir`, sorted. */
function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? [
            `${join(prefix, entry.name)}/`,
            ...listTree(join(dir, entry.name), join(prefix, entry.name)),
          ]
        : [join(prefix, entry.name)],
    )
    .sort();
}

/** A real atomic write that throws instead of writing for the calls `fails` picks. */
function failingWrite(fails: (call: number, path: string) => boolean): WriteFile {
  let call = 0;
  return (path, content, options) => {
    call += 1;
    if (fails(call, path)) throw Object.assign(new Error('injected'), { code: 'ENOSPC' });
    writeFileAtomic(path, content, options);
  };
}

function options(targetDir: string, extra: Partial<ScaffoldOptions> = {}): ScaffoldOptions {
  return {
    templatesDir: resolveTemplatesDir(),
    template: python,
    targetDir,
    values: { name: 'app', transport: 'stdio', connectSection: '## Connect\n' },
    homedir: tempDir('home'),
    now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    ...extra,
  };
}

function scaffoldError(run: () => unknown): ScaffoldError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScaffoldError) return error;
    throw error;
  }
  throw new Error('expected the scaffold to fail');
}

describe('scaffolding over the user’s files', () => {
  it('copies each replaced file to the backup folder first, with its mode, and keeps the user’s mode', () => {
    const target = userProject();
    const opts = options(target);
    const result = scaffoldProject(opts);

    const backupDir = join(opts.homedir, '.mcpkit', 'backups', 'create', 'app-20260102-030405');
    expect(result.backupDir).toBe(backupDir);
    expect(result.replaced).toEqual([
      'Dockerfile',
      'pyproject.toml',
      'README.md',
      'src/app/server.py',
    ]);
    expectUserFiles(backupDir);
    expect(listTree(backupDir)).toEqual([...Object.keys(USER_FILES), 'src/', 'src/app/'].sort());
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);

    expect(readFileSync(join(target, 'src/app/server.py'), 'utf8')).toContain('MCPServer');
    expect(statSync(join(target, 'README.md')).mode & 0o777).toBe(0o600);
    expect(statSync(join(target, 'src/app/server.py')).mode & 0o777).toBe(0o755);
    expect(statSync(join(target, '.gitignore')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(target, 'NOTES.md'), 'utf8')).toBe('unrelated\n');
    expect(describeReplacedFiles(result)).toEqual([
      `Replaced 4 of your files; the originals are in ${backupDir}:`,
      '  Dockerfile',
      '  pyproject.toml',
      '  README.md',
      '  src/app/server.py',
    ]);
  });

  it('makes no backup folder when it replaces nothing', () => {
    const opts = options(join(tempDir('empty'), 'app'));
    const result = scaffoldProject(opts);
    expect(result).toMatchObject({ replaced: [] });
    expect(result.backupDir).toBeUndefined();
    expect(existsSync(join(opts.homedir, '.mcpkit'))).toBe(false);
    expect(describeReplacedFiles(result)).toEqual([]);
  });

  it('a second run in the same second gets its own backup folder', () => {
    const target = userProject();
    const opts = options(target);
    const first = scaffoldProject(opts);
    writeFileSync(join(target, 'src/app/server.py'), 'changed again\n');
    const second = scaffoldProject(opts);
    expect(second.backupDir).toBe(`${first.backupDir}-2`);
    expect(readFileSync(join(second.backupDir!, 'src/app/server.py'), 'utf8')).toBe(
      'changed again\n',
    );
  });
});

describe('a write that fails part way', () => {
  it('puts every replaced file back byte for byte with its mode and removes what it created', () => {
    const target = userProject();
    const before = listTree(target);
    // Calls 1-3 create the dotfiles, 4-6 replace Dockerfile, pyproject.toml, README.md;
    // call 7 is the first file of the package, src/app/__init__.py.
    const opts = options(target, { writeFile: failingWrite((call) => call === 7) });
    const error = scaffoldError(() => scaffoldProject(opts));

    expect(error.message).toBe('could not write src/app/__init__.py: no space left on the device');
    expectUserFiles(target);
    expect(listTree(target)).toEqual(before);
    expect(error.report.restored).toEqual(['Dockerfile', 'pyproject.toml', 'README.md']);
    expect(error.report.notRestored).toEqual([]);
    expect(error.backupDir).toBe(
      join(opts.homedir, '.mcpkit', 'backups', 'create', 'app-20260102-030405'),
    );
    expectUserFiles(error.backupDir!);

    const lines = describeScaffoldFailure(error);
    expect(lines).toEqual([
      'Put back 3 of your files as they were: Dockerfile, pyproject.toml, README.md.',
      'Removed the files and folders this run created.',
      `Copies of your files stay in ${error.backupDir}.`,
      'The folder is as it was; fix the cause and run the same command again.',
    ]);
  });

  it('names each file it could not put back and where its copy is', () => {
    const target = userProject();
    const writeFile = failingWrite(
      (call, path) => call === 7 || (call > 7 && path.endsWith('pyproject.toml')),
    );
    const error = scaffoldError(() => scaffoldProject(options(target, { writeFile })));

    expectUserFiles(target, ['Dockerfile', 'README.md', 'src/app/server.py']);
    expect(readFileSync(join(target, 'pyproject.toml'), 'utf8')).not.toBe(
      USER_FILES['pyproject.toml']!.content,
    );
    const copy = join(error.backupDir!, 'pyproject.toml');
    expect(error.report.notRestored).toEqual([
      { relative: 'pyproject.toml', copy, reason: 'no space left on the device' },
    ]);
    expect(readFileSync(copy, 'utf8')).toBe(USER_FILES['pyproject.toml']!.content);
    const text = describeScaffoldFailure(error).join('\n');
    expect(text).toContain('Put back 2 of your files as they were: Dockerfile, README.md.');
    expect(text).toContain(
      `Could not put back 1 of your files; copy them back by hand:\n  pyproject.toml (no space left on the device): the copy is ${copy}`,
    );
    expect(text).not.toMatch(/Nothing was left behind|as it was;/);
  });

  it('with none of the user’s files touched, leaves nothing behind, not even the backup', () => {
    const target = userProject();
    const before = listTree(target);
    const opts = options(target, { writeFile: failingWrite((call) => call === 2) });
    const error = scaffoldError(() => scaffoldProject(opts));
    expect(listTree(target)).toEqual(before);
    expect(error.backupDir).toBeUndefined();
    expect(readdirSync(join(opts.homedir, '.mcpkit', 'backups', 'create'))).toEqual([]);
    expect(describeScaffoldFailure(error)).toEqual([
      'Removed the files and folders this run created.',
      'Nothing was left behind; fix the cause and run the same command again.',
    ]);
  });

  it('removes the project folder it created', () => {
    const parent = tempDir('parent');
    const opts = options(join(parent, 'a', 'app'), {
      writeFile: failingWrite((call) => call === 5),
    });
    scaffoldError(() => scaffoldProject(opts));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('when the backup cannot be made, writes nothing', () => {
    const target = userProject();
    const before = listTree(target);
    const home = tempDir('home-file');
    writeFileSync(join(home, '.mcpkit'), 'a file where the backups folder would go');
    const error = scaffoldError(() => scaffoldProject(options(target, { homedir: home })));
    expect(error.message).toMatch(
      /^could not create a backup folder for the files it would replace: /,
    );
    expect(listTree(target)).toEqual(before);
    expectUserFiles(target);
    expect(describeScaffoldFailure(error)).toEqual([
      'Nothing was left behind; fix the cause and run the same command again.',
    ]);
  });
});

describe('a symlink swapped in after the plan', () => {
  it('stops the write instead of following it, and puts things back', () => {
    const target = userProject();
    mkdirSync(join(target, 'tests'));
    const outside = tempDir('outside');
    const opts = options(target);
    const prepared = prepareScaffold(opts);
    rmSync(join(target, 'tests'), { recursive: true });
    symlinkSync(outside, join(target, 'tests'));

    const error = scaffoldError(() => writeScaffold(prepared, opts));
    expect(error.message).toMatch(
      /^could not write tests\/test_cli\.py: tests is no longer a folder/,
    );
    expect(readdirSync(outside)).toEqual([]);
    expectUserFiles(target);
  });
});
