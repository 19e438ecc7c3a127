// The real ProcessRunner of doctor's core: runs a program to completion in its own process
// group, with a complete environment, bounded in time and in output.
import { spawn } from 'node:child_process';
import { forgetGroup, signalGroup, trackGroup } from '@mcpkit/shared/process-group';
import type { ProcessResult, ProcessRunner } from '../core/doctor/python-check.js';

/** Bytes of stdout and of stderr kept (from the start). */
const OUTPUT_LIMIT = 1024 * 1024;

/**
 * Runs `command` with exactly `env` in `cwd`, stdin closed. After `timeoutMs` its whole
 * process group gets SIGKILL (so nothing it started lingers); a program that cannot start
 * resolves with `error` set (`ENOENT`, `EACCES`). Aborting `signal` kills the group at once.
 * Never rejects.
 */
export const runProcess: ProcessRunner = (command, args, { env, cwd, timeoutMs, signal }) =>
  new Promise<ProcessResult>((resolve) => {
    const posix = process.platform !== 'win32';
    const child = spawn(command, args, {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: posix,
      windowsHide: true,
    });
    const out = { stdout: '', stderr: '' };
    let timedOut = false;
    let startError: string | undefined;
    if (child.pid !== undefined) trackGroup(child.pid);
    const kill = () => {
      if (child.pid === undefined) return;
      if (!signalGroup(child.pid, 'SIGKILL')) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    // Ctrl-C: stopped at once, reported like a timeout (the caller knows it aborted).
    const onAbort = () => {
      timedOut = true;
      kill();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => {
        if (out[stream].length < OUTPUT_LIMIT)
          out[stream] = (out[stream] + chunk).slice(0, OUTPUT_LIMIT);
      });
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      startError = error.code ?? error.message;
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Helpers it left in its group go with it.
      if (child.pid !== undefined) {
        if (posix) signalGroup(child.pid, 'SIGKILL');
        forgetGroup(child.pid);
      }
      resolve({
        code: timedOut || startError ? null : code,
        ...out,
        ...(startError ? { error: startError } : {}),
        ...(timedOut ? { timedOut } : {}),
      });
    });
  });
