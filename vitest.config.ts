import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// create-mcp-server inlines mcp-config's register module (see tsconfig.base.json `paths`).
const resolve = {
  alias: {
    'mcp-config/register': fileURLToPath(
      new URL('./packages/config/src/register.ts', import.meta.url),
    ),
  },
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Tools on PATH, a temp HOME, TMPDIR and caches for the whole run; fails a run that leaks.
    globalSetup: ['./test/support/global-setup.ts'],
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./test/support/cleanup.ts'],
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          setupFiles: ['./test/support/cleanup.ts'],
          // Real installs of real projects: slow by nature, and each file owns its processes.
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: true,
          maxWorkers: 2,
          // Fast unit tests first, then the slow end-to-end files.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
