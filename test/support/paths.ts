import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The built entry point of each CLI. */
export const BIN = {
  create: join(ROOT, 'packages/create/dist/bin.js'),
  inspect: join(ROOT, 'packages/inspect/dist/bin.js'),
  config: join(ROOT, 'packages/config/dist/bin.js'),
};

/** A fresh temporary folder for one test. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mcpkit-${prefix}-`));
}
