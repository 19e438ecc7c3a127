import { describe, expect, it } from 'vitest';
import type { ConfigCandidate } from '@mcpkit/shared/client-paths';
import { formatServer, formatSummary, totalsOf } from './format-report.js';
import { logFindings } from './log-findings.js';
import { runDoctor, type DoctorChecks, type ReadableFile } from './run-doctor.js';
import type { LaunchPlan, RemotePlan } from './types.js';

const candidate = (file: string, scope: ConfigCandidate['scope'] = 'user'): ConfigCandidate => ({
  client: 'claude-code',
  scope,
  file,
  label: file,
  exists: true,
  serversPath: ['mcpServers'],
  allowJsonc: false,
});

function fakeChecks(readable: ReadableFile[], launched: string[][]): DoctorChecks {
  return {
    files: () => ({ findings: [], readable }),
    plan: (entry): LaunchPlan => ({
      client: 'claude-code',
      command: entry.command,
      args: entry.args,
      env: entry.env,
      cwd: '/',
      timeoutMs: 30_000,
    }),
    entry: ({ entry }) =>
      entry.transport === 'stdio' && entry.command === 'missing'
        ? [{ code: 'command-not-found', severity: 'error', message: 'missing not found' }]
        : [{ code: 'command-found', severity: 'ok', message: 'found' }],
    live: async (plans) => {
      launched.push(plans.map((p) => p.command));
      return plans.map((p) => ({
        connected: p.command !== 'hangs',
        launched: p.command,
        findings:
          p.command === 'hangs'
            ? [{ code: 'handshake-timeout', severity: 'error' as const, message: 'no answer' }]
            : [{ code: 'connected', severity: 'ok' as const, message: 'connected' }],
      }));
    },
    remotePlan: (entry): RemotePlan => ({
      client: 'claude-code',
      name: entry.name,
      transport: entry.transport,
      url: entry.url,
      headers: entry.headers,
      timeoutMs: 30_000,
    }),
    remote: async (plans) => {
      launched.push(plans.map((p) => p.url));
      return plans.map((p) => ({
        connected: !p.url.includes('down'),
        launched: p.url,
        findings: p.url.includes('down')
          ? [{ code: 'http-unreachable', severity: 'error' as const, message: 'refused' }]
          : [{ code: 'connected', severity: 'ok' as const, message: 'connected' }],
      }));
    },
    python: async () => [],
    log: () => [],
  };
}

const expand = { env: {}, cwd: '/p', homedir: '/h', platform: 'linux' as const };

describe('runDoctor', () => {
  it('checks the entry the client uses, launches all servers in one batch, and reports invalid entries', async () => {
    const near = {
      candidate: candidate('/p/.mcp.json', 'project'),
      text: '{"mcpServers": {"a": {"command": "ok"}, "b": {"command": "hangs"}, "c": {"args": 3}}}',
    };
    const far = {
      candidate: candidate('/h/.claude.json'),
      text: '{"mcpServers": {"a": {"command": "other"}, "d": {"command": "missing"}}}',
    };
    const launched: string[][] = [];
    const result = await runDoctor(fakeChecks([near, far], launched), {
      client: 'claude-code',
      live: true,
      expand,
    });
    expect(launched).toEqual([['ok', 'hangs', 'missing'], []]);
    const byName = Object.fromEntries(result.reports.map((r) => [r.name, r]));
    expect(Object.keys(byName)).toEqual(['a', 'b', 'd', 'c']);
    expect(byName.a?.status).toBe('ok');
    expect(byName.a?.findings.map((f) => f.code)).toEqual([
      'command-found',
      'connected',
      'shadowed-entry',
    ]);
    expect(byName.b?.status).toBe('fail');
    expect(byName.d?.status).toBe('fail');
    expect(byName.c?.findings[0]?.code).toBe('invalid-entry');
    expect(result.targets.get('a')?.file.candidate.file).toBe('/p/.mcp.json');
  });

  it('checks one server by name, without launching when told not to, and names close matches', async () => {
    const file = {
      candidate: candidate('/h/.claude.json'),
      text: '{"mcpServers": {"weather": {"command": "ok"}}}',
    };
    const launched: string[][] = [];
    const result = await runDoctor(fakeChecks([file], launched), {
      client: 'claude-code',
      name: 'weather',
      live: false,
      expand,
    });
    expect(launched).toEqual([[], []]);
    expect(result.reports.map((r) => r.name)).toEqual(['weather']);
    await expect(
      runDoctor(fakeChecks([file], []), {
        client: 'claude-code',
        name: 'wether',
        live: true,
        expand,
      }),
    ).rejects.toThrow(/weather/);
  });

  it('says a Python cause found by both the interpreter and the traceback once, the interpreter first', async () => {
    const file = {
      candidate: candidate('/h/.claude.json'),
      text: '{"mcpServers": {"py": {"command": "python3"}}}',
    };
    const checks = fakeChecks([file], []);
    checks.python = async () => [
      {
        code: 'python-no-mcp',
        severity: 'error',
        message: 'python3 does not have the mcp package',
      },
    ];
    checks.live = async (plans) =>
      plans.map((p) => ({
        connected: false,
        launched: p.command,
        findings: [
          { code: 'python-no-mcp', severity: 'error' as const, message: "No module named 'mcp'" },
          { code: 'early-exit', severity: 'error' as const, message: 'exited with code 1' },
        ],
      }));
    const { reports } = await runDoctor(checks, { client: 'claude-code', live: true, expand });
    expect(reports[0]?.findings.map((f) => f.message)).toEqual([
      'found',
      'python3 does not have the mcp package',
      'exited with code 1',
    ]);
  });

  it('overrides the client timeout when asked', async () => {
    const file = {
      candidate: candidate('/h/.claude.json'),
      text: '{"mcpServers": {"a": {"command": "ok"}}}',
    };
    let seen: number[] = [];
    const checks = fakeChecks([file], []);
    const live = checks.live;
    checks.live = async (plans, signal) => {
      seen = plans.map((p) => p.timeoutMs);
      return live(plans, signal);
    };
    await runDoctor(checks, { client: 'claude-code', live: true, expand, timeoutMs: 1500 });
    expect(seen).toEqual([1500]);
  });
});

describe('runDoctor: remote entries', () => {
  const file = {
    candidate: candidate('/h/.claude.json'),
    text: JSON.stringify({
      mcpServers: {
        local: { command: 'ok' },
        up: { type: 'http', url: 'https://up.example/mcp?token=${TOKEN}' },
        down: { type: 'sse', url: 'http://down.example/sse' },
      },
    }),
  };
  const env = { ...expand, env: { TOKEN: 'tok-123456789' } };

  it('connects to url entries (expanded) in the same batch as the stdio launches', async () => {
    const events: string[] = [];
    const checks = fakeChecks([file], []);
    const { live, remote } = checks;
    let remotePlans: RemotePlan[] = [];
    checks.live = async (plans, signal) => {
      events.push('live started');
      await new Promise((resolve) => setImmediate(resolve));
      events.push('live done');
      return live(plans, signal);
    };
    checks.remote = async (plans, signal) => {
      events.push('remote started');
      remotePlans = plans;
      await new Promise((resolve) => setImmediate(resolve));
      events.push('remote done');
      return remote(plans, signal);
    };
    let announced: [number, number] | undefined;
    const result = await runDoctor(checks, {
      client: 'claude-code',
      live: true,
      expand: env,
      timeoutMs: 2500,
      onLaunch: (count, timeoutMs) => (announced = [count, timeoutMs]),
    });
    // Both batches start before either finishes.
    expect(events.slice(0, 2).sort()).toEqual(['live started', 'remote started']);
    expect(announced).toEqual([3, 2500]);
    expect(remotePlans.map((p) => [p.name, p.transport, p.url, p.timeoutMs])).toEqual([
      ['up', 'http', 'https://up.example/mcp?token=tok-123456789', 2500],
      ['down', 'sse', 'http://down.example/sse', 2500],
    ]);
    const byName = Object.fromEntries(result.reports.map((r) => [r.name, r]));
    expect(byName.up).toMatchObject({ transport: 'http', status: 'ok', live: { connected: true } });
    expect(byName.down?.status).toBe('fail');
    expect(byName.down?.findings.map((f) => f.code)).toContain('http-unreachable');
    expect(byName.local?.live?.connected).toBe(true);
  });

  it('connects to nothing when the client does not run url entries, or when not live', async () => {
    const seen: string[][] = [];
    const checks = fakeChecks([file], seen);
    checks.remotePlan = () => undefined;
    const result = await runDoctor(checks, { client: 'claude-code', live: true, expand: env });
    expect(seen).toEqual([['ok'], []]);
    expect(result.reports.find((r) => r.name === 'up')?.live).toBeUndefined();
    const offline: string[][] = [];
    await runDoctor(fakeChecks([file], offline), { client: 'claude-code', live: false, expand });
    expect(offline).toEqual([[], []]);
  });
});

describe('the report', () => {
  it('prints sections with marks, why and fix, a summary, and no raw control text', async () => {
    const file = {
      candidate: candidate('/h/.claude.json'),
      text: '{"mcpServers": {"b": {"command": "hangs", "env": {"API_KEY": "sk-123456789"}}}}',
    };
    const { reports } = await runDoctor(fakeChecks([file], []), {
      client: 'claude-code',
      live: true,
      expand,
    });
    reports[0]!.findings.push({
      code: 'early-exit',
      severity: 'error',
      message: 'exited \u001b[31mred',
      why: 'because',
      fix: 'do this',
      detail: ['Traceback', 'API_KEY=abcdefghijkl'],
    });
    // Colour markers are dropped the way the safe writer drops them without a terminal.
    const text = formatServer(reports[0]!, 'Claude Code').replace(/[\ue000-\ue00f]/g, '');
    expect(text).toContain('exited red');
    expect(text).not.toContain('\u001b[31m');
    expect(text).toMatch(/why because/);
    expect(text).toMatch(/fix do this/);
    expect(text).not.toContain('abcdefghijkl');
    const summary = formatSummary(totalsOf([], reports), true);
    expect(summary).toMatch(/^1 server: .*1 failing.*, 0 ok \(2 errors, 0 warnings\)\.\n$/);
  });
});

describe('logFindings', () => {
  const at = (s: string) => Date.parse(s);
  it('quotes the last error, and sees that the client has not restarted since the edit', () => {
    const records = [
      {
        time: at('2026-12-01T10:00:00Z'),
        level: 'info',
        message: 'Initializing server...',
        file: 'mcp.log',
      },
      {
        time: at('2026-12-01T10:00:01Z'),
        level: 'error',
        message: 'spawn npx ENOENT',
        file: 'mcp.log',
      },
    ];
    const findings = logFindings({
      clientName: 'Claude Desktop',
      records,
      lastError: records[1],
      configChangedAt: at('2026-12-01T11:00:00Z'),
      restartNeeded: true,
    });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['client-log-error', 'info'],
      ['client-not-restarted', 'warning'],
    ]);
    expect(findings[0]?.message).toMatch(
      /^Claude Desktop's log, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: spawn npx ENOENT$/,
    );
    // Started after the edit: no restart needed, and the error is about the current config.
    const later = logFindings({
      clientName: 'Claude Desktop',
      records,
      lastError: records[1],
      configChangedAt: at('2026-12-01T09:00:00Z'),
      restartNeeded: true,
    });
    expect(later.map((f) => [f.code, f.severity])).toEqual([['client-log-error', 'warning']]);
  });
});
