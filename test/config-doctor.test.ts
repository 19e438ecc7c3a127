// mcp-config doctor end to end: the built bin, real fixture servers in real processes, real
// config files in a temp home. One test per cause the issue lists (the Python ones are in
// doctor-python.test.ts, Windows-only rules through --platform win32 here and in unit tests).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox, type ConfigSandbox } from './support/config-sandbox.js';
import { BIN, ROOT } from './support/paths.js';
import { isRunning, waitFor } from './support/processes.js';
import { collect } from './support/run.js';

const fixture = (name: string) => join(ROOT, 'test/fixtures/doctor', name);
const node = (name: string, extra: Record<string, unknown> = {}) => ({
  command: 'node',
  args: [fixture(name)],
  ...extra,
});

/** A Claude Desktop config (Linux location) holding `servers`, written as people write it. */
function desktop(box: ConfigSandbox, servers: Record<string, unknown>): string {
  return box.write(box.desktopFile, `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`);
}

interface Report {
  ok: boolean;
  files: { code: string; severity: string }[];
  servers: {
    name: string;
    status: string;
    findings: {
      code: string;
      severity: string;
      message: string;
      fix?: string;
      detail?: string[];
    }[];
  }[];
}

async function doctorJson(box: ConfigSandbox, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const result = await box.cli(['doctor', '--json', ...args], env);
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) as Report };
}

const codesOf = (report: Report, name: string) =>
  report.servers.find((s) => s.name === name)?.findings.map((f) => f.code) ?? [];
const finding = (report: Report, name: string, code: string) =>
  report.servers.find((s) => s.name === name)?.findings.find((f) => f.code === code);

describe('mcp-config doctor', () => {
  it('a healthy server: ✓ lines, a summary, exit 0; --json says the same', async () => {
    const box = makeSandbox();
    desktop(box, { weather: node('healthy.mjs') });
    const text = await box.cli(['doctor']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^weather \(Claude Desktop, user scope\) — ok$/m);
    expect(text.stdout).toMatch(/✓ command found: \/.*node/);
    expect(text.stdout).toMatch(
      /✓ connected in \d+ ms: healthy 1\.2\.3, protocol 2025-11-25, 1 tool/,
    );
    expect(text.stdout).toMatch(/^1 server: 1 ok\.$/m);
    expect(text.stderr).toContain('Checking the server as Claude Desktop would');
    const { code, report } = await doctorJson(box);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(codesOf(report, 'weather')).toContain('connected');
  });

  it('1. a command only on the shell PATH: named with where the shell finds it; --fix writes the absolute path, keeps every other byte, and the second check passes', async () => {
    const box = makeSandbox();
    const tools = join(box.root, 'tools', 'bin');
    mkdirSync(tools, { recursive: true });
    const script = box.write(
      join(tools, 'weather-server'),
      `#!/bin/sh\nexec node ${JSON.stringify(fixture('healthy.mjs'))}\n`,
    );
    chmodSync(script, 0o755);
    const shell = { PATH: `${tools}:${process.env.PATH}` };
    const original = `{
  "globalShortcut": "Ctrl+Space",
  "mcpServers": {
    "other": { "command": "node", "args": [${JSON.stringify(fixture('healthy.mjs'))}] },
    "weather": {
      "command": "weather-server",
      "env": { "UNITS": "metric" }
    }
  }
}
`;
    box.write(box.desktopFile, original);
    const before = await box.cli(['doctor', 'weather'], shell);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(
      `✗ weather-server is not on Claude Desktop's PATH; your shell finds it at ${script}`,
    );
    expect(before.stdout).toContain(`fix write the absolute path: "command": "${script}"`);
    // The shell's copy was launched anyway, so the rest was checked too.
    expect(before.stdout).toMatch(/✓ connected in/);

    // Claude Code runs from the shell: the same entry is fine there.
    box.write(
      join(box.project, '.mcp.json'),
      JSON.stringify({ mcpServers: { weather: { command: 'weather-server' } } }),
    );
    const code = await box.cli(['doctor', 'weather', '--client', 'claude-code'], shell);
    expect(code.stdout).toContain(`✓ command found: ${script}`);
    expect(code.code).toBe(0);

    // Without a terminal and without --yes nothing is written.
    const refused = await box.cli(['doctor', 'weather', '--fix'], shell);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --yes');
    expect(box.read(box.desktopFile)).toBe(original);

    const fixed = await box.cli(['doctor', 'weather', '--fix', '--yes'], shell);
    expect(fixed.stdout).toContain(`+      "command": "${script}",`);
    expect(fixed.stdout).toMatch(/Backup of the previous version: /);
    expect(fixed.stdout).toContain('Checking again');
    expect(box.read(box.desktopFile)).toBe(
      original.replace('"weather-server"', JSON.stringify(script)),
    );
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.split('Checking again')[1]).toMatch(/weather .* — ok/);
  });

  it('2. a server that writes to stdout fails even though it connects, quoting the line', async () => {
    const box = makeSandbox();
    desktop(box, { banner: node('stdout-banner.mjs') });
    const { code, report } = await doctorJson(box);
    expect(code).toBe(1);
    const found = finding(report, 'banner', 'stdout-pollution');
    expect(found?.severity).toBe('error');
    expect(found?.message).toContain('Weather server v1.0 starting on stdio...');
    expect(found?.fix).toMatch(/stderr/);
    expect(codesOf(report, 'banner')).toContain('connected');
  });

  it('a crash at start: the exit code and the stderr tail', async () => {
    const box = makeSandbox();
    desktop(box, { crash: node('crash.mjs') });
    const result = await box.cli(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ the server exited with code 1/);
    expect(result.stdout).toMatch(/│ .*Error/);
  });

  it('5. a hang costs its own timeout while the others connect, all at once; Ctrl-C stops every server', async () => {
    const box = makeSandbox();
    const pids = join(box.root, 'pids');
    desktop(box, {
      a: node('hang.mjs', { env: { PID_FILE: pids } }),
      b: node('hang.mjs', { env: { PID_FILE: pids } }),
      ok: node('healthy.mjs'),
    });
    const started = Date.now();
    const { code, report } = await doctorJson(box, ['--timeout', '4']);
    const elapsed = Date.now() - started;
    expect(code).toBe(1);
    expect(finding(report, 'a', 'handshake-timeout')?.message).toMatch(/within 4 s/);
    expect(codesOf(report, 'b')).toContain('handshake-timeout');
    expect(codesOf(report, 'ok')).toContain('connected');
    // Two hangs one after the other would take 8 s.
    expect(elapsed).toBeLessThan(8000);
    const gone = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(gone).toHaveLength(2);
    for (const pid of gone) expect(isRunning(pid)).toBe(false);

    // Interrupted: exit 130 and no server left behind.
    const interruptPids = join(box.root, 'pids-int');
    desktop(box, { a: node('hang.mjs', { env: { PID_FILE: interruptPids } }) });
    const child = spawn(process.execPath, [BIN.config, 'doctor'], {
      cwd: box.project,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = collect(child);
    await waitFor(() => existsSync(interruptPids), 'the hanging server to start');
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    for (const pid of readFileSync(interruptPids, 'utf8').trim().split('\n').map(Number)) {
      expect(isRunning(pid)).toBe(false);
    }
  });

  it('5. a slow start is reported with its time', async () => {
    const box = makeSandbox();
    desktop(box, { slow: node('slow.mjs', { env: { SLOW_MS: '2500' } }) });
    const { code, report } = await doctorJson(box, ['--timeout', '6']);
    expect(code).toBe(0);
    expect(finding(report, 'slow', 'slow-start')?.message).toMatch(/the handshake took \d+\.\d s/);
  });

  it('7. a variable the shell has but the client does not pass: named, with the fix', async () => {
    const box = makeSandbox();
    desktop(box, { keyed: node('needs-env.mjs') });
    const { code, report } = await doctorJson(box, [], { API_KEY: 'sk-live-abcdef123456' });
    expect(code).toBe(1);
    const found = finding(report, 'keyed', 'missing-env');
    expect(found?.message).toContain('API_KEY');
    expect(found?.fix).toContain('"API_KEY"');
    expect(JSON.stringify(report)).not.toContain('sk-live-abcdef123456');
  });

  it('9. a relative path breaks from /: --fix makes it absolute from the project folder', async () => {
    const box = makeSandbox();
    box.write(
      join(box.project, 'server.mjs'),
      `import ${JSON.stringify(fixture('healthy.mjs'))};\n`,
    );
    const file = desktop(box, { rel: { command: 'node', args: ['server.mjs'] } });
    const original = box.read(file);
    const { code, report } = await doctorJson(box);
    expect(code).toBe(1);
    expect(finding(report, 'rel', 'relative-path')?.message).toContain(
      'Claude Desktop starts servers in /',
    );
    const fixed = await box.cli(['doctor', '--fix', '--yes']);
    expect(fixed.code).toBe(0);
    expect(box.read(file)).toBe(
      original.replace('"server.mjs"', JSON.stringify(join(box.project, 'server.mjs'))),
    );
  });

  it('8. invalid JSON: line and column with the hint, exit 1, the file untouched by --fix', async () => {
    const box = makeSandbox();
    const text = '{\n  "mcpServers": {\n    "a": { "command": "node" },\n  }\n}\n';
    box.write(box.desktopFile, text);
    const result = await box.cli(['doctor', '--fix', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ .*trailing comma/i);
    expect(result.stdout).toMatch(/claude_desktop_config\.json:3:31/);
    expect(box.read(box.desktopFile)).toBe(text);
  });

  it('4. Windows rules through --platform win32: npx needs cmd /c and -y; --fix writes both and nothing else', async () => {
    const box = makeSandbox();
    const original = `{\r\n    "mcpServers": {\r\n        "fs": {\r\n            "command": "npx",\r\n            "args": ["@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\me"]\r\n        }\r\n    }\r\n}\r\n`;
    const file = box.write(join(box.root, 'win', 'claude_desktop_config.json'), original);
    const args = ['doctor', '--platform', 'win32', '--config', file];
    const before = await box.cli(args, { Path: 'C:\\Program Files\\nodejs', PATH: '' });
    expect(before.stdout).toContain('the servers were not started');
    expect(before.stdout).toMatch(
      /✗ npx is a batch-file shim, which Claude Desktop cannot start without cmd \/c/,
    );
    expect(before.stdout).toMatch(/npx runs without -y/);
    const fixed = await box.cli([...args, '--fix', '--yes']);
    expect(fixed.code).toBe(0);
    expect(box.read(file)).toBe(
      original.replace(
        '"command": "npx",\r\n            "args": ["@modelcontextprotocol',
        '"command": "cmd",\r\n            "args": ["/c", "npx", "-y", "@modelcontextprotocol',
      ),
    );
  });

  it('a url entry Claude Desktop does not run', async () => {
    const box = makeSandbox();
    desktop(box, { remote: { url: 'https://example.com/mcp?token=abcdef123456' } });
    const result = await box.cli(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ .*Claude Desktop only launches local servers/);
    expect(result.stdout).toContain('mcp-remote');
    expect(result.stdout).not.toContain('abcdef123456');
  });

  it("the client's log: the last error quoted, and a restart asked for when the config is newer than the server's last start", async () => {
    const box = makeSandbox();
    const file = desktop(box, { weather: node('healthy.mjs') });
    const logs = join(box.home, '.config', 'Claude', 'logs');
    box.write(
      join(logs, 'mcp-server-weather.log'),
      [
        '2026-01-10T10:00:00.000Z [weather] [info] Initializing server... { metadata: undefined }',
        "2026-01-10T10:00:00.100Z [weather] [error] spawn weather-server ENOENT { metadata: { context: 'connection' } }",
        '',
      ].join('\n'),
    );
    utimesSync(file, new Date('2026-01-11T00:00:00Z'), new Date('2026-01-11T00:00:00Z'));
    const { report } = await doctorJson(box);
    expect(finding(report, 'weather', 'client-log-error')?.message).toContain(
      'spawn weather-server ENOENT',
    );
    expect(finding(report, 'weather', 'client-not-restarted')?.severity).toBe('warning');
  });

  it('servers the app dropped from the file: found in the backups, with the restore command', async () => {
    const box = makeSandbox();
    await box.cli(['add', 'a', '--', 'node', fixture('healthy.mjs')]);
    await box.cli(['add', 'b', '--', 'node', fixture('healthy.mjs')]);
    box.write(box.desktopFile, '{\n  "mcpServers": {}\n}\n');
    const result = await box.cli(['doctor']);
    expect(result.stdout).toMatch(/! .*no servers now, but an earlier version .* had/);
    expect(result.stdout).toContain('mcp-config restore');
  });

  it('works for every client: what mcp-config add writes, doctor connects to', async () => {
    const box = makeSandbox();
    const clients = ['claude-code', 'cursor', 'vscode', 'windsurf', 'gemini-cli'];
    for (const client of clients) {
      const added = await box.cli([
        'add',
        'w',
        '--client',
        client,
        '--',
        'node',
        fixture('healthy.mjs'),
      ]);
      expect(added.code, added.stderr).toBe(0);
    }
    const results = await Promise.all(
      clients.map((client) =>
        doctorJson(box, ['--client', client], { GEMINI_CLI_TRUST_WORKSPACE: 'true' }),
      ),
    );
    for (const [i, { code, report }] of results.entries()) {
      expect(code, clients[i]).toBe(0);
      expect(codesOf(report, 'w'), clients[i]).toContain('connected');
    }
  });
});
