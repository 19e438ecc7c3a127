import { describe, expect, it } from 'vitest';
import { NotificationLog } from './notification-log.js';

describe('NotificationLog', () => {
  it('keeps at most maxEntries messages', () => {
    const log = new NotificationLog({ maxEntries: 2 });
    log.push({ level: 'info', text: 'a' });
    log.push({ level: 'info', text: 'b' });
    log.push({ level: 'error', logger: 'db', text: 'c' });
    expect(log.entries().map((entry) => entry.text)).toEqual(['b', 'c']);
    expect(log.dropped).toBe(1);
  });

  it('records notification params: strings as they are, other data as compact JSON, bounded', () => {
    const log = new NotificationLog({ maxTextChars: 10 });
    log.record({ level: 'warning', logger: 'net', data: 'slow' });
    log.record({ level: 'info', data: { a: 1 } });
    log.record({ level: 'debug', data: 'x'.repeat(50) });
    expect(log.entries()).toMatchObject([
      { level: 'warning', logger: 'net', text: 'slow' },
      { level: 'info', text: '{"a":1}' },
      { level: 'debug', text: `${'x'.repeat(10)}…` },
    ]);
    expect(log.entries()[1]).not.toHaveProperty('logger');
  });
});
