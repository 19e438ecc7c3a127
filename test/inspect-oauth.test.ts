import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  McpServer,
  OAuthError,
  OAuthErrorCode,
  oauthMetadataResponse,
  requireBearerAuth,
} from '@modelcontextprotocol/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspect } from './support/inspect.js';
import { BIN, makeTempDir } from './support/paths.js';
import { testEnv } from './support/run.js';

/**
 * A tiny authorization server (dynamic registration, PKCE authorization code that approves at
 * once, refresh) and an MCP server behind the SDK's bearer-auth gate, on one origin.
 */
class OAuthTestServer {
  readonly counts = { registrations: 0, authorizations: 0, codeGrants: 0, refreshGrants: 0 };
  /** Every secret handed out, to prove none reaches the terminal. */
  readonly issued: string[] = [];
  private readonly clients = new Map<string, { redirect_uris: string[] }>();
  private readonly codes = new Map<string, { challenge: string; clientId: string }>();
  private readonly accessTokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly refreshTokens = new Set<string>();
  private server!: Server;
  origin = '';

  get mcpUrl(): string {
    return `${this.origin}/mcp`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req)
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Make every access token invalid, as if they had expired. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  private issue(prefix: string): string {
    const value = `${prefix}-${randomBytes(18).toString('base64url')}`;
    this.issued.push(value);
    return value;
  }

  private async handle(req: IncomingMessage): Promise<Response> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(new URL(req.url!, this.origin), {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
    });
    const url = new URL(request.url);
    const metadata = oauthMetadataResponse(request, {
      resourceServerUrl: new URL(this.mcpUrl),
      dangerouslyAllowInsecureIssuerUrl: true,
      scopesSupported: ['mcp'],
      oauthMetadata: {
        issuer: `${this.origin}/`,
        authorization_endpoint: `${this.origin}/authorize`,
        token_endpoint: `${this.origin}/token`,
        registration_endpoint: `${this.origin}/register`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      },
    });
    if (metadata) return metadata;
    switch (url.pathname) {
      case '/register':
        return this.register(request);
      case '/authorize':
        return this.authorize(url);
      case '/token':
        return this.token(request);
      case '/mcp':
        return this.mcp(request);
    }
    return new Response('Not Found', { status: 404 });
  }

  private async register(request: Request): Promise<Response> {
    this.counts.registrations++;
    const body = (await request.json()) as { redirect_uris: string[] };
    const clientId = `client-${this.counts.registrations}`;
    this.clients.set(clientId, body);
    return Response.json({ ...body, client_id: clientId }, { status: 201 });
  }

  private authorize(url: URL): Response {
    this.counts.authorizations++;
    const q = url.searchParams;
    const client = this.clients.get(q.get('client_id') ?? '');
    const redirect = q.get('redirect_uri') ?? '';
    if (!client?.redirect_uris.includes(redirect) || q.get('code_challenge_method') !== 'S256')
      return new Response('bad authorization request', { status: 400 });
    const code = this.issue('code');
    this.codes.set(code, { challenge: q.get('code_challenge')!, clientId: q.get('client_id')! });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    if (q.get('state')) back.searchParams.set('state', q.get('state')!);
    return new Response(null, { status: 302, headers: { location: back.href } });
  }

  private async token(request: Request): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    const refuse = () => Response.json({ error: 'invalid_grant' }, { status: 400 });
    let clientId: string;
    if (form.get('grant_type') === 'authorization_code') {
      this.counts.codeGrants++;
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (!code || code.challenge !== challenge) return refuse();
      clientId = code.clientId;
    } else if (form.get('grant_type') === 'refresh_token') {
      this.counts.refreshGrants++;
      if (!this.refreshTokens.delete(form.get('refresh_token') ?? '')) return refuse();
      clientId = form.get('client_id') ?? '';
    } else {
      return Response.json({ error: 'unsupported_grant_type' }, { status: 400 });
    }
    const accessToken = this.issue('at');
    const refreshToken = this.issue('rt');
    this.accessTokens.set(accessToken, { clientId, expiresAt: Date.now() / 1000 + 3600 });
    this.refreshTokens.add(refreshToken);
    return Response.json({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: refreshToken,
      scope: 'mcp',
    });
  }

  private readonly gate = requireBearerAuth({
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL('http://x/mcp')),
    verifier: {
      verifyAccessToken: (token) => {
        const entry = this.accessTokens.get(token);
        if (!entry)
          return Promise.reject(new OAuthError(OAuthErrorCode.InvalidToken, 'unknown token'));
        return Promise.resolve({
          token,
          clientId: entry.clientId,
          scopes: ['mcp'],
          expiresAt: entry.expiresAt,
        });
      },
    },
  });

  private readonly handler = createMcpHandler(
    () => {
      const server = new McpServer({ name: 'oauth-test-server', version: '1.0.0' });
      server.registerTool('whoami', { description: 'Says hello to an authorized client' }, () => ({
        content: [{ type: 'text', text: 'hello, authorized client' }],
      }));
      return server;
    },
    { legacy: 'stateless' },
  );

  private async mcp(request: Request): Promise<Response> {
    const auth = await this.gate(request);
    if (auth instanceof Response) {
      // The gate was built before the port was known: point the challenge at this origin.
      const challenge = auth.headers.get('www-authenticate');
      const headers = new Headers(auth.headers);
      if (challenge)
        headers.set('www-authenticate', challenge.replace('http://x/', `${this.origin}/`));
      return new Response(auth.body, { status: auth.status, headers });
    }
    return this.handler.fetch(request, { authInfo: auth });
  }
}

const oauth = new OAuthTestServer();
let home: string;

beforeAll(() => oauth.start());
afterAll(() => oauth.stop());
beforeEach(() => {
  home = makeTempDir('inspect-oauth-home');
});

const run = (args: string[]) =>
  inspect([...args, '--url', oauth.mcpUrl], { env: { HOME: home, BROWSER: 'none' } });

/**
 * Start an interactive `--oauth` command and play the person: wait for the authorization URL
 * on stderr. The caller then lets a "browser" (fetch) follow it back to the loopback listener.
 */
async function startInteractive(args: string[]) {
  const child = spawn(
    process.execPath,
    [BIN.inspect, ...args, '--url', oauth.mcpUrl, '--oauth', '--oauth-timeout', '20000'],
    { env: testEnv({ HOME: home, BROWSER: 'none' }), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const authorizationUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL on stderr: ${stderr}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { authorizationUrl, exited, output: () => ({ stdout, stderr }) };
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function expectNoSecrets(text: string): void {
  for (const secret of oauth.issued) expect(text).not.toContain(secret);
}

describe('mcp-inspect --oauth against an OAuth-protected MCP server', () => {
  it('without --oauth: exits 3 and suggests --oauth', async () => {
    const result = await run(['tools']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('401');
    expect(result.stderr).toContain('--oauth');
  });

  it('headless: discovers, registers, authorizes with PKCE, lists tools and caches the tokens 0600', async () => {
    const before = { ...oauth.counts };
    const result = await run(['tools', '--json', '--oauth', '--oauth-headless']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tools: [{ name: 'whoami' }] });
    expect(oauth.counts.registrations - before.registrations).toBe(1);
    expect(oauth.counts.authorizations - before.authorizations).toBe(1);
    expectNoSecrets(result.stdout + result.stderr);

    const dir = join(home, '.mcpkit', 'oauth');
    const [file] = readdirSync(dir);
    expect(file).toBe(`${createHash('sha256').update(oauth.mcpUrl).digest('hex')}.json`);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);

    // The next one-shot command reuses the cached token: no registration, no authorization.
    const again = await run(['call', 'whoami', '--json', '--oauth', '--oauth-headless']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('hello, authorized client');
    expect(oauth.counts.registrations - before.registrations).toBe(1);
    expect(oauth.counts.authorizations - before.authorizations).toBe(1);

    // An expired access token is refreshed with the cached refresh token, still without a browser.
    oauth.expireAccessTokens();
    const refreshed = await run(['tools', '--oauth', '--oauth-timeout', '5000']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stdout).toContain('whoami');
    expect(oauth.counts.refreshGrants - before.refreshGrants).toBe(1);
    expect(oauth.counts.authorizations - before.authorizations).toBe(1);
    expectNoSecrets(again.stdout + again.stderr + refreshed.stdout + refreshed.stderr);

    const logout = await inspect(['logout', '--url', oauth.mcpUrl], { env: { HOME: home } });
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain('Forgot the OAuth tokens');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('interactive: prints the authorization URL and finishes when the browser comes back to the loopback listener', async () => {
    const { authorizationUrl, exited, output } = await startInteractive(['call', 'whoami']);
    const landing = await fetch(authorizationUrl);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('mcp-inspect is authorized');
    expect(await exited).toBe(0);
    const { stdout, stderr } = output();
    expect(stdout).toContain('hello, authorized client');
    expect(stderr).toContain('Authorize mcp-inspect in your browser');
    expectNoSecrets(stdout + stderr);
  });

  it('interactive --json: a forged callback is refused and the login goes on; stdout is one JSON document, the URL is on stderr', async () => {
    const { authorizationUrl, exited, output } = await startInteractive(['tools', '--json']);
    const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri')!;
    const forged = await fetch(`${redirectUri}?code=forged&state=not-ours`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('not started here');
    const landing = await fetch(authorizationUrl);
    expect(await landing.text()).toContain('mcp-inspect is authorized');
    expect(await exited).toBe(0);
    const { stdout, stderr } = output();
    expect(JSON.parse(stdout)).toMatchObject({ tools: [{ name: 'whoami' }] });
    expect(stderr).toBe(
      `Authorize mcp-inspect in your browser (waiting up to 20 s):\n  ${authorizationUrl}\n`,
    );
  });

  it('--json: stdout is exactly one JSON document and the SDK prints no warnings', async () => {
    const result = await run(['tools', '--json', '--oauth', '--oauth-headless']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tools: [{ name: 'whoami' }] });
    expect(result.stderr).toBe('');
    // The cached tokens carry the issuer they were issued by, so a second run reads them stamped.
    const again = await run(['tools', '--json', '--oauth', '--oauth-headless']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('--json with a pre-registered client: no SDK warnings either', async () => {
    const port = await freePort();
    const registered = await fetch(`${oauth.origin}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [`http://127.0.0.1:${port}/callback`] }),
    });
    const { client_id: clientId } = (await registered.json()) as { client_id: string };
    const args = ['--oauth', '--oauth-headless', '--oauth-client-id', clientId];
    args.push('--oauth-redirect-port', String(port));
    const result = await run(['tools', '--json', ...args]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tools: [{ name: 'whoami' }] });
    expect(result.stderr).not.toContain('[mcp-sdk]');
    const again = await run(['tools', '--json', ...args]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('[mcp-sdk]');

    // The client is now bound to this authorization server: one the MCP server names later
    // (here: a cache that says the binding is elsewhere) never gets its credentials.
    const dir = join(home, '.mcpkit', 'oauth');
    const file = join(dir, readdirSync(dir)[0]!);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { client: { issuer: string } };
    expect(record.client).toEqual({ client_id: clientId, issuer: `${oauth.origin}/` });
    record.client.issuer = 'https://as.elsewhere.example/';
    writeFileSync(file, JSON.stringify(record));
    oauth.expireAccessTokens();
    const before = { ...oauth.counts };
    const moved = await run(['tools', '--json', ...args]);
    expect(moved.code).toBe(3);
    expect(moved.stderr).toContain('Authorization server mismatch');
    expect(oauth.counts).toEqual(before);
  });

  it('interactive: gives up with exit 4 when nobody comes back in time', async () => {
    const result = await run(['tools', '--oauth', '--oauth-timeout', '500']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/Authorization timed out/);
  });

  it('refuses --oauth for a stdio server and unknown combinations (exit 2)', async () => {
    const stdio = await inspect(['tools', '--oauth', '--', process.execPath, '-e', '0'], {
      env: { HOME: home },
    });
    expect(stdio.code).toBe(2);
    expect(stdio.stderr).toContain('--oauth is for HTTP servers');
    const orphan = await run(['tools', '--oauth-headless']);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('needs --oauth');
    const both = await run(['tools', '--oauth', '--bearer', 'x']);
    expect(both.code).toBe(2);
  });
});
