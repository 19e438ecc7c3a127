#!/usr/bin/env node
import { killTrackedGroups } from '@mcpkit/shared/process-group';
import { main } from './cli.js';
import { SIGNAL_NUMBERS } from './core/errors.js';

// SIGINT (Ctrl-C), SIGTERM and SIGHUP (terminal closed) all end a session the same way:
// requests are cancelled and the server's process group is stopped, then the exit code is
// 128 + the signal's number. A second signal, or a stop that takes too long, ends it all now.
const interrupt = new AbortController();
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(name, () => {
    const code = 128 + SIGNAL_NUMBERS[name];
    if (interrupt.signal.aborted) {
      killTrackedGroups();
      process.exit(code);
    }
    interrupt.abort(name);
    setTimeout(() => {
      killTrackedGroups();
      process.exit(code);
    }, 5000).unref();
  });
}

// A reader that goes away (`mcp-inspect tools | head -1`) is not an error of ours: the rest
// of the output is dropped and the exit code stays the command's own.
const open = { stdout: true, stderr: true };
for (const stream of ['stdout', 'stderr'] as const) {
  // EPIPE, or EIO once the terminal is gone (SIGHUP): an unwritable stream is never a crash.
  process[stream].on('error', () => (open[stream] = false));
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => void (open.stdout && process.stdout.write(text)),
  stderr: (text) => void (open.stderr && process.stderr.write(text)),
  env: process.env,
  cwd: process.cwd(),
  interrupt: interrupt.signal,
  terminal:
    process.stdin.isTTY && process.stdout.isTTY
      ? { stdin: process.stdin, stdout: process.stdout }
      : undefined,
});
process.exitCode = code;
// Output is flushed by letting the process end by itself; should anything still hold the
// event loop, leave anyway (the exit handler stops any server still running).
setTimeout(() => process.exit(code), 3000).unref();
