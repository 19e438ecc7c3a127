// Scaling benchmark of `mcp-config add --dry-run` on large config files: the same realistic
// Claude Desktop entries (args, an env secret) repeated to ~0.25, 0.5, 1 and 2 MB. The diff
// and the masking of secrets in it must grow with the file, not with its square: the 2 MB
// run should take about 8x the 0.25 MB run at most (target: within 12x), where a quadratic
// step takes ~64x. HOME points into a temp folder, so the real home is never read.
//   node bench/config-dry-run.mjs [runs] [--warmup N]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, measure, options, report, ROOT, target } from './lib/inspect.mjs';

const opts = options({ runs: 3, warmup: 1 });
const BIN = join(ROOT, 'packages/config/dist/bin.js');
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);

const work = mkdtempSync(join(tmpdir(), 'bench-config-dry-run-'));
const home = join(work, 'home');
mkdirSync(home);
Object.assign(env, {
  HOME: home,
  USERPROFILE: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  APPDATA: join(home, 'AppData/Roaming'),
  LOCALAPPDATA: join(home, 'AppData/Local'),
});

/** A config of about `bytes` bytes: 4-space indent, one secret per server, like REALISTIC. */
function largeConfig(bytes) {
  const servers = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const entry = `        "server-${i}": {
            "command": "node",
            "args": [
                "/Users/zoe/mcp/server-${i}/build/index.js",
                "--port",
                "${3000 + (i % 1000)}"
            ],
            "env": {
                "API_KEY": "sk-live-${String(i).padStart(10, '0')}"
            }
        }`;
    servers.push(entry);
    size += entry.length + 2;
  }
  return `{\n    "mcpServers": {\n${servers.join(',\n')}\n    },\n    "globalShortcut": "Ctrl+Alt+Space"\n}\n`;
}

const SIZES = { '0.25 MB': 0.25, '0.5 MB': 0.5, '1 MB': 1, '2 MB': 2 };
const files = {};
for (const [label, mb] of Object.entries(SIZES)) {
  files[label] = join(work, `${mb}.json`);
  writeFileSync(files[label], largeConfig(mb * 1024 * 1024));
}
const ADD = ['weather', '--dry-run', '--', 'uv', '--directory', '/srv/weather', 'run', 'weather'];
const expectDryRun = (stdout) => {
  if (!stdout.includes('Dry run: nothing was written.') || !stdout.includes('+        "weather"'))
    throw new Error(`unexpected output:\n${stdout.slice(-2000)}`);
};
const cases = Object.fromEntries(
  Object.keys(SIZES).map((label) => [
    `add --dry-run, ${label} config`,
    () => [process.execPath, [BIN, 'add', '--config', files[label], ...ADD], expectDryRun],
  ]),
);

try {
  const baseline = 'add --dry-run, 0.25 MB config';
  const medians = report(
    `mcp-config add --dry-run on large configs, median of ${opts.runs} runs (node ${process.version})`,
    measure(cases, opts),
    baseline,
  );
  const ratio = medians['add --dry-run, 2 MB config'] / medians[baseline];
  target(
    ratio <= 12,
    `2 MB: ${ratio.toFixed(1)}x the 0.25 MB run (8x the size; target within 12x)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
