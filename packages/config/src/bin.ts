#!/usr/bin/env node
import { homedir } from 'node:os';
import { main } from './cli.js';
import type { StopReason } from './commands/context.js';

// A reader that goes away (`mcp-config list | head -1`) is not an error of ours: the rest of
// the output is dropped and the exit code stays the command's own (an add has written).
const open = { stdout: true, stderr: true };
const stopListeners = new Set<(reason: StopReason) => void>();
const stop = (reason: StopReason) => {
  for (const listener of [...stopListeners]) listener(reason);
};
const onInt = () => stop('SIGINT');
const onTerm = () => stop('SIGTERM');
const onHup = () => stop('SIGHUP');
for (const stream of ['stdout', 'stderr'] as const) {
  // EPIPE, or EIO once the terminal is gone (SIGHUP): an unwritable stream is never a crash.
  process[stream].on('error', () => {
    open[stream] = false;
    if (stream === 'stdout') stop('closed');
  });
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
  // Signals are caught only while a command listens (logs -f, doctor's servers); otherwise
  // Ctrl-C ends at once.
  onStop: (listener) => {
    if (stopListeners.size === 0) {
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      process.on('SIGHUP', onHup);
    }
    stopListeners.add(listener);
    return () => {
      stopListeners.delete(listener);
      if (stopListeners.size === 0) {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        process.off('SIGHUP', onHup);
      }
    };
  },
});
process.exitCode = code;
// Leave once output is flushed even if a handle lingers (the exit handler stops any server
// process group doctor may still have running).
setTimeout(() => process.exit(code), 3000).unref();
