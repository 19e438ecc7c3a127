import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-text.js';
import { findServer } from './find-server.js';
import { editDistance, suggestNames } from './suggest.js';
import { parseServerEntries } from './server-entries.js';

const FILE = '/p/.cursor/mcp.json';
const result = parseServerEntries(
  JSON.stringify({
    mcpServers: {
      filesystem: { command: 'fs' },
      memory: { command: 'mem' },
      'Git-Hub': { url: 'https://x.test' },
      broken: { command: 1 },
    },
  }),
  'cursor',
  { file: FILE, scope: 'project' },
);

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('findServer', () => {
  it('returns the entry by exact name, from a result or an array', () => {
    expect(findServer(result, 'memory').name).toBe('memory');
    expect(findServer(result.entries, 'Git-Hub').transport).toBe('http');
  });

  it('lists available names and close matches', () => {
    const e = errorOf(() => findServer(result, 'filesytem'));
    expect(e.code).toBe('unknown-server');
    expect(e.message).toBe(
      `${FILE}: no server named "filesytem". Available: filesystem, memory, Git-Hub, broken. Did you mean "filesystem"?`,
    );
    expect(errorOf(() => findServer(result, 'github')).reason).toMatch(/Did you mean "Git-Hub"\?$/);
    expect(errorOf(() => findServer(result, 'postgres')).reason).not.toMatch(/Did you mean/);
  });

  it('an invalid entry of that name gives its own error', () => {
    const e = errorOf(() => findServer(result, 'broken'));
    expect(e.code).toBe('invalid-shape');
    expect(e.reason).toBe('server "broken": "command" must be a string, found a number (1)');
  });

  it('an empty file says so', () => {
    const empty = parseServerEntries('{}', 'cursor', { file: FILE });
    expect(errorOf(() => findServer(empty, 'x')).reason).toBe(
      'no server named "x": the file defines no servers',
    );
  });
});

describe('suggestNames / editDistance', () => {
  it('ranks by distance, case-insensitively, in code points', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('файлы', 'файл')).toBe(1);
    expect(suggestNames('MEMORI', ['memory', 'memo', 'other'])).toEqual(['memory', 'memo']);
  });
});
