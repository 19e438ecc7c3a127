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

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => void (open.stdout && process.stdout.write(text)),
  stderr: (text) => void (open.stderr && process.stderr.write(text)),
  env: process.env,
  cwd: process.cwd(),
  homedir: homedir(),
  platform: process.platform,
});
