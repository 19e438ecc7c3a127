import { describe, expect, it } from 'vitest';
import {
  colourEnabled,
  createSafeWriter,
  sanitizeJson,
  sanitizeLine,
  styled,
  sanitizeName,
  sanitizeText,
} from './sanitize.js';

describe('sanitizeText', () => {
  it.each([
    ['colours', '\u001b[31mred\u001b[0m', 'red'],
    ['cursor moves and clears', 'a\u001b[2J\u001b[10;5Hb\u001b[K', 'ab'],
    ['an OSC window title (BEL)', '\u001b]0;pwned\u0007text', 'text'],
    ['an OSC 8 hyperlink (ST)', '\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['C1 CSI', '\u009b31mx', 'x'],
    ['a bare ESC and other controls', 'a\u001bcb\u0000\u0007\u007fc', 'abc'],
    ['backspaces and carriage returns', 'safe\rEVIL\b\b', 'safeEVIL'],
    ['an OSC 52 clipboard write', 'a\u001b]52;c;ZWNobyBwd25lZA==\u0007b', 'ab'],
    ['a C1 OSC title (ST)', 'a\u009d0;pwned\u009cb', 'ab'],
    ['a DCS string', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['an APC string', 'a\u001b_Gf=100;AAAA\u001b\\b', 'ab'],
    ['a lone C1 NEL and DEL', 'a\u0085b\u007fc', 'abc'],
    ['bidi overrides and isolates', 'user\u202egnp.exe\u202c \u2066x\u2069\u200f', 'usergnp.exe x'],
  ])('removes %s', (_label, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps Windows line ends as newlines', () => {
    expect(sanitizeText('a\r\nb')).toBe('a\nb');
  });
});

describe('sanitizeJson', () => {
  it('escapes C1 and bidi characters inside strings, keeping the same JSON', () => {
    const value = { text: 'a\u009b31mb\u202ec\u2028d\u007f', n: 1 };
    const json = JSON.stringify(value, null, 2);
    const safe = sanitizeJson(json);
    expect(safe).not.toMatch(/[\u0080-\u009f\u202e\u2028\u007f]/);
    expect(safe).toContain('\\u009b');
    expect(JSON.parse(safe)).toEqual(value);
  });

  it('leaves ESC to JSON.stringify, which escapes it', () => {
    expect(sanitizeJson(JSON.stringify('\u001b]0;x\u0007'))).toBe('"\\u001b]0;x\\u0007"');
  });
});

describe('createSafeWriter', () => {
  it('sanitises each write by the current mode', () => {
    const out: string[] = [];
    let mode: 'text' | 'json' = 'text';
    const write = createSafeWriter(
      (t) => out.push(t),
      () => mode,
    );
    write('x\u001b]52;c;AAAA\u0007\u009b31my');
    mode = 'json';
    write('"\u009b"');
    expect(out).toEqual(['xy', '"\\u009b"']);
  });
});

describe('sanitizeText (more)', () => {
  it.each([])('removes %s', (_label, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps newlines, tabs and non-ASCII text', () => {
    expect(sanitizeText('Zürich\tweather\n天气 🌦')).toBe('Zürich\tweather\n天气 🌦');
  });

  it('sanitizeLine folds newlines and tabs into spaces', () => {
    expect(sanitizeLine('one\ntwo\t\tthree')).toBe('one two three');
  });
});

describe('sanitizeName', () => {
  it('shows control and bidi characters as ?, on one line', () => {
    expect(sanitizeName('read\u001b[2Jme\n.md\u202e')).toBe('read?[2Jme?.md?');
  });
});

describe('styled output', () => {
  it('colours our own text only when asked, after sanitising everything', () => {
    const out: string[] = [];
    let colour = true;
    const write = createSafeWriter(
      (t) => out.push(t),
      () => 'text',
      () => colour,
    );
    // A server's text carrying our private markers and an escape sequence gains no colour.
    const hostile = sanitizeLine('\ue001evil\u001b[31m red\ue000');
    write(`${styled('green', '✓')} ok ${hostile}\n`);
    expect(out.pop()).toBe('\u001b[32m✓\u001b[0m ok evil red\n');
    colour = false;
    write(`${styled('red', '✗')} bad\n`);
    expect(out.pop()).toBe('✗ bad\n');
  });

  it('drops markers in JSON mode and decides colours from NO_COLOR, FORCE_COLOR and the TTY', () => {
    const out: string[] = [];
    createSafeWriter(
      (t) => out.push(t),
      () => 'json',
      () => true,
    )(`{"a":"${styled('red', 'x')}"}`);
    expect(out).toEqual(['{"a":"x"}']);
    expect(colourEnabled({}, true)).toBe(true);
    expect(colourEnabled({}, false)).toBe(false);
    expect(colourEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colourEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourEnabled({ TERM: 'dumb' }, true)).toBe(false);
  });
});
