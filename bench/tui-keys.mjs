// Keypress to frame in the interactive inspector: the real App, bundled as it ships, rendered
// by Ink in this process on a fake 120x40 terminal, on a live session with the test server's
// 2,000 extra tools, then with a 5 MB result open. Each key is written to stdin once the frame of
// the one before came and an idle gap passed; its time is until the first write to stdout after
// it (Ink writes a frame in one go). A key that brings no frame within 200 ms (nothing changed)
// is left out and counted.
//   node bench/tui-keys.mjs [--gap MS] [--tools N] [--kb N]   (after `npm run build`)
import { PassThrough, Writable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, options, target } from './lib/inspect.mjs';

// `[runs]` and `--warmup`, which bench/run.mjs passes to every benchmark, do not apply: one
// script of keys is typed (its own warm-up keys first).
const values = options(
  { runs: 1, warmup: 0 },
  {
    gap: { type: 'string', default: '25' },
    tools: { type: 'string', default: '2000' },
    kb: { type: 'string', default: '5120' },
  },
);
const GAP_MS = Number(values.gap);
const TOOLS = Number(values.tools);
const KB = Number(values.kb);
const FRAME_TIMEOUT_MS = 200;
const COLUMNS = 120;
const ROWS = 40;

// Colours as on a person's terminal (xterm-256color): without them the cursor line of a result is
// not drawn inverse, and moving it would change no frame. Chalk reads this when first imported.
process.env.FORCE_COLOR ??= '2';
// The App, the session and Ink bundled as mcp-inspect ships them (scripts/bundle-options.mjs:
// React's production build, Ink inlined with its frame cache), into a temp folder.
const bundled = mkdtempSync(join(tmpdir(), 'mcpkit-bench-bundle-'));
let App, LiveSession, render, React;
try {
  const { build } = await import('esbuild');
  const { EXTRA } = await import(pathToFileURL(join(ROOT, 'scripts/bundle-options.mjs')).href);
  const src = (path) => JSON.stringify(join(ROOT, 'packages/inspect/src', path));
  writeFileSync(
    join(bundled, 'entry.ts'),
    [
      `export { App } from ${src('ui/components/App.tsx')};`,
      `export { LiveSession } from ${src('core/live/live-session.ts')};`,
      `export { render } from 'ink';`,
      `export * as React from 'react';`,
    ].join('\n'),
  );
  await build({
    entryPoints: [join(bundled, 'entry.ts')],
    outfile: join(bundled, 'entry.mjs'),
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    tsconfig: join(ROOT, 'packages/inspect/tsconfig.json'),
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'error',
    ...EXTRA.inspect,
  });
  ({ App, LiveSession, render, React } = await import(
    pathToFileURL(join(bundled, 'entry.mjs')).href
  ));
} catch (error) {
  throw new Error(
    'could not bundle the App (run `npm run build` first: @mcpkit/shared is read from build/)',
    {
      cause: error,
    },
  );
}

const KEY = {
  down: 'j',
  up: 'k',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
};

/** A terminal Ink takes for a real one: raw-mode stdin, a sized stdout that timestamps writes. */
function fakeTerminal() {
  const stdin = new PassThrough();
  Object.assign(stdin, { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
  stdin.setEncoding('utf8');
  const writes = [];
  let waiter;
  let text = '';
  const stdout = new Writable({
    write(chunk, _encoding, callback) {
      const at = performance.now();
      const string = chunk.toString('utf8');
      writes.push(at);
      // Keep only the tail: enough to hold the last frame.
      text = (text + string).slice(-64 * 1024);
      waiter?.(at);
      callback();
    },
  });
  Object.assign(stdout, { isTTY: true, columns: COLUMNS, rows: ROWS });
  return {
    stdin,
    stdout,
    /** The output's tail, without escape sequences. */
    // eslint-disable-next-line no-control-regex
    screen: () => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, ''),
    /** Resolves with the time of the next write, or undefined after `ms`. */
    nextWrite(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          resolve(undefined);
        }, ms);
        waiter = (at) => {
          clearTimeout(timer);
          waiter = undefined;
          resolve(at);
        };
      });
    },
  };
}

const terminal = fakeTerminal();
const home = mkdtempSync(join(tmpdir(), 'mcpkit-bench-keys-'));
const session = new LiveSession({
  target: {
    transport: 'stdio',
    command: process.execPath,
    args: [join(ROOT, 'test/fixtures/test-server.mjs'), '--many', String(TOOLS)],
    env: { PATH: process.env.PATH ?? '' },
    cwd: home,
  },
  connection: {
    era: 'legacy',
    eraIsDefault: false,
    timeoutMs: 30_000,
    maxMessageBytes: 64 * 1024 * 1024,
  },
  version: '0.0.0-bench',
  roots: [home],
});

let exited = false;
const instance = render(
  React.createElement(App, { session, label: 'bench', cwd: home, onExit: () => (exited = true) }),
  {
    stdin: terminal.stdin,
    stdout: terminal.stdout,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 120,
  },
);

/** Waits (polling the screen) until `test(screen)` holds; throws after `ms`. */
async function until(what, test, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!test(terminal.screen())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; screen:\n${terminal.screen().slice(-4000)}`);
    await sleep(20);
  }
}

const scenarios = new Map();
/** Types `key`, waits for its frame (or the timeout), records the time under `scenario`. */
async function press(scenario, key) {
  if (!scenarios.has(scenario)) scenarios.set(scenario, { ms: [], missed: 0 });
  const entry = scenarios.get(scenario);
  await sleep(GAP_MS);
  const frame = terminal.nextWrite(FRAME_TIMEOUT_MS);
  const start = performance.now();
  terminal.stdin.write(key);
  const at = await frame;
  if (at === undefined) entry.missed++;
  else entry.ms.push(at - start);
  // Let any trailing write of the same frame land before the next key.
  await sleep(5);
}
const repeat = async (scenario, key, times) => {
  for (let i = 0; i < times; i++) await press(scenario, key);
};

const connected = session.connect();
try {
  await connected;
  const total = TOOLS + 1; // at least the fixture's own tools besides tool_0001…
  await until(`the ${TOOLS} tools`, (screen) => /Tools (\d+)/.exec(screen)?.[1] >= total);
  await sleep(200);

  // Warm-up, not recorded: the JIT sees each path once.
  for (const key of ['j', 'k', KEY.pageDown, KEY.pageUp]) await press('warm-up', key);

  // The list of 2,000+ tools.
  await repeat('list j/k', KEY.down, 60);
  await repeat('list PgDn/PgUp', KEY.pageDown, 20);
  await repeat('list PgDn/PgUp', KEY.pageUp, 20);
  await repeat('list j/k', KEY.up, 40);
  for (let round = 0; round < 5; round++) {
    await press('filter typing', '/');
    for (const char of 'tool_1') await press('filter typing', char);
    await press('filter typing', KEY.escape);
  }

  // A 5 MB result: select `big` with the filter, open its form, run it with kb = KB.
  for (const key of ['/', 'b', 'i', 'g', KEY.enter]) await press('to the result', key);
  await until('the big tool selected', (screen) => /› big\b/.test(screen), 5000);
  await press('to the result', KEY.enter);
  await until('the form of big', (screen) => screen.includes('kb'), 5000);
  // The field starts with its default (64): clear it first.
  for (let i = 0; i < 6; i++) await press('to the result', KEY.backspace);
  for (const char of String(KB)) await press('to the result', char);
  terminal.stdin.write(KEY.enter);
  // 16 lines per KiB, plus the result's own heading lines.
  const lines = (screen) =>
    Number(/lines [\d,]+–[\d,]+ of ([\d,]+)/.exec(screen)?.[1].replaceAll(',', ''));
  await until(`the ${KB} KiB result`, (screen) => lines(screen) >= KB * 16, 120_000);
  await sleep(300);
  for (const key of ['j', 'k', KEY.pageDown, KEY.pageUp]) await press('warm-up', key);

  await repeat('result j/k', 'j', 50);
  await repeat('result PgDn/PgUp', KEY.pageDown, 30);
  await repeat('result j/k', 'k', 30);
  await repeat('result PgDn/PgUp', KEY.pageUp, 20);
  for (let i = 0; i < 10; i++) {
    await press('result G/g', 'G');
    await press('result G/g', 'g');
  }
  await repeat('result Space (fold)', ' ', 10);
  for (let i = 0; i < 3; i++) {
    await press('result v (raw JSON)', 'v');
    await press('result v (raw JSON)', 'v');
  }
} finally {
  instance.unmount();
  await session.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(bundled, { recursive: true, force: true });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)];
};
console.log(
  `keypress to frame, App on a ${COLUMNS}x${ROWS} fake terminal, ${TOOLS} extra tools, then a ${KB} KiB result (node ${process.version}, ${GAP_MS} ms between keys, ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)})`,
);
console.log(
  `${'scenario'.padEnd(22)}${'keys'.padStart(6)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}   no frame   p50 ≤ 16, p95 ≤ 50`,
);
const all = [];
for (const [name, { ms, missed }] of scenarios) {
  if (name === 'warm-up' || name === 'to the result') continue;
  all.push(...ms);
  const fmt = (v) => (v === undefined ? '–' : `${v.toFixed(1)} ms`).padStart(10);
  console.log(
    `${name.padEnd(22)}${String(ms.length).padStart(6)}${fmt(percentile(ms, 50))}${fmt(percentile(ms, 95))}${fmt(ms.length ? Math.max(...ms) : undefined)}   ${String(missed).padEnd(8)}   ${ms.length === 0 ? '' : percentile(ms, 50) <= 16 && percentile(ms, 95) <= 50 ? 'yes' : 'no'}`,
  );
}
const p50 = percentile(all, 50);
const p95 = percentile(all, 95);
target(
  p50 <= 16,
  `keypress to frame p50 ≤ 16 ms over all ${all.length} keys: ${p50.toFixed(1)} ms`,
);
target(
  p95 <= 50,
  `keypress to frame p95 ≤ 50 ms over all ${all.length} keys: ${p95.toFixed(1)} ms`,
);
if (!exited) process.exit(0); // the server's pipes may keep the loop alive a moment
