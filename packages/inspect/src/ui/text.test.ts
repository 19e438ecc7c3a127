import { describe, expect, it } from 'vitest';
import { clockTime, fit, pad, wrap } from './text.js';

describe('fit', () => {
  it('keeps a line that fits and cuts a longer one with …', () => {
    expect(fit('hello', 5)).toBe('hello');
    expect(fit('hello!', 5)).toBe('hell…');
    expect(fit('hello', 0)).toBe('');
  });

  it('makes one safe line of server text', () => {
    expect(fit('a\u001b[31mb\u001b[0m\nc\td\u202ee', 20)).toBe('ab c de');
    expect(fit('\u001b]0;evil title\u0007name', 20)).toBe('name');
  });

  it('counts terminal columns: wide characters take two', () => {
    expect(fit('日本語', 6)).toBe('日本語');
    expect(fit('日本語', 5)).toBe('日本…');
    expect(fit('😀😀😀', 4)).toBe('😀…');
  });

  it('reads only a bounded prefix of a huge line', () => {
    const huge = 'x'.repeat(5_000_000);
    expect(fit(huge, 80)).toBe(`${'x'.repeat(79)}…`);
    // Escape sequences eat the part read: what is left still says it was cut.
    expect(fit(`ab${'\u001b[0m'.repeat(100)}cd`, 10)).toBe('ab…');
  });
});

describe('pad and wrap', () => {
  it('pads to exactly the width in columns', () => {
    expect(pad('ab', 4)).toBe('ab  ');
    expect(pad('日本', 5)).toBe('日本 ');
    expect(pad('abcdef', 4)).toBe('abc…');
  });

  it('wraps at spaces, never mid-word, and cuts at maxLines with …', () => {
    expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrap('one two three four five six', 9, 2)).toEqual(['one two', 'three …']);
    expect(wrap('supercalifragilistic x', 8)).toEqual(['superca…', 'x']);
  });

  it('joins hard-wrapped lines into paragraphs, keeping blank lines between them', () => {
    expect(wrap('Get a daily\nforecast.\n\nUse this for\n  trips.', 40)).toEqual([
      'Get a daily forecast.',
      '',
      'Use this for trips.',
    ]);
  });
});

describe('clockTime', () => {
  it('gives local hours to milliseconds', () => {
    expect(clockTime(new Date(2026, 0, 1, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
  });
});
