import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { splitKeys } from './keys.js';

const key = (flags: Partial<Key> = {}) =>
  ({ ...splitKeys('a', {} as Key)[0]![1], ...flags }) as Key;
const names = (pairs: [string, Key][]) =>
  pairs.map(([input, k]) =>
    k.return
      ? 'Enter'
      : k.tab
        ? 'Tab'
        : k.escape
          ? 'Esc'
          : k.backspace
            ? 'BS'
            : k.ctrl
              ? `C-${input}`
              : input,
  );

describe('splitKeys', () => {
  it('leaves a single key as Ink parsed it', () => {
    const down = key({ downArrow: true });
    expect(splitKeys('', down)).toEqual([['', down]]);
    expect(splitKeys('j', key())).toEqual([['j', key()]]);
  });

  it('splits a burst into its keys: text, Tab, Ctrl-letters, Enter, Backspace', () => {
    expect(names(splitKeys('ab\t\u000ered\u0013', key()))).toEqual([
      'a',
      'b',
      'Tab',
      'C-n',
      'r',
      'e',
      'd',
      'C-s',
    ]);
    expect(names(splitKeys('x\u007f\r', key()))).toEqual(['x', 'BS', 'Enter']);
  });

  it('keeps runs of text together for a field when asked', () => {
    expect(names(splitKeys('Oslo\r', key(), { groupText: true }))).toEqual(['Oslo', 'Enter']);
    expect(names(splitKeys('one two\tthree', key(), { groupText: true }))).toEqual([
      'one two',
      'Tab',
      'three',
    ]);
  });

  it('reads Alt+key (Esc then a key, typed fast) as the two keys', () => {
    expect(names(splitKeys('/', key({ meta: true })))).toEqual(['Esc', '/']);
    expect(names(splitKeys('', key({ meta: true, escape: true })))).toEqual(['Esc']);
  });
});
