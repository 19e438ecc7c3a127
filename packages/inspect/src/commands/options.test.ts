import { describe, expect, it } from 'vitest';
import { InspectError } from '../core/errors.js';
import {
  parseConnection,
  parseOAuthOptions,
  parseServerUrl,
  parseSessionOptions,
  type InspectFlags,
} from './options.js';

const STDIO = ['node', 'server.js'];

/** The usage error `run` throws (exit 2), for asserting its message and hint. */
function usageErrorOf(run: () => unknown): InspectError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InspectError);
    expect((error as InspectError).exitCode).toBe(2);
    return error as InspectError;
  }
  throw new Error('expected a usage error');
}

describe('parseConnection', () => {
  it('turns the flags into typed options with the defaults filled in', () => {
    const options = parseConnection(STDIO, {
      env: ['A=1', 'B=x=y'],
      header: ['X-Trace: on'],
      cwd: 'srv',
    });
    expect(options).toEqual({
      command: STDIO,
      url: undefined,
      sse: false,
      headers: { 'X-Trace': 'on' },
      bearer: undefined,
      env: { A: '1', B: 'x=y' },
      cwd: 'srv',
      server: undefined,
      client: undefined,
      config: undefined,
      era: 'legacy',
      eraIsDefault: true,
      timeoutMs: 30000,
      maxTimeMs: undefined,
      maxMessageBytes: 64 * 1024 * 1024,
    });
  });

  it('keeps a chosen era as chosen, so that no fallback applies', () => {
    expect(parseConnection(STDIO, { era: 'legacy' })).toMatchObject({
      era: 'legacy',
      eraIsDefault: false,
    });
    expect(parseConnection(STDIO, { era: 'modern' }).era).toBe('modern');
  });

  it('wants exactly one server', () => {
    expect(usageErrorOf(() => parseConnection([], {})).message).toBe('No server given.');
    expect(
      usageErrorOf(() => parseConnection(STDIO, { url: 'http://127.0.0.1/mcp' })).message,
    ).toMatch(/Give one server/);
    expect(
      usageErrorOf(() => parseConnection([], { url: 'http://x/mcp', server: 'memory' })).message,
    ).toMatch(/Give one server/);
  });

  it.each<[string, InspectFlags, RegExp]>([
    ['a zero timeout', { timeout: '0' }, /--timeout must be a positive number/],
    ['a fractional timeout', { timeout: '1.5' }, /--timeout must be a positive number/],
    ['a bad max time', { maxTime: 'soon' }, /--max-time must be a positive number/],
    ['a bad size', { maxSize: 'big' }, /--max-size must be a size/],
    ['an unknown client', { client: 'emacs' }, /Unknown client "emacs"/],
    ['an unknown era', { era: 'future' }, /Unknown --era "future"/],
    ['a header without a colon', { header: ['Authorization Bearer x'] }, /Bad --header/],
    ['an env pair without =', { env: ['TOKEN'] }, /Bad --env "TOKEN"/],
  ])('refuses %s', (_label, flags, message) => {
    expect(usageErrorOf(() => parseConnection(STDIO, flags)).message).toMatch(message);
  });

  it('reads sizes and times', () => {
    expect(
      parseConnection(STDIO, { timeout: '500', maxTime: '9000', maxSize: '512KiB' }),
    ).toMatchObject({ timeoutMs: 500, maxTimeMs: 9000, maxMessageBytes: 512 * 1024 });
  });
});

describe('parseServerUrl', () => {
  it('accepts http and https endpoints in their normal form', () => {
    expect(parseServerUrl('http://127.0.0.1:8000/mcp')).toBe('http://127.0.0.1:8000/mcp');
    expect(parseServerUrl('HTTPS://Example.com')).toBe('https://example.com/');
  });

  it('says that a URL without a scheme needs one, and suggests http://', () => {
    for (const [given, suggested] of [
      ['localhost:8000/mcp', 'http://localhost:8000/mcp'],
      ['127.0.0.1:3000', 'http://127.0.0.1:3000'],
      ['example.com/mcp', 'http://example.com/mcp'],
    ]) {
      const error = usageErrorOf(() => parseServerUrl(given!));
      expect(error.message).toBe(`--url "${given}" has no scheme.`);
      expect(error.hint).toBe(`Did you mean --url ${suggested} ?`);
    }
  });

  it('names a wrong scheme without its colon, and refuses what is no URL', () => {
    expect(usageErrorOf(() => parseServerUrl('ftp://x/mcp')).message).toBe(
      '--url must be http or https, not ftp.',
    );
    expect(usageErrorOf(() => parseServerUrl('not a url')).message).toBe(
      '--url "not a url" is not a URL.',
    );
  });
});

describe('parseSessionOptions', () => {
  const files: Record<string, string> = {
    '/d/answers.json': '{"name":"Ada"}',
    '/d/list.json': '[1]',
  };
  const context = (cwd = '/work') => ({
    cwd,
    env: {},
    readText: (file: string) =>
      file in files ? Promise.resolve(files[file]!) : Promise.reject(new Error('ENOENT')),
  });

  it('fills in the policies: roots resolved against cwd, decline by default', async () => {
    const options = await parseSessionOptions(STDIO, { root: ['a', '/abs'] }, context('/p'));
    expect(options.policies).toEqual({
      elicit: { kind: 'decline' },
      sample: { kind: 'decline' },
      roots: ['/p/a', '/abs'],
    });
    expect(options.output).toEqual({ json: false, serverStderr: false });
    expect(options.oauth).toBeUndefined();
  });

  it('reads --elicit json:FILE now, and refuses a file that holds no JSON object', async () => {
    const dir = '/d';
    const options = await parseSessionOptions(
      STDIO,
      { elicit: 'json:answers.json', sample: 'reply:sunny' },
      context(dir),
    );
    expect(options.policies.elicit).toEqual({
      kind: 'json',
      content: { name: 'Ada' },
      file: '/d/answers.json',
    });
    expect(options.policies.sample).toEqual({ kind: 'reply', text: 'sunny' });
    await expect(
      parseSessionOptions(STDIO, { elicit: 'json:list.json' }, context(dir)),
    ).rejects.toThrow(/must hold a JSON object/);
    await expect(
      parseSessionOptions(STDIO, { elicit: 'json:missing.json' }, context(dir)),
    ).rejects.toThrow(/cannot read a JSON object/);
    await expect(parseSessionOptions(STDIO, { elicit: 'ask' }, context(dir))).rejects.toThrow(
      /Unknown --elicit policy/,
    );
    await expect(parseSessionOptions(STDIO, { sample: 'yes' }, context(dir))).rejects.toThrow(
      /Unknown --sample policy/,
    );
  });

  it('refuses --oauth with a stdio command or with an Authorization header', async () => {
    await expect(parseSessionOptions(STDIO, { oauth: true }, context())).rejects.toThrow(
      /--oauth is for HTTP servers/,
    );
    for (const flags of [{ bearer: 't' }, { header: ['authorization: Bearer t'] }])
      await expect(
        parseSessionOptions([], { url: 'https://x/mcp', oauth: true, ...flags }, context()),
      ).rejects.toThrow(/not both/);
  });
});

describe('parseOAuthOptions', () => {
  const parse = (flags: InspectFlags, env = {}) =>
    parseOAuthOptions(flags, env, (file) =>
      file === 'key.pem' ? Promise.resolve('PEM') : Promise.reject(new Error('ENOENT')),
    );

  it('is off without --oauth, and other --oauth-* flags need it', async () => {
    expect(await parse({})).toBeUndefined();
    await expect(parse({ oauthClientId: 'x' })).rejects.toThrow('--oauth-client-id needs --oauth');
    await expect(parse({ oauthHeadless: true })).rejects.toThrow('--oauth-headless needs --oauth');
  });

  it('reads the secret from the environment and the key from its file', async () => {
    expect(
      await parse({ oauth: true, oauthClientId: 'c' }, { MCP_OAUTH_CLIENT_SECRET: 'env-secret' }),
    ).toEqual({
      settings: {
        grant: 'authorization_code',
        clientId: 'c',
        clientSecret: 'env-secret',
        clientMetadataUrl: undefined,
        privateKey: undefined,
        privateKeyAlg: undefined,
        scope: undefined,
      },
      headless: false,
      callbackTimeoutMs: 300000,
      redirectPort: undefined,
    });
    expect(
      await parse({
        oauth: true,
        oauthGrant: 'client_credentials',
        oauthClientId: 'c',
        oauthClientKey: 'key.pem',
        oauthClientKeyAlg: 'ES256',
        oauthRedirectPort: '8123',
        oauthTimeout: '1000',
        oauthHeadless: true,
      }),
    ).toMatchObject({
      settings: { grant: 'client_credentials', privateKey: 'PEM', privateKeyAlg: 'ES256' },
      headless: true,
      callbackTimeoutMs: 1000,
      redirectPort: 8123,
    });
  });

  it('refuses contradictions and bad values with usage errors (exit 2)', async () => {
    const refused: InspectFlags[] = [
      { oauth: true, oauthClientSecret: 's' },
      { oauth: true, oauthGrant: 'client_credentials', oauthClientId: 'c' },
      { oauth: true, oauthGrant: 'implicit' },
      { oauth: true, oauthClientId: 'c', oauthClientSecret: 's', oauthClientKey: 'key.pem' },
      { oauth: true, oauthClientMetadataUrl: 'http://example.com/client.json' },
      { oauth: true, oauthClientMetadataUrl: 'https://example.com/' },
      { oauth: true, oauthClientId: 'c', oauthClientKey: 'missing.pem' },
      { oauth: true, oauthRedirectPort: 'eighty' },
      { oauth: true, oauthRedirectPort: '70000' },
      { oauth: true, oauthTimeout: '-1' },
    ];
    for (const flags of refused)
      await expect(parse(flags), JSON.stringify(flags)).rejects.toMatchObject({ exitCode: 2 });
  });
});
