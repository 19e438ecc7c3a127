import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT, detectFormat } from './format.js';

describe('detectFormat', () => {
  it.each([
    ['{\n  "a": 1\n}\n', { eol: '\n', indent: '  ', bom: false, finalNewline: true }],
    ['{\r\n    "a": 1\r\n}', { eol: '\r\n', indent: '    ', bom: false, finalNewline: false }],
    [
      '\uFEFF{\n\t"a": {\n\t\t"b": 1\n\t}\n}\n',
      { eol: '\n', indent: '\t', bom: true, finalNewline: true },
    ],
    ['{"a":1}', { ...DEFAULT_FORMAT, finalNewline: false }],
    ['', { ...DEFAULT_FORMAT, finalNewline: false }],
  ])('%j', (text, expected) => {
    expect(detectFormat(text)).toEqual(expected);
  });

  it('takes one level from the first indented line, ignoring alignment after tabs', () => {
    expect(detectFormat('{\n\t  "a": 1\n}').indent).toBe('\t');
    expect(detectFormat('{\n   "a": 1\n}').indent).toBe('   ');
  });
});
