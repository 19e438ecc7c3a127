import { describe, expect, it } from 'vitest';
import {
  parseCodeLine,
  parseDesktopHead,
  parseDesktopLines,
  parseTimestamp,
  splitLines,
} from './parse.js';

// Lines as Claude Desktop writes them (excerpts posted in modelcontextprotocol/servers,
// punkpeye/mcp-remote, sjzar/chatlog and DeusData/codebase-memory-mcp issues).
const MCP_LOG = `2025-07-12T05:51:44.599Z [info] [chatlog] Initializing server...
2025-07-12T05:52:44.607Z [info] [chatlog] Message from client: {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":0,"reason":"Error: MCP error -32001: Request timed out"}}
2025-07-12T05:52:44.614Z [info] [chatlog] Server transport closed unexpectedly, this is likely due to the process exiting early. If you are developing this MCP server you can add output to stderr (i.e. \`console.error('...')\` in JavaScript, \`print('...', file=sys.stderr)\` in python) and it will appear in this log.
2025-07-12T05:52:44.614Z [error] [chatlog] Server disconnected. For troubleshooting guidance, please visit our [debugging documentation](https://modelcontextprotocol.io/docs/tools/debugging)
`;

const SERVER_LOG = `2026-03-10T15:18:27.088Z [weather] [info] Initializing server... { metadata: undefined }
2026-03-10T15:18:27.783Z [weather] [info] Message from client: {"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"claude-ai","version":"0.1.0"}},"jsonrpc":"2.0","id":0} { metadata: undefined }
Traceback (most recent call last):
  File "C:\\Users\\me\\weather\\server.py", line 3, in <module>
    from mcp.server.fastmcp import FastMCP
ModuleNotFoundError: No module named 'mcp.server.fastmcp'
2026-03-10T15:18:28.119Z [weather] [info] Server transport closed { metadata: undefined }
`;

describe('parseDesktopHead', () => {
  it('reads both field orders', () => {
    expect(
      parseDesktopHead(
        '2025-01-15T10:23:45.123Z [info] [weather] Initializing server...',
        'level-first',
      ),
    ).toEqual({
      time: Date.UTC(2025, 0, 15, 10, 23, 45, 123),
      level: 'info',
      server: 'weather',
      message: 'Initializing server...',
    });
    expect(
      parseDesktopHead('2025-01-15T10:23:45.456Z [weather] [warning] slow', 'level-first'),
    ).toMatchObject({ level: 'warn', server: 'weather', message: 'slow' });
  });

  it('keeps server names with spaces and colons', () => {
    expect(
      parseDesktopHead(
        '2026-03-10T15:18:27.088Z [Hello World MCP Server (Reference Extension)] [error] boom',
        'server-first',
      ),
    ).toMatchObject({ server: 'Hello World MCP Server (Reference Extension)', level: 'error' });
    expect(
      parseDesktopHead('2026-03-10T15:18:27.088Z [warn] [plugin:x:y] hi', 'level-first'),
    ).toMatchObject({ server: 'plugin:x:y', level: 'warn' });
  });

  it('uses the file order when a server is named like a level', () => {
    expect(parseDesktopHead('2025-01-15T10:23:45Z [error] [info] x', 'level-first')).toMatchObject({
      level: 'error',
      server: 'info',
    });
    expect(parseDesktopHead('2025-01-15T10:23:45Z [error] [info] x', 'server-first')).toMatchObject(
      { level: 'info', server: 'error' },
    );
  });

  it('reads a main.log style line and rejects lines without a timestamp', () => {
    expect(parseDesktopHead('2025-01-15T10:23:45.1Z [error] launch failed', 'level-first')).toEqual(
      {
        time: Date.UTC(2025, 0, 15, 10, 23, 45, 100),
        level: 'error',
        server: undefined,
        message: 'launch failed',
      },
    );
    expect(parseDesktopHead('  File "x.py", line 3', 'level-first')).toBeUndefined();
    expect(parseDesktopHead('2025-13-45 nonsense', 'level-first')).toBeUndefined();
  });
});

describe('parseTimestamp', () => {
  it('reads zones, and takes a timestamp without one as UTC', () => {
    expect(parseTimestamp('2025-01-15T10:23:45.123Z')).toBe(Date.UTC(2025, 0, 15, 10, 23, 45, 123));
    expect(parseTimestamp('2025-01-15 10:23:45,5')).toBe(Date.UTC(2025, 0, 15, 10, 23, 45, 500));
    expect(parseTimestamp('2025-01-15T12:23:45+02:00')).toBe(Date.UTC(2025, 0, 15, 10, 23, 45));
  });
});

describe('parseDesktopLines', () => {
  it('reads mcp.log records with their inline JSON', () => {
    const records = parseDesktopLines(splitLines(MCP_LOG), 'mcp.log', 'level-first');
    expect(records.map((r) => [r.level, r.server])).toEqual([
      ['info', 'chatlog'],
      ['info', 'chatlog'],
      ['info', 'chatlog'],
      ['error', 'chatlog'],
    ]);
    expect(records[1]!.message).toMatch(/^Message from client: \{"jsonrpc"/);
    expect(JSON.parse(records[1]!.json!)).toMatchObject({ method: 'notifications/cancelled' });
    expect(records[2]!.message).toContain('Server transport closed unexpectedly');
    expect(records[0]!.json).toBeUndefined();
    expect(records.every((r) => r.file === 'mcp.log' && r.continuation.length === 0)).toBe(true);
  });

  it('strips the metadata suffix and keeps raw stderr (Windows paths) as continuation lines', () => {
    const records = parseDesktopLines(splitLines(SERVER_LOG), 'srv.log', 'server-first');
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      message: 'Initializing server...',
      metadata: 'undefined',
      server: 'weather',
    });
    expect(records[1]!.message).toMatch(/"id":0\}$/);
    expect(JSON.parse(records[1]!.json!)).toMatchObject({ method: 'initialize' });
    expect(records[1]!.continuation).toEqual([
      'Traceback (most recent call last):',
      '  File "C:\\Users\\me\\weather\\server.py", line 3, in <module>',
      '    from mcp.server.fastmcp import FastMCP',
      "ModuleNotFoundError: No module named 'mcp.server.fastmcp'",
    ]);
    expect(records[2]!.message).toBe('Server transport closed');
  });

  it('takes a pretty-printed metadata block out of the continuation lines', () => {
    const text = [
      '2026-08-13T09:55:02.465Z [codebase-memory-mcp] [info] Using MCP server command: C:\\Users\\Administrator\\AppData\\Local\\Programs\\codebase-memory-mcp\\codebase-memory-mcp.exe with path: {',
      '  metadata: {',
      "    paths: [ 'C:\\\\Program Files\\\\nodejs', 'C:\\\\Python314' ]",
      '  }',
      '}',
      'raw stderr after it',
    ].join('\n');
    const [record] = parseDesktopLines(splitLines(text), 'f', 'server-first');
    expect(record!.message).toBe(
      'Using MCP server command: C:\\Users\\Administrator\\AppData\\Local\\Programs\\codebase-memory-mcp\\codebase-memory-mcp.exe with path:',
    );
    expect(record!.metadata).toContain("paths: [ 'C:\\\\Program Files\\\\nodejs'");
    expect(record!.continuation).toEqual(['raw stderr after it']);
  });

  it('reads CRLF files the same as LF files', () => {
    const lf = parseDesktopLines(splitLines(SERVER_LOG), 'f', 'server-first');
    const crlf = parseDesktopLines(
      splitLines(SERVER_LOG.replace(/\n/g, '\r\n')),
      'f',
      'server-first',
    );
    expect(crlf).toEqual(lf);
  });

  it('gives lines before the first timestamp a record without a time', () => {
    const records = parseDesktopLines(
      ['    at foo (x.js:1:1)', '2025-01-15T10:23:45Z [info] [a] b', ''],
      'f',
      'level-first',
    );
    expect(records).toEqual([
      expect.objectContaining({
        time: undefined,
        message: '',
        continuation: ['    at foo (x.js:1:1)'],
      }),
      expect.objectContaining({ message: 'b', continuation: [] }),
    ]);
  });

  it('bounds a record with endless continuation lines', () => {
    const lines = ['2025-01-15T10:23:45Z [info] [a] b', ...Array.from({ length: 1000 }, () => 'x')];
    const [record] = parseDesktopLines(lines, 'f', 'level-first');
    expect(record!.continuation).toHaveLength(501);
    expect(record!.continuation.at(-1)).toBe('… (500 more lines)');
  });
});

describe('parseCodeLine', () => {
  it('reads Claude Code JSONL records', () => {
    const error = parseCodeLine(
      '{"error":"Connection failed: spawn uvx ENOENT\\n    at spawn (node:child_process:1:1)","timestamp":"2026-01-17T10:23:45.123Z","sessionId":"abc","cwd":"/home/me/p"}',
      'weather',
      'a.jsonl',
    );
    expect(error).toEqual({
      time: Date.UTC(2026, 0, 17, 10, 23, 45, 123),
      level: 'error',
      server: 'weather',
      message: 'Connection failed: spawn uvx ENOENT',
      continuation: ['    at spawn (node:child_process:1:1)'],
      file: 'a.jsonl',
    });
    expect(
      parseCodeLine(
        '{"debug":"Successfully connected to stdio server in 412ms","timestamp":"2026-01-17T10:23:46Z","sessionId":"abc","cwd":"/p"}\r',
        'w',
        'a',
      ),
    ).toMatchObject({ level: 'debug', message: 'Successfully connected to stdio server in 412ms' });
  });

  it('skips lines that are not such records', () => {
    expect(parseCodeLine('not json', 'w', 'f')).toBeUndefined();
    expect(parseCodeLine('{"error":', 'w', 'f')).toBeUndefined();
    expect(parseCodeLine('{"other":"x"}', 'w', 'f')).toBeUndefined();
    expect(parseCodeLine('[1]', 'w', 'f')).toBeUndefined();
  });
});
