import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { BIN } from './paths.js';
import { collect, testEnv, type RunResult } from './run.js';

/** A running mcp-inspect whose output is collected as it comes. */
export interface LiveProcess {
  child: ChildProcess;
  /** stderr so far. */
  stderr: () => string;
  /** Resolves when it has exited: its exit code (or 128 + signal number) and output. */
  done: Promise<RunResult>;
}

/** Starts the built mcp-inspect with `args`; stdin is closed. */
export function startInspect(args: readonly string[], env: NodeJS.ProcessEnv = {}): LiveProcess {
  const child = spawn(process.execPath, [BIN.inspect, ...args], {
    env: testEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const err: Buffer[] = [];
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  const done = collect(child);
  return { child, stderr: () => Buffer.concat(err).toString('utf8'), done };
}

/** Polls `condition` every 20 ms until it holds; fails after `ms` with `what`. */
export async function waitFor(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether `pid` is a running process (a zombie waiting to be reaped has ended). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** The pids a test server wrote with --pid-file (itself, then its child), once both are there. */
export async function readPids(file: string, count = 2): Promise<number[]> {
  let pids: number[] = [];
  await waitFor(() => {
    if (!existsSync(file)) return false;
    pids = readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
    return pids.length >= count;
  }, `${count} pids in ${file}`);
  return pids;
}

/**
 * The peak resident memory of a process, in MiB: the kernel's high-water mark (VmHWM),
 * sampled until the process exits (the mark only grows, so the last sample is the peak).
 */
export function trackPeakMemory(pid: number): () => number {
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 10);
  return () => {
    clearInterval(timer);
    sample();
    return Math.round(peakKb / 1024);
  };
}
