import { describe, expect, it } from 'vitest';
import { charWidth, NOT_ONE_COLUMN, wrapOffsets } from './text-width.js';

const widthOf = (text: string) =>
  [...text].reduce((sum, char) => sum + charWidth(char.codePointAt(0)!), 0);

describe('charWidth', () => {
  it('counts CJK, Hangul, fullwidth forms and emoji as two columns', () => {
    expect(widthOf('abc')).toBe(3);
    expect(widthOf('天気')).toBe(4);
    expect(widthOf('한국')).toBe(4);
    expect(widthOf('ＡＢ')).toBe(4);
    expect(widthOf('✅😀')).toBe(4);
  });

  it('counts combining marks and joiners as nothing, and other symbols as one', () => {
    expect(widthOf('e\u0301')).toBe(1);
    expect(widthOf('👍\u200d')).toBe(2);
    expect(widthOf('…✓°→')).toBe(4);
  });
});

describe('wrapOffsets', () => {
  it('breaks rows by columns, not by characters', () => {
    const text = '天気天気天気x';
    expect(wrapOffsets(text, 0, text.length, 4)).toEqual([0, 2, 4, 6]);
  });

  it('never splits a surrogate pair, and gives a too-wide character its own row', () => {
    const text = 'a😀b';
    expect(wrapOffsets(text, 0, text.length, 2)).toEqual([0, 1, 3]);
    expect(wrapOffsets('😀😀', 0, 4, 1)).toEqual([0, 2]);
    expect(wrapOffsets('', 0, 0, 10)).toEqual([0]);
  });
});

describe('NOT_ONE_COLUMN', () => {
  it('finds wide, zero-width and astral characters, not other symbols', () => {
    const finds = (text: string) => new RegExp(NOT_ONE_COLUMN.source).test(text);
    expect(finds('It’s — … ✓ → °')).toBe(false);
    expect(finds('天')).toBe(true);
    expect(finds('e\u0301')).toBe(true);
    expect(finds('😀')).toBe(true);
    expect(finds('✅')).toBe(true);
  });
});
