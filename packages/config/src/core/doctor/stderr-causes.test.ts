import { describe, expect, it } from 'vitest';
import {
  causesInOutput,
  missingVariables,
  quoteLine,
  relativeMissingFile,
  stderrTail,
} from './stderr-causes.js';
import type { LaunchPlan } from './types.js';

const plan: LaunchPlan = {
  client: 'claude-desktop',
  command: 'node',
  args: [],
  env: { PATH: '/usr/bin' },
  cwd: '/',
  timeoutMs: 60_000,
};

describe('missingVariables', () => {
  it.each([
    ["KeyError: 'GITHUB_TOKEN'", 'GITHUB_TOKEN'],
    ['Error: API_KEY is not set', 'API_KEY'],
    ['BRAVE_API_KEY environment variable is required', 'BRAVE_API_KEY'],
    ['Missing required environment variable: SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN'],
    ['Environment variable `OPENAI_KEY` not found', 'OPENAI_KEY'],
    ['ValueError: Missing DATABASE_URL', 'DATABASE_URL'],
  ])('%s names %s', (line, name) => expect(missingVariables(line, {})).toEqual([name]));

  it('skips what the environment has, and words that are not variables', () => {
    expect(missingVariables('API_KEY is not set', { API_KEY: 'x' })).toEqual([]);
    expect(missingVariables('URL is required; ERROR is not set; Missing ID', {})).toEqual([]);
  });
});

describe('relativeMissingFile', () => {
  it('finds relative paths in Node and Python errors, and a name resolved from /', () => {
    expect(
      relativeMissingFile("Error: ENOENT: no such file or directory, open './data.json'"),
    ).toBe('./data.json');
    expect(
      relativeMissingFile("FileNotFoundError: [Errno 2] No such file or directory: 'config.yaml'"),
    ).toBe('config.yaml');
    expect(relativeMissingFile("No such file or directory: '/config.yaml'")).toBe('/config.yaml');
    expect(
      relativeMissingFile("No such file or directory: '/home/me/config.yaml'"),
    ).toBeUndefined();
  });
});

describe('causesInOutput', () => {
  it('names the Python import causes: v1 code first, else a missing mcp', () => {
    expect(
      causesInOutput(
        "ModuleNotFoundError: No module named 'mcp.server.fastmcp'",
        plan,
        undefined,
      ).map((f) => f.code),
    ).toEqual(['mcp-v1-import']);
    expect(
      causesInOutput("ModuleNotFoundError: No module named 'mcp'", plan, undefined).map(
        (f) => f.code,
      ),
    ).toEqual(['python-no-mcp']);
    expect(
      causesInOutput(
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'zod'",
        plan,
        undefined,
      ).map((f) => f.code),
    ).toEqual(['missing-module']);
  });

  it("points at the server's own import line in a traceback", () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/srv/w/server.py", line 3, in <module>',
      '    from mcp.server.fastmcp import FastMCP',
      '  File "/srv/w/.venv/lib/python3.12/site-packages/mcp/server/fastmcp.py", line 16, in <module>',
      "ModuleNotFoundError: No module named 'mcp.server.fastmcp'. This is mcp 2.x",
    ].join('\n');
    const [v1] = causesInOutput(traceback, plan, 'the server exited with code 1');
    expect(v1!.location).toEqual({ file: '/srv/w/server.py', line: 3 });
    expect(v1!.message).toBe(
      'the server exited with code 1: /srv/w/server.py:3 imports mcp.server.fastmcp: the server is mcp 1.x code and the interpreter has mcp 2.x',
    );
  });

  it('a relative path counts only when the server runs in a root folder', () => {
    const output = "ENOENT: no such file or directory, open 'data.json'";
    expect(
      causesInOutput(output, plan, 'the server exited with code 1').map((f) => f.code),
    ).toEqual(['relative-cwd']);
    expect(causesInOutput(output, { ...plan, cwd: '/srv' }, undefined)).toEqual([]);
    expect(causesInOutput(output, { ...plan, cwd: 'C:\\' }, undefined).map((f) => f.code)).toEqual([
      'relative-cwd',
    ]);
  });
});

describe('quoting output', () => {
  it('removes escapes, masks the plan env values and bounds the length', () => {
    const env = { TOKEN: 'sk-live-1234567890' };
    expect(quoteLine('\u001b[31mtoken sk-live-1234567890 refused\u001b[0m', env)).toBe(
      'token •••• refused',
    );
    expect(quoteLine('x'.repeat(1000), {}).length).toBe(301);
    // The client's own variables are not secrets.
    expect(quoteLine('locale en_US.UTF-8', { LANG: 'en_US.UTF-8' })).toBe('locale en_US.UTF-8');
  });

  it('keeps the last 15 non-empty lines', () => {
    const stderr = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n\n');
    expect(stderrTail(stderr, {})).toEqual(Array.from({ length: 15 }, (_, i) => `line ${i + 25}`));
  });

  it("a relative script path is the entry's own problem, not a missing dependency", () => {
    const output = "Error: Cannot find module '/src/server.mjs'\n    at Module._resolveFilename";
    const relative = { ...plan, cwd: '/', args: ['src/server.mjs'] };
    const [finding] = causesInOutput(output, relative, 'the server exited with code 1');
    expect(finding?.code).toBe('relative-cwd');
    expect(finding?.message).toContain("script 'src/server.mjs' is a relative path");
    // A module the script itself imports stays a missing dependency.
    const dependency = "Error: Cannot find module 'express'";
    expect(causesInOutput(dependency, relative, undefined).map((f) => f.code)).toEqual([
      'missing-module',
    ]);
  });
});
