import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The entry point of each CLI: the esbuild bundle in dist/, exactly what its tarball ships. */
export const BIN = {
  create: join(ROOT, 'packages/create/dist/bin.js'),
  inspect: join(ROOT, 'packages/inspect/dist/bin.js'),
  config: join(ROOT, 'packages/config/dist/bin.js'),
};

const made: string[] = [];

/** A fresh temporary folder for one test; removed after its test file (see cleanup.ts). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mcpkit-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link makeTempDir} made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A file a test left immutable (chattr +i) stays; the test file says so itself.
    }
  }
}
