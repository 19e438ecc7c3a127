#!/usr/bin/env node
// Reference backend for the conformance dispatcher: the same per-scenario plans as client.mjs
// (scenarios.mjs), but each one-shot operation is a fresh connection of the plain official SDK
// client (@modelcontextprotocol/client, resolved from the repo's node_modules) instead of an
// `mcp-inspect` process. It shows what a plain SDK client passes, i.e. the bar for mcp-inspect.
// Usage (by the conformance runner): node conformance/reference-client.mjs <server-url>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  Client,
  ClientCredentialsProvider,
  PrivateKeyJwtProvider,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import { MODERN, runScenario } from './scenarios.mjs';

const log = (...a) => process.stderr.write(`[reference] ${a.join(' ')}\n`);

/** Content for an accepted form elicitation: the schema defaults (SEP-1034), or a given object. */
function elicitAnswer(mode, params) {
  if (mode === 'decline') return { action: 'decline' };
  if (typeof mode === 'object' && mode.json)
    return { action: 'accept', content: JSON.parse(readFileSync(mode.json, 'utf8')) };
  const content = {};
  for (const [k, p] of Object.entries(params.requestedSchema?.properties ?? {}))
    if (p.default !== undefined) content[k] = p.default;
  return { action: 'accept', content };
}

/** Headless OAuth client for the conformance auth server, which approves at once. */
class HeadlessOAuthProvider {
  constructor(opts) {
    this.opts = opts;
    this.redirectUrl = 'http://localhost:3000/callback';
    this.clientMetadata = {
      client_name: 'mcpkit-conformance-reference',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: opts.clientSecret ? 'client_secret_basic' : 'none',
    };
    this.clientMetadataUrl = opts.clientId ? undefined : opts.clientMetadataUrl;
    if (opts.clientId)
      this._client = {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [this.redirectUrl],
      };
  }
  clientInformation() {
    return this._client;
  }
  saveClientInformation(info) {
    this._client = info;
  }
  tokens() {
    return this._tokens;
  }
  saveTokens(t) {
    this._tokens = t;
  }
  saveCodeVerifier(v) {
    this._verifier = v;
  }
  codeVerifier() {
    return this._verifier;
  }
  invalidateCredentials(scope) {
    this._tokens = undefined;
    if (scope === 'all' && !this.opts.clientId) this._client = undefined;
  }
  async redirectToAuthorization(authorizationUrl) {
    log('authorize', authorizationUrl.href);
    const res = await fetch(authorizationUrl, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (!location)
      throw new Error(`authorization endpoint answered ${res.status} without a redirect`);
    this.callback = new URL(location).searchParams;
  }
}

function authProviderFor(oauth) {
  if (oauth.grant === 'client_credentials')
    return oauth.privateKeyPem
      ? new PrivateKeyJwtProvider({
          clientId: oauth.clientId,
          privateKey: oauth.privateKeyPem,
          algorithm: oauth.signingAlgorithm || 'ES256',
        })
      : new ClientCredentialsProvider({
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
        });
  return new HeadlessOAuthProvider(oauth);
}

async function open(url, o, authProvider, holder = {}) {
  const capabilities = {};
  if (o.elicit)
    capabilities.elicitation = { form: { applyDefaults: o.elicit === 'accept-defaults' } };
  if (o.sample) capabilities.sampling = {};
  if (o.root) capabilities.roots = {};
  const era = o.era ?? 'legacy';
  const client = new Client(
    { name: 'mcpkit-conformance-reference', version: '0.1.0' },
    { capabilities, versionNegotiation: { mode: era === 'modern' ? { pin: MODERN } : era } },
  );
  if (o.elicit)
    client.setRequestHandler('elicitation/create', async (req) => {
      log('elicitation/create', JSON.stringify(req.params));
      return elicitAnswer(o.elicit, req.params);
    });
  if (o.sample)
    client.setRequestHandler('sampling/createMessage', async () =>
      o.sample === 'decline'
        ? Promise.reject(new Error('sampling declined'))
        : {
            role: 'assistant',
            model: 'mcpkit-conformance',
            content: { type: 'text', text: o.sample.replace(/^reply:/, '') },
          },
    );
  if (o.root)
    client.setRequestHandler('roots/list', async () => ({
      roots: [{ uri: pathToFileURL(resolve(o.root)).href, name: o.root }],
    }));
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: o.headers ? { headers: o.headers } : undefined,
    authProvider,
  });
  holder.transport = transport;
  holder.client = client;
  await client.connect(transport);
  return { client, transport };
}

/** One connection per operation, like one `mcp-inspect` invocation. */
function makeOps(url) {
  const once = async (o, fn) => {
    const authProvider = o.oauth ? authProviderFor(o.oauth) : undefined;
    // Authorization-code flow: a 401 (or 403 insufficient_scope) makes the SDK call
    // redirectToAuthorization and throw UnauthorizedError; finish with the callback params and
    // start over with the same provider (a bounded number of times, for step-up).
    for (let attempt = 0; ; attempt++) {
      const session = {};
      try {
        await open(url, o, authProvider, session);
        return await fn(session.client);
      } catch (e) {
        if (!(e instanceof UnauthorizedError) || !authProvider?.callback || attempt >= 2) throw e; // at most 3 authorizations (auth/scope-retry-limit)
        log('finishing authorization, attempt', attempt + 1);
        const params = authProvider.callback;
        authProvider.callback = undefined;
        await session.transport.finishAuth(params);
      } finally {
        await session.client?.close().catch(() => {});
      }
    }
  };
  const listAll = async (client, method, key) => {
    const items = [];
    let cursor;
    do {
      const page = await client[method](cursor ? { cursor } : undefined);
      items.push(...page[key]);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const show = (label, value) => log(label, JSON.stringify(value).slice(0, 400));
  return {
    info: (o) => once(o, async (c) => c.getServerVersion?.()),
    ping: (o) => once(o, (c) => c.ping()),
    // call lists tools first in the same session, as mcp-inspect's `call` should: the SDK needs the
    // tool's inputSchema (x-mcp-header annotations, SEP-2243) to build Mcp-Param-* headers.
    tools: (o) =>
      once(o, async (c) => {
        const t = await listAll(c, 'listTools', 'tools');
        show(
          'tools',
          t.map((x) => x.name),
        );
        return t;
      }),
    resources: (o) => once(o, async (c) => listAll(c, 'listResources', 'resources')),
    prompts: (o) => once(o, async (c) => listAll(c, 'listPrompts', 'prompts')),
    call: (name, args, o) =>
      once(o, async (c) => {
        await listAll(c, 'listTools', 'tools');
        const r = await c.callTool({ name, arguments: args });
        show(`call ${name}`, r);
        return r;
      }),
    read: (uri, o) => once(o, async (c) => c.readResource({ uri })),
    prompt: (name, args, o) => once(o, async (c) => c.getPrompt({ name, arguments: args })),
  };
}

try {
  const url = process.argv[process.argv.length - 1];
  await runScenario(makeOps(url));
  process.exit(0);
} catch (e) {
  log('FAILED:', e?.stack ?? e);
  process.exit(1);
}
