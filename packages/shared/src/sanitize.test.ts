import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from './sanitize.js';

describe('sanitizeText', () => {
  it.each([
    ['colours', '\u001b[31mred\u001b[0m', 'red'],
    ['cursor moves and clears', 'a\u001b[2J\u001b[10;5Hb\u001b[K', 'ab'],
    ['an OSC window title (BEL)', '\u001b]0;pwned\u0007text', 'text'],
    ['an OSC 8 hyperlink (ST)', '\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['C1 CSI', '\u009b31mx', 'x'],
    ['a bare ESC and other controls', 'a\u001bcb\u0000\u0007\u007fc', 'abc'],
    ['backspaces and carriage returns', 'safe\rEVIL\b\b', 'safeEVIL'],
  ])('removes %s', (_label, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps newlines, tabs and non-ASCII text', () => {
    expect(sanitizeText('Zürich\tweather\n天气 🌦')).toBe('Zürich\tweather\n天气 🌦');
  });

  it('sanitizeLine folds newlines and tabs into spaces', () => {
    expect(sanitizeLine('one\ntwo\t\tthree')).toBe('one two three');
  });
});
