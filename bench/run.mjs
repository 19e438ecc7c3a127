// `npm run bench`: every benchmark in this folder, one after the other. The slow ones — the
// install footprint, the official Inspector CLI and the config-installer comparison, all
// installed from the registry into .bench/ — only with `--all`. Other arguments are passed
// on to every benchmark.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const all = process.argv.includes('--all');
const args = process.argv.slice(2).filter((arg) => arg !== '--all');
const helpers = ['run.mjs', 'inspect-bare-sdk.mjs'];
const slow = {
  'config-compare.mjs': null,
  'inspect-footprint.mjs': null,
  'inspect-stdio.mjs': ['--no-inspector'],
};

for (const file of readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.mjs') && !helpers.includes(f))
  .sort()) {
  if (!all && slow[file] === null) continue;
  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, file), ...args, ...((!all && slow[file]) || [])],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log();
}
