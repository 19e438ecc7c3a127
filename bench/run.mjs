// `npm run bench`: every benchmark in this folder, one after the other.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

for (const file of readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .sort()) {
  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, file), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log();
}
