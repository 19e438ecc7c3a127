#!/usr/bin/env node
import { main } from './cli.js';

const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  // A second Ctrl-C leaves at once.
  process.once('SIGINT', () => process.exit(130));
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  interrupt: interrupt.signal,
});
process.exitCode = code;
// Output is flushed by letting the process end by itself; should anything still hold
// the event loop (a server that ignores signals), leave anyway.
setTimeout(() => process.exit(code), 3000).unref();
