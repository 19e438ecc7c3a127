// Benchmark of `mcp-config doctor`, the two targets of its issue:
// 1. one healthy server: `mcp-config doctor` with a Claude Desktop config holding one entry
//    (node test/fixtures/doctor/healthy.mjs) against one bare SDK handshake with the same server
//    (bench/inspect-bare-sdk.mjs: connect, list the tools, close), interleaved in the same run —
//    target ≤ 1.1x;
// 2. five servers of which one hangs (hang.mjs + 4 healthy) with `--timeout T`: the total is
//    bounded by the timeout, not the sum — the same five checked one by one (`doctor <name>`)
//    are measured in the same run, and their sum is the yardstick.
// HOME (and XDG_CONFIG_HOME, APPDATA) point into a temp folder, so the real home is never read
// or written; the folder is deleted afterwards.
//   node bench/config-doctor.mjs [runs] [--warmup N] [--hang-runs N] [--timeout S]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BARE_SDK,
  env,
  measure,
  options,
  report,
  requireBuilt,
  ROOT,
  target,
  toolsJson,
} from './lib/inspect.mjs';

const opts = options(
  { runs: 15, warmup: 2 },
  { 'hang-runs': { type: 'string' }, timeout: { type: 'string' } },
);
const hangRuns = Number(opts['hang-runs'] ?? 5);
const timeoutS = Number(opts.timeout ?? 3);
if (!Number.isInteger(hangRuns) || hangRuns < 1) throw new Error(`bad --hang-runs: ${hangRuns}`);
if (!(timeoutS > 0)) throw new Error(`bad --timeout: ${opts.timeout}`);
requireBuilt();
const BIN = join(ROOT, 'packages/config/dist/bin.js');
const FIXTURES = join(ROOT, 'test/fixtures/doctor');
// The entries name node by its absolute path, as `mcp-config add` writes them: a bare `node`
// is not on the PATH Claude Desktop gives its servers, which doctor rightly reports.
const node = process.execPath;
const healthy = [node, join(FIXTURES, 'healthy.mjs')];

const work = mkdtempSync(join(tmpdir(), 'bench-doctor-'));

/**
 * A temp HOME whose Claude Desktop config (the Linux location) holds `servers`, with a small
 * log folder as a machine that runs the app has one. Returns the environment to run doctor in.
 */
function home(label, servers) {
  const dir = join(work, label);
  const claude = join(dir, '.config', 'Claude');
  mkdirSync(join(claude, 'logs'), { recursive: true });
  const mcpServers = Object.fromEntries(
    Object.entries(servers).map(([name, [command, ...args]]) => [name, { command, args }]),
  );
  writeFileSync(
    join(claude, 'claude_desktop_config.json'),
    `${JSON.stringify({ mcpServers }, null, 2)}\n`,
  );
  const day = '2026-01-01T10:00:00.000Z';
  const lines = Object.keys(servers).flatMap((name) => [
    `${day} [info] [${name}] Initializing server...`,
    `${day} [info] [${name}] Server started and connected successfully`,
    `${day} [info] [${name}] Message from client: {"method":"tools/list","params":{},"jsonrpc":"2.0","id":1}`,
  ]);
  writeFileSync(join(claude, 'logs', 'mcp.log'), `${lines.join('\n')}\n`);
  return {
    ...env,
    HOME: dir,
    USERPROFILE: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    APPDATA: join(dir, 'AppData/Roaming'),
    LOCALAPPDATA: join(dir, 'AppData/Local'),
  };
}

const expect = (text) => (stdout) => {
  if (!stdout.includes(text)) throw new Error(`expected "${text}" in:\n${stdout}`);
};

// measure() spawns with the shared env object: each case switches it to its own HOME.
const within = (caseEnv, argv) => () => {
  for (const key of Object.keys(env)) delete env[key];
  Object.assign(env, caseEnv);
  return argv;
};

try {
  // 1. One healthy server.
  const oneEnv = home('one', { healthy });
  const counts = {};
  const BARE = 'bare SDK handshake';
  const ONE = 'mcp-config doctor';
  const one = report(
    `doctor on one healthy server, median of ${opts.runs} runs after ${opts.warmup} warm-up (node ${process.version})`,
    measure(
      {
        [BARE]: within(oneEnv, [node, [BARE_SDK, '--', ...healthy], toolsJson(counts, BARE)]),
        [ONE]: within(oneEnv, [node, [BIN, 'doctor'], expect('connected in')]),
      },
      opts,
    ),
    BARE,
  );
  const ratio = one[ONE] / one[BARE];
  target(ratio <= 1.1, `doctor ≤ 1.1x one bare SDK handshake: ${ratio.toFixed(2)}x`);

  // 2. Five servers, one of which hangs.
  const five = {
    hang: [node, join(FIXTURES, 'hang.mjs')],
    a: healthy,
    b: healthy,
    c: healthy,
    d: healthy,
  };
  const fiveEnv = home('five', five);
  const timeout = ['--timeout', String(timeoutS)];
  const ALL = `doctor --timeout ${timeoutS} (5 at once)`;
  const cases = {
    // Exit 1: a failing server (the hang) is a failed check.
    [ALL]: within(fiveEnv, [node, [BIN, 'doctor', ...timeout], expect('hang'), 1]),
  };
  for (const name of Object.keys(five)) {
    cases[`doctor ${name} --timeout ${timeoutS}`] = within(fiveEnv, [
      node,
      [BIN, 'doctor', name, ...timeout],
      expect(name === 'hang' ? 'hang' : 'connected in'),
      name === 'hang' ? 1 : 0,
    ]);
  }
  const medians = report(
    `\ndoctor on five servers (one hangs) with --timeout ${timeoutS}, median of ${hangRuns} runs after 1 warm-up`,
    measure(cases, { runs: hangRuns, warmup: 1 }),
    ALL,
  );
  const total = medians[ALL];
  const sum = Object.entries(medians)
    .filter(([name]) => name !== ALL)
    .reduce((s, [, ms]) => s + ms, 0);
  const limit = timeoutS * 1000;
  console.log(
    `total ${total.toFixed(0)} ms, timeout ${limit} ms, sum of the five one by one ${sum.toFixed(0)} ms: total/timeout ${(total / limit).toFixed(2)}x, total/sum ${(total / sum).toFixed(2)}x`,
  );
  // Bounded by the timeout: the hang costs its limit, and the rest no more than one start of
  // doctor on a healthy server adds (they run alongside it).
  target(
    total <= limit + one[ONE],
    `five with one hanging: ${total.toFixed(0)} ms ≤ the timeout + one healthy doctor run (${(limit + one[ONE]).toFixed(0)} ms)`,
  );
  target(
    total < sum,
    `five at once take less than the five one by one (${(total / sum).toFixed(2)}x)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
