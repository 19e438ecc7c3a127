import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { expect } from 'vitest';
import type { FakeWeatherApi } from './fake-weather.js';

/** The two protocol eras and the version each must negotiate. */
export const ERAS = [
  { era: 'legacy', version: '2025-11-25' },
  { era: 'modern', version: '2026-07-28' },
] as const;
export type EraName = (typeof ERAS)[number]['era'];

function newClient(era: EraName): Client {
  return new Client(
    { name: 'mcpkit-e2e', version: '0.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
}

/** Connect the official SDK client to a server started over stdio. */
export async function connectStdio(
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd: string; era: EraName },
): Promise<{ client: Client; stderr: () => string }> {
  const client = newClient(options.era);
  const transport = new StdioClientTransport({
    command,
    args,
    env: options.env,
    cwd: options.cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await client.connect(transport, { timeout: 60_000 });
  return { client, stderr: () => stderr };
}

/** Connect the official SDK client over Streamable HTTP. */
export async function connectHttp(
  url: string,
  options: { era: EraName; token?: string },
): Promise<Client> {
  const client = newClient(options.era);
  const headers: Record<string, string> = options.token
    ? { Authorization: `Bearer ${options.token}` }
    : {};
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
    {
      timeout: 30_000,
    },
  );
  return client;
}

/**
 * What every generated weather server must do for a client: list both tools with
 * schemas, fetch a forecast through the fake API, read the codes resource, render the
 * prompt. `expectedVersion` is the protocol version the connection must have agreed on.
 */
export async function exerciseWeatherServer(
  client: Client,
  fake: FakeWeatherApi,
  expectedVersion: string,
): Promise<void> {
  expect(client.getNegotiatedProtocolVersion()).toBe(expectedVersion);

  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual(['get_forecast', 'get_weather']);
  for (const tool of tools) {
    expect(tool.description?.length).toBeGreaterThan(40);
    expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['latitude', 'longitude']),
    );
    expect(tool.outputSchema).toBeDefined();
  }

  const latitude = 10 + Math.round(Math.random() * 60);
  const before = fake.requests.length;
  const forecast = await client.callTool({
    name: 'get_forecast',
    arguments: { latitude, longitude: 11.5, days: 2 },
  });
  expect(forecast.isError ?? false).toBe(false);
  const structured = forecast.structuredContent as {
    days: { date: string; temperature_max_c: number; conditions: string }[];
  };
  expect(structured.days).toHaveLength(2);
  expect(structured.days[1]).toMatchObject({ date: '2026-11-25', temperature_max_c: latitude + 1 });
  expect(structured.days[0]?.conditions).toMatch(/rain/i);
  const sent = fake.requests.slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toContain(`latitude=${latitude}`);
  expect(sent[0]).toContain('forecast_days=2');

  const codes = await client.readResource({ uri: 'weather://codes' });
  const content = codes.contents[0] as { text?: string; mimeType?: string };
  expect(content.mimeType).toBe('application/json');
  expect(JSON.stringify(JSON.parse(content.text ?? ''))).toContain('Thunderstorm');

  const prompt = await client.getPrompt({
    name: 'forecast_briefing',
    arguments: { location: 'Trondheim' },
  });
  const text = JSON.stringify(prompt.messages);
  expect(text).toContain('Trondheim');
  expect(text).toContain('get_forecast');
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A server process started over HTTP, ready to take requests. */
export interface HttpServerProcess {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Start a generated server with `--transport http` and wait until it accepts requests. */
export async function startHttpServer(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<HttpServerProcess> {
  const port = await freePort();
  const child = spawn(command, [...args, '--transport', 'http', '--port', String(port)], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}/mcp`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not listen on ${url}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
