import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  truncateSync,
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
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@mcpkit/shared/config-text';
import { afterEach, describe, expect, it } from 'vitest';
import { backupChecksum } from './backup.js';
import { addServer } from './edit.js';
import { editErrorCode } from './errors.js';
import { readConfigBytes } from '@mcpkit/shared/read-config-file';
import {
  backupDirFor,
  backupHistory,
  checkBackup,
  listBackups,
  readConfigFile,
  restoreBackup,
  updateConfigFile,
  withConfigLock,
  writeConfigFile,
} from './write.js';

const ORIGINAL = '{\r\n    "mcpServers": {},\r\n    "preferences": {"a": "ë"}\r\n}';
const hashOf = (text: string) => backupChecksum(Buffer.from(text, 'utf8'));
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
      path.join(
        backupDir,
        `claude_desktop_config.json.20261103-142501-007.${hashOf(ORIGINAL)}.bak`,
      ),
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
      `claude_desktop_config.json.20260101-000000-000-2.${hashOf('1')}.bak`,
      `claude_desktop_config.json.20260101-000000-000.${hashOf(ORIGINAL)}.bak`,
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

  it('a file with mode 0444 is refused by its mode (even as root), and written with allowReadOnly keeping 0444', async () => {
    const { dir, file, backupDir } = setup();
    chmodSync(file, 0o444);
    const error = await rejection(writeConfigFile(file, '{}', { backupDir }));
    expect(editErrorCode(error)).toBe('read-only-file');
    expect(error.message).toBe(`${file}: the file is read-only (mode 0444); nothing was changed`);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
    await writeConfigFile(file, '{"x": 1}', { backupDir, allowReadOnly: true });
    expect(readFileSync(file, 'utf8')).toBe('{"x": 1}');
    expect((statSync(file).mode & 0o777).toString(8)).toBe('444');
  });

  // Only root can make a file immutable; its mode keeps its write bits.
  it.skipIf(!AS_ROOT)('an immutable file is refused cleanly and left as it was', async () => {
    const { dir, file } = setup();
    makeReadOnly(file, 0o644);
    const backupDir = path.join(tempDir(), 'b');
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

const DIST = fileURLToPath(new URL('../../build/core/', import.meta.url));

/** Runs a module script importing from build/core (the tsc output) in a child process; resolves its exit code. */
function runScript(dir: string, source: string, args: string[]): Promise<number | null> {
  if (!existsSync(path.join(DIST, 'write.js'))) throw new Error('run `npx tsc -b` first');
  const script = path.join(dir, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, source.replaceAll('DIST/', DIST));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
    child.on('exit', resolve);
  });
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

const owner = (pid: number, token = 'abcdef0123456789') =>
  JSON.stringify({ pid, host: hostname(), token });
const past = (ms: number) => new Date(Date.now() - ms);

describe('withConfigLock', () => {
  it('holds <file>.lock as a folder with our owner file, and removes it afterwards, even on error', async () => {
    const { dir, file } = setup();
    await withConfigLock(file, (lock) => {
      expect(lock.paths).toEqual([`${file}.lock`]);
      expect(statSync(`${file}.lock`).isDirectory()).toBe(true);
      const record = JSON.parse(readFileSync(`${file}.lock/owner`, 'utf8')) as object;
      expect(record).toMatchObject({ pid: process.pid, host: hostname() });
      lock.verify();
    });
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
    await expect(withConfigLock(file, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('locks the name as given and the symlink-resolved file, in that order', async () => {
    const { dir, file } = setup();
    const link = path.join(dir, 'link.json');
    symlinkSync(file, link);
    await withConfigLock(link, (lock) => {
      expect(lock.paths).toEqual([`${link}.lock`, `${file}.lock`]);
      expect(existsSync(`${link}.lock/owner`) && existsSync(`${file}.lock/owner`)).toBe(true);
    });
    expect(readdirSync(dir).sort()).toEqual(['claude_desktop_config.json', 'link.json']);
  });

  it('never breaks the lock of a live process here; gives up after no progress, naming pid and lock', async () => {
    const { file } = setup();
    mkdirSync(`${file}.lock`);
    writeFileSync(`${file}.lock/owner`, owner(process.pid));
    utimesSync(`${file}.lock`, past(60_000), past(60_000));
    const error = await rejection(withConfigLock(file, () => 1, { patienceMs: 300 }));
    expect(editErrorCode(error)).toBe('locked');
    expect(error.reason).toBe(
      `${file}.lock is held by mcp-config (pid ${process.pid}, running) and it has shown no progress for 0.3 s; nothing was changed. If that program is stuck, stop it and run the command again`,
    );
    expect(readFileSync(`${file}.lock/owner`, 'utf8')).toBe(owner(process.pid));
  });

  it('waits past its patience while a live holder refreshes the lock, then takes it', async () => {
    const { dir, file } = setup();
    const marker = path.join(dir, 'holding');
    const holder = runScript(
      dir,
      `import { withConfigLock } from 'DIST/lock.js';
import { writeFileSync } from 'node:fs';
const [file, marker] = process.argv.slice(2);
await withConfigLock(file, async () => {
  writeFileSync(marker, '');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  writeFileSync(file, 'holder was here');
}, { refreshMs: 100 });
`,
      [file, marker],
    );
    while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
    const text = await withConfigLock(file, () => readFileSync(file, 'utf8'), { patienceMs: 500 });
    expect(text).toBe('holder was here');
    expect(await holder).toBe(0);
  });

  it('breaks at once a lock whose owner here is dead; by age one without owner, a lock file, and a dead claim', async () => {
    const { dir, file } = setup();
    const lock = `${file}.lock`;
    mkdirSync(lock);
    writeFileSync(`${lock}/owner`, owner(await deadPid()));
    expect(await withConfigLock(file, () => 'ran', { patienceMs: 200 })).toBe('ran');

    // Claude Code's kind: an empty folder, stale when its mtime is over 10 s old.
    mkdirSync(lock);
    utimesSync(lock, past(9_000), past(9_000));
    expect(editErrorCode(await rejection(withConfigLock(file, () => 1, { patienceMs: 200 })))).toBe(
      'locked',
    );
    utimesSync(lock, past(11_000), past(11_000));
    expect(await withConfigLock(file, () => 'ran', { patienceMs: 200 })).toBe('ran');

    writeFileSync(lock, `${process.pid}\nold-format\n`);
    utimesSync(lock, past(11_000), past(11_000));
    expect(await withConfigLock(file, () => 'ran', { patienceMs: 200 })).toBe('ran');

    // A breaker that died holding its claim does not block breaking for ever.
    mkdirSync(lock);
    writeFileSync(`${lock}/owner`, owner(await deadPid(), '0123456789abcdef'));
    writeFileSync(`${lock}.break-t0123456789abcdef`, owner(await deadPid(), 'fedcba9876543210'));
    expect(await withConfigLock(file, () => 'ran', { patienceMs: 200 })).toBe('ran');
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('a failure writing the owner file (ENOSPC) leaves no lock behind and says so', async () => {
    const { dir, file } = setup();
    const error = await rejection(
      withConfigLock(file, () => 1, {
        writeOwner: (temp) => {
          writeFileSync(temp, ''); // a real 0-byte file, as a full disk leaves it
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
          });
        },
      }),
    );
    expect(editErrorCode(error)).toBe('write-failed');
    expect(error.reason).toBe(
      `cannot take the lock ${file}.lock: no space left on the device (ENOSPC); nothing was changed`,
    );
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
    expect(await withConfigLock(file, () => 'next run', { patienceMs: 200 })).toBe('next run');
  });

  it('a read-only folder fails cleanly before anything is written', async () => {
    const { dir, file } = setup();
    makeReadOnly(dir, 0o555);
    const error = await rejection(withConfigLock(file, () => 1));
    expect(editErrorCode(error)).toBe('read-only');
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('mutual exclusion holds among many processes while stale locks keep being planted', async () => {
    const { dir, file } = setup();
    writeFileSync(file, '0');
    const source = `import { withConfigLock } from 'DIST/lock.js';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
const [file, rounds] = process.argv.slice(2);
for (let i = 0; i < Number(rounds); i++) {
  await withConfigLock(file, async () => {
    // Fails (and the process with it) if two processes are ever inside at once.
    closeSync(openSync(file + '.inside', 'wx'));
    const n = Number(readFileSync(file, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    writeFileSync(file, String(n + 1));
    rmSync(file + '.inside');
  });
}
`;
    const dead = await deadPid();
    const lock = `${file}.lock`;
    let planted = 0;
    // Plants only where nothing is (mkdir / wx): stale locks of every kind, racing the writers.
    const planter = setInterval(() => {
      try {
        const kind = planted % 3;
        if (kind === 2) writeFileSync(lock, 'legacy', { flag: 'wx' });
        else mkdirSync(lock);
        if (kind === 0) writeFileSync(`${lock}/owner`, owner(dead, randomToken()));
        else utimesSync(lock, past(20_000), past(20_000));
        planted++;
      } catch {
        // Held right now.
      }
    }, 5);
    const codes = await Promise.all(
      Array.from({ length: 8 }, () => runScript(dir, source, [file, '25'])),
    );
    clearInterval(planter);
    expect(codes).toEqual(Array(8).fill(0));
    expect(planted).toBeGreaterThan(5);
    expect(readFileSync(file, 'utf8')).toBe('200');
    await withConfigLock(file, () => undefined); // breaks what the planter left last
    expect(readdirSync(dir).filter((f) => !f.startsWith('script-'))).toEqual([
      'claude_desktop_config.json',
    ]);
  });
});

function randomToken(): string {
  return createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16);
}

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

describe('writers that take no lock, hard links, leftovers', () => {
  const addX = (file: string) => (text: string) =>
    addServer(text, {
      serversPath: ['mcpServers'],
      name: 'x',
      entry: { command: 'x' },
      file,
      allowJsonc: false,
    });

  it('a change by another process between our read and our rename is kept: the edit is re-applied to it', async () => {
    const { dir, file, backupDir } = setup();
    writeFileSync(file, '{\n  "counter": 1,\n  "mcpServers": {}\n}\n');
    // The other writer, as Claude Desktop or an editor: no lock, temp file then rename.
    const client = path.join(dir, 'client.mjs');
    writeFileSync(
      client,
      `import { readFileSync, renameSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const text = readFileSync(file, 'utf8').replace(/"counter": (\\d+)/, (_, n) => '"counter": ' + (Number(n) + 1));
writeFileSync(file + '.client-tmp', text);
renameSync(file + '.client-tmp', file);
`,
    );
    let calls = 0;
    const result = await updateConfigFile(file, addX(file), {
      backupDir,
      beforeRename: () => {
        if (calls++ === 0) execFileSync(process.execPath, [client, file]);
      },
    });
    expect(result.attempts).toBe(2);
    const final = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(final).toEqual({ counter: 2, mcpServers: { x: { command: 'x' } } });
    // The backup is of the content replaced: the other program's.
    const backups = await listBackups(backupDir, 'claude_desktop_config.json');
    expect(backups.map((b) => readFileSync(b.file, 'utf8'))).toEqual([
      '{\n  "counter": 2,\n  "mcpServers": {}\n}\n',
    ]);
    expect(readdirSync(dir).sort()).toEqual([
      'backups',
      'claude_desktop_config.json',
      'client.mjs',
    ]);
  });

  it('gives up with a clear error, writing nothing, when the file changes at every attempt', async () => {
    const { file, backupDir } = setup();
    let n = 0;
    const error = await rejection(
      updateConfigFile(file, addX(file), {
        backupDir,
        maxAttempts: 3,
        beforeRename: () => writeFileSync(file, `{"mcpServers": {}, "n": ${++n}}`),
      }),
    );
    expect(editErrorCode(error)).toBe('changed');
    expect(error.reason).toMatch(
      /^another program changed the file .* \(3 times\); nothing was changed/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"mcpServers": {}, "n": 3}');
  });

  it('a hard-linked file stays linked: written in place, after its backup', async () => {
    const { dir, file, backupDir } = setup();
    const other = path.join(dir, 'other-name.json');
    linkSync(file, other);
    const inode = statSync(file).ino;
    const result = await updateConfigFile(file, addX(file), { backupDir });
    expect(statSync(file).ino).toBe(inode);
    expect(statSync(file).nlink).toBe(2);
    expect(readFileSync(other, 'utf8')).toBe(result.newText);
    expect(readFileSync(result.backup as string, 'utf8')).toBe(ORIGINAL);
  });

  it('removes temp files of dead processes and old ones, and keeps those of live ones', async () => {
    const { dir, file, backupDir } = setup();
    const dead = await deadPid();
    const name = (pid: number, hex: string) => `.claude_desktop_config.json.${pid}.${hex}.tmp`;
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const pid = live.pid as number;
      writeFileSync(path.join(dir, name(dead, 'a'.repeat(12))), 'x'.repeat(1000));
      writeFileSync(path.join(dir, name(pid, 'b'.repeat(12))), 'fresh, of a live process');
      writeFileSync(path.join(dir, name(pid, 'c'.repeat(12))), 'two hours old');
      utimesSync(path.join(dir, name(pid, 'c'.repeat(12))), past(7.2e6), past(7.2e6));
      writeFileSync(
        path.join(dir, `.claude_desktop_config.json.lock.break-t1.${dead}.${'d'.repeat(12)}.tmp`),
        '',
      );
      writeFileSync(path.join(dir, `.other.json.${dead}.${'e'.repeat(12)}.tmp`), 'not ours');
      mkdirSync(backupDir);
      writeFileSync(path.join(backupDir, name(dead, 'f'.repeat(12))), 'half a backup');
      await updateConfigFile(file, addX(file), { backupDir });
      expect(readdirSync(dir).sort()).toEqual([
        name(pid, 'b'.repeat(12)),
        `.other.json.${dead}.${'e'.repeat(12)}.tmp`,
        'backups',
        'claude_desktop_config.json',
      ]);
      expect(readdirSync(backupDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      live.kill();
    }
  });
});

describe('backups are checked', () => {
  it('a truncated backup is listed as damaged and left out of the history', async () => {
    const { file, backupDir } = setup();
    const now = clock();
    await writeConfigFile(file, '{"v": 2}', { backupDir, now });
    await writeConfigFile(file, '{"v": 3}', { backupDir, now });
    const [newest, older] = await listBackups(backupDir, 'claude_desktop_config.json');
    truncateSync(newest?.file as string, 3);
    const listed = await listBackups(backupDir, 'claude_desktop_config.json', { verify: true });
    expect(listed.map((b) => [b.file, b.state])).toEqual([
      [newest?.file, 'damaged'],
      [older?.file, 'ok'],
    ]);
    expect(checkBackup(older?.file as string)).toBe('ok');
    expect([...backupHistory(backupDir, 'claude_desktop_config.json')]).toEqual([ORIGINAL]);
  });
});

describe('reading refuses what is not a config file, without blocking or reading without bound', () => {
  it('FIFO, character device (through a symlink), folder, socket-like and oversize files', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(dir, '.mcp.json');
    symlinkSync('/dev/zero', zero);
    const big = path.join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024); // sparse: nothing is really written
    const cases: [string, string, string][] = [
      [fifo, 'not-a-file', `${fifo}: is a FIFO (named pipe), not a config file`],
      [zero, 'not-a-file', `${zero}: is a character device (/dev/zero), not a config file`],
      [dir, 'not-a-file', `${dir}: is a folder, not a config file`],
      [big, 'too-large', `${big}: the file is 65.0 MiB or more, over the 64.0 MiB`],
    ];
    for (const [file, code, message] of cases) {
      const error = await rejection(readConfigFile(file));
      expect(editErrorCode(error)).toBe(code);
      expect(error.message.startsWith(message)).toBe(true);
      expect(() => readConfigBytes(file)).toThrow(ConfigError);
    }
    expect(readConfigBytes(path.join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(path.join(dir, 'small.json'), '{}');
    expect(
      editErrorCode(
        rejection0(() => readConfigBytes(path.join(dir, 'small.json'), { maxBytes: 1 })),
      ),
    ).toBe('too-large');
  });
});

function rejection0(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
