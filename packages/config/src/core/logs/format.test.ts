import { describe, expect, it } from 'vitest';
import { createSafeWriter } from '@mcpkit/shared/sanitize';
import { formatJsonRecord, formatRecord, formatTime } from './format.js';
import type { LogRecord } from './types.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const UTC = { now: NOW, utcOffsetMinutes: () => 0 };
const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  time: Date.UTC(2025, 0, 15, 10, 23, 45, 123),
  level: 'error',
  server: 'weather',
  message: 'spawn npx ENOENT',
  continuation: [],
  file: 'mcp.log',
  ...over,
});

describe('formatTime', () => {
  it('shows the time alone today and the date before it otherwise, in local time', () => {
    expect(formatTime(Date.UTC(2025, 0, 15, 10, 23, 45, 7), UTC)).toBe('10:23:45.007');
    expect(formatTime(Date.UTC(2025, 0, 14, 23, 59, 59, 999), UTC)).toBe('2025-01-14 23:59:59.999');
    // 23:30 UTC on the 14th is the 15th at 01:30 two hours east.
    expect(
      formatTime(Date.UTC(2025, 0, 14, 23, 30), { now: NOW, utcOffsetMinutes: () => 120 }),
    ).toBe('01:30:00.000');
    expect(formatTime(undefined, UTC)).toBe(' '.repeat(12));
  });
});

describe('formatRecord', () => {
  it('prints time, level, server and message, continuation lines indented', () => {
    expect(
      formatRecord(record({ continuation: ['Traceback', '  File "C:\\x.py"'] }), {
        ...UTC,
        color: false,
      }),
    ).toBe('10:23:45.123 error [weather] spawn npx ENOENT\n    Traceback\n      File "C:\\x.py"\n');
  });

  it('colours levels only when asked: error red, warn yellow, debug dim, info plain', () => {
    // What reaches a terminal: the line through the output's safe writer, colours on.
    const printed = (text: string) => {
      let out = '';
      createSafeWriter(
        (t) => (out += t),
        () => 'text',
        () => true,
      )(text);
      return out;
    };
    const colored = (level: LogRecord['level']) =>
      printed(formatRecord(record({ level }), { ...UTC, color: true }));
    expect(colored('error')).toContain('\u001b[31merror\u001b[0m');
    expect(colored('warn')).toContain('\u001b[33mwarn \u001b[0m');
    expect(colored('debug')).toContain('\u001b[2mdebug\u001b[0m');
    expect(colored('info')).not.toContain('\u001b');
    expect(printed(formatRecord(record(), { ...UTC, color: false }))).not.toContain('\u001b');
  });

  it('never lets escape sequences or control characters from the log through', () => {
    const hostile = record({
      server: 'evil\u001b]0;title\u0007',
      message: 'a\u001b[2Jb\rc\u0000d\u009b31me\u202eF',
      continuation: ['\u001b[31mred\u001b[0m\ttab', 'bell\u0007'],
    });
    for (const color of [false, true]) {
      const out = formatRecord(hostile, { ...UTC, color });
      // Our colours are private-use markers (U+E000…) until the safe writer prints them.
      const withoutOurColours = out.replace(/[\ue000-\ue00f]/g, '');
      // eslint-disable-next-line no-control-regex
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(out).toContain('[evil] abcde');
      expect(out).toContain('red tab');
    }
  });

  it('masks secrets and bounds a huge record', () => {
    const out = formatRecord(
      record({
        message: `GET https://user:hunter2@example.com/x?token=abc123 ${'y'.repeat(10_000)}`,
      }),
      { ...UTC, color: false },
    );
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('abc123');
    expect(out).toMatch(/… \(\d+ more bytes\)\n$/);
    expect(Buffer.byteLength(out)).toBeLessThan(4096 + 100);
  });

  it('prints a followed continuation without repeating the head', () => {
    expect(
      formatRecord(record({ continued: true, message: '', continuation: ['more'] }), {
        ...UTC,
        color: false,
      }),
    ).toBe('    more\n');
  });
});

describe('formatJsonRecord', () => {
  it('is one line of JSON with ISO time, metadata and inline JSON', () => {
    const line = formatJsonRecord(
      record({ metadata: 'undefined', json: '{"a":1}', continuation: ['x\ny'] }),
    );
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2025-01-15T10:23:45.123Z',
      level: 'error',
      server: 'weather',
      message: 'spawn npx ENOENT',
      continuation: ['x\ny'],
      file: 'mcp.log',
      metadata: 'undefined',
      json: '{"a":1}',
    });
    expect(
      JSON.parse(formatJsonRecord(record({ time: undefined, server: undefined }))),
    ).toMatchObject({ time: null, server: null });
  });
});
