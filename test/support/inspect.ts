import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './mcp-client.js';
import { BIN, ROOT } from './paths.js';
import { run, testEnv, type RunResult } from './run.js';

/** server-everything's entry point, run with this Node. */
export const EVERYTHING = join(
  ROOT,
  'node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
export const FILESYSTEM = join(
  ROOT,
  'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js',
);
export const MEMORY = join(ROOT, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');
export const TEST_SERVER = join(ROOT, 'test/fixtures/test-server.mjs');

/** Run the built mcp-inspect with `args`; stdin is closed, output captured. */
export function inspect(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return run(process.execPath, [BIN.inspect, ...args], {
    env: testEnv(options.env),
    cwd: options.cwd,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
}

/** Run mcp-inspect with --json and parse stdout, insisting on exactly one JSON document. */
export async function inspectJson<T = Record<string, unknown>>(
  args: string[],
  options: Parameters<typeof inspect>[1] = {},
): Promise<{ result: RunResult; json: T }> {
  const [command, ...rest] = args;
  const result = await inspect([command!, '--json', ...rest], options);
  if (result.code !== 0)
    throw new Error(`mcp-inspect ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return { result, json: JSON.parse(result.stdout) as T };
}

/**
 * Starts server-everything over HTTP (`streamableHttp` or `sse`) in its own process, added to
 * `children` (the caller kills them); resolves with its port once it answers.
 */
export async function startEverythingHttp(
  mode: 'streamableHttp' | 'sse',
  children: ChildProcess[],
): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  children.push(child);
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return port;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`server-everything ${mode} did not start`);
}
