// The live check of url entries against real HTTP servers: server-everything over Streamable
// HTTP and legacy SSE in its own process, and small node:http endpoints for each failure (a
// closed port, a 401 with and without an OAuth challenge, 403, 404, a web page, a hang).
import type { ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemoteCheck } from '../packages/config/src/core/doctor/remote-check.js';
import type { LiveOutcome, RemotePlan } from '../packages/config/src/core/doctor/types.js';
import { makeSandbox } from './support/config-sandbox.js';
import { ROOT } from './support/paths.js';
import { startEverythingHttp } from './support/inspect.js';
import { freePort } from './support/mcp-client.js';

const TOKEN = 'sk-live-0123456789abcdef';

function plan(url: string, overrides: Partial<RemotePlan> = {}): RemotePlan {
  return {
    client: 'claude-code',
    name: 'remote',
    transport: 'http',
    url,
    headers: {},
    timeoutMs: 30_000,
    ...overrides,
  };
}

function codes(outcome: LiveOutcome): string[] {
  return outcome.findings.map((f) => f.code);
}

function finding(outcome: LiveOutcome, code: string) {
  const found = outcome.findings.find((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(outcome.findings)}`).toBeDefined();
  return found!;
}

const servers: ChildProcess[] = [];

const startEverything = (mode: 'streamableHttp' | 'sse') => startEverythingHttp(mode, servers);

/** What the walls saw: the headers of each request, by path. */
const seenHeaders = new Map<string, IncomingHttpHeaders>();
let walls: Server;
let wallsUrl: string;

function startWalls(): Promise<string> {
  walls = createServer((request, response) => {
    request.resume();
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    seenHeaders.set(path, request.headers);
    switch (path) {
      case '/oauth':
        response.writeHead(401, {
          'www-authenticate': `Bearer resource_metadata="${wallsUrl}/.well-known/oauth-protected-resource/oauth"`,
        });
        return response.end('{"error":"invalid_token"}');
      case '/key':
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="api"' });
        return response.end('unauthorized');
      case '/forbidden':
        response.writeHead(403).end('forbidden');
        return;
      case '/page':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end('<!doctype html><html><body><h1>Welcome</h1></body></html>');
      case '/hang':
        return; // accepts the request and never answers
      default:
        response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) =>
    walls.listen(0, '127.0.0.1', () => {
      const address = walls.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }),
  );
}

let streamable: string;
let sse: string;

beforeAll(async () => {
  const [streamablePort, ssePort, url] = await Promise.all([
    startEverything('streamableHttp'),
    startEverything('sse'),
    startWalls(),
  ]);
  streamable = `http://127.0.0.1:${streamablePort}/mcp`;
  sse = `http://127.0.0.1:${ssePort}/sse`;
  wallsUrl = url;
});

afterAll(async () => {
  servers.forEach((child) => child.kill());
  walls.closeAllConnections();
  await new Promise((resolve) => walls.close(resolve));
});

describe('runRemoteCheck against real servers', () => {
  it('connects over Streamable HTTP and counts the tools, sending the entry headers', async () => {
    const outcome = await runRemoteCheck(plan(streamable, { headers: { 'X-Team': 'blue' } }));
    expect(outcome).toMatchObject({
      connected: true,
      wire: 'streamable-http',
      serverName: 'mcp-servers/everything',
    });
    expect(outcome.tools).toBeGreaterThan(5);
    expect(codes(outcome)).toEqual(['connected']);
    expect(finding(outcome, 'connected').message).toMatch(
      /^connected in \d+ ms over Streamable HTTP: mcp-servers\/everything \S+, protocol 2025-\S+, \d+ tools$/,
    );
  });

  it('an http entry on a legacy SSE server connects through the fallback, with a warning', async () => {
    const outcome = await runRemoteCheck(plan(sse));
    expect(outcome).toMatchObject({ connected: true, wire: 'sse' });
    expect(codes(outcome)).toEqual(['sse-fallback', 'connected']);
    expect(finding(outcome, 'connected').message).toContain('over legacy SSE');
    expect(finding(outcome, 'sse-fallback').severity).toBe('warning');
    // VS Code falls back by design: only noted.
    const vscode = await runRemoteCheck(plan(sse, { client: 'vscode' }));
    expect(finding(vscode, 'sse-fallback').severity).toBe('info');
    // Marked as SSE, the same server is fine.
    const marked = await runRemoteCheck(plan(sse, { transport: 'sse' }));
    expect(codes(marked)).toEqual(['connected']);
  });

  it('a closed port is http-unreachable, and says nothing listens there', async () => {
    const port = await freePort();
    const outcome = await runRemoteCheck(plan(`http://127.0.0.1:${port}/mcp`));
    expect(outcome.connected).toBe(false);
    expect(codes(outcome)).toEqual(['http-unreachable']);
    const found = finding(outcome, 'http-unreachable');
    expect(found.severity).toBe('error');
    expect(found.message).toContain('ECONNREFUSED');
    expect(found.fix).toContain(`nothing listens on 127.0.0.1:${port}`);
  });

  it('a 401 with an OAuth challenge is the client sign-in, without a flow being started', async () => {
    const outcome = await runRemoteCheck(plan(`${wallsUrl}/oauth`));
    const found = finding(outcome, 'http-unauthorized');
    expect(found.severity).toBe('warning');
    expect(found.message).toContain('asks for sign-in');
    expect(found.fix).toBe(
      'run /mcp in Claude Code, pick "remote" and choose Authenticate (it opens the sign-in page)',
    );
    expect(seenHeaders.has('/.well-known/oauth-protected-resource/oauth')).toBe(false);
    // The same over legacy SSE.
    const overSse = await runRemoteCheck(plan(`${wallsUrl}/oauth`, { transport: 'sse' }));
    expect(codes(overSse)).toEqual(['http-unauthorized']);
    expect(finding(overSse, 'http-unauthorized').severity).toBe('warning');
    const gemini = await runRemoteCheck(
      plan(`${wallsUrl}/oauth`, { client: 'gemini-cli', name: 'notes' }),
    );
    expect(finding(gemini, 'http-unauthorized').fix).toBe(
      'run /mcp auth notes in Gemini CLI (it opens the sign-in page)',
    );
  });

  it('a 401 to a configured token names the header and never prints the token', async () => {
    const outcome = await runRemoteCheck(
      plan(`${wallsUrl}/key?api_key=${TOKEN}`, { headers: { Authorization: `Bearer ${TOKEN}` } }),
    );
    expect(seenHeaders.get('/key')?.authorization).toBe(`Bearer ${TOKEN}`);
    const found = finding(outcome, 'http-unauthorized');
    expect(found.severity).toBe('error');
    expect(found.message).toContain('to the Authorization header');
    expect(found.fix).toMatch(/^check the value of the Authorization header/);
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
    // Without credentials and without an OAuth challenge: an error naming both ways in.
    const bare = finding(await runRemoteCheck(plan(`${wallsUrl}/key`)), 'http-unauthorized');
    expect(bare.severity).toBe('error');
    expect(bare.fix).toMatch(/^add the header the server documents .* run \/mcp in Claude Code/);
  });

  it('403 is http-forbidden, 404 is http-status with the path advice', async () => {
    const forbidden = await runRemoteCheck(plan(`${wallsUrl}/forbidden`));
    expect(codes(forbidden)).toEqual(['http-forbidden']);
    const missing = await runRemoteCheck(plan(`${wallsUrl}/nothing-here`));
    expect(codes(missing)).toEqual(['http-status']);
    expect(finding(missing, 'http-status').message).toBe(
      `${wallsUrl}/nothing-here answered HTTP 404`,
    );
    expect(finding(missing, 'http-status').fix).toMatch(/usually at \/mcp/);
  });

  it('a web page is not-mcp', async () => {
    const outcome = await runRemoteCheck(plan(`${wallsUrl}/page`));
    expect(codes(outcome)).toEqual(['not-mcp']);
    expect(finding(outcome, 'not-mcp').message).toBe(
      `${wallsUrl}/page answers, but not as an MCP server (Unexpected content type: text/html; charset=utf-8)`,
    );
  });

  it('an endpoint that never answers is handshake-timeout at the client limit', async () => {
    const outcome = await runRemoteCheck(plan(`${wallsUrl}/hang`, { timeoutMs: 1500 }));
    expect(codes(outcome)).toEqual(['handshake-timeout']);
    expect(finding(outcome, 'handshake-timeout').message).toBe(
      "no answer to initialize within 1.5 s (Claude Code's limit)",
    );
  });

  it('aborting stops the check at once and says so', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = runRemoteCheck(plan(`${wallsUrl}/hang`), { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const outcome = await pending;
    expect(codes(outcome)).toEqual(['interrupted']);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('mcp-config doctor with url entries', () => {
  it('checks each url entry of Claude Code live, with the stdio ones, and masks the tokens', async () => {
    const box = makeSandbox();
    const port = await freePort();
    box.write(
      join(box.home, '.claude.json'),
      JSON.stringify({
        mcpServers: {
          local: {
            command: process.execPath,
            args: [join(ROOT, 'test/fixtures/doctor/healthy.mjs')],
          },
          everything: { type: 'http', url: streamable },
          closed: { type: 'http', url: `http://127.0.0.1:${port}/mcp?token=${TOKEN}` },
          keyed: {
            type: 'http',
            url: `${wallsUrl}/key`,
            headers: { Authorization: 'Bearer ${API_TOKEN}' },
          },
        },
      }),
    );
    const result = await box.cli(['doctor', '--client', 'claude-code', '--json'], {
      API_TOKEN: TOKEN,
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    const report = JSON.parse(result.stdout) as {
      servers: { name: string; status: string; findings: { code: string }[] }[];
    };
    const byName = Object.fromEntries(report.servers.map((s) => [s.name, s]));
    expect(byName.local?.findings.map((f) => f.code)).toContain('connected');
    expect(byName.everything?.status).toBe('ok');
    expect(byName.everything?.findings.map((f) => f.code)).toContain('connected');
    expect(byName.closed?.findings.map((f) => f.code)).toContain('http-unreachable');
    expect(byName.keyed?.findings.map((f) => f.code)).toContain('http-unauthorized');
    // The expanded header reached the server.
    expect(seenHeaders.get('/key')?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('Claude Desktop connects to no url entry (its config file does not run them)', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, JSON.stringify({ mcpServers: { everything: { url: streamable } } }));
    const result = await box.cli(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as {
      servers: { name: string; findings: { code: string }[]; live?: unknown }[];
    };
    // Its parser already refuses the entry, the way the app skips it.
    const codes = report.servers[0]?.findings.map((f) => f.code);
    expect(codes).toEqual(['invalid-entry']);
    expect(report.servers[0]?.live).toBeUndefined();
  });
});
