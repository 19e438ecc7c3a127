import { describe, expect, it } from 'vitest';
import { maskConfigText } from './mask-config-text.js';
import { maskSecrets, maskSecretsInText, maskUrl, maskValue, redactKnownSecrets } from './mask.js';

describe('maskSecrets', () => {
  it('masks env and header values, keeps variable references and empty values', () => {
    const entry = {
      command: 'npx',
      env: { API_KEY: 'sk-123456789012', FROM_ENV: '${env:API_KEY}', EMPTY: '' },
      headers: { Authorization: 'Bearer abc' },
    };
    expect(maskSecrets(entry)).toEqual({
      command: 'npx',
      env: { API_KEY: '••••(15 chars)', FROM_ENV: '${env:API_KEY}', EMPTY: '' },
      headers: { Authorization: '••••(10 chars)' },
    });
    expect(entry.env.API_KEY).toBe('sk-123456789012');
  });

  it('masks mcp-remote --header values, secret flags and credential query parameters', () => {
    const entry = {
      command: 'npx',
      args: [
        '-y',
        'mcp-remote',
        'https://example.com/mcp?api_key=abc&region=eu',
        '--header',
        'Authorization: Bearer xyz',
        '--header=X-Api-Key:k1',
        '--token',
        'ghp_1',
        '--api-key=zz',
        '--verbose',
      ],
    };
    expect(maskSecrets(entry).args).toEqual([
      '-y',
      'mcp-remote',
      'https://example.com/mcp?api_key=••••(3 chars)&region=eu',
      '--header',
      'Authorization: ••••(10 chars)',
      '--header=X-Api-Key: ••••(2 chars)',
      '--token',
      '••••(5 chars)',
      '--api-key=••••(2 chars)',
      '--verbose',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(maskValue('ë😀')).toBe('••••(2 chars)');
  });

  it("masks Windsurf's serverUrl and Gemini CLI's httpUrl like url", () => {
    const masked = maskSecrets({
      a: { serverUrl: 'https://u:p@h/mcp?key=1' },
      b: { httpUrl: 'https://h/mcp?token=22' },
    });
    expect(masked).toEqual({
      a: { serverUrl: 'https://••••@h/mcp?key=••••(1 chars)' },
      b: { httpUrl: 'https://h/mcp?token=••••(2 chars)' },
    });
  });

  it('works on a whole config value', () => {
    const masked = maskSecrets({ mcpServers: { a: { command: 'x', env: { K: 'v' } } } });
    expect(masked).toEqual({ mcpServers: { a: { command: 'x', env: { K: '••••(1 chars)' } } } });
  });
});

describe('maskConfigText', () => {
  it('replaces only the secret literals, keeping every line in place', () => {
    const text =
      '{\r\n  // c\r\n  "servers": {\r\n    "a": {"command": "x", "env": {"K": "secret", "L": "${input:t}"},\r\n      "args": ["--header", "A: b"]}\r\n  }\r\n}';
    const masked = maskConfigText(text);
    expect(masked).toBe(
      '{\r\n  // c\r\n  "servers": {\r\n    "a": {"command": "x", "env": {"K": "••••(6 chars)", "L": "${input:t}"},\r\n      "args": ["--header", "A: ••••(1 chars)"]}\r\n  }\r\n}',
    );
    expect(masked.split('\n')).toHaveLength(text.split('\n').length);
  });
});

describe('maskUrl', () => {
  it.each([
    [
      'userinfo with a password',
      'https://user:hunter22@example.com/mcp',
      'https://••••@example.com/mcp',
    ],
    ['a token as user name', 'https://ghp_abc123@github.com/x', 'https://••••@github.com/x'],
    [
      'credential-like query parameters only',
      'http://h:8000/mcp?token=abc&region=eu&api_key=k',
      'http://h:8000/mcp?token=••••(3 chars)&region=eu&api_key=••••(1 chars)',
    ],
    [
      'an OAuth code, not a zip code',
      'http://127.0.0.1/cb?code=xyz&zipcode=1234',
      'http://127.0.0.1/cb?code=••••(3 chars)&zipcode=1234',
    ],
    [
      'a fragment token',
      'https://h/#access_token=t0k&x=1',
      'https://h/#access_token=••••(3 chars)&x=1',
    ],
    ['an @ in the path only', 'https://h/users/@me?q=1', 'https://h/users/@me?q=1'],
    ['not a URL', 'uv run server.py', 'uv run server.py'],
  ])('masks %s', (_label, url, expected) => {
    expect(maskUrl(url)).toBe(expected);
  });
});

describe('maskSecretsInText', () => {
  it.each([
    [
      'a URL in an error',
      'cannot reach http://me:pw@127.0.0.1:9/mcp?token=s3cret: ECONNREFUSED',
      'cannot reach http://••••@127.0.0.1:9/mcp?token=••••(6 chars): ECONNREFUSED',
    ],
    [
      'an Authorization header',
      "Bad --header 'Authorization: Bearer abc.def'",
      "Bad --header 'Authorization: ••••(14 chars)'",
    ],
    ['a bearer token alone', 'sent Bearer eyJhbGciOi.x1 twice', 'sent Bearer ••••(13 chars) twice'],
    [
      'a --token argument',
      'npx srv --token ghp_123 --verbose',
      'npx srv --token ••••(7 chars) --verbose',
    ],
    ['an --api-key=value argument', 'srv --api-key=sk-1', 'srv --api-key=••••(4 chars)'],
    ['an env assignment', 'GITHUB_TOKEN=ghp_xyz node x', 'GITHUB_TOKEN=••••(7 chars) node x'],
  ])('masks %s', (_label, text, expected) => {
    expect(maskSecretsInText(text)).toBe(expected);
  });

  it('leaves a URL it masked before as it is (a message masked twice)', () => {
    const once = maskSecretsInText('cannot reach http://h:9/mcp?token=abcdef123456: refused');
    expect(once).toBe('cannot reach http://h:9/mcp?token=••••(12 chars): refused');
    expect(maskSecretsInText(once)).toBe(once);
    expect(maskSecretsInText(maskUrl('http://h/sse?api_key=k3y'))).toBe(
      'http://h/sse?api_key=••••(3 chars)',
    );
  });

  it('leaves ordinary words alone', () => {
    const text =
      'The server requires a Bearer token; see --timeout 300 and KEYBOARD=us. --oauth is for HTTP; use --bearer TOKEN.';
    expect(maskSecretsInText(text)).toBe(text);
  });
});

describe('redactKnownSecrets', () => {
  it('removes the given values, also URL-encoded, and leaves values under four characters', () => {
    const text = 'token access-0123456789 in https://x/?code=a%2Fb%3Dc and a/b=c, id ab';
    expect(redactKnownSecrets(text, ['access-0123456789', 'a/b=c', 'ab'])).toBe(
      'token •••• in https://x/?code=•••• and ••••, id ab',
    );
  });
});
