import { describe, expect, it } from 'vitest';
import { clockTime, fitLine } from './text-fit.js';

describe('fitLine', () => {
  it('keeps a line that fits and cuts a longer one with …', () => {
    expect(fitLine('hello', 5)).toBe('hello');
    expect(fitLine('hello!', 5)).toBe('hell…');
    expect(fitLine('hello', 0)).toBe('');
  });

  it('makes one safe line of server text', () => {
    expect(fitLine('a\u001b[31mb\u001b[0m\nc\td\u202ee', 20)).toBe('ab c de');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(fitLine('😀😀😀', 3)).toBe('😀😀😀');
    expect(fitLine('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('reads only a bounded prefix of a huge line', () => {
    const huge = 'x'.repeat(5_000_000);
    expect(fitLine(huge, 80)).toBe(`${'x'.repeat(79)}…`);
    // Escape sequences eat the part read: what is left still says it was cut.
    expect(fitLine(`ab${'\u001b[0m'.repeat(100)}cd`, 10)).toBe('ab…');
  });
});

describe('clockTime', () => {
  it('gives local hours to milliseconds', () => {
    expect(clockTime(new Date(2026, 0, 1, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
  });
});
