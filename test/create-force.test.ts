import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  rmSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, makeTempDir as makeDir } from './support/paths.js';
import { run, testEnv } from './support/run.js';

/** Run the built CLI with a temp HOME, so backups never land in the real home folder. */
const create = (args: string[], cwd: string, home: string) =>
  run(process.execPath, [BIN.create, ...args, '--no-install', '--no-git'], {
    cwd,
    env: testEnv({ CI: 'true', HOME: home, USERPROFILE: home }),
  });

/** The user's own project files, with the modes they chose. */
const USER_FILES: Record<string, { content: string; mode: number }> = {
  'README.md': { content: '# My notes\nprivate\n', mode: 0o600 },
  'pyproject.toml': { content: '[project]\nname = "mine"\n', mode: 0o644 },
  Dockerfile: { content: 'FROM scratch\n', mode: 0o640 },
  // Where the template's src/<package>/server.py goes for the project "app".
  'src/app/server.py': { content: 'print("my server")\n', mode: 0o755 },
  'tests/test_server.py': { content: 'def test_mine():\n    pass\n', mode: 0o644 },
};

function writeUserFiles(dir: string): void {
  for (const [file, { content, mode }] of Object.entries(USER_FILES)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
    chmodSync(join(dir, file), mode);
  }
}

function expectUserFiles(dir: string): void {
  for (const [file, { content, mode }] of Object.entries(USER_FILES)) {
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

const chattrAvailable = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('chattr', ['--help'], { stdio: 'ignore' });
  } catch (error) {
    // chattr --help exits 1 after printing usage; only a missing binary throws ENOENT.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  return true;
})();

const immutable: string[] = [];
afterEach(() => {
  for (const path of immutable.splice(0)) execFileSync('chattr', ['-i', path]);
});

const made: string[] = [];
/** A temp folder removed after the tests. */
function makeTempDir(prefix: string): string {
  const dir = makeDir(prefix);
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('create-mcp-server --force keeps the user’s files', () => {
  it('replaces them after copying them to a backup folder, keeping their modes', async () => {
    const cwd = makeTempDir('force-ok');
    const home = makeTempDir('force-ok-home');
    writeUserFiles(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'NOTES.md'), 'unrelated\n');

    const result = await create(['app', '--force'], cwd, home);
    expect(result.code, result.stderr).toBe(0);

    const backupRoot = join(home, '.mcpkit', 'backups', 'create');
    const [backup, ...others] = readdirSync(backupRoot);
    expect(others).toEqual([]);
    expect(backup).toMatch(/^app-\d{8}-\d{6}$/);
    const backupDir = join(backupRoot, backup!);
    expect(result.stdout).toContain(`Replaced 5 of your files; the originals are in ${backupDir}`);
    for (const file of Object.keys(USER_FILES)) expect(result.stdout).toContain(`  ${file}\n`);
    expectUserFiles(backupDir);
    expect(listTree(backupDir)).toEqual(
      [...Object.keys(USER_FILES), 'src/', 'src/app/', 'tests/'].sort(),
    );

    // The project got the template's content, the user's modes, and kept NOTES.md.
    const app = join(cwd, 'app');
    expect(readFileSync(join(app, 'src/app/server.py'), 'utf8')).toContain('MCPServer');
    expect(readFileSync(join(app, 'README.md'), 'utf8')).toContain('## Connect');
    expect(statSync(join(app, 'README.md')).mode & 0o777).toBe(0o600);
    expect(statSync(join(app, 'src/app/server.py')).mode & 0o777).toBe(0o755);
    expect(statSync(join(app, '.gitignore')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(app, 'NOTES.md'), 'utf8')).toBe('unrelated\n');
    expect(listTree(app).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing to the backup folder when it replaces nothing', async () => {
    const cwd = makeTempDir('force-none');
    const home = makeTempDir('force-none-home');
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'NOTES.md'), 'keep\n');
    const result = await create(['app', '--force'], cwd, home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('Replaced');
    expect(existsSync(join(home, '.mcpkit'))).toBe(false);
  });

  it('a write that fails part way puts every replaced file back and says where the copies are', async (ctx) => {
    if (!chattrAvailable) {
      const reason = 'needs root and chattr to make a real write fail part way';
      console.log(`skipped: ${reason}`);
      ctx.skip(reason);
    }
    const cwd = makeTempDir('force-fail');
    const home = makeTempDir('force-fail-home');
    const app = join(cwd, 'app');
    writeUserFiles(app);
    // The template's last file lands on an immutable file: renaming over it fails after
    // README.md, pyproject.toml, Dockerfile and src/app/server.py were replaced.
    execFileSync('chattr', ['+i', join(app, 'tests', 'test_server.py')]);
    immutable.push(join(app, 'tests', 'test_server.py'));
    const before = listTree(app);

    const result = await create(['app', '--force'], cwd, home);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Error: Could not write the project: could not write tests\/test_server\.py: operation not permitted\./,
    );
    expect(result.stderr).not.toMatch(/Nothing was left behind/);
    expect(result.stderr).toMatch(
      /Put back 4 of your files as they were: Dockerfile, pyproject\.toml, README\.md, src\/app\/server\.py\./,
    );
    const backupRoot = join(home, '.mcpkit', 'backups', 'create');
    const backupDir = join(backupRoot, readdirSync(backupRoot)[0]!);
    expect(result.stderr).toContain(`Copies of your files stay in ${backupDir}.`);
    expect(result.stderr).toMatch(/removed the files and folders this run created/i);

    expectUserFiles(app);
    expect(listTree(app)).toEqual(before);
    expectUserFiles(backupDir);
  });
});

describe('create-mcp-server --force never writes through a symlink', () => {
  it('refuses a file symlink and a folder symlink pointing outside, before writing anything', async () => {
    const cwd = makeTempDir('force-link');
    const home = makeTempDir('force-link-home');
    const outside = makeTempDir('force-link-outside');
    writeFileSync(join(outside, 'victim.txt'), 'outside\n');
    chmodSync(join(outside, 'victim.txt'), 0o600);
    mkdirSync(join(outside, 'dir'));
    const app = join(cwd, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'server.py'), 'mine\n');
    symlinkSync(join(outside, 'victim.txt'), join(app, 'README.md'));
    symlinkSync(join(outside, 'dir'), join(app, 'tests'));

    const result = await create(['app', '--force'], cwd, home);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/README\.md: a symbolic link \(to .*victim\.txt\)/);
    expect(result.stderr).toMatch(/tests: a symbolic link \(to .*dir\)/);
    expect(result.stderr).toMatch(/nothing was written/i);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('outside\n');
    expect(statSync(join(outside, 'victim.txt')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(outside, 'dir'))).toEqual([]);
    expect(readdirSync(app).sort()).toEqual(['README.md', 'server.py', 'tests']);
    expect(readFileSync(join(app, 'server.py'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(home, '.mcpkit'))).toBe(false);
  });
});

describe('create-mcp-server --force refuses file/folder clashes up front', () => {
  it('a file where the template needs a folder, and a folder where it writes a file', async () => {
    const cwd = makeTempDir('force-clash');
    const home = makeTempDir('force-clash-home');
    const app = join(cwd, 'app');
    mkdirSync(join(app, 'README.md'), { recursive: true });
    writeFileSync(join(app, 'README.md', 'inside.txt'), 'mine\n');
    writeFileSync(join(app, 'tests'), 'a file where the template has a folder\n');
    writeFileSync(join(app, 'server.py'), 'mine\n');

    const result = await create(['app', '--force'], cwd, home);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/README\.md: a folder, but the template writes a file there/);
    expect(result.stderr).toMatch(/tests: a file, but the template needs a folder there/);
    expect(result.stderr).toMatch(/Move or rename them, or choose another folder/);
    expect(listTree(app)).toEqual(['README.md/', 'README.md/inside.txt', 'server.py', 'tests']);
    expect(readFileSync(join(app, 'server.py'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(home, '.mcpkit'))).toBe(false);
  });
});

describe('create-mcp-server --force refuses a folder it cannot write to', () => {
  it('before writing anything', async (ctx) => {
    if (!chattrAvailable) {
      const reason = 'needs root and chattr to make a folder unwritable for root';
      console.log(`skipped: ${reason}`);
      ctx.skip(reason);
    }
    const cwd = makeTempDir('force-locked');
    const home = makeTempDir('force-locked-home');
    const app = join(cwd, 'app');
    writeUserFiles(app);
    execFileSync('chattr', ['+i', join(app, 'tests')]);
    immutable.push(join(app, 'tests'));
    const before = listTree(app);

    const result = await create(['app', '--force'], cwd, home);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tests: a folder that cannot be written to/);
    expectUserFiles(app);
    expect(listTree(app)).toEqual(before);
    expect(existsSync(join(home, '.mcpkit'))).toBe(false);
  });
});
