import { join } from 'node:path';
import {
  LiveSession,
  type LiveSessionOptions,
} from '../../packages/inspect/src/core/live/live-session.js';
import { ROOT } from './paths.js';

/** The test server (see test/fixtures/README.md). */
export const TEST_SERVER_SCRIPT = join(ROOT, 'test/fixtures/test-server.mjs');

/**
 * A live session (not yet connected) with a stdio server run by this Node: `script` and its
 * `args`, 2025 era unless said otherwise, 10 s timeout, no roots.
 */
export function liveSession(
  script: string,
  args: readonly string[] = [],
  options: Partial<Omit<LiveSessionOptions, 'connection'>> & { era?: 'legacy' | 'modern' } = {},
): LiveSession {
  const { era = 'legacy', ...rest } = options;
  return new LiveSession({
    target: {
      transport: 'stdio',
      command: process.execPath,
      args: [script, ...args],
      env: { PATH: process.env.PATH ?? '' },
    },
    connection: { era, eraIsDefault: false, timeoutMs: 10_000, maxMessageBytes: 64 << 20 },
    version: '0.0.0-test',
    roots: [],
    ...rest,
  });
}
