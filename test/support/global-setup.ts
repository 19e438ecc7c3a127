// Global setup of the whole test run. It makes the run self-contained on a fresh machine
// and keeps it off the person's machine:
// - uv and pnpm come from PATH, or are installed into .tools/ (scripts/tools.mjs);
// - HOME, the XDG folders, TMPDIR and the npm, pnpm, uv and pip caches point into one
//   per-run folder for every test and every process a test starts, so nothing can reach
//   the real home even by mistake, while the caches stay shared across the run;
// - at the end the run fails if a test left anything in TMPDIR or wrote to the real home,
//   and the per-run folder is removed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTools, missingSystemTools } from '../../scripts/tools.mjs';
import { homeLeaks, snapshotHome, tempLeftovers } from './run-guard.js';

export default function setup(): () => void {
  const missing = missingSystemTools('test');
  if (missing) throw new Error(missing);
  const toolDirs = ensureTools('test');

  const realHome = process.env.HOME ?? '';
  const before = snapshotHome(realHome);
  const runDir = mkdtempSync(join(tmpdir(), 'mcpkit-run-'));
  const dir = (...parts: string[]) => {
    const path = join(runDir, ...parts);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const home = dir('home');
  const tmp = dir('tmp');
  const saved = { ...process.env };
  Object.assign(process.env, {
    PATH: [...toolDirs, process.env.PATH].join(':'),
    HOME: home,
    USERPROFILE: home,
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    XDG_CACHE_HOME: dir('cache'),
    XDG_DATA_HOME: dir('data'),
    XDG_STATE_HOME: dir('state'),
    npm_config_cache: dir('cache', 'npm'),
    npm_config_store_dir: dir('cache', 'pnpm-store'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    UV_CACHE_DIR: dir('cache', 'uv'),
    PIP_CACHE_DIR: dir('cache', 'pip'),
  });
  // Config files follow HOME (each test file has its own, see cleanup.ts): tests that pass
  // only HOME must find a client's config under it, as on a machine without the variable.
  delete process.env.XDG_CONFIG_HOME;

  return () => {
    const problems = [
      ...tempLeftovers(tmp).map((entry) => `left in TMPDIR: ${entry}`),
      ...homeLeaks(realHome, before).map((entry) => `written to the real home: ${entry}`),
    ];
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    if (problems.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code ourselves.
      process.exitCode = 1;
      process.stderr.write(
        `\nFAIL: the tests did not clean up after themselves:\n${problems.map((p) => `  ${p}\n`).join('')}`,
      );
    }
  };
}
