import { describe, expect, it } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { NotificationLog } from '../../core/live/notification-log.js';
import { clockTime } from '../text.js';
import { LogPane, levelStyle } from './LogPane.js';

const AT = new Date(2026, 0, 2, 9, 5, 7, 42).getTime();

describe('LogPane', () => {
  it('says when there are no messages yet', async () => {
    const { lastFrame } = await renderInk(
      <LogPane log={new NotificationLog()} width={40} height={2} isActive />,
    );
    expect(lastFrame()).toContain('no log messages yet');
  });

  it('shows time, level, logger and text', async () => {
    const log = new NotificationLog();
    log.push({ level: 'warning', logger: 'db', text: 'slow query' }, AT);
    log.push({ level: 'info', text: 'ready' }, AT);
    const { lastFrame } = await renderInk(<LogPane log={log} width={60} height={2} isActive />);
    expect(clockTime(AT)).toBe('09:05:07.042');
    expect(lastFrame()!.split('\n')).toEqual([
      '09:05:07.042 warning   db: slow query',
      '09:05:07.042 info      ready',
    ]);
  });

  it('colours levels: debug dim, notice and warning yellow, error and worse red', () => {
    expect(levelStyle('debug')).toEqual({ dimColor: true });
    expect(levelStyle('info')).toEqual({});
    expect(levelStyle('notice').color).toBe('yellow');
    expect(levelStyle('warning').color).toBe('yellow');
    for (const level of ['error', 'critical', 'alert', 'emergency'])
      expect(levelStyle(level).color).toBe('red');
  });

  it('scrolls (keys in one burst included) and follows the tail at the bottom', async () => {
    const log = new NotificationLog();
    for (let index = 1; index <= 20; index += 1)
      log.push({ level: 'info', text: `message ${index}` }, AT);
    const app = await renderInk(<LogPane log={log} width={60} height={2} isActive />);
    expect(app.lastFrame()).toContain('message 20');
    await app.burst('k', 'k', 'k');
    expect(
      app
        .lastFrame()!
        .split('\n')
        .map((line) => line.slice(23)),
    ).toEqual(['message 17', 'message 18']);
    log.push({ level: 'info', text: 'message 21' }, AT);
    await app.burst();
    expect(app.lastFrame()).not.toContain('message 21');
    await app.type('\u001b[B', '\u001b[B', '\u001b[B', '\u001b[B');
    log.push({ level: 'info', text: 'message 22' }, AT);
    await app.burst();
    expect(
      app
        .lastFrame()!
        .split('\n')
        .map((line) => line.slice(23)),
    ).toEqual(['message 21', 'message 22']);
  });

  it('keeps the cursor on its message while old ones are evicted', async () => {
    const log = new NotificationLog({ maxEntries: 5 });
    for (let index = 1; index <= 5; index += 1)
      log.push({ level: 'info', text: `message ${index}` }, AT);
    const app = await renderInk(<LogPane log={log} width={60} height={2} isActive />);
    await app.type('k', 'k');
    expect(
      app
        .lastFrame()!
        .split('\n')
        .map((line) => line.slice(23)),
    ).toEqual(['message 3', 'message 4']);
    log.push({ level: 'info', text: 'message 6' }, AT);
    await app.burst();
    expect(
      app
        .lastFrame()!
        .split('\n')
        .map((line) => line.slice(23)),
    ).toEqual(['message 3', 'message 4']);
  });

  it('sanitises server strings and cuts rows at 80 columns with …', async () => {
    const log = new NotificationLog();
    log.push(
      {
        level: 'error\u001b[2J',
        logger: 'x\u001b]8;;http://evil\u0007',
        text: `\u001b[31m${'y'.repeat(200)}`,
      },
      AT,
    );
    const { lastFrame } = await renderInk(
      <LogPane log={log} width={80} height={1} isActive={false} />,
    );
    const row = lastFrame()!;
    expect(row).not.toContain('\u001b');
    expect(row).toContain('error');
    expect(row).toContain('x: yyy');
    expect(row).toHaveLength(80);
    expect(row.endsWith('y…')).toBe(true);
  });
});
