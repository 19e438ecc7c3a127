// Benchmark of `mcp-config logs`: `logs -n 100` on a 1 GB mcp.log against `mcp-config
// --version` (the process start) in the same run — target: under 50 ms more; then `logs -f`:
// the time from appending a line to its appearing on the child's stdout, over 20 appends —
// target: p95 under 200 ms. The log lives in a temp HOME that is deleted afterwards.
//   node bench/config-logs.mjs [runs] [--warmup N] [--size-mb N]
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  env,
  measure,
  median,
  options,
  report,
  requireBuilt,
  ROOT,
  target,
} from './lib/inspect.mjs';

const opts = options({ runs: 20, warmup: 3 }, { 'size-mb': { type: 'string' } });
const sizeMb = Number(opts['size-mb'] ?? 1024);
requireBuilt();
const BIN = join(ROOT, 'packages/config/dist/bin.js');

const work = mkdtempSync(join(tmpdir(), 'bench-logs-'));
const home = join(work, 'home');
const logs = join(home, '.config', 'Claude', 'logs');
mkdirSync(logs, { recursive: true });
Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TZ: 'UTC' });

/** About 1 MiB of realistic mcp.log lines (requests, responses, stderr), one second apart. */
function block(start) {
  const lines = [];
  let bytes = 0;
  for (let i = 0; bytes < 1024 * 1024; i++) {
    const ts = new Date(start + i).toISOString();
    const line =
      i % 10 === 0
        ? `Traceback (most recent call last):\n  File "C:\\\\srv\\\\weather\\\\server.py", line ${i}, in <module>`
        : i % 3 === 0
          ? `${ts} [info] [weather] Message from server: {"jsonrpc":"2.0","id":${i},"result":{"content":[{"type":"text","text":"Sunny, 21°C"}]}} { metadata: undefined }`
          : `${ts} [info] [github] Message from client: {"method":"tools/call","params":{"name":"search","arguments":{"q":"mcp ${i}"}},"jsonrpc":"2.0","id":${i}}`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const mcpLog = join(logs, 'mcp.log');
try {
  const started = performance.now();
  const fd = openSync(mcpLog, 'w');
  const chunk = block(Date.UTC(2026, 0, 1));
  for (let written = 0; written < sizeMb * 1024 * 1024; written += chunk.length)
    writeSync(fd, chunk);
  writeSync(fd, `${new Date().toISOString()} [error] [weather] the last record\n`);
  closeSync(fd);
  console.log(
    `wrote a ${sizeMb} MiB mcp.log in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const expect = (text) => (stdout) => {
    if (!stdout.includes(text)) throw new Error(`expected "${text}" in:\n${stdout.slice(-2000)}`);
  };
  const samples = measure(
    {
      'mcp-config --version': () => [process.execPath, [BIN, '--version']],
      'mcp-config logs -n 100': () => [
        process.execPath,
        [BIN, 'logs', '-n', '100'],
        expect('the last record'),
      ],
    },
    opts,
  );
  const medians = report(
    `mcp-config logs on a ${sizeMb} MiB mcp.log, median of ${opts.runs} runs (node ${process.version})`,
    samples,
    'mcp-config --version',
  );
  const extra = medians['mcp-config logs -n 100'] - medians['mcp-config --version'];
  const ratio = medians['mcp-config logs -n 100'] / medians['mcp-config --version'];
  target(
    extra < 50,
    `logs -n 100: ${extra.toFixed(1)} ms beyond process start (${ratio.toFixed(2)}x), under 50 ms`,
  );

  const latencies = await followLatency(20);
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  console.log(
    `logs -f: append → stdout over ${latencies.length} appends: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (median ${median(latencies).toFixed(1)} ms)`,
  );
  target(pct(95) < 200, `logs -f shows a new line within 200 ms (p95 ${pct(95).toFixed(1)} ms)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Appends `count` lines to the followed mcp.log, timing each until the child prints it. */
async function followLatency(count) {
  const child = spawn(process.execPath, [BIN, 'logs', '-f', '-n', '1'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  const waiters = [];
  child.stdout.on('data', (data) => {
    stdout += data.toString();
    for (const w of waiters.splice(0)) w();
  });
  const until = (text) =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`"${text}" never appeared`)), 10_000);
      const check = () => {
        if (stdout.includes(text)) {
          clearTimeout(deadline);
          resolve(performance.now());
        } else waiters.push(check);
      };
      check();
    });
  try {
    await until('the last record');
    const latencies = [];
    for (let i = 0; i < count; i++) {
      // Appends at irregular moments, so they do not line up with the poll.
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 120));
      const marker = `append-${i}-${Math.random().toString(36).slice(2)}`;
      const t0 = performance.now();
      appendFileSync(mcpLog, `${new Date().toISOString()} [info] [weather] ${marker}\n`);
      latencies.push((await until(marker)) - t0);
    }
    return latencies;
  } finally {
    child.kill('SIGINT');
  }
}
