import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { HistoryStore } from '../../core/live/history-store.js';
import { HistoryPane } from './HistoryPane.js';

const AT = new Date(2026, 2, 4, 8, 9, 10).getTime();
const rows = (frame: string | undefined) => frame!.split('\n');

async function storeWith(count: number) {
  const store = await HistoryStore.open({ file: undefined });
  for (let index = 1; index <= count; index += 1) {
    await store.add({
      kind: 'tool',
      name: `tool${index}`,
      arguments: { n: index },
      outcome: 'ok',
      time: AT,
    });
  }
  return store;
}

function pane(store: HistoryStore, height = 3, width = 80) {
  const handlers = { onRerun: vi.fn(), onEdit: vi.fn(), onExport: vi.fn() };
  const element = (
    <HistoryPane store={store} width={width} height={height} isActive {...handlers} />
  );
  return { element, ...handlers };
}

describe('HistoryPane', () => {
  it('says when there are no calls yet', async () => {
    const { element } = pane(await storeWith(0));
    expect((await renderInk(element)).lastFrame()).toContain('no calls yet');
  });

  it('shows calls newest first: time, kind, name, outcome, duration, arguments', async () => {
    const store = await HistoryStore.open({ file: undefined });
    await store.add({
      kind: 'tool',
      name: 'weather',
      arguments: { city: 'Oslo' },
      outcome: 'ok',
      durationMs: 120.4,
      time: AT,
    });
    await store.add({
      kind: 'resource',
      name: 'file:///a.txt',
      arguments: {},
      outcome: 'error',
      time: AT,
    });
    const { element } = pane(store);
    expect(rows((await renderInk(element)).lastFrame())).toEqual([
      '03-04 08:09:10  resource  file:///a.txt  error',
      '03-04 08:09:10  tool      weather        ok        120 ms   {"city":"Oslo"}',
      '',
    ]);
  });

  it('re-runs with Enter, edits with e and exports with x, on the entry under the cursor', async () => {
    const store = await storeWith(5);
    const { element, onRerun, onEdit, onExport } = pane(store);
    const app = await renderInk(element);
    await app.type('\r');
    expect(onRerun).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'tool5', arguments: { n: 5 } }),
    );
    await app.burst('j', 'j', 'e');
    expect(onEdit).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'tool3' }));
    await app.type('x');
    expect(onExport).toHaveBeenCalledTimes(1);
    expect(onRerun).toHaveBeenCalledTimes(1);
    // Typed fast, a move and Enter arrive as one string: Enter acts where the move went.
    await app.burst('j\r');
    expect(onRerun).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'tool2' }));
  });

  it('scrolls through the calls and keeps the cursor on its call as new ones arrive', async () => {
    const store = await storeWith(10);
    const { element, onRerun } = pane(store);
    const app = await renderInk(element);
    expect(rows(app.lastFrame()).map((row) => row.split(/\s+/)[3])).toEqual([
      'tool10',
      'tool9',
      'tool8',
    ]);
    // A page moves the window with the cursor: onto tool8, then j onto tool7.
    await app.type('\u001b[6~', 'j');
    expect(rows(app.lastFrame()).map((row) => row.split(/\s+/)[3])).toEqual([
      'tool8',
      'tool7',
      'tool6',
    ]);
    await store.add({ kind: 'tool', name: 'tool11', arguments: {}, outcome: 'ok', time: AT });
    await app.burst();
    expect(rows(app.lastFrame()).map((row) => row.split(/\s+/)[3])).toEqual([
      'tool8',
      'tool7',
      'tool6',
    ]);
    await app.type('\r');
    expect(onRerun).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'tool7' }));
    await app.type('G');
    expect(rows(app.lastFrame()).map((row) => row.split(/\s+/)[3])).toEqual([
      'tool3',
      'tool2',
      'tool1',
    ]);
  });

  it('shows the warning about a damaged history file on top', async () => {
    const file = join(makeTempDir('history-pane'), 'h.json');
    writeFileSync(file, 'garbage');
    const store = await HistoryStore.open({ file, now: () => 5 });
    const { element } = pane(store, 3, 200);
    const frame = (await renderInk(element)).lastFrame()!;
    expect(rows(frame)[0]).toContain('could not be read');
    expect(rows(frame)[1]).toBe('no calls yet');
  });

  it('sanitises names and arguments and cuts rows at 80 columns with …', async () => {
    const store = await HistoryStore.open({ file: undefined });
    await store.add({
      kind: 'resource',
      name: 'file:///\u001b[2Jx',
      arguments: { text: `\u001b]0;t\u0007${'a'.repeat(200)}` },
      outcome: 'failed',
      time: AT,
    });
    const { element } = pane(store, 1);
    const row = (await renderInk(element)).lastFrame()!;
    expect(row).not.toContain('\u001b');
    expect(row).toContain('file:///x');
    expect(row).toHaveLength(80);
    // Arguments are shown as JSON: a control character is an inert `\u001b` escape there.
    expect(row).toContain('{"text":"\\u001b]0;t');
    expect(row.endsWith('…')).toBe(true);
  });
});
