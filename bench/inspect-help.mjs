// Start-up of mcp-inspect: `--help` and `--version` against bare `node -e ''` measured in the
// same run, and a check (through test/support/trace-imports.mjs) of what `--help` loads: neither
// Ink nor React, and not the SDK either, since no server is reached.
//   node bench/inspect-help.mjs [runs] [--warmup N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INSPECT_BIN,
  ROOT,
  env,
  measure,
  options,
  report,
  requireBuilt,
  target,
} from './lib/inspect.mjs';

const opts = options({ runs: 30, warmup: 3 });
requireBuilt();
const node = process.execPath;
const NODE = "node -e ''";
const HELP = 'mcp-inspect --help';
const medians = report(
  `mcp-inspect start-up, median of ${opts.runs} runs after ${opts.warmup} warm-up (node ${process.version})`,
  measure(
    {
      [NODE]: () => [node, ['-e', '']],
      [HELP]: () => [
        node,
        [INSPECT_BIN, '--help'],
        (out) => out.includes('Usage: mcp-inspect') || fail(out),
      ],
      'mcp-inspect --version': () => [node, [INSPECT_BIN, '--version']],
    },
    opts,
  ),
  NODE,
);
console.log(`--help costs ${(medians[HELP] - medians[NODE]).toFixed(0)} ms over bare node`);

// What does `--help` load? Every specifier resolved, recorded by a resolve hook.
const dir = mkdtempSync(join(tmpdir(), 'bench-inspect-trace-'));
const trace = join(dir, 'imports.txt');
const result = spawnSync(
  node,
  ['--import', join(ROOT, 'test/support/trace-imports.mjs'), INSPECT_BIN, '--help'],
  { env: { ...env, MCPKIT_TRACE_IMPORTS: trace }, encoding: 'utf8' },
);
if (result.status !== 0 || !existsSync(trace))
  fail(`traced --help failed (${result.status}):\n${result.stderr}`);
const loaded = [...new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean))];
rmSync(dir, { recursive: true, force: true });
if (!loaded.includes('commander'))
  fail(`the import trace looks wrong, no commander in:\n${loaded.join('\n')}`);
const bad = loaded.filter((s) => /^(ink|react|@inkjs\/ui|react\/.*|ink\/.*)$/.test(s));
const sdk = loaded.filter((s) => s.startsWith('@modelcontextprotocol/'));
const packages = loaded.filter((s) => !/^(node:|\.|\/|file:|data:)/.test(s));
console.log(
  `--help resolves ${loaded.length} specifiers; packages: ${packages.join(', ') || 'none'}`,
);
target(
  bad.length === 0,
  `--help loads neither ink nor react${bad.length ? `: ${bad.join(', ')}` : ''}`,
);
target(
  sdk.length === 0,
  `--help does not load the MCP SDK${sdk.length ? `: ${sdk.join(', ')}` : ''}`,
);

function fail(message) {
  console.error(message);
  process.exit(1);
}
