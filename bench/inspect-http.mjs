// One-shot "list tools" over Streamable HTTP: mcp-inspect --url against a bare script on the
// SDK client (the baseline, measured in the same run). One server-everything, started once in
// its streamableHttp mode on a free port, serves every run; it is stopped at the end.
//   node bench/inspect-http.mjs [runs] [--warmup N]
import {
  BARE_SDK,
  INSPECT_BIN,
  measure,
  options,
  report,
  requireBuilt,
  startEverythingHttp,
  target,
  toolsJson,
} from './lib/inspect.mjs';

const opts = options({ runs: 15, warmup: 2 });
requireBuilt();
const node = process.execPath;
const server = await startEverythingHttp();
const counts = {};

const BARE = 'bare SDK script';
const OURS = 'mcp-inspect tools --json --url';
let samples;
try {
  samples = measure(
    {
      [BARE]: () => [node, [BARE_SDK, '--url', server.url], toolsJson(counts, BARE)],
      [OURS]: () => [
        node,
        [INSPECT_BIN, 'tools', '--json', '--url', server.url],
        toolsJson(counts, OURS),
      ],
    },
    opts,
  );
} finally {
  await server.stop();
}
const medians = report(
  `list tools of server-everything over Streamable HTTP (${server.url}), median of ${opts.runs} runs after ${opts.warmup} warm-up (node ${process.version})`,
  samples,
  BARE,
  Object.fromEntries(Object.keys(samples).map((name) => [name, `${counts[name]} tools`])),
);
const ratio = medians[OURS] / medians[BARE];
target(ratio <= 1.1, `mcp-inspect ≤ 1.1x the bare SDK script: ${ratio.toFixed(2)}x`);
