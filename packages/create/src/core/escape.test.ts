import { execFileSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  formatCommandLine,
  quotePosixArg,
  toJsonString,
  toMarkdownCode,
  toPythonString,
  toTomlKey,
  toTomlString,
  toTsString,
} from './escape.js';

const HOSTILE = [
  'plain',
  'with space',
  `quotes " and ' mixed`,
  'back\\slash\\"',
  'new\nline\r\ttab',
  'naïve café 天气 🌦',
  '\u0000\u001b[31mred\u2028\u2029\u007f',
  '$(rm -rf ~) `id` ${HOME}',
  '',
];

describe('literal escapers round-trip through the real parsers', () => {
  it.each(HOSTILE)('%j', (value) => {
    expect(JSON.parse(toJsonString(value))).toBe(value);
    expect(parseToml(`v = ${toTomlString(value)}`).v).toBe(value);
    expect(runInNewContext(toTsString(value))).toBe(value);
    if (value.length > 0) expect(parseToml(`${toTomlKey(value)} = 1`)[value]).toBe(1);
  });

  it('Python reads every value back unchanged', () => {
    const script =
      'import ast, json, sys\nprint(json.dumps([ast.literal_eval(l) for l in sys.stdin.read().split("\\n")]))';
    const input = HOSTILE.map(toPythonString).join('\n');
    const out = execFileSync('python3', ['-c', script], { input, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(HOSTILE);
  });

  it('a dotted name is a quoted TOML key, not a nested table', () => {
    expect(toTomlKey('my.server')).toBe('"my.server"');
    expect(toTomlKey('my-server_1')).toBe('my-server_1');
  });
});

describe('shell quoting', () => {
  it.each(HOSTILE.filter((v) => !v.includes('\u0000')))(
    'sh reads %j back as one argument',
    (value) => {
      const out = execFileSync('sh', ['-c', `printf '%s' ${quotePosixArg(value)}`], {
        encoding: 'utf8',
      });
      expect(out).toBe(value);
    },
  );

  it('leaves safe words bare and quotes PowerShell with doubled single quotes', () => {
    expect(formatCommandLine(['uv', '--directory', '/tmp/a b', 'run', "it's"], 'linux')).toBe(
      `uv --directory '/tmp/a b' run 'it'\\''s'`,
    );
    expect(formatCommandLine(['C:\\Program Files\\uv.exe', "it's"], 'win32')).toBe(
      `'C:\\Program Files\\uv.exe' 'it''s'`,
    );
  });
});

describe('toMarkdownCode', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(toMarkdownCode('abc')).toBe('`abc`');
    expect(toMarkdownCode('a`b')).toBe('``a`b``');
    expect(toMarkdownCode('`x`')).toBe('`` `x` ``');
  });
});
