import { describe, expect, it } from 'vitest';
import { ConfigError, MAX_NESTING, checkNesting, parseConfigText } from './config-text.js';

const FILE = '/cfg/claude_desktop_config.json';
const strict = (text: string) => parseConfigText(text, { file: FILE, allowJsonc: false });
const jsonc = (text: string) =>
  parseConfigText(text, { file: '/p/.vscode/mcp.json', allowJsonc: true });

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigText', () => {
  it('parses strict JSON, tolerating a UTF-8 BOM and CRLF', () => {
    const parsed = strict(
      '\uFEFF{\r\n  "mcpServers": {\r\n    "a": {"command": "x"}\r\n  }\r\n}\r\n',
    );
    expect(parsed.value).toEqual({ mcpServers: { a: { command: 'x' } } });
    expect(parsed.locate(parsed.text.indexOf('"a"'))).toMatchObject({ line: 3, column: 5 });
  });

  it('reports an empty or whitespace-only file as such', () => {
    for (const text of ['', '  \n', '\uFEFF']) {
      const e = errorOf(() => strict(text));
      expect(e.code).toBe('empty-file');
      expect(e.message).toBe(
        `${FILE}: the file is empty — expected a JSON object such as {"mcpServers": {}}`,
      );
    }
  });

  it('says a truncated file looks truncated, at its end', () => {
    for (const text of [
      '{"mcpServers": {"a": {"command": "x"',
      '{"mcpServers": {"a": {"args": ["x", ',
      '{\n  "a": "unterminated',
    ]) {
      const e = errorOf(() => strict(text));
      expect(e.code).toBe('syntax');
      expect(e.reason).toBe('unexpected end of file — the file looks truncated');
    }
    expect(errorOf(() => strict('{\n  "a": [1,\n')).location).toMatchObject({ line: 3, column: 1 });
  });

  it('names ordinary syntax errors in words with line and column', () => {
    const e = errorOf(() => strict('{\n  "a": 1\n  "b": 2\n}'));
    expect(e.message).toBe(`${FILE}:3:3: expected "," between items (at "\\"b\\"")`);
    expect(errorOf(() => strict("{'a': 1}")).reason).toMatch(
      /^single quotes are not allowed: use double quotes/,
    );
    expect(errorOf(() => strict('{"a": }')).reason).toMatch(/^expected a value/);
  });

  it('rejects comments in strict files, naming the file, and accepts them in JSONC', () => {
    const text = '{\n  // my servers\n  "mcpServers": {} /* none */\n}';
    const e = errorOf(() => strict(text));
    expect(e.code).toBe('comment');
    expect(e.message).toBe(
      `${FILE}:2:3: comments are not allowed in claude_desktop_config.json (it must be plain JSON)`,
    );
    expect(jsonc(text).value).toEqual({ mcpServers: {} });
  });

  it('does not mistake "//" inside strings for a comment', () => {
    expect(strict('{"url": "https://x.test/a//b"}').value).toEqual({ url: 'https://x.test/a//b' });
  });

  it('rejects trailing commas in strict files and accepts them in JSONC', () => {
    const text = '{\n  "mcpServers": {\n    "a": {"args": ["x",]},\n  }\n}';
    const e = errorOf(() => strict(text));
    expect(e.code).toBe('trailing-comma');
    expect(e.location).toMatchObject({ line: 3, column: 23 });
    expect(e.reason).toBe('trailing comma before "]" is not allowed in claude_desktop_config.json');
    expect(jsonc(text).value).toEqual({ mcpServers: { a: { args: ['x'] } } });
  });

  it('reports duplicate keys at any depth, in every mode', () => {
    const text =
      '{\n  "mcpServers": {\n    "fs": {"command": "a"},\n    "fs": {"command": "b"}\n  }\n}';
    for (const parse of [strict, jsonc]) {
      const e = errorOf(() => parse(text));
      expect(e.code).toBe('duplicate-key');
      expect(e.location).toMatchObject({ line: 4, column: 5 });
      expect(e.reason).toMatch(/^duplicate key "fs" \(first defined at line 3, column 5\)/);
    }
  });

  it('requires an object at the top level', () => {
    expect(errorOf(() => strict('[1, 2]')).reason).toBe(
      'the top level must be a JSON object, found an array',
    );
    expect(errorOf(() => strict('"x"')).reason).toBe(
      'the top level must be a JSON object, found a string',
    );
  });

  it('reports the earliest problem first', () => {
    const e = errorOf(() => strict('{\n "a": 1,\n "a": 2, // late\n}'));
    expect(e.code).toBe('duplicate-key');
  });

  it('counts columns on lines with non-ASCII text', () => {
    const e = errorOf(() => strict('{"sérveur": "ü" "x": 1}'));
    expect(e.location).toMatchObject({ line: 1, column: 17 });
  });

  it('refuses nesting deeper than the bound with line and column, at any depth, in every mode', () => {
    // 10,000 levels overflow jsonc-parser's recursive parser; the scan stops at the bound.
    const deep = `{\n  "a": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`;
    for (const parse of [strict, jsonc]) {
      const e = errorOf(() => parse(deep));
      expect(e.code).toBe('syntax');
      // The root object is level 1: the bound is exceeded at the (MAX_NESTING)th "[".
      expect(e.location).toMatchObject({ line: 2, column: 8 + MAX_NESTING - 1 });
      expect(e.message).toMatch(/:2:\d+: objects and arrays are nested more than 256 levels/);
    }
    expect(() => checkNesting(deep, FILE)).toThrow(ConfigError);
    const atBound = `${'['.repeat(MAX_NESTING - 1)}{}${']'.repeat(MAX_NESTING - 1)}`;
    expect(() => checkNesting(atBound, FILE)).not.toThrow();
    expect(() => strict(`{"a": ${atBound}}`)).toThrow(/nested more than/);
    expect(strict(`{"a": ${atBound.slice(1, -1)}}`).value.a).toBeDefined();
  });
});
