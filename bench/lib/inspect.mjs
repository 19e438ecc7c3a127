// Helpers shared by the bench/inspect-*.mjs benchmarks. Lives in a sub-folder so that
// bench/run.mjs, which runs every top-level .mjs file, does not run it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Git-ignored scratch folder for installs, tarballs and logs. */
export const SCRATCH = join(ROOT, '.bench');
export const INSPECT_BIN = join(ROOT, 'packages/inspect/dist/bin.js');
export const BARE_SDK = join(ROOT, 'bench/inspect-bare-sdk.mjs');
/** server-everything's launcher; its first argument picks the transport (default stdio). */
export const EVERYTHING = join(
  ROOT,
  'node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
/** What `npx @modelcontextprotocol/inspector` gets. `@latest` rather than the bare name: on
 * Node < 22 npm would otherwise fall back to the newest engine-compatible 0.x release. */
export const INSPECTOR_SPEC = '@modelcontextprotocol/inspector@latest';
export const env = { ...process.env, CI: 'true', NO_COLOR: '1' };

/** Benchmark options: `[runs]` or `--runs N`, `--warmup N`, plus the script's own flags. */
export function options(defaults, extra = {}) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      warmup: { type: 'string' },
      ...extra,
    },
  });
  const runs = Number(values.runs ?? positionals[0] ?? defaults.runs);
  const warmup = Number(values.warmup ?? defaults.warmup ?? 2);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`bad run count: ${values.runs ?? positionals[0]}`);
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new Error(`bad warm-up count: ${values.warmup}`);
  return { ...values, runs, warmup };
}

/**
 * Run a command to completion; wall time in ms. Throws (with its stderr) when it exits with
 * another status than `status` (0 unless the case says otherwise).
 */
export function time(command, args, check, status = 0) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || result.status !== status) {
    throw new Error(
      `${[command, ...args].join(' ')} ${result.error ? `failed: ${result.error.message}` : `exited with ${result.status ?? result.signal}`}\n${result.stderr}`,
    );
  }
  check?.(result.stdout.toString('utf8'));
  return ms;
}

/** Output check: a JSON document with a non-empty `tools` array, as all three clients print. */
export function toolsJson(counts, name) {
  return (stdout) => {
    const start = stdout.indexOf('{');
    let tools;
    try {
      tools = JSON.parse(stdout.slice(start)).tools;
    } catch {
      throw new Error(`${name}: output is not JSON:\n${stdout.slice(0, 500)}`);
    }
    if (!Array.isArray(tools) || tools.length === 0) throw new Error(`${name}: no tools listed`);
    counts[name] = tools.length;
  };
}

/**
 * Time every case `runs` times after `warmup` untimed rounds, interleaved (and with the
 * order rotated each round) so that machine noise hits all cases alike.
 * `cases`: name → () => [command, args, check?, exit status expected (default 0)?].
 */
export function measure(cases, { runs, warmup }) {
  const names = Object.keys(cases);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const ms = time(...cases[name]());
      if (round >= warmup) samples[name].push(ms);
    }
  }
  return samples;
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Print medians (plus min and max) and ratios against the case named `baseline`. */
export function report(title, samples, baseline, notes = {}) {
  const base = median(samples[baseline]);
  const width = Math.max(...Object.keys(samples).map((n) => n.length)) + 2;
  console.log(title);
  console.log(
    `${'case'.padEnd(width)}${'median'.padStart(10)}${'min'.padStart(9)}${'max'.padStart(9)}   ratio`,
  );
  for (const [name, values] of Object.entries(samples)) {
    const ms = (v) => `${v.toFixed(0)} ms`.padStart(9);
    console.log(
      `${name.padEnd(width)} ${ms(median(values))}${ms(Math.min(...values))}${ms(Math.max(...values))}   ${(median(values) / base).toFixed(2)}x${notes[name] ? `   ${notes[name]}` : ''}`,
    );
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, median(values)]),
  );
}

/** A PASS/FAIL line; missing a target is reported, not an error. */
export function target(ok, text) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
}

export function requireBuilt() {
  if (!existsSync(INSPECT_BIN))
    throw new Error(`${INSPECT_BIN} is missing: run \`npm run build\` first`);
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `npm install --prefix <dir> <specs>` into the scratch folder, quietly; throws on failure. */
export function npmInstall(dir, specs, flags = []) {
  mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', ...flags, ...specs],
    { cwd: SCRATCH, env: process.env, encoding: 'utf8', shell: process.platform === 'win32' },
  );
  if (result.status !== 0)
    throw new Error(`npm install ${specs.join(' ')} failed:\n${result.stderr}`);
}

/**
 * The official Inspector, installed once into .bench/inspector (or .bench/inspector-<spec>
 * for `--inspector <version>`). Returns its version and the file its `mcp-inspector` bin runs,
 * so that it can be started with node directly, without npx's own overhead.
 */
export function ensureInspector(version) {
  const spec = version ? `@modelcontextprotocol/inspector@${version}` : INSPECTOR_SPEC;
  const dir = join(
    SCRATCH,
    version ? `inspector-${version.replace(/[^\w.-]/g, '_')}` : 'inspector',
  );
  const pkgDir = join(dir, 'node_modules/@modelcontextprotocol/inspector');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    console.error(`installing ${spec} into ${dir} (once)…`);
    npmInstall(dir, [spec]);
  }
  const pkg = readJson(join(pkgDir, 'package.json'));
  const bin =
    typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin['mcp-inspector'] ?? Object.values(pkg.bin)[0]);
  return { version: pkg.version, bin: join(pkgDir, bin) };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * server-everything in its Streamable HTTP mode on a free port; resolves once it answers
 * HTTP at /mcp. Its output goes to a log file, not a pipe: a pipe nobody reads while
 * spawnSync blocks this process would fill up and stall the server.
 */
export async function startEverythingHttp() {
  mkdirSync(SCRATCH, { recursive: true });
  const port = await freePort();
  const logFile = join(SCRATCH, 'everything-http.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited = null;
  child.on('exit', (code, signal) => (exited = code ?? signal));
  const url = `http://127.0.0.1:${port}/mcp`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited !== null)
      throw new Error(`server-everything exited with ${exited}:\n${readFileSync(logFile, 'utf8')}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) }); // any HTTP answer will do
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `server-everything did not answer on ${url}:\n${readFileSync(logFile, 'utf8')}`,
        );
      }
      await sleep(50);
    }
  }
  const stop = async () => {
    if (exited !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT'); // its own shutdown handler
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
  };
  return { url, port, stop, child };
}
