import { describe, expect, it } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { StderrLog } from '../../core/live/stderr-log.js';
import { StderrPane } from './StderrPane.js';

const numbered = (count: number) =>
  Array.from({ length: count }, (_, index) => `line ${index + 1}\n`).join('');

describe('StderrPane', () => {
  it('says when there is no stderr yet', async () => {
    const { lastFrame } = await renderInk(
      <StderrPane log={new StderrLog()} width={40} height={3} isActive />,
    );
    expect(lastFrame()).toContain('no stderr yet');
  });

  it('shows only the last rows and follows new lines while at the bottom', async () => {
    const log = new StderrLog();
    log.append(numbered(10));
    const app = await renderInk(<StderrPane log={log} width={40} height={3} isActive />);
    expect(app.lastFrame()!.split('\n')).toEqual(['line 8', 'line 9', 'line 10']);
    await app.burst();
    log.append('line 11\n');
    await app.burst();
    expect(app.lastFrame()!.split('\n')).toEqual(['line 9', 'line 10', 'line 11']);
  });

  it('scrolls up, stays put while lines arrive, and follows again at the bottom', async () => {
    const log = new StderrLog();
    log.append(numbered(10));
    const app = await renderInk(<StderrPane log={log} width={40} height={3} isActive />);
    await app.type('k', 'k', 'k');
    expect(app.lastFrame()!.split('\n')).toEqual(['line 7', 'line 8', 'line 9']);
    log.append('line 11\n');
    await app.burst();
    expect(app.lastFrame()!.split('\n')).toEqual(['line 7', 'line 8', 'line 9']);
    await app.type('g');
    expect(app.lastFrame()!.split('\n')).toEqual(['line 1', 'line 2', 'line 3']);
    await app.type('\u001b[6~');
    expect(app.lastFrame()!.split('\n')).toEqual(['line 3', 'line 4', 'line 5']);
    await app.type('j', 'j', 'j');
    expect(app.lastFrame()!.split('\n')).toEqual(['line 4', 'line 5', 'line 6']);
    await app.type('\u001b[5~');
    expect(app.lastFrame()!.split('\n')).toEqual(['line 2', 'line 3', 'line 4']);
    await app.type('G');
    log.append('line 12\n');
    await app.burst();
    expect(app.lastFrame()!.split('\n')).toEqual(['line 10', 'line 11', 'line 12']);
  });

  it('takes fast typing that arrives as one string as one key per character', async () => {
    const log = new StderrLog();
    log.append(numbered(10));
    const app = await renderInk(<StderrPane log={log} width={40} height={3} isActive />);
    await app.burst('kkkk');
    expect(app.lastFrame()!.split('\n')).toEqual(['line 6', 'line 7', 'line 8']);
  });

  it('ignores keys when not active', async () => {
    const log = new StderrLog();
    log.append(numbered(10));
    const app = await renderInk(<StderrPane log={log} width={40} height={3} isActive={false} />);
    await app.type('g');
    expect(app.lastFrame()).toContain('line 10');
  });

  it('shows how the server ended on top', async () => {
    const log = new StderrLog();
    log.append('Traceback…\nValueError: bad\n');
    const { lastFrame } = await renderInk(
      <StderrPane log={log} width={40} height={3} isActive exit={{ code: 1, signal: null }} />,
    );
    expect(lastFrame()!.split('\n')).toEqual([
      'server exited with code 1',
      'Traceback…',
      'ValueError: bad',
    ]);
    const killed = await renderInk(
      <StderrPane
        log={log}
        width={40}
        height={3}
        isActive
        exit={{ code: null, signal: 'SIGKILL' }}
      />,
    );
    expect(killed.lastFrame()).toContain('server stopped by signal SIGKILL');
  });

  it('sanitises escape sequences and cuts long lines to the width with …', async () => {
    const log = new StderrLog();
    log.append(`\u001b[2J\u001b]0;pwned\u0007red \u001b[31malert\u001b[0m\n${'x'.repeat(200)}\n`);
    const { lastFrame } = await renderInk(
      <StderrPane log={log} width={80} height={2} isActive={false} />,
    );
    const [first, second] = lastFrame()!.split('\n');
    expect(first).toBe('red alert');
    expect(second).toBe(`${'x'.repeat(79)}…`);
    expect(lastFrame()).not.toContain('\u001b');
  });
});
