import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect, TEST_SERVER } from './support/inspect.js';
import { makeTempDir } from './support/paths.js';

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('mcp-inspect --server NAME --client (Windsurf, Gemini CLI)', () => {
  it('gemini-cli: the project settings.json wins, comments and $VAR expansion as Gemini CLI does', async () => {
    const home = makeTempDir('gemini-home');
    const project = makeTempDir('gemini-project');
    // The user file defines the same name with a command that cannot start.
    write(
      join(home, '.gemini', 'settings.json'),
      JSON.stringify({ mcpServers: { test: { command: 'no-such-command-mcpkit' } } }),
    );
    write(
      join(project, '.gemini', 'settings.json'),
      `{
  // project settings
  "theme": "GitHub",
  "mcpServers": {
    "test": {
      "command": "$NODE_BIN",
      "args": ["\${FIXTURES}/${basename(TEST_SERVER)}"],
      "env": { "GREETING": "$GREETING" },
      "trust": true
    }
  }
}
`,
    );
    const result = await inspect(
      [
        'call',
        'echo',
        '--arg',
        'text=hi from gemini',
        '--server',
        'test',
        '--client',
        'gemini-cli',
      ],
      {
        cwd: project,
        env: {
          HOME: home,
          NODE_BIN: process.execPath,
          FIXTURES: dirname(TEST_SERVER),
        },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('hi from gemini');
    // $GREETING is unset: Gemini CLI passes it on as written, and mcp-inspect says so.
    expect(result.stderr).toMatch(
      /\$GREETING in env\.GREETING of "test" is not resolved \(unset\)/,
    );
  });

  it('windsurf: ~/.codeium/windsurf/mcp_config.json with ${env:VAR}', async () => {
    const home = makeTempDir('windsurf-home');
    write(
      join(home, '.codeium', 'windsurf', 'mcp_config.json'),
      JSON.stringify({
        mcpServers: { test: { command: '${env:NODE_BIN}', args: [TEST_SERVER] } },
      }),
    );
    const result = await inspect(
      [
        'call',
        'echo',
        '--arg',
        'text=hi from windsurf',
        '--server',
        'test',
        '--client',
        'windsurf',
      ],
      { cwd: makeTempDir('windsurf-project'), env: { HOME: home, NODE_BIN: process.execPath } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('hi from windsurf');
  });
});
