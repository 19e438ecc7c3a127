import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeTempDir, ROOT } from './support/paths.js';
import { run, testEnv } from './support/run.js';

const version = (pkg: string) =>
  (
    JSON.parse(readFileSync(join(ROOT, 'packages', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

describe('workspace-linked bins', () => {
  it.each([
    ['create-mcp-server', 'create'],
    ['mcp-inspect', 'inspect'],
    ['mcp-config', 'config'],
  ])('npx %s --version works from the repository root', async (bin, pkg) => {
    const result = await run('npx', ['--no-install', bin, '--version'], {
      cwd: ROOT,
      env: testEnv(),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(version(pkg));
  });
});

describe('mcp-inspect tools: bad input', () => {
  it('without a server: exit 2 and how to give one', async () => {
    const result = await run(process.execPath, [BIN.inspect, 'tools'], { env: testEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: No server given\.\nPass a command after --/);
  });

  it('a command that does not exist: exit 3, one line, no stack', async () => {
    const result = await run(process.execPath, [BIN.inspect, 'tools', '--', 'no-such-server-xyz'], {
      cwd: makeTempDir('inspect'),
      env: testEnv(),
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^Error: Could not connect: command not found: no-such-server-xyz \(searched PATH=/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--json errors are one JSON object on stderr', async () => {
    const result = await run(
      process.execPath,
      [BIN.inspect, 'tools', '--json', '--timeout', 'soon'],
      {
        env: testEnv(),
      },
    );
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 2,
        message: '--timeout must be a positive number of milliseconds, not "soon".',
        hint: 'Example: --timeout 10000',
      },
    });
    expect(result.stdout).toBe('');
  });
});
