#!/usr/bin/env node
import { homedir } from 'node:os';
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  homedir: homedir(),
  platform: process.platform,
});
