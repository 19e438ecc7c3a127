import { describe, expect, it } from 'vitest';
import { maskConfigText, maskSecrets, maskValue } from './mask.js';

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
