import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@mcpkit/shared/config-text';
import { afterEach, describe, expect, it } from 'vitest';
import { addServer } from './edit.js';
import { editErrorCode } from './errors.js';
import {
  backupDirFor,
  listBackups,
  readConfigFile,
  restoreBackup,
  updateConfigFile,
  withConfigLock,
  writeConfigFile,
} from './write.js';

const ORIGINAL = '{\r\n    "mcpServers": {},\r\n    "preferences": {"a": "ë"}\r\n}';
const AS_ROOT = process.getuid?.() === 0;
const dirs: string[] = [];
const immutable: string[] = [];

afterEach(() => {
  for (const p of immutable.splice(0)) execFileSync('chattr', ['-i', p]);
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcp-config-write-'));
  dirs.push(dir);
  return dir;
}

/** A file with ORIGINAL in it, and a backup folder beside it. */
function setup(): { dir: string; file: string; backupDir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'claude_desktop_config.json');
  writeFileSync(file, ORIGINAL);
  return { dir, file, backupDir: path.join(dir, 'backups') };
}

/** Clock that moves 1 ms per call from a fixed instant. */
function clock(start = Date.UTC(2026, 10, 3, 14, 25, 1, 7)) {
  let t = start;
  return () => new Date(t++);
}

/** Makes a path unwritable, even for root (which ignores modes). */
function makeReadOnly(p: string, mode: number): void {
  chmodSync(p, mode);
  if (AS_ROOT) {
    execFileSync('chattr', ['+i', p]);
    immutable.push(p);
  }
}

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('writeConfigFile', () => {
  it('replaces the file, backing up the old bytes under a timestamped name', async () => {
    const { dir, file, backupDir } = setup();
    const result = await writeConfigFile(file, '{}\n', { backupDir, now: clock() });
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(result.backup).toBe(
      path.join(backupDir, 'claude_desktop_config.json.20261103-142501-007.bak'),
    );
    expect(readFileSync(result.backup as string, 'utf8')).toBe(ORIGINAL);
    expect((statSync(result.backup as string).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(dir).sort()).toEqual(['backups', 'claude_desktop_config.json']);
  });

  it('creates a missing file and its folders, with no backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a', 'b', 'mcp.json');
    const result = await writeConfigFile(file, '{}\n', { backupDir: path.join(dir, 'bk') });
    expect(result).toEqual({ target: file, created: true });
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(existsSync(path.join(dir, 'bk'))).toBe(false);
  });

  it('keeps the file mode', async () => {
    const { file, backupDir } = setup();
    chmodSync(file, 0o640);
    await writeConfigFile(file, '{}', { backupDir });
    expect((statSync(file).mode & 0o777).toString(8)).toBe('640');
  });

  it('writes through a symlink: the link stays a link, its target changes', async () => {
    const { dir, file, backupDir } = setup();
    const link = path.join(dir, 'link.json');
    symlinkSync('claude_desktop_config.json', link);
    const result = await writeConfigFile(link, '{"x": 1}', { backupDir });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('claude_desktop_config.json');
    expect(readFileSync(file, 'utf8')).toBe('{"x": 1}');
    expect(result.target).toBe(file);
    expect(readFileSync(result.backup as string, 'utf8')).toBe(ORIGINAL);
  });

  it('writes the target of a dangling symlink', async () => {
    const dir = tempDir();
    const link = path.join(dir, 'link.json');
    symlinkSync(path.join(dir, 'real', 'mcp.json'), link);
    await writeConfigFile(link, '{}', { backupDir: path.join(dir, 'bk') });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real', 'mcp.json'), 'utf8')).toBe('{}');
  });

  it('keeps at most maxBackups, deleting the oldest', async () => {
    const { file, backupDir } = setup();
    const now = clock();
    for (let i = 0; i < 6; i++)
      await writeConfigFile(file, `{"n": ${i}}`, { backupDir, maxBackups: 3, now });
    const backups = await listBackups(backupDir, 'claude_desktop_config.json');
    expect(backups.map((b) => readFileSync(b.file, 'utf8'))).toEqual([
      '{"n": 4}',
      '{"n": 3}',
      '{"n": 2}',
    ]);
    expect(backups[0]?.date.toISOString()).toBe('2026-11-03T14:25:01.012Z');
  });

  it('two backups in the same millisecond get distinct names, newest first', async () => {
    const { file, backupDir } = setup();
    const now = () => new Date(Date.UTC(2026, 0, 1));
    await writeConfigFile(file, '1', { backupDir, now });
    await writeConfigFile(file, '2', { backupDir, now });
    const backups = await listBackups(backupDir, 'claude_desktop_config.json');
    expect(backups.map((b) => path.basename(b.file))).toEqual([
      'claude_desktop_config.json.20260101-000000-000-2.bak',
      'claude_desktop_config.json.20260101-000000-000.bak',
    ]);
    expect(backups.map((b) => readFileSync(b.file, 'utf8'))).toEqual(['1', ORIGINAL]);
  });

  it('a crash between write and rename leaves the old file intact and no temp file', async () => {
    const { dir, file, backupDir } = setup();
    let temp = '';
    const error = await rejection(
      writeConfigFile(file, '{"new": true}', {
        backupDir,
        beforeRename: (t) => {
          temp = t;
          expect(readFileSync(t, 'utf8')).toBe('{"new": true}');
          throw new Error('simulated crash');
        },
      }),
    );
    expect(error.message).toMatch(/simulated crash; nothing was changed/);
    expect(temp).toMatch(/\.claude_desktop_config\.json\.\d+\.[0-9a-f]+\.tmp$/);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'claude_desktop_config.json']);
  });

  it('a read-only file is refused cleanly and left as it was', async () => {
    const { dir, file, backupDir } = setup();
    makeReadOnly(file, 0o444);
    const error = await rejection(writeConfigFile(file, '{}', { backupDir }));
    expect(editErrorCode(error)).toBe('read-only');
    expect(error.message).toBe(
      `${file}: cannot write the file: permission denied (the file or its folder is read-only); nothing was changed`,
    );
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('a read-only folder is refused cleanly and the file left as it was', async () => {
    const { dir, file } = setup();
    const backupDir = path.join(tempDir(), 'backups');
    makeReadOnly(dir, 0o555);
    const error = await rejection(writeConfigFile(file, '{}', { backupDir }));
    expect(editErrorCode(error)).toBe('read-only');
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });
});

describe('readConfigFile', () => {
  it('reads a missing file as empty, and keeps the BOM', async () => {
    const dir = tempDir();
    expect(await readConfigFile(path.join(dir, 'nope.json'))).toEqual({ text: '', exists: false });
    writeFileSync(path.join(dir, 'bom.json'), '\uFEFF{}');
    expect(await readConfigFile(path.join(dir, 'bom.json'))).toEqual({
      text: '\uFEFF{}',
      exists: true,
    });
  });

  it('refuses bytes that are not UTF-8 rather than corrupt them', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'utf16.json');
    writeFileSync(file, Buffer.from('\uFEFF{}', 'utf16le'));
    const error = await rejection(readConfigFile(file));
    expect(error.code).toBe('read-failed');
    expect(error.reason).toMatch(/not UTF-8/);
  });
});

describe('withConfigLock', () => {
  it('takes <file>.lock with our pid and removes it afterwards, even on error', async () => {
    const { file } = setup();
    await withConfigLock(file, () => {
      expect(readFileSync(`${file}.lock`, 'utf8').split('\n')[0]).toBe(String(process.pid));
    });
    expect(existsSync(`${file}.lock`)).toBe(false);
    await expect(withConfigLock(file, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a live holder, then gives up with a clear error', async () => {
    const { file } = setup();
    writeFileSync(`${file}.lock`, `${process.pid}\nother\n`);
    const started = Date.now();
    const error = await rejection(withConfigLock(file, () => 1, { timeoutMs: 150 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(editErrorCode(error)).toBe('locked');
    expect(error.reason).toMatch(new RegExp(`pid ${process.pid}\\) is changing this file`));
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\nother\n`);
  });

  it('breaks a lock whose process is dead, or that is too old', async () => {
    const { dir, file } = setup();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(`${file}.lock`, `${dead.pid}\nx\n`);
    expect(await withConfigLock(file, () => 'ran', { timeoutMs: 100 })).toBe('ran');
    writeFileSync(`${file}.lock`, `${process.pid}\nx\n`);
    utimesSync(`${file}.lock`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(await withConfigLock(file, () => 'ran', { timeoutMs: 100, staleMs: 30_000 })).toBe(
      'ran',
    );
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('a read-only folder fails cleanly before anything is written', async () => {
    const { dir, file } = setup();
    makeReadOnly(dir, 0o555);
    const error = await rejection(withConfigLock(file, () => 1));
    expect(editErrorCode(error)).toBe('read-only');
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('two processes adding at once both land', async () => {
    const dist = fileURLToPath(new URL('../../dist/core/', import.meta.url));
    if (!existsSync(path.join(dist, 'write.js'))) throw new Error('run `npx tsc -b` first');
    const { dir, file, backupDir } = setup();
    const script = path.join(dir, 'add.mjs');
    writeFileSync(
      script,
      `import { addServer } from ${JSON.stringify(path.join(dist, 'edit.js'))};
import { readConfigFile, withConfigLock, writeConfigFile } from ${JSON.stringify(path.join(dist, 'write.js'))};
const [file, name, backupDir] = process.argv.slice(2);
await withConfigLock(file, async () => {
  const { text } = await readConfigFile(file);
  // Hold the lock a while so that the writers really overlap.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const next = addServer(text, { serversPath: ['mcpServers'], name, entry: { command: name }, file, allowJsonc: false });
  await writeConfigFile(file, next, { backupDir });
});
`,
    );
    const names = ['one', 'two', 'three'];
    const codes = await Promise.all(
      names.map(
        (name) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [script, file, name, backupDir], {
              stdio: 'inherit',
            });
            child.on('exit', resolve);
          }),
      ),
    );
    expect(codes).toEqual([0, 0, 0]);
    const servers = (JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: object }).mcpServers;
    expect(Object.keys(servers).sort()).toEqual(['one', 'three', 'two']);
    expect(await listBackups(backupDir, 'claude_desktop_config.json')).toHaveLength(3);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('updateConfigFile, backups and restore', () => {
  it('reads, edits and writes under the lock; an unchanged text is not written', async () => {
    const { file, backupDir } = setup();
    const add = (text: string) =>
      addServer(text, {
        serversPath: ['mcpServers'],
        name: 'x',
        entry: { command: 'x' },
        file,
        allowJsonc: false,
      });
    const result = await updateConfigFile(file, add, { backupDir });
    expect(result).toMatchObject({ oldText: ORIGINAL, changed: true, created: false });
    expect(readFileSync(file, 'utf8')).toBe(result.newText);
    const same = await updateConfigFile(file, (text) => text, { backupDir });
    expect(same.changed).toBe(false);
    expect(await listBackups(backupDir, 'claude_desktop_config.json')).toHaveLength(1);
  });

  it('an update that throws leaves the file untouched', async () => {
    const { file, backupDir } = setup();
    await expect(
      updateConfigFile(
        file,
        () => {
          throw new Error('no');
        },
        { backupDir },
      ),
    ).rejects.toThrow('no');
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(existsSync(backupDir)).toBe(false);
  });

  it('restores a backup, backing up the current file first', async () => {
    const { file, backupDir } = setup();
    const now = clock();
    await writeConfigFile(file, '{"v": 2}', { backupDir, now });
    const [first] = await listBackups(backupDir, 'claude_desktop_config.json');
    const result = await restoreBackup(file, { backup: first?.file as string, backupDir, now });
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readFileSync(result.backup as string, 'utf8')).toBe('{"v": 2}');
    expect(await listBackups(backupDir, 'claude_desktop_config.json')).toHaveLength(2);
  });

  it('backupDirFor: one readable, distinct folder per file under ~/.mcpkit/backups', () => {
    const a = backupDirFor({ homedir: '/home/z', file: '/home/z/.claude.json' });
    expect(a).toMatch(/^\/home\/z\/\.mcpkit\/backups\/home_z_\.claude\.json-[0-9a-f]{8}$/);
    expect(backupDirFor({ homedir: '/home/z', file: '/home/z_.claude.json' })).not.toBe(a);
  });
});
