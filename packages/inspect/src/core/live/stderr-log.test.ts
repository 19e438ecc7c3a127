import { describe, expect, it, vi } from 'vitest';
import { StderrLog } from './stderr-log.js';

describe('StderrLog', () => {
  it('joins chunks split mid-line and keeps the unfinished last line', () => {
    const log = new StderrLog();
    log.append('star');
    log.append('ting\nready on ');
    expect(log.lines()).toEqual(['starting', 'ready on ']);
    log.append('stdio\nwarn');
    expect(log.lines()).toEqual(['starting', 'ready on stdio', 'warn']);
  });

  it('treats a \\r\\n split across two chunks as one line end', () => {
    const log = new StderrLog();
    log.append('one\r');
    expect(log.lines()).toEqual(['one']);
    log.append('\ntwo\r\nthree\r\n');
    expect(log.lines()).toEqual(['one', 'two', 'three']);
    log.append('\n');
    expect(log.lines()).toEqual(['one', 'two', 'three', '']);
  });

  it('keeps at most maxLines lines, the unfinished one included, and counts the dropped ones', () => {
    const log = new StderrLog({ maxLines: 3 });
    log.append('1\n2\n3\n4\n5');
    expect(log.lines()).toEqual(['3', '4', '5']);
    expect(log.dropped).toBe(2);
    log.append('\n');
    expect(log.lines()).toEqual(['3', '4', '5']);
  });

  it('keeps at most maxBytes bytes', () => {
    const log = new StderrLog({ maxBytes: 10 });
    log.append('aaaa\nbbbb\ncccc\n');
    expect(log.lines()).toEqual(['bbbb', 'cccc']);
    expect(log.dropped).toBe(1);
  });

  it('breaks a line that never ends', () => {
    const log = new StderrLog({ maxLineChars: 4 });
    log.append('abcdefghij');
    expect(log.lines()).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('gives the last lines as text', () => {
    const log = new StderrLog();
    log.append('a\nb\nc\nd');
    expect(log.tail(2)).toBe('c\nd');
    expect(log.tail(10)).toBe('a\nb\nc\nd');
    expect(log.tail(0)).toBe('');
  });

  it('bumps version and tells listeners; clear empties it', () => {
    const log = new StderrLog();
    const listener = vi.fn();
    log.subscribe(listener);
    const version = log.version;
    log.append('x\n');
    log.append('');
    log.clear();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(log.version).toBe(version + 2);
    expect(log.lines()).toEqual([]);
  });
});
