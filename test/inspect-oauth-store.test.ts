import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectError } from '@mcpkit/shared/connection';
import { UnauthorizedError } from '@modelcontextprotocol/client';
import { describe, expect, it, vi } from 'vitest';
import {
  CallbackTimeoutError,
  followAuthorization,
  LoopbackCallback,
  openBrowser,
} from '../packages/inspect/src/core/oauth-callback.js';
import { InspectOAuthProvider } from '../packages/inspect/src/core/oauth-provider.js';
import {
  oauthDir,
  OAuthStore,
  type OAuthRecord,
} from '../packages/inspect/src/core/oauth-store.js';
import { authorizationFinisher } from '../packages/inspect/src/core/oauth.js';
import { makeTempDir } from './support/paths.js';

const URL_A = 'https://mcp.example.com/mcp';
const TOKENS = { access_token: 'access-0123456789', token_type: 'Bearer', refresh_token: 'rt-xyz' };

describe('OAuthStore', () => {
  it('keeps one 0600 file per server URL, named by its SHA-256, in a 0700 directory', async () => {
    const home = makeTempDir('oauth-store');
    // An existing, too open directory is tightened.
    mkdirSync(oauthDir(home), { recursive: true, mode: 0o755 });
    chmodSync(oauthDir(home), 0o755);
    const store = new OAuthStore(URL_A, { homedir: home });
    expect(store.file).toBe(
      join(home, '.mcpkit', 'oauth', `${createHash('sha256').update(URL_A).digest('hex')}.json`),
    );
    expect(await store.load()).toEqual({ serverUrl: URL_A });
    await store.save({ serverUrl: URL_A, tokens: TOKENS, tokensClientId: 'c1' });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(oauthDir(home)).mode & 0o777).toBe(0o700);
    expect(await store.load()).toMatchObject({ tokens: TOKENS, tokensClientId: 'c1' });
    // Another server URL is another file.
    expect(await new OAuthStore(`${URL_A}/other`, { homedir: home }).load()).toEqual({
      serverUrl: `${URL_A}/other`,
    });
  });

  it('treats a damaged or foreign file as empty, and clear() forgets', async () => {
    const home = makeTempDir('oauth-store');
    const store = new OAuthStore(URL_A, { homedir: home });
    await store.save({ serverUrl: URL_A, tokens: TOKENS });
    writeFileSync(store.file, '{not json');
    expect(await store.load()).toEqual({ serverUrl: URL_A });
    writeFileSync(
      store.file,
      JSON.stringify({ serverUrl: 'https://evil.example/', tokens: TOKENS }),
    );
    expect((await store.load()).tokens).toBeUndefined();
    await store.save({ serverUrl: URL_A, tokens: TOKENS });
    expect(await store.clear()).toBe(true);
    expect(await store.clear()).toBe(false);
  });
});

function provider(
  settings: Partial<ConstructorParameters<typeof InspectOAuthProvider>[0]['settings']>,
  record: Partial<OAuthRecord> = {},
  redirectUrl: string | undefined = 'http://127.0.0.1:5000/callback',
) {
  const home = makeTempDir('oauth-provider');
  const store = new OAuthStore(URL_A, { homedir: home });
  const p = new InspectOAuthProvider({
    settings: { grant: 'authorization_code', ...settings },
    store,
    record: { serverUrl: URL_A, ...record },
    redirectUrl,
    clientName: 'mcp-inspect',
    onAuthorizationUrl: () => Promise.resolve(),
  });
  return { p, store };
}

describe('InspectOAuthProvider', () => {
  it('persists a dynamic registration and tokens, and remembers them as secrets', async () => {
    const { p, store } = provider({});
    expect(await p.clientInformation()).toBeUndefined();
    expect(p.clientMetadata).toMatchObject({
      redirect_uris: ['http://127.0.0.1:5000/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    await p.saveClientInformation({ client_id: 'dyn-1', client_secret: 'dyn-secret-1' });
    await p.saveTokens(TOKENS);
    const saved = JSON.parse(readFileSync(store.file, 'utf8')) as OAuthRecord;
    expect(saved).toMatchObject({
      client: { client_id: 'dyn-1' },
      tokens: TOKENS,
      tokensClientId: 'dyn-1',
      redirectUrl: 'http://127.0.0.1:5000/callback',
    });
    expect([...p.secrets()]).toEqual(
      expect.arrayContaining(['dyn-secret-1', 'access-0123456789', 'rt-xyz']),
    );
    await p.invalidateCredentials('tokens');
    expect(await p.tokens()).toBeUndefined();
  });

  it('drops a registration made for another redirect URI, and tokens of another client', async () => {
    const moved = provider(
      {},
      { client: { client_id: 'dyn-1' }, redirectUrl: 'http://127.0.0.1:4000/callback' },
    );
    expect(await moved.p.clientInformation()).toBeUndefined();
    const other = provider({ clientId: 'pre-2' }, { tokens: TOKENS, tokensClientId: 'dyn-1' });
    expect(await other.p.tokens()).toBeUndefined();
    expect(await other.p.clientInformation()).toEqual({
      client_id: 'pre-2',
      client_secret: undefined,
      issuer: undefined,
    });
    const same = provider({ clientId: 'pre-2' }, { tokens: TOKENS, tokensClientId: 'pre-2' });
    expect(await same.p.tokens()).toEqual(TOKENS);
  });

  it('client_credentials: no redirect, its own grant, secret or private_key_jwt', () => {
    const basic = provider(
      { grant: 'client_credentials', clientId: 'm2m', clientSecret: 'm2m-secret' },
      {},
      undefined,
    ).p;
    expect(basic.redirectUrl).toBeUndefined();
    expect(basic.clientMetadata).toMatchObject({
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(basic.prepareTokenRequest('read')?.toString()).toBe(
      'grant_type=client_credentials&scope=read',
    );
    expect([...basic.secrets()]).toContain('m2m-secret');
    const jwt = provider(
      { grant: 'client_credentials', clientId: 'm2m', privateKey: 'PEM', privateKeyAlg: 'ES256' },
      {},
      undefined,
    ).p;
    expect(jwt.clientMetadata.token_endpoint_auth_method).toBe('private_key_jwt');
    expect(jwt.addClientAuthentication).toBeTypeOf('function');
    expect(provider({}).p.prepareTokenRequest()).toBeUndefined();
  });

  it('hands each authorization its own state', () => {
    const { p } = provider({});
    expect(p.state()).not.toBe(p.state());
    expect(() => p.codeVerifier()).toThrow(/PKCE/);
  });
});

describe('authorization callback', () => {
  it('the loopback listener hands over the callback query and answers other paths 404', async () => {
    const loopback = await LoopbackCallback.start();
    try {
      expect(loopback.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect((await fetch(new URL('/favicon.ico', loopback.redirectUrl))).status).toBe(404);
      loopback.expect('s1');
      const waiting = loopback.next(5000);
      const page = await fetch(`${loopback.redirectUrl}?code=c0de&state=s1`);
      expect(page.status).toBe(200);
      const params = await waiting;
      expect(params.get('code')).toBe('c0de');
      expect(params.get('state')).toBe('s1');
      await expect(loopback.next(50)).rejects.toBeInstanceOf(CallbackTimeoutError);
    } finally {
      await loopback.close();
    }
  });

  it('headless: follows redirects until the redirect URI, and needs a server that approves at once', async () => {
    const hops: Record<string, () => Response> = {
      'https://as.example/authorize?x=1': () =>
        new Response(null, { status: 302, headers: { location: '/login/approve' } }),
      'https://as.example/login/approve': () =>
        new Response(null, {
          status: 303,
          headers: { location: 'http://127.0.0.1:5000/callback?code=abc&iss=https%3A%2F%2Fas' },
        }),
      'https://as.example/login': () => new Response('<form>', { status: 200 }),
    };
    const fakeFetch = vi.fn((url: URL | string) =>
      Promise.resolve(hops[String(url)]!()),
    ) as unknown as typeof fetch;
    const params = await followAuthorization(
      new URL('https://as.example/authorize?x=1'),
      'http://127.0.0.1:5000/callback',
      fakeFetch,
    );
    expect(Object.fromEntries(params)).toEqual({ code: 'abc', iss: 'https://as' });
    await expect(
      followAuthorization(
        new URL('https://as.example/login'),
        'http://127.0.0.1:5000/callback',
        fakeFetch,
      ),
    ).rejects.toThrow(/needs a person/);
  });

  it('opens the browser the platform way, $BROWSER when set, nothing for BROWSER=none', () => {
    const launched: string[][] = [];
    const launch = (command: string, args: string[]) => void launched.push([command, ...args]);
    const url = 'https://as.example/authorize?a=1&b=2';
    openBrowser(url, { platform: 'linux', env: {}, launch });
    openBrowser(url, { platform: 'darwin', env: {}, launch });
    openBrowser(url, { platform: 'win32', env: {}, launch });
    openBrowser(url, { platform: 'linux', env: { BROWSER: 'firefox' }, launch });
    expect(openBrowser(url, { platform: 'linux', env: { BROWSER: 'none' }, launch })).toBe(false);
    expect(launched).toEqual([
      ['xdg-open', url],
      ['open', url],
      ['rundll32', 'url.dll,FileProtocolHandler', url],
      ['firefox', url],
    ]);
  });

  it('finishes on the transport that saw the challenge', () => {
    const onFailed = vi.fn(() => Promise.resolve());
    const onOpen = vi.fn(() => Promise.resolve());
    const refused = new ConnectError('unauthorized', 'x', { finishAuth: onFailed });
    expect(authorizationFinisher(new Error('wrapped', { cause: refused }))).toBe(onFailed);
    const stepUp = new Error('calling failed', { cause: new UnauthorizedError() });
    expect(authorizationFinisher(stepUp, { finishAuth: onOpen })).toBe(onOpen);
    expect(authorizationFinisher(new Error('other'), { finishAuth: onOpen })).toBeUndefined();
  });
});
