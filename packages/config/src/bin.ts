#!/usr/bin/env node
import { homedir } from 'node:os';
import { main } from './cli.js';

// A reader that goes away (`mcp-config list | head -1`) is not an error of ours: the rest of
// the output is dropped and the exit code stays the command's own (an add has written).
const open = { stdout: true, stderr: true };
for (const stream of ['stdout', 'stderr'] as const) {
  // EPIPE, or EIO once the terminal is gone (SIGHUP): an unwritable stream is never a crash.
  process[stream].on('error', () => (open[stream] = false));
}

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
let interrupt: AbortController | undefined;

/**
 * For doctor and logs -f: the first SIGINT, SIGTERM or SIGHUP aborts the signal (servers are
 * stopped, watchers closed, the command returns); a second one, or a stop that takes more
 * than 5 s, ends the process at once with 128 + the signal's number (the exit handler still
 * stops every server's process group).
 */
function takeOverSignals(): AbortSignal {
  if (interrupt) return interrupt.signal;
  const controller = new AbortController();
  interrupt = controller;
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(name, () => {
      const code = 128 + SIGNAL_NUMBERS[name];
      if (controller.signal.aborted) process.exit(code);
      controller.abort(name);
      setTimeout(() => process.exit(code), 5000).unref();
    });
  }
  return controller.signal;
}

/** One line from the terminal (for --fix's question); undefined at end of input. */
async function ask(question: string): Promise<string | undefined> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => void (open.stdout && process.stdout.write(text)),
  stderr: (text) => void (open.stderr && process.stderr.write(text)),
  env: process.env,
  cwd: process.cwd(),
  homedir: homedir(),
  platform: process.platform,
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdin.isTTY && process.stderr.isTTY ? { ask } : {}),
  interrupt: takeOverSignals,
});
process.exitCode = code;
if (interrupt) {
  // Servers were started: leave once output is flushed even if a handle lingers (the exit
  // handler stops any process group still running).
  setTimeout(() => process.exit(code), 3000).unref();
}
