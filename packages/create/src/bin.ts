#!/usr/bin/env node
import { homedir } from 'node:os';
import { main } from './cli.js';
import { findOnPath, isExecutableFile } from '@mcpkit/shared/which';
import { execaRunner } from './core/runner.js';

const env = process.env;
process.exitCode = await main(process.argv.slice(2), {
  output: {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
  environment: {
    cwd: process.cwd(),
    env,
    platform: process.platform,
    which: (command) =>
      findOnPath(command, {
        env,
        platform: process.platform,
        isExecutable: (file) => isExecutableFile(file, process.platform),
      }),
    homedir: homedir(),
  },
  runner: execaRunner,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  nodePath: process.execPath,
});
