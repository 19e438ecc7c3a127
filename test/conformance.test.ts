import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/paths.js';
import { run, testEnv } from './support/run.js';

describe('MCP client conformance suite', () => {
  it('mcp-inspect passes every required non-auth client scenario', async () => {
    const result = await run('bash', [join(ROOT, 'conformance/run.sh')], {
      env: testEnv(),
      timeoutMs: 280_000,
    });
    const summary = /conformance: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(
      result.stdout + result.stderr,
    );
    expect(summary, result.stdout + result.stderr).not.toBeNull();
    expect(Number(summary![2]), result.stdout).toBe(0);
    expect(Number(summary![1])).toBeGreaterThanOrEqual(12);
    expect(result.code).toBe(0);
  }, 300_000);
});
