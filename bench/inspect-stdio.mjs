// One-shot "list tools" of server-everything over stdio: mcp-inspect against a bare script on
// the SDK client (the baseline, measured in the same run) and the official Inspector CLI.
//   node bench/inspect-stdio.mjs [runs] [--warmup N] [--no-inspector] [--inspector VERSION]
import {
  BARE_SDK,
  EVERYTHING,
  INSPECT_BIN,
  ensureInspector,
  measure,
  options,
  report,
  requireBuilt,
  target,
  toolsJson,
} from './lib/inspect.mjs';

const opts = options(
  { runs: 15, warmup: 2 },
  { 'no-inspector': { type: 'boolean' }, inspector: { type: 'string' } },
);
requireBuilt();
const node = process.execPath;
const server = [node, EVERYTHING, 'stdio'];
const counts = {};

const BARE = 'bare SDK script';
const OURS = 'mcp-inspect tools --json';
const cases = {
  [BARE]: () => [node, [BARE_SDK, '--', ...server], toolsJson(counts, BARE)],
  [OURS]: () => [node, [INSPECT_BIN, 'tools', '--json', '--', ...server], toolsJson(counts, OURS)],
};
let inspector;
if (!opts['no-inspector']) {
  inspector = ensureInspector(opts.inspector);
  const name = `inspector ${inspector.version} --cli`;
  cases[name] = () => [
    node,
    [inspector.bin, '--cli', ...server, '--method', 'tools/list'],
    toolsJson(counts, name),
  ];
}

const medians = report(
  `list tools of server-everything over stdio, median of ${opts.runs} runs after ${opts.warmup} warm-up (node ${process.version})`,
  measure(cases, opts),
  BARE,
  Object.fromEntries(Object.keys(cases).map((name) => [name, `${counts[name]} tools`])),
);
const ratio = medians[OURS] / medians[BARE];
target(ratio <= 1.05, `mcp-inspect ≤ 1.05x the bare SDK script (aim 0.8x): ${ratio.toFixed(2)}x`);
if (inspector) {
  const speedup = medians[`inspector ${inspector.version} --cli`] / medians[OURS];
  target(
    speedup >= 2.5,
    `mcp-inspect ≥ 2.5x faster than the Inspector CLI: ${speedup.toFixed(2)}x`,
  );
}
