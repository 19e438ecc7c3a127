import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { createLogFs } from '../../target/log-fs.js';
import { followLogs, type FollowOptions } from './follow.js';
import { desktopFiles } from './sources.js';
import { tailLogs } from './tail.js';
import type { LogRecord } from './types.js';

/** A follow over a temp log folder, polled by hand (the timer never fires on its own). */
function setup(filter: FollowOptions['filter'] = {}) {
  const dir = makeTempDir('follow');
  const mcp = join(dir, 'mcp.log');
  writeFileSync(mcp, '2025-01-15T10:00:00.000Z [info] [a] before\n');
  const fs = createLogFs('linux', 'linux');
  const listFiles = () => desktopFiles(dir, { platform: 'linux', fs });
  const tail = tailLogs(fs, listFiles(), { count: 10 });
  const seen: LogRecord[] = [];
  const timers: number[] = [];
  const follower = followLogs({
    fs,
    listFiles,
    dirs: [dir],
    start: tail.ends,
    filter,
    onRecord: (r) => seen.push(r),
    schedule: (_fn, ms) => {
      timers.push(ms);
      return () => undefined;
    },
  });
  const messages = () =>
    seen.map((r) => (r.continued ? `+${r.continuation.join('|')}` : r.message));
  return { dir, mcp, follower, seen, messages, timers };
}

describe('followLogs', () => {
  it('prints appended records, holding a partial line until its newline', () => {
    const { mcp, follower, messages, timers } = setup();
    expect(timers[0]).toBe(100);
    follower.poll();
    expect(messages()).toEqual([]);
    appendFileSync(mcp, '2025-01-15T10:00:01.000Z [info] [a] one\n2025-01-15T10:00:02.000Z [er');
    follower.poll();
    expect(messages()).toEqual(['one']);
    appendFileSync(mcp, 'ror] [a] two\r\n');
    follower.poll();
    expect(messages()).toEqual(['one', 'two']);
    follower.stop();
  });

  it('prints stderr lines written later as the continuation of the record before them', () => {
    const { mcp, follower, seen, messages } = setup();
    appendFileSync(mcp, '2025-01-15T10:00:01.000Z [error] [a] crashed\n');
    follower.poll();
    appendFileSync(mcp, 'Traceback (most recent call last):\n  File "x.py"\n');
    follower.poll();
    expect(messages()).toEqual(['crashed', '+Traceback (most recent call last):|  File "x.py"']);
    expect(seen[1]).toMatchObject({ level: 'error', server: 'a', continued: true });
    follower.stop();
  });

  it('reads a rotated file to its end, then the new file from its start', () => {
    const { mcp, follower, messages } = setup();
    appendFileSync(mcp, '2025-01-15T10:00:01.000Z [info] [a] one\n');
    follower.poll();
    appendFileSync(mcp, '2025-01-15T10:00:02.000Z [info] [a] last of old\n');
    renameSync(mcp, `${mcp}.1`);
    writeFileSync(mcp, '2025-01-15T10:00:03.000Z [info] [a] first of new\n');
    follower.poll();
    expect(messages()).toEqual(['one', 'last of old', 'first of new']);
    appendFileSync(mcp, '2025-01-15T10:00:04.000Z [info] [a] more\n');
    follower.poll();
    expect(messages()).toEqual(['one', 'last of old', 'first of new', 'more']);
    follower.stop();
  });

  it('starts again from the top of a truncated file', () => {
    const { mcp, follower, messages } = setup();
    appendFileSync(mcp, '2025-01-15T10:00:01.000Z [info] [a] one\n');
    follower.poll();
    truncateSync(mcp, 0);
    follower.poll();
    writeFileSync(mcp, '2025-01-15T10:00:05.000Z [info] [a] after\n');
    follower.poll();
    expect(messages()).toEqual(['one', 'after']);
    follower.stop();
  });

  it("picks up a server's log file that appears, from its start, and applies the filter", () => {
    const { dir, follower, messages } = setup({ minLevel: 'warn' });
    writeFileSync(
      join(dir, 'mcp-server-b.log'),
      '2025-01-15T10:00:01.000Z [b] [info] hello\n2025-01-15T10:00:02.000Z [b] [error] spawn uvx ENOENT\nstderr line\n',
    );
    follower.poll();
    expect(messages()).toEqual(['spawn uvx ENOENT']);
    follower.stop();
  });

  it('prints nothing after stop', () => {
    const { mcp, follower, messages } = setup();
    follower.stop();
    appendFileSync(mcp, '2025-01-15T10:00:01.000Z [info] [a] late\n');
    follower.poll();
    expect(messages()).toEqual([]);
  });
});
