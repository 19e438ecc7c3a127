import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProcess } from './process-runner.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runProcess', () => {
  it('runs with exactly the given environment and folder', async () => {
    const result = await runProcess(
      process.execPath,
      ['-e', 'process.stdout.write(JSON.stringify([process.cwd(), process.env]))'],
      { env: { ONLY: 'this' }, cwd: '/', timeoutMs: 10_000 },
    );
    expect(result.code).toBe(0);
    const [cwd, env] = JSON.parse(result.stdout) as [string, Record<string, string>];
    expect(cwd).toBe('/');
    expect(env.ONLY).toBe('this');
    expect(env.HOME).toBeUndefined();
  });

  it('says why a program cannot start', async () => {
    const result = await runProcess('/nowhere/python3', ['-V'], {
      env: {},
      cwd: '/',
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ code: null, error: 'ENOENT' });
  });

  it.skipIf(process.platform === 'win32' || !existsSync('/proc'))(
    'kills the whole group after the timeout, children included',
    async () => {
      const script =
        "const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });" +
        'console.log(c.pid); setInterval(() => {}, 1e6);';
      const result = await runProcess(process.execPath, ['-e', script], {
        env: {},
        cwd: '/',
        timeoutMs: 1000,
      });
      expect(result).toMatchObject({ code: null, timedOut: true });
      const child = Number(result.stdout.trim());
      expect(child).toBeGreaterThan(0);
      // SIGKILL reaches the child too; it may take a moment to be reaped by init.
      const deadline = Date.now() + 5000;
      while (isRunning(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(isRunning(child)).toBe(false);
    },
  );

  it('stops the program at once when the signal aborts (Ctrl-C)', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runProcess(
      process.execPath,
      ['-e', 'console.log("up"); setInterval(() => {}, 1e6)'],
      {
        env: {},
        cwd: '/',
        timeoutMs: 60_000,
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 300);
    const result = await run;
    expect(result).toMatchObject({ code: null, timedOut: true });
    // Far from the 60 s bound: the abort, not the timeout, ended it.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
