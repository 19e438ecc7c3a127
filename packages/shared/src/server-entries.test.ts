import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/paths.js';
import type { ClientId } from './client-paths.js';
import { ConfigError } from './config-text.js';
import { parseServerEntries, readServerEntries } from './server-entries.js';
import type { ReadServerEntriesOptions } from './server-entries.js';

const readUtf8 = (f: string) => readFile(f, 'utf8');

function write(name: string, text: string): string {
  const dir = makeTempDir('entries');
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function read(
  name: string,
  text: string,
  client: ClientId,
  options: Partial<ReadServerEntriesOptions> = {},
) {
  return readServerEntries(write(name, text), client, { readFile: readUtf8, ...options });
}

describe('readServerEntries', () => {
  it('reads Claude Desktop stdio entries in file order, with BOM, CRLF and Windows paths', async () => {
    const text =
      '\uFEFF{\r\n  "mcpServers": {\r\n    "zeta": {"command": "C:\\\\Program Files\\\\nodejs\\\\node.exe", "args": ["C:\\\\srv\\\\index.js", "--root", "D:\\\\data"], "env": {"TOKEN": "t"}},\r\n    "alpha": {"command": "npx"}\r\n  },\r\n  "globalShortcut": ""\r\n}';
    const result = await read('claude_desktop_config.json', text, 'claude-desktop');
    expect(result.invalid).toEqual([]);
    expect(result.entries.map((e) => e.name)).toEqual(['zeta', 'alpha']);
    expect(result.entries[0]).toMatchObject({
      transport: 'stdio',
      command: 'C:\\Program Files\\nodejs\\node.exe',
      args: ['C:\\srv\\index.js', '--root', 'D:\\data'],
      env: { TOKEN: 't' },
      scope: 'user',
      location: { line: 3, column: 5 },
    });
    expect(result.entries[1]).toMatchObject({ command: 'npx', args: [], env: {} });
    expect(result.entries[1]?.raw).toEqual({ command: 'npx' });
  });

  it('keeps non-ASCII names', async () => {
    const result = await read(
      'mcp.json',
      '{"mcpServers": {"файлы": {"command": "x"}, "数据 ✓": {"url": "https://d.test/mcp"}}}',
      'cursor',
    );
    expect(result.entries.map((e) => e.name)).toEqual(['файлы', '数据 ✓']);
  });

  it('a file without servers has none', async () => {
    expect(
      (await read('claude_desktop_config.json', '{"preferences": {}}', 'claude-desktop')).entries,
    ).toEqual([]);
  });

  it('reports a missing file and a bad file with ConfigError', async () => {
    const missing = readServerEntries(
      '/nonexistent/mcpkit/claude_desktop_config.json',
      'claude-desktop',
      { readFile: readUtf8 },
    );
    await expect(missing).rejects.toMatchObject({
      code: 'not-found',
      message: '/nonexistent/mcpkit/claude_desktop_config.json: no such file',
    });
    await expect(read('.mcp.json', '', 'claude-code')).rejects.toMatchObject({
      code: 'empty-file',
    });
    await expect(
      read('.mcp.json', '{"mcpServers": {"a": {"command": "x"}', 'claude-code'),
    ).rejects.toThrow(/truncated/);
    await expect(read('x.json', '{"mcpServers": []}', 'cursor')).rejects.toThrow(
      '"mcpServers" must be an object mapping server names to entries, found an array',
    );
  });

  it('VS Code: "servers", JSONC, type entries, envFile', async () => {
    const text = `{
      // workspace servers
      "inputs": [{"type": "promptString", "id": "token", "password": true}],
      "servers": {
        "local": {"type": "stdio", "command": "node", "args": ["\${workspaceFolder}/srv.js"], "envFile": "\${workspaceFolder}/.env",},
        "remote": {"type": "http", "url": "https://x.test/mcp", "headers": {"Authorization": "Bearer \${input:token}"}},
        "legacy": {"type": "sse", "url": "https://x.test/sse"},
      },
    }`;
    const result = await read('.vscode/mcp.json', text, 'vscode');
    expect(result.scope).toBe('project');
    expect(result.invalid).toEqual([]);
    expect(result.entries.map((e) => [e.name, e.transport])).toEqual([
      ['local', 'stdio'],
      ['remote', 'http'],
      ['legacy', 'sse'],
    ]);
    expect(result.entries[0]).toMatchObject({ envFile: '${workspaceFolder}/.env' });
    expect(result.entries[1]).toMatchObject({
      headers: { Authorization: 'Bearer ${input:token}' },
    });
  });

  it('comments are an error for strict clients', async () => {
    await expect(read('.cursor/mcp.json', '{\n// x\n"mcpServers": {}}', 'cursor')).rejects.toThrow(
      /:2:1: comments are not allowed in mcp.json/,
    );
  });

  it('remote entries: url (Cursor infers http), Claude Code needs type, streamable-http', async () => {
    const cursor = await read(
      'mcp.json',
      '{"mcpServers": {"r": {"url": "https://x.test/mcp", "headers": {"X-Key": "k"}}}}',
      'cursor',
    );
    expect(cursor.entries[0]).toMatchObject({
      transport: 'http',
      url: 'https://x.test/mcp',
      headers: { 'X-Key': 'k' },
    });
    const code = await read(
      '.mcp.json',
      '{"mcpServers": {"h": {"type": "http", "url": "u"}, "s": {"type": "sse", "url": "u"}, "st": {"type": "streamable-http", "url": "u"}, "bare": {"url": "u"}}}',
      'claude-code',
    );
    expect(code.entries.map((e) => [e.name, e.transport])).toEqual([
      ['h', 'http'],
      ['s', 'sse'],
      ['st', 'http'],
    ]);
    expect(code.invalid[0]?.error.reason).toBe(
      'server "bare": a "url" entry needs "type": "http" or "type": "sse" for Claude Code',
    );
  });

  it('Windsurf: serverUrl (or url) with headers; both command and serverUrl is ambiguous', async () => {
    const result = await read(
      'mcp_config.json',
      `{"mcpServers": {
        "local": {"command": "npx", "args": ["-y", "srv"], "env": {"K": "\${env:K}"}},
        "remote": {"serverUrl": "https://x.test/mcp", "headers": {"Authorization": "Bearer t"}},
        "plain": {"url": "https://x.test/sse"},
        "both": {"command": "x", "serverUrl": "https://x.test/mcp"},
        "empty": {"serverUrl": ""}
      }}`,
      'windsurf',
    );
    expect(result.scope).toBe('user');
    expect(result.entries.map((e) => [e.name, e.transport])).toEqual([
      ['local', 'stdio'],
      ['remote', 'http'],
      ['plain', 'http'],
    ]);
    expect(result.entries[1]).toMatchObject({
      url: 'https://x.test/mcp',
      headers: { Authorization: 'Bearer t' },
    });
    expect(result.invalid.map((e) => e.error.reason)).toEqual([
      'server "both": has both "command" and "serverUrl"; add "type" to say whether it is a local or a remote server',
      'server "empty": "serverUrl" is empty',
    ]);
    await expect(read('mcp_config.json', '{/* x */}', 'windsurf')).rejects.toThrow(
      /comments are not allowed/,
    );
  });

  it('Gemini CLI: comments, other settings, httpUrl, url with or without type, URLs before command', async () => {
    const text = `{
      // my settings
      "theme": "GitHub",
      "mcp": {"allowed": ["local"]},
      "mcpServers": {
        "local": {"command": "python", "args": ["-m", "srv"], "cwd": "./srv", "env": {"K": "$K"}, "timeout": 5000, "trust": true},
        "stream": {"httpUrl": "https://x.test/mcp", "headers": {"X-Key": "k"}},
        "sse": {"url": "https://x.test/sse"},
        "typed": {"type": "sse", "url": "https://x.test/events"},
        "new": {"type": "http", "url": "https://x.test/mcp2"},
        "both": {"command": "x", "url": "https://x.test/u"},
        "neither": {"args": []}
      }
    }`;
    const result = await read('.gemini/settings.json', text, 'gemini-cli', { scope: 'project' });
    expect(result.scope).toBe('project');
    expect(result.entries.map((e) => [e.name, e.transport])).toEqual([
      ['local', 'stdio'],
      ['stream', 'http'],
      ['sse', 'http'],
      ['typed', 'sse'],
      ['new', 'http'],
      ['both', 'http'],
    ]);
    expect(result.entries[0]).toMatchObject({ cwd: './srv', env: { K: '$K' } });
    expect(result.entries[1]).toMatchObject({
      url: 'https://x.test/mcp',
      headers: { 'X-Key': 'k' },
    });
    expect(result.entries[5]).toMatchObject({ url: 'https://x.test/u' });
    expect(result.invalid[0]?.error.reason).toBe(
      'server "neither": needs "command" (a local server) or "httpUrl" or "url" (a remote server)',
    );
  });

  it('Claude Desktop skips remote entries: reported as unsupported', async () => {
    const result = await read(
      'claude_desktop_config.json',
      '{"mcpServers": {"ok": {"command": "x"}, "remote": {"url": "https://x.test/mcp"}}}',
      'claude-desktop',
    );
    expect(result.entries.map((e) => e.name)).toEqual(['ok']);
    expect(result.invalid[0]?.error).toMatchObject({ code: 'unsupported' });
    expect(result.invalid[0]?.error.reason).toMatch(/Claude Desktop only launches local servers/);
  });

  it('bad shapes name the entry and the position of the bad value', async () => {
    const text = [
      '{"mcpServers": {',
      '  "num": {"command": 42},',
      '  "args": {"command": "x", "args": ["--port", 8080]},',
      '  "argstr": {"command": "x", "args": "--stdio"},',
      '  "env": {"command": "x", "env": {"DEBUG": true}},',
      '  "none": {"args": []},',
      '  "both": {"command": "x", "url": "u"},',
      '  "type": {"type": "websocket", "url": "u"},',
      '  "str": "npx server",',
      '  "empty": {"command": "  "},',
      '  "nourl": {"type": "http", "command": "x"},',
      '  "hdr": {"url": "u", "headers": {"A": 1}}',
      '}}',
    ].join('\n');
    const result = await read('mcp.json', text, 'cursor');
    expect(result.entries).toEqual([]);
    const lines = result.invalid.map(
      (i) => `${i.error.location?.line}:${i.error.location?.column} ${i.error.reason}`,
    );
    expect(lines).toEqual([
      '2:22 server "num": "command" must be a string, found a number (42)',
      '3:47 server "args": args[1] must be a string, found a number (8080); quote it',
      '4:38 server "argstr": "args" must be an array of strings, found a string',
      '5:44 server "env": env.DEBUG must be a string, found a boolean (true); quote it',
      '6:11 server "none": needs "command" (a local server) or "url" (a remote server)',
      '7:11 server "both": has both "command" and "url"; add "type" to say whether it is a local or a remote server',
      '8:20 server "type": "type" must be one of "stdio", "http", "streamable-http", "sse", found "websocket"',
      '9:10 server "str": must be an object with "command" or "url", found a string',
      '10:24 server "empty": "command" is empty',
      '11:12 server "nourl": a http server needs "url"',
      '12:40 server "hdr": headers.A must be a string, found a number (1); quote it',
    ]);
    expect(result.invalid[0]?.error).toBeInstanceOf(ConfigError);
    expect(result.invalid[0]?.error.message).toMatch(/mcp\.json:2:22: server "num"/);
  });
});

describe('Claude Code scopes', () => {
  const claudeJson = JSON.stringify(
    {
      mcpServers: { global: { type: 'stdio', command: 'g' } },
      projects: {
        '/home/ada/app': { mcpServers: { mine: { command: 'm', args: ['--x'] } } },
        'D:/work/app': { mcpServers: { win: { command: 'w' } } },
        '/home/ada/other': { allowedTools: [] },
      },
    },
    null,
    2,
  );

  it('user scope reads top-level mcpServers; local scope reads projects[cwd]', async () => {
    const file = write('.claude.json', claudeJson);
    const user = await readServerEntries(file, 'claude-code', { readFile: readUtf8 });
    expect(user.scope).toBe('user');
    expect(user.entries.map((e) => e.name)).toEqual(['global']);
    const local = await readServerEntries(file, 'claude-code', {
      readFile: readUtf8,
      scope: 'local',
      cwd: '/home/ada/app',
    });
    expect(local.entries.map((e) => [e.name, e.scope])).toEqual([['mine', 'local']]);
    expect(local.entries[0]?.location.line).toBe(11);
    const other = await readServerEntries(file, 'claude-code', {
      readFile: readUtf8,
      scope: 'local',
      cwd: '/home/ada/other',
    });
    expect(other.entries).toEqual([]);
    const absent = await readServerEntries(file, 'claude-code', {
      readFile: readUtf8,
      scope: 'local',
      cwd: '/nowhere',
    });
    expect(absent.entries).toEqual([]);
  });

  it('local scope on Windows matches the forward-slash key in any drive-letter case', () => {
    for (const cwd of ['D:\\work\\app', 'd:\\work\\app\\', 'D:/work/app']) {
      const r = parseServerEntries(claudeJson, 'claude-code', {
        file: 'C:\\Users\\ada\\.claude.json',
        scope: 'local',
        cwd,
      });
      expect(r.entries.map((e) => e.name)).toEqual(['win']);
    }
  });

  it('.mcp.json defaults to the project scope; local scope needs cwd', () => {
    expect(
      parseServerEntries('{"mcpServers": {}}', 'claude-code', { file: '/p/.mcp.json' }).scope,
    ).toBe('project');
    expect(() =>
      parseServerEntries('{}', 'claude-code', { file: '/h/.claude.json', scope: 'local' }),
    ).toThrow(/needs the project directory/);
  });
});
