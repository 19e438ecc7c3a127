import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run, testEnv } from './run.js';

/** The `initialize` request of the 2025 protocol era, which every template answers. */
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'mcpkit-e2e', version: '0.0.0' },
  },
});

/**
 * Build the wheel of a generated Python project (uv build, or pip wheel in its venv) into
 * `outDir` and return the top-level names it installs, sorted.
 */
export async function wheelTopLevel(
  projectDir: string,
  packageManager: 'uv' | 'pip',
  outDir: string,
): Promise<string[]> {
  const python = join(projectDir, '.venv/bin/python');
  const built =
    packageManager === 'uv'
      ? await run('uv', ['build', '--wheel', '--out-dir', outDir], {
          cwd: projectDir,
          env: testEnv(),
        })
      : await run(python, ['-m', 'pip', 'wheel', '--no-deps', '--wheel-dir', outDir, '.'], {
          cwd: projectDir,
          env: testEnv(),
        });
  expect(built.code, built.stdout + built.stderr).toBe(0);
  const wheels = readdirSync(outDir).filter((file) => file.endsWith('.whl'));
  expect(wheels).toHaveLength(1);
  const listing = await run(python, [
    '-c',
    'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
    join(outDir, wheels[0]!),
  ]);
  expect(listing.code, listing.stderr).toBe(0);
  const names = listing.stdout.split('\n').filter((line) => line !== '');
  return [...new Set(names.map((name) => name.split('/')[0]!))].sort();
}

/** Set the version in a generated project's pyproject.toml or package.json. */
export function setProjectVersion(
  projectDir: string,
  language: 'python' | 'typescript',
  version: string,
): void {
  if (language === 'typescript') {
    const file = join(projectDir, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    pkg.version = version;
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
    return;
  }
  const file = join(projectDir, 'pyproject.toml');
  const text = readFileSync(file, 'utf8');
  const updated = text.replace(/^version = "[^"]*"$/m, `version = "${version}"`);
  expect(updated).not.toBe(text);
  writeFileSync(file, updated);
}

/** How a stdio server ended after Ctrl-C: its exit code (or signal) and stderr. */
export interface InterruptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Start a stdio server as a terminal would (its own process group, stdin an open pipe),
 * wait until it has answered `initialize`, then send SIGINT to the whole group, as Ctrl-C
 * does. Resolves when the server has exited; rejects if it is still running after
 * `boundMs` (it is then killed).
 */
export async function interruptStdioServer(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; boundMs?: number },
): Promise<InterruptResult> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<InterruptResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  try {
    child.stdin.write(`${INITIALIZE}\n`);
    await Promise.race([
      new Promise<void>((resolve) => {
        const check = () => {
          if (/"id":\s*1\b/.test(stdout)) {
            child.stdout.off('data', check);
            resolve();
          }
        };
        child.stdout.on('data', check);
      }),
      exited.then((result) => {
        throw new Error(`server exited before answering initialize:\n${result.stderr}`);
      }),
    ]);
    process.kill(-child.pid!, 'SIGINT');
    const bound = options.boundMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`still running ${bound} ms after Ctrl-C:\n${stderr}`)),
        bound,
      );
    });
    return await Promise.race([exited, late]).finally(() => clearTimeout(timer));
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    child.stdin.destroy();
  }
}
