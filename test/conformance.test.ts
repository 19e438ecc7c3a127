import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/paths.js';
import { run, testEnv } from './support/run.js';

describe('MCP client conformance suite', () => {
  it('mcp-inspect passes every required non-auth client scenario, and the auth scenarios it implements', async () => {
    const result = await run('bash', [join(ROOT, 'conformance/run.sh'), '--auth'], {
      env: testEnv(),
      timeoutMs: 420_000,
    });
    const output = result.stdout + result.stderr;
    const summary = /conformance: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(output);
    expect(summary, output).not.toBeNull();
    expect(Number(summary![2]), output).toBe(0);
    expect(Number(summary![1])).toBeGreaterThanOrEqual(12);
    expect(result.code).toBe(0);
    // Everything but DPoP, token exchange and the workload JWT grant (not implemented).
    const auth = /auth passed \((\d+)\/(\d+)\)/.exec(output);
    expect(auth, output).not.toBeNull();
    expect(Number(auth![1]), output).toBeGreaterThanOrEqual(29);
  }, 450_000);
});
