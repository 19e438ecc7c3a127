// Untrusted text never reaches a terminal raw, and secrets are never printed: a server that
// puts escapes in every channel, config files whose names carry them, URLs with credentials.
// Everything is checked on the raw bytes both CLIs write.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox } from './support/config-sandbox.js';
import { inspect, TEST_SERVER } from './support/inspect.js';
import type { RunResult } from './support/run.js';

const HOSTILE = ['--', process.execPath, TEST_SERVER, '--hostile'];
// What the hostile server puts everywhere (test/fixtures/test-server/hostile.mjs).
const EVIL =
  '\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned-title\x07\x1b[2J\x1b[H\u009b31m\u009d0;c1-title\u009c' +
  '\x1bPq#0;2;0;0;0\x1b\\\r\u202eevil\u202c\u2066x\u2069\x07';

// C0 controls but tab and newline, DEL, C1 controls, bidi embeddings, overrides and isolates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The output holds no byte a terminal would act on, in stdout or in stderr. */
function expectTerminalSafe(result: RunResult): void {
  for (const [stream, bytes] of [
    ['stdout', result.stdoutBytes],
    ['stderr', result.stderrBytes],
  ] as const) {
    const text = bytes.toString('utf8');
    const found = UNSAFE.exec(text);
    expect(
      found && `${stream}: U+${found[0].charCodeAt(0).toString(16)} at ${found.index}`,
    ).toBeNull();
    // Not even a byte that decodes to something else.
    expect(bytes.includes(0x1b), `${stream} has ESC`).toBe(false);
  }
}

describe('a server with escapes in every channel (mcp-inspect, stdio)', () => {
  it.each([
    ['info (server name, version, instructions)', ['info']],
    ['tools (names and descriptions)', ['tools']],
    ['progress, log and tool error text', ['call', 'evil_progress']],
    ['an outputSchema mismatch naming its properties', ['call', 'evil_output']],
    ['a validation error naming a schema property', ['call', 'evil_args', '--arg', 'plain=1']],
    ['"did you mean" for an argument', ['call', 'evil_args', '--arg', 'xx=1']],
    ['"did you mean" for a tool', ['call', 'evil']],
    ['a JSON-RPC error message', ['read', 'test://evil']],
    ['its stderr streamed with --stderr', ['tools', '--stderr']],
  ])('%s: nothing raw reaches the terminal', async (_label, args) => {
    const result = await inspect([...args, ...HOSTILE]);
    expect(result.stdout + result.stderr).toMatch(/evil|pwned|x/);
    expectTerminalSafe(result);
  });

  it('names of what it sanitised still read sensibly', async () => {
    const result = await inspect(['call', 'evil_progress', ...HOSTILE]);
    expect(result.stderr).toContain('progress 1/2 step');
    expect(result.stderr).toMatch(/\[server warning\] logger.*: log/);
    expect(result.stdout).toContain('rpc-error');
  });

  it('--json: escapes C1 and bidi characters, and the JSON still carries the exact text', async () => {
    const result = await inspect(['call', 'evil_output', '--json', ...HOSTILE]);
    expectTerminalSafe(result);
    const json = JSON.parse(result.stdout) as { structuredContent: Record<string, string> };
    expect(json.structuredContent[`v${EVIL}`]).toBe(`not a number${EVIL}`);
    expect(result.stdout).toContain('\\u009b');
    expect(result.stdout).toContain('\\u202e');
    const error = JSON.parse(result.stderr) as { error: { message: string } };
    expect(error.error.message).toMatch(/does not match its outputSchema/);
  });

  it('--json tools: one parseable document, nothing raw', async () => {
    const result = await inspect(['tools', '--json', ...HOSTILE]);
    expectTerminalSafe(result);
    const { tools } = JSON.parse(result.stdout) as { tools: { name: string }[] };
    expect(tools.map((t) => t.name)).toContain(`evil${EVIL}`);
    expect(result.stderr).toBe('');
  });
});

describe('config files whose names and values carry escapes', () => {
  const evilName = `wea${EVIL}ther`;
  const config = JSON.stringify(
    {
      mcpServers: {
        [evilName]: { command: `uv${EVIL}`, args: [`run${EVIL}`], env: { [`K${EVIL}`]: 'v' } },
        broken: { command: 42 },
        [`url${EVIL}`]: { url: `https://h/${EVIL}` },
      },
    },
    null,
    2,
  );

  it.each([
    ['list', ['list']],
    ['list --show-secrets', ['list', '--show-secrets']],
    ['list --json', ['list', '--json']],
    ['get', ['get', evilName]],
    ['get --json', ['get', evilName, '--json']],
    ['an unknown name with suggestions', ['get', 'weather']],
    ['remove --dry-run', ['remove', evilName, '--dry-run']],
  ])('mcp-config %s', async (_label, args) => {
    const box = makeSandbox();
    box.write(box.desktopFile, config);
    const result = await box.cli(args);
    expect(result.stdout + result.stderr).toContain('wea');
    expectTerminalSafe(result);
  });

  it('mcp-inspect --server: the unknown-server error and its suggestions', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, config);
    const result = await inspect(['tools', '--server', 'weather'], { env: box.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no server named "weather"/);
    expectTerminalSafe(result);
  });
});

describe('secrets are masked in every output and error', () => {
  let closedPort: number;
  let server: Server;
  beforeAll(async () => {
    // A port that refuses connections: listen, note the port, close.
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedPort = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
  });
  afterAll(() => server.close());

  it('mcp-inspect --url with userinfo and a token parameter, text and --json', async () => {
    const url = `http://alice:hunter22@127.0.0.1:${closedPort}/mcp?token=tok-secret-1&region=eu`;
    for (const json of [[], ['--json']]) {
      const result = await inspect(['tools', ...json, '--url', url, '--bearer', 'bearer-secret-2']);
      expect(result.code).toBe(3);
      const all = result.stdout + result.stderr;
      expect(all).toMatch(/127\.0\.0\.1/);
      for (const secret of ['hunter22', 'alice', 'tok-secret-1', 'bearer-secret-2'])
        expect(all).not.toContain(secret);
    }
  });

  it('mcp-inspect: a malformed --header echoes no credential', async () => {
    const result = await inspect([
      'tools',
      '--url',
      'http://127.0.0.1:1/mcp',
      '--header',
      'Authorization Bearer sk-live-12345678',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('sk-live-12345678');
  });

  it.each([
    ['claude-desktop', [], 'mcp-remote'],
    ['cursor', ['--client', 'cursor'], 'url'],
    ['windsurf', ['--client', 'windsurf'], 'serverUrl'],
    ['gemini-cli', ['--client', 'gemini-cli', '--scope', 'user'], 'httpUrl'],
  ])('mcp-config add/list/get --url for %s', async (_client, clientArgs, key) => {
    const box = makeSandbox();
    const url = 'https://bob:pa55word@mcp.example.com/mcp?api_key=key-secret-3';
    const add = await box.cli(['add', 'remote', '--url', url, ...clientArgs]);
    expect(add.code).toBe(0);
    const outputs = [
      add,
      await box.cli(['list', ...clientArgs]),
      await box.cli(['list', '--json', ...clientArgs]),
      await box.cli(['get', 'remote', ...clientArgs]),
      await box.cli(['get', 'remote', '--json', ...clientArgs]),
    ];
    const exists = await box.cli(['add', 'remote', '--url', url, ...clientArgs]);
    expect(exists.code).toBe(1);
    for (const result of [...outputs, exists]) {
      const all = result.stdout + result.stderr;
      if (result !== exists) expect(all).toContain('mcp.example.com');
      for (const secret of ['pa55word', 'bob:', 'key-secret-3']) expect(all).not.toContain(secret);
    }
    const shown = await box.cli(['get', 'remote', '--json', '--show-secrets', ...clientArgs]);
    expect(shown.stdout).toContain('pa55word');
    expect(shown.stdout).toContain(key);
  });
});
