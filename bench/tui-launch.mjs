// Launch of the interactive inspector to its tool list drawn, in a real pseudo-terminal, against
// the bare SDK script listing the same server's tools (the baseline, measured in the same run,
// interleaved). Both run under util-linux `script` on a 100x30 terminal; each is timed from spawn
// to the moment its output shows the last tool of server-everything's list (the TUI's also
// "connected"). Then the TUI gets `q`, and the run checks that it and the server are gone.
//   node bench/tui-launch.mjs [runs] [--warmup N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BARE_SDK,
  EVERYTHING,
  INSPECT_BIN,
  ROOT,
  median,
  options,
  requireBuilt,
  target,
} from './lib/inspect.mjs';

const opts = options({ runs: 15, warmup: 2 });
requireBuilt();
if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0)
  throw new Error('util-linux `script` is needed to run the TUI in a pseudo-terminal');

// The last tool server-everything lists, to a client with or without sampling, elicitation and
// roots (the TUI offers them, the bare script does not, and the list differs in between).
const LAST_TOOL = 'simulate-research-query';
const TIMEOUT_MS = 20_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

const quote = (arg) => `'${arg.replaceAll("'", "'\\''")}'`;
const node = process.execPath;
const server = [node, EVERYTHING, 'stdio'];

/** Every process below `pid`, from /proc (the TUI, its server, the server's children). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which is in parentheses and may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * One launch under `script`: ms from spawn to `done(output)`; then `q` when `quit`, and a
 * check that every process it started has ended.
 */
async function launch(name, args, done, quit) {
  const state = mkdtempSync(join(tmpdir(), 'mcpkit-bench-tui-'));
  const env = { ...process.env, HOME: state, XDG_STATE_HOME: state, TERM: 'xterm-256color' };
  // Ink draws only the last frame in CI: this is a person's terminal.
  delete env.CI;
  const command = `stty cols 100 rows 30; exec ${[node, ...args].map(quote).join(' ')}`;
  const start = process.hrtime.bigint();
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let raw = '';
  let ms;
  let processes = [];
  try {
    ms = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`${name}: no list after ${TIMEOUT_MS} ms:\n${raw.replace(ANSI, '')}`)),
        TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk) => {
        raw += chunk.toString('utf8');
        if (ms === undefined && done(raw.replace(ANSI, ''))) {
          clearTimeout(timer);
          resolve(Number(process.hrtime.bigint() - start) / 1e6);
        }
      });
      child.once('exit', () => reject(new Error(`${name} ended first:\n${raw.replace(ANSI, '')}`)));
    });
    processes = descendants(child.pid);
    if (quit) child.stdin.write('q');
    const exit = await Promise.race([exited, sleep(10_000).then(() => undefined)]);
    if (!exit) throw new Error(`${name} did not end${quit ? ' on q' : ''} within 10 s`);
    // The server ends with the TUI's stdin pipe; give it a moment.
    for (let i = 0; i < 50 && processes.some(alive); i++) await sleep(20);
    const left = processes.filter(alive);
    if (left.length > 0)
      throw new Error(`${name}: processes left after it ended: ${left.join(' ')}`);
    return ms;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const pid of processes.filter(alive)) process.kill(pid, 'SIGKILL');
    child.stdin.destroy();
    rmSync(state, { recursive: true, force: true });
  }
}

const BARE = 'bare SDK script';
const OURS = 'mcp-inspect TUI';
const cases = {
  [BARE]: () => launch(BARE, [BARE_SDK, '--', ...server], (out) => out.includes(LAST_TOOL), false),
  [OURS]: () =>
    launch(
      OURS,
      [INSPECT_BIN, '--', ...server],
      (out) => out.includes(LAST_TOOL) && out.includes('connected'),
      true,
    ),
};

const names = Object.keys(cases);
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < opts.warmup + opts.runs; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    const ms = await cases[name]();
    if (round >= opts.warmup) samples[name].push(ms);
  }
}

const p90 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.9) - 1];
const base = median(samples[BARE]);
console.log(
  `launch to tool list drawn (server-everything, stdio, 100x30 pty), ${opts.runs} runs after ${opts.warmup} warm-up (node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)})`,
);
console.log(
  `${'case'.padEnd(18)}${'median'.padStart(10)}${'p90'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}   ratio`,
);
for (const name of names) {
  const values = samples[name];
  const ms = (v) => `${v.toFixed(0)} ms`.padStart(9);
  console.log(
    `${name.padEnd(18)} ${ms(median(values))}${ms(p90(values))}${ms(Math.min(...values))}${ms(Math.max(...values))}   ${(median(values) / base).toFixed(2)}x`,
  );
}
const ratio = median(samples[OURS]) / base;
target(ratio <= 1.5, `TUI launch to list ≤ 1.5x the bare SDK script: ${ratio.toFixed(2)}x`);
