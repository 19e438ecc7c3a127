import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { createLogFs } from '../../target/log-fs.js';
import { isFailureRecord, lastServerError, recentServerRecords } from './recent.js';
import type { LogRecord } from './types.js';

const fs = createLogFs('linux', 'linux');

describe('recentServerRecords', () => {
  it("merges a Claude Desktop server's own file with its mcp.log records", () => {
    const home = makeTempDir('recent');
    const logs = join(home, '.config/Claude/logs');
    mkdirSync(logs, { recursive: true });
    writeFileSync(
      join(logs, 'mcp.log'),
      [
        '2025-01-15T10:00:00.000Z [info] [weather] Initializing server...',
        '2025-01-15T10:00:00.500Z [info] [other] Initializing server...',
        '2025-01-15T10:00:02.000Z [error] [weather] Server disconnected. For troubleshooting guidance, please visit our [debugging documentation](https://modelcontextprotocol.io/docs/tools/debugging)',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(logs, 'mcp-server-weather.log'),
      '2025-01-15T10:00:01.000Z [weather] [info] Server transport closed unexpectedly, this is likely due to the process exiting early. { metadata: undefined }\n',
    );
    const records = recentServerRecords({
      client: 'claude-desktop',
      name: 'weather',
      platform: 'linux',
      env: {},
      homedir: home,
      cwd: home,
      fs,
    });
    expect(records.map((r) => r.message.slice(0, 30))).toEqual([
      'Initializing server...',
      'Server transport closed unexpe',
      'Server disconnected. For troub',
    ]);
    expect(lastServerError(records)?.level).toBe('error');
  });

  it("reads a Claude Code server's session files for the folder", () => {
    const home = makeTempDir('recent');
    const cwd = '/work/my app';
    const dir = join(home, '.cache/claude-cli-nodejs/-work-my-app/mcp-logs-db');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '2026-01-17T10-23-45-123Z.jsonl'),
      `${JSON.stringify({ debug: 'Starting connection', timestamp: '2026-01-17T10:23:45.200Z', sessionId: 's', cwd })}\n${JSON.stringify({ error: 'Connection failed: spawn uvx ENOENT', timestamp: '2026-01-17T10:23:45.300Z', sessionId: 's', cwd })}\n`,
    );
    const records = recentServerRecords({
      client: 'claude-code',
      name: 'db',
      platform: 'linux',
      env: {},
      homedir: home,
      cwd,
      fs,
      max: 1,
    });
    expect(records.map((r) => [r.level, r.message])).toEqual([
      ['error', 'Connection failed: spawn uvx ENOENT'],
    ]);
  });

  it('is empty for a client without readable logs or a missing folder', () => {
    const home = makeTempDir('recent');
    const o = { name: 'x', platform: 'linux' as const, env: {}, homedir: home, cwd: home, fs };
    expect(recentServerRecords({ ...o, client: 'cursor' })).toEqual([]);
    expect(recentServerRecords({ ...o, client: 'claude-desktop' })).toEqual([]);
  });
});

describe('lastServerError', () => {
  const r = (
    level: LogRecord['level'],
    message: string,
    continuation: string[] = [],
  ): LogRecord => ({
    time: 1,
    level,
    server: 'w',
    message,
    continuation,
    file: 'f',
  });

  it.each([
    'spawn npx ENOENT',
    'Server transport closed unexpectedly, this is likely due to the process exiting early.',
    'Message from client: {"reason":"Error: MCP error -32001: Request timed out"}',
    `Unexpected token 'R', "Raw API Re"... is not valid JSON`,
    'Server disconnected. For troubleshooting guidance, please visit our debugging documentation',
  ])('recognises "%s" at level info', (message) => {
    expect(isFailureRecord(r('info', message))).toBe(true);
  });

  it('picks the most recent failure, including a traceback in continuation lines', () => {
    const records = [
      r('error', 'old failure'),
      r('info', 'Initializing server...'),
      r('info', 'Server started', [
        'Traceback (most recent call last):',
        "ModuleNotFoundError: No module named 'mcp'",
      ]),
      r('info', 'Message from server: {"result":{}}'),
    ];
    expect(lastServerError(records)).toBe(records[2]);
    expect(
      lastServerError([r('info', 'Server started and connected successfully')]),
    ).toBeUndefined();
  });
});
