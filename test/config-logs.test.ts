import { spawn } from 'node:child_process';
import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSandbox, type ConfigSandbox } from './support/config-sandbox.js';
import { BIN } from './support/paths.js';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A sandbox with Claude Desktop's Linux log folder and a Claude Code JSONL folder in it. */
function logSandbox() {
  const box = makeSandbox();
  const now = Date.now();
  const logs = join(box.home, '.config', 'Claude', 'logs');
  const mcpLog = box.write(
    join(logs, 'mcp.log'),
    [
      '2025-01-15T10:23:45.123Z [info] [weather] Initializing server...',
      `${iso(now - 5 * MIN)} [info] [other] Initializing server...`,
      `${iso(now - 4 * MIN)} [info] [weather] Server transport closed unexpectedly, this is likely due to the process exiting early.`,
      `${iso(now - 3 * MIN)} [error] [weather] Server disconnected. For troubleshooting guidance, please visit our [debugging documentation](https://modelcontextprotocol.io/docs/tools/debugging)`,
      `${iso(now - 2 * MIN)} [info] [other] Message from server: {"jsonrpc":"2.0","id":1,"result":{}} { metadata: undefined }`,
      '',
    ].join('\n'),
  );
  box.write(
    join(logs, 'mcp-server-weather.log'),
    [
      `${iso(now - 4.5 * MIN)} [weather] [info] Message from client: {"method":"initialize","params":{"protocolVersion":"2025-11-25"},"jsonrpc":"2.0","id":0} { metadata: undefined }`,
      'Traceback (most recent call last):',
      '  File "C:\\Users\\me\\weather\\server.py", line 1, in <module>',
      "ModuleNotFoundError: No module named 'mcp.server.fastmcp'",
      `\u001b]0;pwned\u0007\u001b[2J${iso(now - 4.4 * MIN)} not a head`,
      '',
    ].join('\r\n'),
  );
  const cache = join(box.home, '.cache');
  const slug = box.project.replace(/[^a-zA-Z0-9]/g, '-');
  box.write(
    join(cache, 'claude-cli-nodejs', slug, 'mcp-logs-weather', '2026-01-17T10-23-45-123Z.jsonl'),
    [
      { debug: 'Starting connection with timeout of 30000ms', timestamp: iso(now - 60_000) },
      { error: 'Connection failed: spawn uvx ENOENT', timestamp: iso(now - 59_000) },
    ]
      .map((r) => JSON.stringify({ ...r, sessionId: 'abc', cwd: box.project }))
      .join('\n') + '\n',
  );
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    box.cli(['logs', ...args], { XDG_CACHE_HOME: cache, TZ: 'UTC', ...env });
  return { box, logs, mcpLog, cli, cache };
}

const messages = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => /^\S/.test(l))
    .map((l) => l.replace(/^(\d{4}-\d{2}-\d{2} )?\d\d:\d\d:\d\d\.\d{3} \w+ +/, ''));

describe('mcp-config logs', () => {
  it('-n: the last records of every file, merged by time, stderr lines under their record', async () => {
    const { cli } = logSandbox();
    const result = await cli(['-n', '3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(messages(result.stdout)).toEqual([
      '[weather] Server transport closed unexpectedly, this is likely due to the process exiting early.',
      '[weather] Server disconnected. For troubleshooting guidance, please visit our [debugging documentation](https://modelcontextprotocol.io/docs/tools/debugging)',
      '[other] Message from server: {"jsonrpc":"2.0","id":1,"result":{}}',
    ]);
    const all = await cli([]);
    expect(all.stdout).toContain('2025-01-15 10:23:45.123 info  [weather] Initializing server...');
    expect(all.stdout).toContain("    ModuleNotFoundError: No module named 'mcp.server.fastmcp'\n");
    expect(all.stdout).toContain('    File "C:\\Users\\me\\weather\\server.py", line 1');
  });

  it("[name] shows one server's records from mcp.log and its own file; --level and --since filter", async () => {
    const { cli } = logSandbox();
    const weather = await cli(['weather']);
    expect(weather.code).toBe(0);
    const lines = messages(weather.stdout);
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.startsWith('[weather] '))).toBe(true);
    const errors = await cli(['--level', 'error']);
    expect(messages(errors.stdout)).toEqual([
      expect.stringMatching(/^\[weather\] Server disconnected\./),
    ]);
    const recent = await cli(['--since', '150s']);
    expect(messages(recent.stdout)).toEqual([
      expect.stringMatching(/^\[other\] Message from server/),
    ]);
    const bad = await cli(['--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since takes a duration/);
  });

  it('--json prints one object per record; --client claude-code reads its JSONL', async () => {
    const { cli } = logSandbox();
    const result = await cli(['--json', '-n', '2']);
    expect(result.code).toBe(0);
    const records = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.level, r.server])).toEqual([
      ['error', 'weather'],
      ['info', 'other'],
    ]);
    expect(records[1]).toMatchObject({
      metadata: 'undefined',
      json: '{"jsonrpc":"2.0","id":1,"result":{}}',
    });
    const code = await cli(['--client', 'claude-code', 'weather']);
    expect(code.code).toBe(0);
    expect(messages(code.stdout)).toEqual([
      '[weather] Starting connection with timeout of 30000ms',
      '[weather] Connection failed: spawn uvx ENOENT',
    ]);
  });

  it('never prints escape sequences from a log, with colours forced or not', async () => {
    const { cli } = logSandbox();
    for (const env of [{}, { FORCE_COLOR: '1', NO_COLOR: '' }]) {
      const result = await cli(['weather'], env);
      // eslint-disable-next-line no-control-regex
      const text = result.stdout.replace(/\u001b\[(?:31|33|2|0)m/g, '');
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(result.stdout).toContain('not a head');
    }
    const colored = await cli(['--level', 'error'], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(colored.stdout).toContain('\u001b[31merror\u001b[0m');
    const plain = await cli(['--level', 'error']);
    expect(plain.stdout).not.toContain('\u001b');
  });

  it('exits 1 saying where it looked when there are no logs, and for clients without log files', async () => {
    const box = makeSandbox();
    const result = await box.cli(['logs']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`looked in ${join(box.home, '.config', 'Claude', 'logs')}`);
    expect(result.stdout).toBe('');
    const vscode = await box.cli(['logs', '--client', 'vscode']);
    expect(vscode.code).toBe(1);
    expect(vscode.stderr).toMatch(
      /vscode keeps no MCP log file mcp-config can read[\s\S]*MCP: <name>/,
    );
  });
});

describe('mcp-config logs -f', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function follow(sandbox: ConfigSandbox, cache: string) {
    const child = spawn(process.execPath, [BIN.config, 'logs', '-f', '-n', '1'], {
      cwd: sandbox.project,
      env: { ...sandbox.env, XDG_CACHE_HOME: cache, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stop = () => child.kill('SIGKILL');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    /** Waits until stdout contains `text` (a generous overall deadline, not a timing claim). */
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes(text)) {
        if (Date.now() > deadline) {
          throw new Error(`"${text}" never appeared; stdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { child, waitFor, exited, out: () => stdout };
  }

  it('prints appended lines, and follows across rotation and truncation; Ctrl-C exits 0', async () => {
    const { box, logs, mcpLog, cache } = logSandbox();
    const f = follow(box, cache);
    await f.waitFor('Message from server');
    appendFileSync(mcpLog, `${iso(Date.now())} [info] [weather] appended line\n`);
    await f.waitFor('appended line');
    // Rotation: the file is renamed and a new one takes its place.
    appendFileSync(mcpLog, `${iso(Date.now())} [info] [weather] last line of the old file\n`);
    renameSync(mcpLog, join(logs, 'mcp1.log'));
    writeFileSync(mcpLog, `${iso(Date.now())} [warn] [weather] first line of the new file\n`);
    await f.waitFor('first line of the new file');
    expect(f.out()).toContain('last line of the old file');
    appendFileSync(mcpLog, `${iso(Date.now())} [info] [weather] after rotation\n`);
    await f.waitFor('after rotation');
    // Truncation: the same file starts again.
    truncateSync(mcpLog, 0);
    writeFileSync(mcpLog, `${iso(Date.now())} [info] [weather] after truncation\n`);
    await f.waitFor('after truncation');
    // A server's log that appears is read from its start.
    writeFileSync(
      join(logs, 'mcp-server-new.log'),
      `${iso(Date.now())} [new] [info] a new server\n`,
    );
    await f.waitFor('[new] a new server');
    f.child.kill('SIGINT');
    expect(await f.exited).toBe(0);
    const out = f.out();
    expect(out.indexOf('appended line')).toBeLessThan(out.indexOf('first line of the new file'));
    expect(out.match(/after rotation/g)).toHaveLength(1);
  });
});
