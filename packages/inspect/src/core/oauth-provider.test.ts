import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorizationServerMismatchError } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OAuthClientSettings } from './oauth-provider.js';
import { InspectOAuthProvider } from './oauth-provider.js';
import { OAuthStore, type OAuthRecord } from './oauth-store.js';

const SERVER = 'https://mcp.example/mcp';
const REDIRECT = 'http://127.0.0.1:5000/callback';
const AS = { issuer: 'https://as.example' };
const OTHER_AS = { issuer: 'https://elsewhere.example' };
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'oauth-provider-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function provider(settings: Partial<OAuthClientSettings> = {}) {
  const store = new OAuthStore(SERVER, { homedir: home });
  const p = new InspectOAuthProvider({
    settings: { grant: 'authorization_code', ...settings },
    store,
    record: await store.load(),
    redirectUrl: REDIRECT,
    clientName: 'mcp-inspect',
    onAuthorizationUrl: () => Promise.resolve(),
  });
  const saved = () => JSON.parse(readFileSync(store.file, 'utf8')) as OAuthRecord;
  return { p, store, saved };
}

describe('InspectOAuthProvider and the SEP-2352 issuer binding', () => {
  it('keeps the discovery state for the callback leg, until it is invalidated', async () => {
    const { p } = await provider();
    expect(p.discoveryState()).toBeUndefined();
    const state = { authorizationServerUrl: 'https://as.example/' };
    p.saveDiscoveryState(state);
    expect(p.discoveryState()).toBe(state);
    await p.invalidateCredentials('discovery');
    expect(p.discoveryState()).toBeUndefined();
  });

  it('binds a pre-registered client to the first authorization server, storing no secret', async () => {
    const first = await provider({ clientId: 'pre-1', clientSecret: 'pre-secret-1' });
    expect(await first.p.clientInformation(AS)).toEqual({
      client_id: 'pre-1',
      client_secret: 'pre-secret-1',
      issuer: AS.issuer,
    });
    expect(first.saved().client).toEqual({ client_id: 'pre-1', issuer: AS.issuer });
    expect(readFileSync(first.store.file, 'utf8')).not.toContain('pre-secret-1');

    const next = await provider({ clientId: 'pre-1', clientSecret: 'pre-secret-1' });
    expect(await next.p.clientInformation({ issuer: `${AS.issuer}/` })).toMatchObject({
      issuer: AS.issuer,
    });
    // Never presented to another authorization server that the MCP server names.
    await expect(next.p.clientInformation(OTHER_AS)).rejects.toBeInstanceOf(
      AuthorizationServerMismatchError,
    );
    // Another pre-registered client starts its own binding.
    const other = await provider({ clientId: 'pre-2' });
    expect(await other.p.clientInformation(OTHER_AS)).toMatchObject({ issuer: OTHER_AS.issuer });
  });

  it('keeps the issuer the SDK stamps on registrations and tokens', async () => {
    const { p, saved } = await provider();
    await p.saveClientInformation({ client_id: 'dyn-1', issuer: AS.issuer });
    await p.saveTokens({ access_token: 'at-0123', token_type: 'Bearer', issuer: AS.issuer });
    expect(saved()).toMatchObject({
      client: { client_id: 'dyn-1', issuer: AS.issuer },
      tokens: { access_token: 'at-0123', issuer: AS.issuer },
      tokensClientId: 'dyn-1',
    });
    const again = await provider();
    expect(await again.p.clientInformation(AS)).toMatchObject({ issuer: AS.issuer });
    expect(await again.p.tokens(AS)).toMatchObject({ issuer: AS.issuer });
  });

  it('binds credentials cached without an issuer to the authorization server in use', async () => {
    await new OAuthStore(SERVER, { homedir: home }).save({
      serverUrl: SERVER,
      redirectUrl: REDIRECT,
      client: { client_id: 'dyn-old' },
      tokens: { access_token: 'at-old', token_type: 'Bearer' },
    });
    const { p, saved } = await provider();
    // The transport's per-request read has no issuer and changes nothing.
    expect(await p.tokens()).toEqual({ access_token: 'at-old', token_type: 'Bearer' });
    expect(await p.clientInformation(AS)).toEqual({ client_id: 'dyn-old', issuer: AS.issuer });
    expect(await p.tokens(AS)).toMatchObject({ issuer: AS.issuer });
    expect(saved()).toMatchObject({
      client: { issuer: AS.issuer },
      tokens: { issuer: AS.issuer },
    });
  });
});
