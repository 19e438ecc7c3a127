// The live check of `mcp-config doctor` against real server processes: one fixture per cause
// in test/fixtures/doctor/, each named by its finding; all servers at once; abort stops all.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { runLiveCheck, runLiveChecks } from '../packages/config/src/core/doctor/live-check.js';
import type { LaunchPlan, LiveOutcome } from '../packages/config/src/core/doctor/types.js';
import { ROOT, makeTempDir } from './support/paths.js';
import { isRunning, waitFor } from './support/processes.js';

const FIXTURES = join(ROOT, 'test/fixtures/doctor');
/** A small environment like a GUI client's: node's folder and the system folders. */
const CLIENT_PATH = [dirname(process.execPath), '/usr/bin', '/bin'].join(':');

/** How a client would start `node <fixture>`, from the fixture folder, with a small env. */
function plan(fixture: string, overrides: Partial<LaunchPlan> = {}): LaunchPlan {
  const { env, ...rest } = overrides;
  return {
    client: 'claude-desktop',
    command: 'node',
    resolved: process.execPath,
    args: [join(FIXTURES, fixture)],
    env: { PATH: CLIENT_PATH, ...env },
    cwd: FIXTURES,
    timeoutMs: 30_000,
    ...rest,
  };
}

function codes(outcome: LiveOutcome): string[] {
  return outcome.findings.map((finding) => finding.code);
}

function finding(outcome: LiveOutcome, code: string) {
  const found = outcome.findings.find((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(outcome.findings)}`).toBeDefined();
  return found!;
}

function pidsIn(file: string): number[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

describe('runLiveCheck: one finding per cause', () => {
  it('a healthy server connects and its tools are counted', async () => {
    const outcome = await runLiveCheck(plan('healthy.mjs'));
    expect(outcome).toMatchObject({
      connected: true,
      serverName: 'healthy',
      serverVersion: '1.2.3',
      tools: 1,
      launched: process.execPath,
    });
    // The 2025 era, as Claude Desktop opens.
    expect(outcome.protocolVersion).toMatch(/^2025-/);
    expect(codes(outcome)).toEqual(['connected']);
    expect(finding(outcome, 'connected').message).toMatch(
      /^connected in \d+ ms: healthy 1\.2\.3, protocol 2025-\S+, 1 tool$/,
    );
    expect(outcome.totalMs).toBeGreaterThanOrEqual(outcome.handshakeMs!);
  });

  it('counts the tools across every page of tools/list', async () => {
    // test-server.mjs --many 120: its 13 tools plus 120, served 50 to a page.
    const outcome = await runLiveCheck({
      ...plan('healthy.mjs'),
      args: [join(ROOT, 'test/fixtures/test-server.mjs'), '--many', '120'],
    });
    expect(outcome).toMatchObject({ connected: true, tools: 133 });
  });

  it('a server with no tools is a warning', async () => {
    const outcome = await runLiveCheck(plan('healthy.mjs', { env: { NO_TOOLS: '1' } }));
    expect(outcome.connected).toBe(true);
    expect(codes(outcome)).toEqual(['connected', 'no-tools']);
    expect(finding(outcome, 'no-tools').severity).toBe('warning');
  });

  it('a banner on stdout is stdout-pollution, even though the handshake succeeds', async () => {
    const outcome = await runLiveCheck(plan('stdout-banner.mjs'));
    expect(outcome.connected).toBe(true);
    const pollution = finding(outcome, 'stdout-pollution');
    expect(pollution.severity).toBe('error');
    expect(pollution.message).toContain('Weather server v1.0 starting on stdio...');
    expect(pollution.fix).toContain('stderr');
    expect(pollution.detail).toEqual(['Weather server v1.0 starting on stdio...']);
  });

  it('a crash at startup is early-exit with the exit code and the stderr tail', async () => {
    const outcome = await runLiveCheck(plan('crash.mjs'));
    expect(outcome.connected).toBe(false);
    expect(codes(outcome)).toEqual(['early-exit']);
    const exit = finding(outcome, 'early-exit');
    expect(exit.message).toBe('the server exited with code 1 before the handshake finished');
    expect(exit.detail?.[0]).toContain(
      "TypeError: Cannot read properties of undefined (reading 'token')",
    );
    expect(exit.detail!.length).toBeLessThanOrEqual(15);
  });

  it('servers that crash at once are early-exit every time, never a failed write (20 at once)', async () => {
    // Under load the handshake's write often meets the closed pipe before the exit is seen.
    const outcomes = await runLiveChecks(Array.from({ length: 20 }, () => plan('crash.mjs')));
    for (const outcome of outcomes) {
      expect(codes(outcome)).toEqual(['early-exit']);
      expect(finding(outcome, 'early-exit').message).toBe(
        'the server exited with code 1 before the handshake finished',
      );
      expect(finding(outcome, 'early-exit').detail?.[0]).toContain('TypeError');
    }
  });

  it('a server that never answers is handshake-timeout within the plan, and is stopped', async () => {
    const pidFile = join(makeTempDir('doctor-live'), 'pids');
    const started = Date.now();
    const outcome = await runLiveCheck(
      plan('hang.mjs', { timeoutMs: 2000, env: { PID_FILE: pidFile } }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(codes(outcome)).toEqual(['handshake-timeout']);
    expect(finding(outcome, 'handshake-timeout').message).toBe(
      "no answer to initialize within 2 s (Claude Desktop's limit)",
    );
    const [pid] = pidsIn(pidFile);
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid!)).toBe(false);
  });

  it('npx waiting on "Ok to proceed?" is npx-prompt with the -y edit, not stdout pollution', async () => {
    const outcome = await runLiveCheck(plan('npx-prompt.mjs', { command: 'npx', timeoutMs: 2000 }));
    expect(codes(outcome)).toEqual(['npx-prompt']);
    const prompt = finding(outcome, 'npx-prompt');
    expect(prompt.edits).toEqual([{ kind: 'insert-arg', index: 0, value: '-y' }]);
    expect(prompt.detail).toContain('Need to install the following packages:');
  });

  it('a handshake slower than slowMs is slow-start with the time', async () => {
    const outcome = await runLiveCheck(plan('slow.mjs', { env: { SLOW_MS: '1500' } }), {
      slowMs: 1000,
    });
    expect(outcome.connected).toBe(true);
    expect(outcome.handshakeMs).toBeGreaterThanOrEqual(1500);
    expect(finding(outcome, 'slow-start').message).toMatch(
      /^the handshake took \d+\.\d s \(Claude Desktop gives up after 30 s\)$/,
    );
  });

  it('a variable the server says is missing is missing-env, naming it', async () => {
    const outcome = await runLiveCheck(plan('needs-env.mjs'));
    expect(codes(outcome)).toEqual(['missing-env']);
    const missing = finding(outcome, 'missing-env');
    expect(missing.message).toBe(
      'the server exited with code 1: API_KEY is not set in the environment the client gives the server',
    );
    expect(missing.fix).toContain('"API_KEY": "…"');
    // Printed output is masked: the fix must read the same after it.
    expect(maskSecretsInText(missing.fix ?? '')).toBe(missing.fix);
    expect(missing.why).toContain("not your shell's");

    const given = await runLiveCheck(plan('needs-env.mjs', { env: { API_KEY: 'k-123456789' } }));
    expect(codes(given)).toEqual(['connected']);

    // A server that starts anyway: the same cause, as a warning beside the empty tool list.
    const optional = await runLiveCheck(plan('needs-env.mjs', { env: { OPTIONAL_KEY: '1' } }));
    expect(codes(optional)).toEqual(['connected', 'no-tools', 'missing-env']);
    expect(finding(optional, 'missing-env').severity).toBe('warning');
  });

  it('a relative path that breaks from / is relative-cwd; from the right folder it connects', async () => {
    const outcome = await runLiveCheck(plan('relative-data.mjs', { cwd: '/' }));
    expect(codes(outcome)).toEqual(['relative-cwd']);
    expect(finding(outcome, 'relative-cwd').message).toBe(
      "the server exited with code 1: the server looks for './data.json' relative to its working folder, which is /",
    );

    const folder = makeTempDir('doctor-data');
    writeFileSync(join(folder, 'data.json'), '{"name":"with-data"}');
    const ok = await runLiveCheck(plan('relative-data.mjs', { cwd: folder }));
    expect(ok).toMatchObject({ connected: true, serverName: 'with-data' });
  });

  it('a command that cannot start is spawn-failed', async () => {
    const outcome = await runLiveCheck(
      plan('healthy.mjs', { command: '/nowhere/node', resolved: '/nowhere/node' }),
    );
    expect(codes(outcome)).toEqual(['spawn-failed']);
    expect(finding(outcome, 'spawn-failed').message).toContain('/nowhere/node: not found (ENOENT)');
  });

  it("without a copy on the client's PATH, the shell's copy is launched and that is said", async () => {
    const outcome = await runLiveCheck(
      plan('healthy.mjs', { resolved: undefined, shellResolved: process.execPath }),
    );
    expect(outcome.launched).toBe(process.execPath);
    expect(codes(outcome)).toEqual(['launched-with-shell-path', 'connected']);
    expect(finding(outcome, 'launched-with-shell-path').severity).toBe('info');
  });

  it('a server that refuses the 2025 handshake connects in 2026-07-28 and is reported', async () => {
    const outcome = await runLiveCheck({
      ...plan('healthy.mjs'),
      args: [join(ROOT, 'test/fixtures/modern-only-server.mjs')],
    });
    expect(outcome).toMatchObject({ connected: true, protocolVersion: '2026-07-28', tools: 1 });
    expect(finding(outcome, 'modern-only').severity).toBe('error');
  });
});

describe('runLiveChecks', () => {
  it('checks all servers at once: one hanging server costs its timeout, not the sum', async () => {
    const pidFile = join(makeTempDir('doctor-live'), 'pids');
    const env = { PID_FILE: pidFile };
    const plans = [
      plan('healthy.mjs'),
      plan('hang.mjs', { timeoutMs: 3000, env }),
      plan('slow.mjs', { env: { ...env, SLOW_MS: '2500' } }),
      plan('slow.mjs', { env: { ...env, SLOW_MS: '2500' } }),
      plan('stdout-banner.mjs'),
    ];
    const started = Date.now();
    const outcomes = await runLiveChecks(plans);
    const elapsed = Date.now() - started;
    expect(outcomes.map((o) => o.connected)).toEqual([true, false, true, true, true]);
    expect(codes(outcomes[1]!)).toEqual(['handshake-timeout']);
    // One after another they cost at least 3 + 2.5 + 2.5 s; at once, about the longest.
    expect(elapsed).toBeLessThan(8000);
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    for (const pid of pidsIn(pidFile)) expect(isRunning(pid)).toBe(false);
  });

  it('aborting the signal stops every server at once', async () => {
    const pidFile = join(makeTempDir('doctor-live'), 'pids');
    const env = { PID_FILE: pidFile };
    const controller = new AbortController();
    const plans = [
      plan('hang.mjs', { env }),
      plan('hang.mjs', { env }),
      plan('slow.mjs', { env: { ...env, SLOW_MS: '60000' } }),
    ];
    const running = runLiveChecks(plans, { signal: controller.signal });
    await waitFor(() => pidsIn(pidFile).length === 3, 'three servers started');
    const pids = pidsIn(pidFile);
    expect(pids.every(isRunning)).toBe(true);
    const aborted = Date.now();
    controller.abort();
    const outcomes = await running;
    // Well under the plans' 30 s timeout: the servers were stopped, not waited for.
    expect(Date.now() - aborted).toBeLessThan(10_000);
    expect(outcomes.map(codes)).toEqual([['interrupted'], ['interrupted'], ['interrupted']]);
    for (const pid of pids) expect(isRunning(pid)).toBe(false);
  });
});
