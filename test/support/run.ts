import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** What a finished process left behind. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The bytes exactly as written, for checks that text decoding would hide. */
  stdoutBytes: Buffer;
  stderrBytes: Buffer;
}

/** Run a command to completion, capturing its output; stdin is closed (no TTY). */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<RunResult> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
  return collect(child).finally(() => clearTimeout(timer));
}

/** Collects a spawned child's stdout and stderr (as piped) until it closes. */
export function collect(child: ChildProcess): Promise<RunResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(stdout);
      const stderrBytes = Buffer.concat(stderr);
      resolve({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stderr: stderrBytes.toString('utf8'),
        stdoutBytes,
        stderrBytes,
      });
    });
  });
}

/** Environment for a test child: the current one without CI-only noise, plus `extra`. */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.FORCE_COLOR;
  return env;
}
