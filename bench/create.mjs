// Start-up benchmark of create-mcp-server: `--help`, and a scaffold without install or
// git, against bare `node -e ''` measured in the same run. Prints medians and ratios.
//   node bench/create.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 30);
const bin = join(import.meta.dirname, '..', 'packages/create/dist/bin.js');
const work = mkdtempSync(join(tmpdir(), 'bench-create-'));
const env = { ...process.env, CI: 'true', NO_COLOR: '1' };

let counter = 0;
const cases = {
  "node -e ''": () => [process.execPath, ['-e', '']],
  'create-mcp-server --help': () => [process.execPath, [bin, '--help']],
  'create-mcp-server app --no-install --no-git -y': () => [
    process.execPath,
    [bin, join(work, `app-${counter++}`), '--no-install', '--no-git', '-y'],
  ],
};

function time([command, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: 'ignore' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let i = 0; i < 3; i++) for (const make of Object.values(cases)) time(make()); // warm the file cache
// Interleave the cases so that machine noise hits them alike.
for (let i = 0; i < runs; i++)
  for (const [name, make] of Object.entries(cases)) samples[name].push(time(make()));
rmSync(work, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const baseline = median(samples["node -e ''"]);
console.log(`create-mcp-server start-up, median of ${runs} runs (node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  console.log(
    `${name.padEnd(48)} ${median(values).toFixed(1).padStart(7)} ms   ${(median(values) / baseline).toFixed(2)}x`,
  );
}
