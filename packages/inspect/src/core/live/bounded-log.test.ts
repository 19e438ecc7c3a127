import { describe, expect, it, vi } from 'vitest';
import { BoundedLog } from './bounded-log.js';

const textLog = (maxEntries: number, maxBytes = 1_000_000) =>
  new BoundedLog<{ text: string }>({
    maxEntries,
    maxBytes,
    sizeOf: (entry) => entry.text.length,
    now: () => 42,
  });

describe('BoundedLog', () => {
  it('numbers and stamps records, oldest first', () => {
    const log = textLog(10);
    const first = log.push({ text: 'a' });
    log.push({ text: 'b' }, 7);
    expect(first).toEqual({ text: 'a', seq: 1, time: 42 });
    expect(log.entries()).toEqual([
      { text: 'a', seq: 1, time: 42 },
      { text: 'b', seq: 2, time: 7 },
    ]);
  });

  it('evicts the oldest beyond maxEntries and counts them in dropped', () => {
    const log = textLog(3);
    for (const text of ['a', 'b', 'c', 'd', 'e']) log.push({ text });
    expect(log.entries().map((entry) => entry.text)).toEqual(['c', 'd', 'e']);
    expect(log.entries().map((entry) => entry.seq)).toEqual([3, 4, 5]);
    expect(log.dropped).toBe(2);
  });

  it('evicts the oldest beyond maxBytes but always keeps the newest', () => {
    const log = textLog(100, 10);
    log.push({ text: 'aaaa' });
    log.push({ text: 'bbbb' });
    log.push({ text: 'cccc' });
    expect(log.entries().map((entry) => entry.text)).toEqual(['bbbb', 'cccc']);
    log.push({ text: 'x'.repeat(50) });
    expect(log.entries().map((entry) => entry.text)).toEqual(['x'.repeat(50)]);
    expect(log.dropped).toBe(3);
  });

  it('stays correct across the compaction of a long-running log', () => {
    const log = textLog(10);
    for (let index = 1; index <= 5_000; index += 1) log.push({ text: String(index) });
    expect(log.entries().map((entry) => entry.text)).toEqual(
      Array.from({ length: 10 }, (_, index) => String(4_991 + index)),
    );
    expect(log.dropped).toBe(4_990);
  });

  it('returns the same array until something changes', () => {
    const log = textLog(10);
    log.push({ text: 'a' });
    const before = log.entries();
    expect(log.entries()).toBe(before);
    log.push({ text: 'b' });
    expect(log.entries()).not.toBe(before);
    expect(before).toHaveLength(1);
  });

  it('bumps version and tells listeners on push and clear, until unsubscribed', () => {
    const log = textLog(2);
    const listener = vi.fn();
    const unsubscribe = log.subscribe(listener);
    const version = log.version;
    log.push({ text: 'a' });
    log.push({ text: 'b' });
    log.push({ text: 'c' });
    expect(log.dropped).toBe(1);
    log.clear();
    expect(listener).toHaveBeenCalledTimes(4);
    expect(log.version).toBe(version + 4);
    expect(log.entries()).toEqual([]);
    expect(log.dropped).toBe(0);
    unsubscribe();
    log.push({ text: 'd' });
    expect(listener).toHaveBeenCalledTimes(4);
    expect(log.entries()[0]?.seq).toBe(4);
  });
});
