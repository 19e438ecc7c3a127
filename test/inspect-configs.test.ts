import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EVERYTHING,
  FILESYSTEM,
  inspect,
  inspectJson,
  MEMORY,
  TEST_SERVER,
} from './support/inspect.js';
import { makeTempDir } from './support/paths.js';

/** A fake home with a Claude Desktop config (Linux location) holding `servers`. */
function desktopHome(servers: Record<string, unknown>, text?: string): string {
  const home = makeTempDir('home');
  const dir = join(home, '.config', 'Claude');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'claude_desktop_config.json'),
    text ?? JSON.stringify({ mcpServers: servers }, null, 2),
  );
  return home;
}

const homeEnv = (home: string) => ({ HOME: home, XDG_CONFIG_HOME: '' });

describe('mcp-inspect --server NAME', () => {
  it('launches a Claude Desktop entry as Claude Desktop would: its env on top of a small default', async () => {
    const home = desktopHome({
      everything: { command: process.execPath, args: [EVERYTHING], env: { FROM_CONFIG: 'yes' } },
    });
    const { json } = await inspectJson<{ content: { text: string }[] }>(
      ['call', 'get-env', '--server', 'everything'],
      {
        env: { ...homeEnv(home), MCPKIT_SHELL_ONLY: 'leak' },
      },
    );
    const text = json.content[0]!.text;
    expect(text).toContain('"FROM_CONFIG": "yes"');
    expect(text).toContain('"PATH"');
    expect(text).not.toContain('MCPKIT_SHELL_ONLY');
  });

  it('a name that is not there lists the names that are (exit 2)', async () => {
    const home = desktopHome({ weather: { command: 'x' }, 'weather-dev': { command: 'y' } });
    const result = await inspect(['tools', '--server', 'wether'], { env: homeEnv(home) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no server named "wether"\. Available: weather, weather-dev\. Did you mean "weather"/,
    );
  });

  it('an invalid config names file, line and column (exit 2)', async () => {
    const home = desktopHome({}, '{\n  "mcpServers": {\n    "a": { "command": "x", },\n  }\n}\n');
    const result = await inspect(['tools', '--server', 'a'], { env: homeEnv(home) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/claude_desktop_config\.json:3:\d+: .*trailing comma/);
  });

  it('no config file at all says where it looked', async () => {
    const result = await inspect(['tools', '--server', 'a'], {
      env: homeEnv(makeTempDir('empty-home')),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no claude-desktop config file found \(looked for .*claude_desktop_config\.json\)/,
    );
  });

  it('reads Claude Code project scope (.mcp.json) with ${VAR} expansion', async () => {
    const project = makeTempDir('project');
    writeFileSync(
      join(project, '.mcp.json'),
      JSON.stringify({
        mcpServers: { fs: { command: process.execPath, args: [FILESYSTEM, '${SHARED_DIR}'] } },
      }),
    );
    const shared = makeTempDir('shared');
    writeFileSync(join(shared, 'note.txt'), 'hi');
    const result = await inspect(
      [
        'call',
        'list_directory',
        '--arg',
        `path=${shared}`,
        '--server',
        'fs',
        '--client',
        'claude-code',
      ],
      {
        cwd: project,
        env: { ...homeEnv(makeTempDir('home')), SHARED_DIR: shared },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('[FILE] note.txt');
  });

  it('reads a VS Code mcp.json with comments, guessing the client from --config', async () => {
    const project = makeTempDir('vscode');
    mkdirSync(join(project, '.vscode'));
    const file = join(project, '.vscode', 'mcp.json');
    writeFileSync(
      file,
      `{\n  // the test server\n  "servers": {\n    "t": { "type": "stdio", "command": ${JSON.stringify(process.execPath)}, "args": [${JSON.stringify(TEST_SERVER)}] },\n  },\n}\n`,
    );
    const { json } = await inspectJson<{ tools: unknown[] }>([
      'tools',
      '--server',
      't',
      '--config',
      file,
    ]);
    expect(json.tools.length).toBeGreaterThan(5);
  });
});

describe('mcp-inspect against the reference filesystem and memory servers', () => {
  it('filesystem: lists and reads within the allowed directory, refuses outside it', async () => {
    const dir = makeTempDir('fs');
    writeFileSync(join(dir, 'hello.txt'), 'hello from a file\n');
    const server = ['--', process.execPath, FILESYSTEM, dir];
    const read = await inspect([
      'call',
      'read_text_file',
      '--arg',
      `path=${join(dir, 'hello.txt')}`,
      ...server,
    ]);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toContain('hello from a file');
    const outside = await inspect([
      'call',
      'read_text_file',
      '--arg',
      'path=/etc/hostname',
      ...server,
    ]);
    expect(outside.code).toBe(1);
    expect(outside.stdout).toMatch(/^Tool error:/);
  });

  it('memory: entities created in one call are read back in the next (same memory file)', async () => {
    const file = join(makeTempDir('memory'), 'memory.jsonl');
    const server = ['--env', `MEMORY_FILE_PATH=${file}`, '--', process.execPath, MEMORY];
    const created = await inspect([
      'call',
      'create_entities',
      '--args',
      JSON.stringify({
        entities: [{ name: 'Oslo', entityType: 'city', observations: ['rainy in November'] }],
      }),
      ...server,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const { json } = await inspectJson<{
      structuredContent?: { entities: { name: string }[] };
      content: { text: string }[];
    }>(['call', 'read_graph', ...server]);
    expect(JSON.stringify(json)).toContain('rainy in November');
  });
});
