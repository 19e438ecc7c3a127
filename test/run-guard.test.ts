import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from './support/paths.js';
import { run, testEnv } from './support/run.js';
import { homeLeaks, snapshotHome, tempLeftovers } from './support/run-guard.js';

const write = (file: string, text = 'x') => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('the run guard (test/support/global-setup.ts)', () => {
  it('gives every test file, and every program it starts, a temp HOME, TMPDIR and caches', async () => {
    const home = process.env.HOME ?? '';
    const runDir = dirname(tmpdir());
    expect(runDir).toMatch(/mcpkit-run-[^/]+$/);
    expect(home.startsWith(`${tmpdir()}/mcpkit-home-`)).toBe(true);
    expect(home).not.toBe(userInfo().homedir);
    for (const name of [
      'XDG_CACHE_HOME',
      'XDG_DATA_HOME',
      'XDG_STATE_HOME',
      'npm_config_cache',
      'npm_config_store_dir',
      'UV_CACHE_DIR',
      'PIP_CACHE_DIR',
    ]) {
      expect(process.env[name], name).toMatch(new RegExp(`^${runDir}/`));
    }
    expect(process.env.XDG_CONFIG_HOME).toBeUndefined();
    const child = await run(
      process.execPath,
      ['-e', 'const os = require("node:os"); console.log(os.homedir(), os.tmpdir())'],
      { env: testEnv() },
    );
    expect(child.stdout.trim()).toBe(`${home} ${tmpdir()}`);
  });

  it('puts uv and pnpm on the PATH of the programs tests start (from .tools/ when missing)', async () => {
    for (const tool of ['uv', 'pnpm']) {
      const result = await run(tool, ['--version'], { env: testEnv() });
      expect(result.code, `${tool}: ${result.stderr}`).toBe(0);
    }
  });

  it('reports what appeared in a home folder: watched paths and new files under ~/.mcpkit', () => {
    const home = makeTempDir('guard-home');
    write(join(home, '.mcpkit', 'backups', 'old', 'file'));
    write(join(home, '.npm', '_cacache', 'index'));
    const before = snapshotHome(home);
    expect(homeLeaks(home, before)).toEqual([]);

    // Changes to what existed (another program's npm cache) are not ours to judge.
    write(join(home, '.npm', '_cacache', 'other'));
    write(join(home, '.mcpkit', 'backups', 'new', 'file'));
    write(join(home, '.config', 'Claude', 'claude_desktop_config.json'), '{}');
    write(join(home, '.cache', 'uv', 'CACHEDIR.TAG'));
    expect(homeLeaks(home, before).sort()).toEqual([
      '.cache/uv',
      '.config/Claude',
      join('.mcpkit', 'backups', 'new'),
      join('.mcpkit', 'backups', 'new', 'file'),
    ]);
  });

  it("reports everything left in the run's TMPDIR but uv's environment locks", () => {
    const tmp = makeTempDir('guard-tmp');
    writeFileSync(join(tmp, 'uv-13b344109b1080a5.lock'), '');
    expect(tempLeftovers(tmp)).toEqual([]);
    write(join(tmp, 'mcpkit-left-abc', 'a'));
    write(join(tmp, 'mcpkit-left-abc', 'b'));
    writeFileSync(join(tmp, 'uv-notalock.lock'), '');
    expect(tempLeftovers(tmp).sort()).toEqual([
      'mcpkit-left-abc (2 files)',
      'uv-notalock.lock (1 files)',
    ]);
  });
});
