import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { inspect } from './support/inspect.js';
import { ROOT } from './support/paths.js';

// A real server that speaks only the 2026-07-28 era: the SDK's serveStdio refusing 2025 openings.
const MODERN_ONLY = ['--', process.execPath, join(ROOT, 'test/fixtures/modern-only-server.mjs')];

describe('mcp-inspect and a server that speaks only the 2026-07-28 era', () => {
  it('connects by default, falling back from the refused 2025 handshake, and says so', async () => {
    const text = await inspect(['info', ...MODERN_ONLY]);
    expect(text.stderr).toContain('refused the 2025 handshake');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/protocol +2026-07-28 \(2026-07-28 era/);
    expect(text.stdout).toContain('fell back: the server refused 2025-11-25');

    const json = await inspect(['info', '--json', ...MODERN_ONLY]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({
      protocolVersion: '2026-07-28',
      era: 'modern',
      eraFallback: { refused: '2025-11-25', supported: ['2026-07-28'] },
    });
  });

  it('calls its tools after the fallback', async () => {
    const call = await inspect(['call', 'echo', '--arg', 'text=hello', ...MODERN_ONLY]);
    expect(call.code).toBe(0);
    expect(call.stdout).toMatch(/^hello\n/);
  });

  it('with --era legacy chosen, fails (exit 3) with a hint to use --era modern', async () => {
    const result = await inspect(['info', '--era', 'legacy', ...MODERN_ONLY]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('refused protocol version 2025-11-25');
    expect(result.stderr).toContain('--era modern');
  });

  it('over Streamable HTTP too: the refused 2025 handshake falls back to 2026-07-28', async () => {
    const server = spawn(
      process.execPath,
      [join(ROOT, 'test/fixtures/modern-only-server.mjs'), '--http'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      const [url] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
      const result = await inspect(['info', '--json', '--url', url]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        era: 'modern',
        transport: 'streamable-http',
        eraFallback: { refused: '2025-11-25' },
      });
      const chosen = await inspect(['info', '--era', 'legacy', '--url', url]);
      expect(chosen.code).toBe(3);
      expect(chosen.stderr).toContain('use --era modern');
    } finally {
      server.stdin!.end();
      if (server.exitCode === null) await once(server, 'exit');
    }
  });

  it('a 2025-era server keeps its 2025 handshake with no note', async () => {
    const result = await inspect([
      'info',
      '--json',
      '--',
      process.execPath,
      join(ROOT, 'test/fixtures/test-server.mjs'),
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ era: 'legacy', eraFallback: null });
  });
});

describe('mcp-inspect usage errors', () => {
  it('a mistyped command is an unknown command with a suggestion (exit 2)', async () => {
    const result = await inspect(['tool', '--', 'node', 'server.js']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "tool"');
    expect(result.stderr).toContain('Did you mean "tools"?');
    expect(result.stderr).not.toContain('interactive');
  });

  it('help <command> prints the help of that command (exit 0); help of nothing known is exit 2', async () => {
    const call = await inspect(['help', 'call']);
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('Usage: mcp-inspect call [options] <tool>');
    expect(call.stdout).toContain('--no-validate');
    const unknown = await inspect(['help', 'cal']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean "call"?');
  });

  it('the interactive inspector without a terminal says it needs one and names the commands (exit 2)', async () => {
    for (const args of [
      ['--', 'node', 'server.js'],
      ['--url', 'http://127.0.0.1:9/mcp'],
      ['--server', 'x'],
    ]) {
      const result = await inspect(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('the interactive inspector needs a terminal');
      expect(result.stderr).toContain('mcp-inspect tools -- <server command>');
      expect(result.stdout).toBe('');
    }
    // No server and no terminal: the usage, as before.
    const bare = await inspect([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: mcp-inspect');
  });

  it('--url without a scheme says so and suggests http:// (exit 2)', async () => {
    const result = await inspect(['tools', '--url', 'localhost:8000/mcp']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url "localhost:8000/mcp" has no scheme');
    expect(result.stderr).toContain('--url http://localhost:8000/mcp');
    expect(result.stderr).not.toContain('not localhost:');
  });
});
