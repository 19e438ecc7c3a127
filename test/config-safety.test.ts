// mcp-config's writes under pressure: many writers, Claude Code's lock, programs that write
// without a lock, kill -9, special files. Real processes on real files throughout.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  makeSandbox,
  REALISTIC_DESKTOP_CONFIG,
  type ConfigSandbox,
} from './support/config-sandbox.js';
import { BIN, ROOT } from './support/paths.js';
import { run } from './support/run.js';

const boxes: ConfigSandbox[] = [];
afterAll(() => {
  for (const box of boxes) rmSync(box.root, { recursive: true, force: true });
});

function sandbox(): ConfigSandbox {
  const box = makeSandbox();
  boxes.push(box);
  return box;
}

type Json = Record<string, unknown>;
const parse = (text: string) => JSON.parse(text) as Json;
const serversOf = (text: string, key = 'mcpServers') => parse(text)[key] as Json;
const past = (ms: number) => new Date(Date.now() - ms);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

/** Our leftovers next to a config file: locks, claims, temp files. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.lock|\.break-|\.tmp$/.test(f));
}

/**
 * Plants stale locks of every kind where no lock is (mkdir / exclusive create only, so a
 * live lock is never touched), every few milliseconds, until stopped.
 */
function plantStaleLocks(locks: string[], dead: number): { stop: () => number } {
  let planted = 0;
  let turn = 0;
  const timer = setInterval(() => {
    const lock = locks[turn % locks.length] as string;
    const kind = Math.floor(turn / locks.length) % 3;
    turn++;
    try {
      if (kind === 2) writeFileSync(lock, `${dead}\nlegacy\n`, { flag: 'wx' });
      else mkdirSync(lock);
      if (kind === 0) {
        const token = Math.random().toString(16).slice(2, 14).padEnd(12, '0');
        writeFileSync(join(lock, 'owner'), JSON.stringify({ pid: dead, host: hostname(), token }));
      } else {
        utimesSync(lock, past(20_000), past(20_000));
      }
      planted++;
    } catch {
      // A writer holds it right now.
    }
  }, 7);
  return {
    stop: () => {
      clearInterval(timer);
      return planted;
    },
  };
}

/** A Claude Code-like `~/.claude.json` of about `mb` megabytes. */
function bigClaudeJson(mb: number): string {
  const project = (i: number) => ({
    allowedTools: [],
    history: Array.from({ length: 20 }, (_, j) => ({ display: `prompt ${j} of ${i} ✓` })),
    hasTrustDialogAccepted: true,
  });
  const perProject = JSON.stringify({ '/home/zoë/src/project-0': project(0) }, null, 4).length;
  const projects: Json = {};
  for (let i = 0; i < (mb * 1024 * 1024) / perProject; i++) {
    projects[`/home/zoë/src/project-${i}`] = project(i);
  }
  return `${JSON.stringify({ numStartups: 12, projects, mcpServers: {} }, null, 2)}\n`;
}

/** Runs the CLI in the sandbox with a generous timeout (large files, long queues). */
function cliSlow(box: ConfigSandbox, args: readonly string[]) {
  return run(process.execPath, [BIN.config, ...args], {
    cwd: box.project,
    env: box.env,
    timeoutMs: 120_000,
  });
}

describe('many writers at once', () => {
  it('160 concurrent adds (40 at a time) through a symlink while stale locks are planted: none lost, none failed', async () => {
    const box = sandbox();
    const real = box.write(join(box.root, 'real', 'config.json'), REALISTIC_DESKTOP_CONFIG);
    const link = join(box.root, 'link.json');
    symlinkSync(real, link);
    const planter = plantStaleLocks([`${link}.lock`, `${real}.lock`], await deadPid());
    const names = Array.from({ length: 160 }, (_, i) => `s${i}`);
    const results = await pool(
      40,
      names.map(
        (name) => () =>
          cliSlow(box, ['add', name, '--config', link, '--no-resolve', '--', 'srv', name]),
      ),
    );
    const planted = planter.stop();
    const failed = results.filter((r) => r.code !== 0);
    expect(failed.map((r) => r.stderr)).toEqual([]);
    const servers = serversOf(box.read(real));
    const lost = names.filter((n) => !(n in servers));
    expect(lost).toEqual([]);
    expect(Object.keys(servers)).toHaveLength(names.length + 2);
    expect(planted).toBeGreaterThan(0);
    // One more write breaks what the planter left last and sweeps everything.
    expect((await box.cli(['remove', 's0', '--config', link])).code).toBe(0);
    expect(leftovers(box.root)).toEqual([]);
    expect(leftovers(dirname(real))).toEqual([]);
  });

  it('12 concurrent adds on a 3 MB ~/.claude.json queue well past 5 s: nobody gives up', async () => {
    const box = sandbox();
    const file = box.write(join(box.home, '.claude.json'), bigClaudeJson(3));
    const names = Array.from({ length: 12 }, (_, i) => `big${i}`);
    const started = Date.now();
    const results = await Promise.all(
      names.map((name) =>
        cliSlow(box, ['add', name, '--client', 'claude-code', '--scope', 'user', '--', 'srv']),
      ),
    );
    const took = Date.now() - started;
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const servers = serversOf(box.read(file));
    expect(names.filter((n) => !(n in servers))).toEqual([]);
    expect(leftovers(box.home)).toEqual([]);
    console.log(`12 adds on a 3 MB file: ${took} ms in all`);
  });
});

// Claude Code saves ~/.claude.json under proper-lockfile's lockSync(file, {lockfilePath:
// file + '.lock'}): mkdir of the lock folder, mtime set a little ahead and refreshed every
// 5 s, the file re-read under the lock, rmdir to release. This script does the same.
const CLAUDE_CODE_SAVE = `
import { mkdirSync, readFileSync, rmdirSync, utimesSync, writeFileSync } from 'node:fs';
const [file, holdMs] = process.argv.slice(2);
const lock = file + '.lock';
mkdirSync(lock);
const touch = () => {
  const t = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5);
  utimesSync(lock, t, t);
};
touch();
const timer = setInterval(touch, 5000);
const config = JSON.parse(readFileSync(file, 'utf8'));
process.stdout.write('locked\\n');
await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
config.numStartups += 1;
writeFileSync(file, JSON.stringify(config, null, 2));
clearInterval(timer);
rmdirSync(lock);
`;

describe("Claude Code's lock", () => {
  it('an add waits while Claude Code holds ~/.claude.json.lock, then lands on its saved content', async () => {
    const box = sandbox();
    const file = box.write(join(box.home, '.claude.json'), '{\n  "numStartups": 1\n}\n');
    const script = box.write(join(box.root, 'claude-code-save.mjs'), CLAUDE_CODE_SAVE);
    const holder = spawn(process.execPath, [script, file, '1000'], { stdio: 'pipe' });
    const exited = new Promise<number | null>((resolve) => holder.on('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const add = await box.cli([
      'add',
      'x',
      '--client',
      'claude-code',
      '--scope',
      'user',
      '--',
      's',
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(await exited).toBe(0);
    // Had the add not waited, Claude Code's save would have overwritten it.
    expect(parse(box.read(file))).toMatchObject({ numStartups: 2, mcpServers: { x: {} } });
    expect(leftovers(box.home)).toEqual([]);
  });

  it('while an add holds the lock, Claude Code sees it held; an abandoned lock folder over 10 s old is broken', async () => {
    const box = sandbox();
    const file = box.write(join(box.home, '.claude.json'), '{\n  "numStartups": 1\n}\n');
    mkdirSync(`${file}.lock`);
    utimesSync(`${file}.lock`, past(11_000), past(11_000));
    const add = await box.cli([
      'add',
      'x',
      '--client',
      'claude-code',
      '--scope',
      'user',
      '--',
      's',
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Ours is a folder made by mkdir: Claude Code's mkdir fails with EEXIST while we hold it.
    const script = box.write(join(box.root, 'claude-code-save.mjs'), CLAUDE_CODE_SAVE);
    const add2 = box.cli(['add', 'y', '--client', 'claude-code', '--scope', 'user', '--', 's'], {
      MCPKIT_TEST_CRASH_AT: 'locked',
    });
    expect((await add2).code).toBe(null); // killed while holding it
    const save = await run(process.execPath, [script, file, '0']);
    expect(save.code).not.toBe(0);
    expect(save.stderr).toContain('EEXIST');
  });
});

// A program that writes the file without any lock, as Claude Desktop or an editor does:
// read, change its own key, write a temp file, rename. It checks that its counter never
// goes backwards (which happens if someone writes back content older than its last write).
const UNLOCKED_CLIENT = `
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
const [file, stop] = process.argv.slice(2);
let last = 0;
let regressions = 0;
let writes = 0;
while (!existsSync(stop)) {
  const config = JSON.parse(readFileSync(file, 'utf8'));
  if (config.counter < last) regressions++;
  config.counter = Math.max(config.counter, last) + 1;
  last = config.counter;
  writeFileSync(file + '.client', JSON.stringify(config, null, 2));
  renameSync(file + '.client', file);
  writes++;
  await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 30));
}
process.stdout.write(JSON.stringify({ last, regressions, writes }));
`;

describe('programs that write without a lock', () => {
  it('an unlocked client rewriting the file every 10-40 ms: 20 adds re-apply their edit instead of regressing it', async () => {
    const box = sandbox();
    const file = box.write(box.desktopFile, '{\n  "counter": 0,\n  "mcpServers": {}\n}\n');
    const stop = join(box.root, 'stop');
    const script = box.write(join(box.root, 'client.mjs'), UNLOCKED_CLIENT);
    const client = run(process.execPath, [script, file, stop]);
    const results = await pool(
      2,
      Array.from(
        { length: 20 },
        (_, i) => () => box.cli(['add', `u${i}`, '--no-resolve', '--', 'srv']),
      ),
    );
    writeFileSync(stop, '');
    const report = parse((await client).stdout) as {
      last: number;
      regressions: number;
      writes: number;
    };
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    expect(report.writes).toBeGreaterThan(40);
    // A write that reads, then renames without checking (as before) regresses the client
    // whenever the client writes during its ~5-10 ms: several times in such a run. What is
    // left is a rename by the client that completes in the ~0.1-0.4 ms between the final
    // check and our rename(2) (see core/write.ts): measured at about 1 add in 100 with this
    // client, so at most one such event is tolerated here.
    expect(report.regressions).toBeLessThanOrEqual(1);
    expect(parse(box.read(file)).counter).toBe(report.last);
  });
});

describe('kill -9 in the middle of a write', () => {
  it('at each step: the file is intact, and the next run breaks the lock, sweeps the leftovers and writes', async () => {
    const box = sandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const dir = dirname(box.desktopFile);
    const backupRoot = join(box.home, '.mcpkit', 'backups');
    for (const step of ['locked', 'backup-written', 'temp-written']) {
      const before = box.read(box.desktopFile);
      const killed = await box.cli(['add', `k-${step}`, '--no-resolve', '--', 'srv'], {
        MCPKIT_TEST_CRASH_AT: step,
      });
      expect(killed.code).toBe(null);
      expect(box.read(box.desktopFile)).toBe(before);
      expect(leftovers(dir)).toContain('claude_desktop_config.json.lock');
      if (step === 'temp-written') {
        expect(leftovers(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
      }
      const next = await box.cli(['add', `ok-${step}`, '--no-resolve', '--', 'srv']);
      expect(next.code, next.stderr).toBe(0);
      expect(leftovers(dir)).toEqual([]);
      for (const sub of readdirSync(backupRoot)) {
        expect(readdirSync(join(backupRoot, sub)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }
    }
    expect(Object.keys(serversOf(box.read(box.desktopFile)))).toEqual([
      'filesystem',
      'météo',
      'ok-locked',
      'ok-backup-written',
      'ok-temp-written',
    ]);
  });

  it('random kills during writes of a 3 MB file never leave it torn', async () => {
    const box = sandbox();
    const file = box.write(join(box.home, '.claude.json'), bigClaudeJson(3));
    const args = (name: string) => [
      'add',
      name,
      '--client',
      'claude-code',
      '--scope',
      'user',
      '--',
      's',
    ];
    const started = Date.now();
    expect((await box.cli(args('timed'))).code).toBe(0);
    const duration = Date.now() - started;
    for (let i = 0; i < 6; i++) {
      const before = box.read(file);
      const child = spawn(process.execPath, [BIN.config, ...args(`r${i}`)], {
        cwd: box.project,
        env: box.env,
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await sleep(((i + 0.5) / 6) * duration);
      child.kill('SIGKILL');
      await exited;
      const after = box.read(file);
      const servers = Object.keys(serversOf(after));
      // The old file, or the old file plus the entry: nothing in between.
      expect(servers.filter((n) => n !== `r${i}`)).toEqual(Object.keys(serversOf(before)));
    }
    expect((await box.cli(args('last'))).code).toBe(0);
    expect(leftovers(box.home)).toEqual([]);
  });

  it('a damaged backup is marked as such and never picked by restore', async () => {
    const box = sandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    expect((await box.cli(['add', 'a', '--no-resolve', '--', 'x'])).code).toBe(0);
    const afterA = box.read(box.desktopFile);
    expect((await box.cli(['add', 'b', '--no-resolve', '--', 'x'])).code).toBe(0);
    const listed = parse((await box.cli(['backup', 'list', '--json'])).stdout) as {
      backups: { file: string; state: string }[];
    };
    const [newest, older] = listed.backups;
    expect(listed.backups.map((b) => b.state)).toEqual(['ok', 'ok']);
    truncateSync(newest?.file as string, 40); // as a crash of an earlier version left it
    const human = await box.cli(['backup', 'list']);
    expect(human.stdout).toContain(`${newest?.file}  DAMAGED`);
    const named = await box.cli(['restore', basename(newest?.file as string)]);
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/^Error: The backup .* is damaged: its content no longer matches/);
    const restored = await box.cli(['restore']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`from ${older?.file}`);
    expect(box.read(box.desktopFile)).toBe(REALISTIC_DESKTOP_CONFIG);
    expect(afterA).not.toBe(REALISTIC_DESKTOP_CONFIG);
  });
});

describe('files that are not config files', () => {
  it('.mcp.json linked to /dev/zero, a FIFO, a folder, 65 MiB: list exits at once with a clear error', async () => {
    const box = sandbox();
    const mcp = join(box.project, '.mcp.json');
    const rssFile = join(box.root, 'rss');
    symlinkSync('/dev/zero', mcp);
    const zero = await run(
      process.execPath,
      [
        '--import',
        join(ROOT, 'test/support/max-rss.mjs'),
        BIN.config,
        'list',
        '--client',
        'claude-code',
      ],
      { cwd: box.project, env: { ...box.env, MCPKIT_MAX_RSS_FILE: rssFile }, timeoutMs: 30_000 },
    );
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain(
      `Error: ${mcp}: is a character device (/dev/zero), not a config file; only regular files are read and written\nPoint --config (or the link) at the JSON file itself.\n`,
    );
    const peakKb = Number(readFileSync(rssFile, 'utf8'));
    expect(peakKb).toBeLessThan(200 * 1024);
    rmSync(mcp);

    await run('mkfifo', [mcp]);
    const fifo = await box.cli(['list', '--client', 'claude-code']);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toContain(`${mcp}: is a FIFO (named pipe), not a config file`);
    const addFifo = await box.cli([
      'add',
      'x',
      '--client',
      'claude-code',
      '--scope',
      'project',
      '--',
      's',
    ]);
    expect(addFifo.code).toBe(1);
    expect(addFifo.stderr).toContain('is a FIFO (named pipe)');
    rmSync(mcp);

    mkdirSync(mcp);
    const folder = await box.cli(['list', '--client', 'claude-code']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain(`${mcp}: is a folder, not a config file`);

    const big = box.write(join(box.root, 'big.json'), '');
    truncateSync(big, 65 * 1024 * 1024);
    for (const args of [
      ['list', '--config', big],
      ['add', 'x', '--config', big, '--', 's'],
    ]) {
      const result = await box.cli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${big}: the file is 65.0 MiB or more, over the 64.0 MiB`);
    }
    expect(statSync(big).size).toBe(65 * 1024 * 1024);
  });

  it('10,000 levels of nesting: line and column, for list and for add (also Claude Code local scope)', async () => {
    const box = sandbox();
    const deep = `{\n  "a": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`;
    const file = box.write(join(box.root, 'deep.json'), deep);
    const claude = box.write(join(box.root, '.claude.json'), deep);
    for (const [args, name] of [
      [['list', '--config', file], file],
      [['add', 'x', '--config', file, '--', 's'], file],
      [['add', 'x', '--client', 'claude-code', '--config', claude, '--', 's'], claude],
    ] as const) {
      const result = await box.cli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^Error: ${name.replace(/[.]/g, '\\.')}:2:263: objects and arrays are nested more than 256 levels`,
        ),
      );
      expect(result.stderr).not.toContain('Maximum call stack');
    }
    expect(box.read(file)).toBe(deep);
  });
});

describe('add then remove gives back the original bytes', () => {
  it('files without the servers key, for several clients, and a file with an empty one', async () => {
    const box = sandbox();
    const cases: { file: string; text: string; client: string[] }[] = [
      { file: box.desktopFile, text: '{\n    "globalShortcut": "Ctrl+Space"\n}\n', client: [] },
      { file: join(box.home, '.cursor/mcp.json'), text: '{}', client: ['--client', 'cursor'] },
      {
        file: join(box.project, '.vscode/mcp.json'),
        text: '{\n\t// inputs\n\t"inputs": [],\n}\n',
        client: ['--client', 'vscode'],
      },
      {
        // Claude Code local scope: neither projects[cwd] nor projects exist.
        file: join(box.home, '.claude.json'),
        text: '{\n  "numStartups": 3,\n  "theme": "dark"\n}',
        client: ['--client', 'claude-code'],
      },
    ];
    for (const { file, text, client } of cases) {
      box.write(file, text);
      const added = await box.cli(['add', 'x', ...client, '--no-resolve', '--', 'srv']);
      expect(added.code, added.stderr).toBe(0);
      expect(box.read(file)).not.toBe(text);
      const removed = await box.cli(['remove', 'x', ...client]);
      expect(removed.code, removed.stderr).toBe(0);
      expect(box.read(file)).toBe(text);
    }
    // projects[cwd] exists without mcpServers, and projects exists without projects[cwd].
    for (const text of [
      `{"projects": {${JSON.stringify(box.project)}: {"allowedTools": []}}}`,
      '{"projects": {"/elsewhere": {}}}',
      '{"mcpServers": {}}',
      '{\n  "mcpServers": {\n  }\n}',
    ]) {
      const client = text.includes('projects') ? ['--client', 'claude-code'] : [];
      const file = text.includes('projects') ? join(box.home, '.claude.json') : box.desktopFile;
      box.write(file, text);
      expect((await box.cli(['add', 'x', ...client, '--no-resolve', '--', 'srv'])).code).toBe(0);
      expect((await box.cli(['remove', 'x', ...client])).code).toBe(0);
      expect(box.read(file)).toBe(text);
    }
  });
});

describe('hard links and read-only files', () => {
  it('a hard-linked config stays linked after add', async () => {
    const box = sandbox();
    const file = box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const dotfiles = join(box.root, 'dotfiles-claude.json');
    linkSync(file, dotfiles);
    const result = await box.cli(['add', 'x', '--no-resolve', '--', 'srv']);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(file).ino).toBe(statSync(dotfiles).ino);
    expect(statSync(file).nlink).toBe(2);
    expect(serversOf(readFileSync(dotfiles, 'utf8')).x).toEqual({ command: 'srv', args: [] });
  });

  it('a 0444 file is refused without --allow-read-only and written, mode kept, with it', async () => {
    const box = sandbox();
    const file = box.write(box.desktopFile, '{}\n');
    chmodSync(file, 0o444);
    const refused = await box.cli(['add', 'x', '--no-resolve', '--', 'srv']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Error: ${file}: the file is read-only (mode 0444); nothing was changed\nAdd --allow-read-only to change it anyway (its mode stays as it is), or make it writable (chmod u+w).\n`,
    );
    expect(box.read(file)).toBe('{}\n');
    const allowed = await box.cli(['add', 'x', '--allow-read-only', '--no-resolve', '--', 'srv']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(serversOf(box.read(file)).x).toBeDefined();
    expect((statSync(file).mode & 0o777).toString(8)).toBe('444');
  });
});
