// Servers never outlive mcp-inspect: SIGINT, SIGTERM and SIGHUP end a session the same way
// (exit 128 + signal), a server that ignores SIGTERM and has a child is stopped with its
// whole process group, the handshake can be interrupted, and a normal run leaves no helper
// behind. A reader that goes away (`| head`) ends both CLIs quietly.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from './support/config-sandbox.js';
import { inspect, TEST_SERVER } from './support/inspect.js';
import { BIN, makeTempDir } from './support/paths.js';
import { isRunning, readPids, startInspect, waitFor } from './support/processes.js';
import { testEnv } from './support/run.js';

/** A server that ignores SIGTERM, SIGINT and SIGHUP, with a child that ignores them too. */
function stubbornServer(pidFile: string, ...extra: string[]): string[] {
  return [
    '--',
    process.execPath,
    TEST_SERVER,
    '--ignore-sigterm',
    '--spawn-child',
    '--pid-file',
    pidFile,
    ...extra,
  ];
}

/** `call slow` (progress every 100 ms for a minute) on `server`, once its first progress came. */
async function startSlowCall(server: string[], pidFile: string) {
  const live = startInspect(['call', 'slow', '--arg', 'ms=60000', '--arg', 'steps=600', ...server]);
  const pids = await readPids(pidFile);
  await waitFor(() => live.stderr().includes('progress 1/600'), 'the first progress');
  return { live, pids };
}

/** Waits until every pid has ended (the group gets SIGKILL after its grace). */
async function expectAllEnded(pids: number[]): Promise<void> {
  // mcp-inspect has exited when this is called; give the kernel a moment to finish the kills.
  await waitFor(() => pids.every((pid) => !isRunning(pid)), `pids ${pids.join(', ')} to end`, 3000);
}

describe('signals during a call', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: the call is cancelled, the server and its child are stopped, exit %i',
    async (signal, code) => {
      const pidFile = join(makeTempDir('pids'), 'pids');
      const { live, pids } = await startSlowCall(stubbornServer(pidFile), pidFile);
      const sent = Date.now();
      live.child.kill(signal);
      const result = await live.done;
      const took = Date.now() - sent;
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(/Interrupted.*the request was cancelled/);
      await expectAllEnded(pids);
      // Stdin end, 100 ms, SIGTERM (ignored), 1 s, SIGKILL: well under the 5 s hard stop.
      expect(took).toBeLessThan(4000);
      console.log(`${signal}: exited in ${took} ms, server and child gone`);
    },
  );

  it('Ctrl-C: a server that ends on SIGTERM leaves no child that ignores it', async () => {
    const pidFile = join(makeTempDir('pids'), 'pids');
    const server = ['--', process.execPath, TEST_SERVER, '--ignore-stdin-eof', '--spawn-child'];
    const { live, pids } = await startSlowCall(
      [...server, '--stubborn-child', '--pid-file', pidFile],
      pidFile,
    );
    live.child.kill('SIGINT');
    const result = await live.done;
    expect(result.code).toBe(130);
    await expectAllEnded(pids);
  });

  it('a second Ctrl-C leaves at once, and still kills the server group', async () => {
    const pidFile = join(makeTempDir('pids'), 'pids');
    const { live, pids } = await startSlowCall(stubbornServer(pidFile), pidFile);
    live.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 30));
    live.child.kill('SIGINT');
    const result = await live.done;
    expect(result.code).toBe(130);
    await expectAllEnded(pids);
  });
});

describe('the handshake', () => {
  it('Ctrl-C while the server has not answered yet ends at once (exit 130)', async () => {
    const pidFile = join(makeTempDir('pids'), 'pids');
    const live = startInspect(['tools', ...stubbornServer(pidFile, '--slow-start', '60000')]);
    const pids = await readPids(pidFile);
    const sent = Date.now();
    live.child.kill('SIGINT');
    const result = await live.done;
    expect(result.code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(4000);
    await expectAllEnded(pids);
  });
});

describe('a normal run', () => {
  it("stops the server's helpers even when the server exits on end of input", async () => {
    const pidFile = join(makeTempDir('pids'), 'pids');
    const result = await inspect([
      'tools',
      '--',
      process.execPath,
      TEST_SERVER,
      '--spawn-child',
      '--pid-file',
      pidFile,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/echo/);
    await expectAllEnded(await readPids(pidFile));
  });
});

/**
 * Runs a bin in a real shell pipeline whose reader leaves after one byte (`| head -c 1`);
 * resolves with the bin's own exit status and its stderr.
 */
function runIntoClosedPipe(bin: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = 'out=$("$@" 2>"$ERR_FILE" | head -c 1); echo "${PIPESTATUS[0]}"';
  const errFile = join(makeTempDir('epipe'), 'stderr');
  const child = spawn('bash', ['-c', script, 'bash', process.execPath, bin, ...args], {
    env: testEnv({ ...env, ERR_FILE: errFile }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise<{ code: number; stderr: string }>((resolve) =>
    child.on('close', () =>
      resolve({ code: Number(stdout.trim()), stderr: readFileSync(errFile, 'utf8') }),
    ),
  );
}

describe('a reader that goes away (EPIPE)', () => {
  it('mcp-inspect ends quietly with its own exit code and stops the server', async () => {
    const pidFile = join(makeTempDir('pids'), 'pids');
    // 4 MiB of output: far more than any pipe buffer.
    const result = await runIntoClosedPipe(BIN.inspect, [
      'call',
      'big',
      '--arg',
      'kb=4096',
      '--json',
      '--',
      process.execPath,
      TEST_SERVER,
      '--spawn-child',
      '--pid-file',
      pidFile,
    ]);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.code).toBe(0);
    await expectAllEnded(await readPids(pidFile));
  });

  it('mcp-config add has written, ends quietly, exit 0', async () => {
    const box = makeSandbox();
    const result = await runIntoClosedPipe(
      BIN.config,
      ['add', 'weather', '--', 'uv', 'run', 'weather.py', ...Array(20_000).fill('--verbose')],
      box.env,
    );
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.code).toBe(0);
    expect(JSON.parse(box.read(box.desktopFile)).mcpServers.weather.command).toMatch(/uv$/);
  });
});
