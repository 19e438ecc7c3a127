import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { createLogFs } from '../../target/log-fs.js';
import type { LogSource } from './sources.js';
import { mergeByTime, tailLogs } from './tail.js';
import type { LogRecord } from './types.js';

const T0 = Date.UTC(2025, 0, 15, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function countingFs() {
  const counter = { bytes: 0 };
  return { fs: createLogFs('linux', 'linux', (n) => (counter.bytes += n)), counter };
}

function desktop(path: string, order: 'level-first' | 'server-first' = 'level-first'): LogSource {
  return { path, format: 'desktop', order, stream: path };
}

/** An mcp.log of `count` records, one a second; every 7th has two stderr lines under it. */
function writeMcpLog(path: string, count: number): void {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const level = i % 5 === 0 ? 'error' : 'info';
    lines.push(`${iso(T0 + i * 1000)} [${level}] [s${i % 3}] record ${i} ${'x'.repeat(80)}`);
    if (i % 7 === 0) lines.push(`Traceback line A of ${i}`, `  File "C:\\x\\y.py", line ${i}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('tailLogs', () => {
  it('returns the last N records of a large file, reading a small part of it', () => {
    const dir = makeTempDir('tail');
    const file = join(dir, 'mcp.log');
    writeMcpLog(file, 30_000); // ~3.5 MB
    const { fs, counter } = countingFs();
    const result = tailLogs(fs, [desktop(file)], { count: 10, chunkSize: 4096 });
    expect(result.records.map((r) => r.message.split(' ')[1])).toEqual(
      Array.from({ length: 10 }, (_, i) => String(29_990 + i)),
    );
    expect(counter.bytes).toBe(result.bytesRead);
    expect(counter.bytes).toBeLessThan(3 * 4096);
    expect(result.ends.get(file)?.size).toBeGreaterThan(3_000_000);
  });

  it('counts records, not lines: continuation lines stay with their record', () => {
    const dir = makeTempDir('tail');
    const file = join(dir, 'mcp.log');
    writeMcpLog(file, 50);
    const { fs } = countingFs();
    const records = tailLogs(fs, [desktop(file)], { count: 3, chunkSize: 64 }).records;
    expect(records.map((r) => r.message.split(' ')[1])).toEqual(['47', '48', '49']);
    expect(records[2]!.continuation).toEqual([
      'Traceback line A of 49',
      '  File "C:\\x\\y.py", line 49',
    ]);
  });

  it('keeps a record whole when it straddles many chunk boundaries', () => {
    const dir = makeTempDir('tail');
    const file = join(dir, 'mcp-server-w.log');
    const stderr = Array.from({ length: 300 }, (_, i) => `    at frame${i} (file.js:${i}:1)`);
    writeFileSync(
      file,
      [
        `${iso(T0)} [w] [info] first`,
        `${iso(T0 + 1)} [w] [error] crashed`,
        ...stderr,
        `${iso(T0 + 2)} [w] [info] Server transport closed { metadata: undefined }`,
        '',
      ].join('\r\n'),
    );
    const { fs } = countingFs();
    const records = tailLogs(fs, [{ ...desktop(file, 'server-first'), server: 'w' }], {
      count: 2,
      chunkSize: 100,
    }).records;
    expect(records.map((r) => r.message)).toEqual(['crashed', 'Server transport closed']);
    expect(records[0]!.continuation).toEqual(stderr);
  });

  it('filters by level, server and time, and stops at the first record before --since', () => {
    const dir = makeTempDir('tail');
    const file = join(dir, 'mcp.log');
    writeMcpLog(file, 20_000);
    const { fs, counter } = countingFs();
    const errors = tailLogs(fs, [desktop(file)], {
      count: 3,
      filter: { minLevel: 'error', name: 's1' },
    }).records;
    // Errors are records 0 mod 5, s1 records 1 mod 3: both are 10 mod 15.
    expect(errors.map((r) => r.message.split(' ')[1])).toEqual(['19960', '19975', '19990']);
    counter.bytes = 0;
    const recent = tailLogs(fs, [desktop(file)], {
      count: 1000,
      filter: { since: T0 + 19_995 * 1000 },
      chunkSize: 4096,
    }).records;
    expect(recent.map((r) => r.message.split(' ')[1])).toEqual([
      '19995',
      '19996',
      '19997',
      '19998',
      '19999',
    ]);
    expect(counter.bytes).toBeLessThan(3 * 4096);
  });

  it('merges files by time, and reads only the newest session files it needs', () => {
    const dir = makeTempDir('tail');
    const a = join(dir, 'mcp.log');
    const b = join(dir, 'mcp-server-w.log');
    writeFileSync(a, `${iso(T0)} [info] [w] a0\n${iso(T0 + 2)} [info] [w] a2\n`);
    writeFileSync(b, `${iso(T0 + 1)} [w] [info] b1\n${iso(T0 + 2)} [w] [info] b2\n`);
    const old = join(dir, '2026-01-01T00-00-00-000Z.jsonl');
    const recent = join(dir, '2026-01-02T00-00-00-000Z.jsonl');
    const line = (key: string, text: string, ms: number) =>
      `${JSON.stringify({ [key]: text, timestamp: iso(ms), sessionId: 's', cwd: '/p' })}\n`;
    writeFileSync(old, line('debug', 'old', T0 - 5));
    writeFileSync(recent, line('error', 'c3', T0 + 3) + line('debug', 'c4', T0 + 4));
    const code = (path: string): LogSource => ({
      path,
      format: 'code',
      server: 'w',
      stream: 'code',
    });
    const { fs, counter } = countingFs();
    const merged = tailLogs(fs, [desktop(a), desktop(b, 'server-first'), code(old), code(recent)], {
      count: 5,
    }).records;
    expect(merged.map((r) => r.message)).toEqual(['a0', 'b1', 'a2', 'b2', 'c3', 'c4'].slice(-5));
    expect(counter.bytes).toBeGreaterThan(0);
    // Two records are wanted and the newest session file has them: the older is not opened.
    const onlyNewest = tailLogs(fs, [code(old), code(recent)], { count: 2 });
    expect(onlyNewest.records.map((r) => r.message)).toEqual(['c3', 'c4']);
    expect(onlyNewest.bytesRead).toBe(
      Buffer.byteLength(line('error', 'c3', T0 + 3) + line('debug', 'c4', T0 + 4)),
    );
    expect(
      tailLogs(fs, [code(old), code(recent)], { count: 3 }).records.map((r) => r.message),
    ).toEqual(['old', 'c3', 'c4']);
  });

  it('stops at the byte bound and says so', () => {
    const dir = makeTempDir('tail');
    const file = join(dir, 'mcp.log');
    writeMcpLog(file, 5000);
    const { fs } = countingFs();
    const result = tailLogs(fs, [desktop(file)], {
      count: 10,
      filter: { name: 'nobody' },
      maxBytesPerStream: 10_000,
      chunkSize: 1000,
    });
    expect(result.records).toEqual([]);
    expect(result.limited).toBe(true);
    expect(result.bytesRead).toBe(10_000);
  });
});

describe('mergeByTime', () => {
  it('is stable for equal times and puts records without a time first', () => {
    const r = (message: string, time: number | undefined): LogRecord => ({
      time,
      level: 'info',
      server: undefined,
      message,
      continuation: [],
      file: 'f',
    });
    expect(
      mergeByTime([
        [r('a1', 1), r('a2', 2), r('a3', 2)],
        [r('b0', undefined), r('b2', 2), r('b3', 3)],
      ]).map((x) => x.message),
    ).toEqual(['b0', 'a1', 'a2', 'a3', 'b2', 'b3']);
  });
});
