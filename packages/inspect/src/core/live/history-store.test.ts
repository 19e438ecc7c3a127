import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { HistoryStore } from './history-store.js';

const call = (name: string, args: Record<string, unknown> = {}) => ({
  kind: 'tool' as const,
  name,
  arguments: args,
  outcome: 'ok' as const,
});

describe('HistoryStore', () => {
  it('starts empty without a file and keeps calls newest first', async () => {
    const dir = makeTempDir('history');
    const file = join(dir, 'state', 'history', 'server.json');
    const store = await HistoryStore.open({ file });
    expect(store.entries()).toEqual([]);
    expect(store.warning).toBeUndefined();
    await store.add({ ...call('a'), time: 1 });
    await store.add({ ...call('b'), durationMs: 12, summary: 'first line\nsecond' });
    expect(store.entries().map((entry) => entry.name)).toEqual(['b', 'a']);
    expect(store.entries()[0]?.summary).toBe('first line');
    expect(store.entries()[1]?.time).toBe(1);
  });

  it('persists across open() in a file only its owner reads', async () => {
    const file = join(makeTempDir('history'), 'h.json');
    const first = await HistoryStore.open({ file });
    await first.add(call('weather', { city: 'Oslo' }));
    await first.add({ kind: 'resource', name: 'file:///a', arguments: {}, outcome: 'error' });
    const again = await HistoryStore.open({ file });
    expect(again.entries()).toEqual(first.entries());
    expect(again.lastArguments('tool', 'weather')).toEqual({ city: 'Oslo' });
    expect(again.lastArguments('prompt', 'weather')).toBeUndefined();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(readdirSync(join(file, '..'))).toEqual(['h.json']);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const file = join(makeTempDir('history'), 'h.json');
    const store = await HistoryStore.open({ file, maxEntries: 2 });
    await Promise.all([store.add(call('1')), store.add(call('2')), store.add(call('3'))]);
    expect(store.entries().map((entry) => entry.name)).toEqual(['3', '2']);
    const again = await HistoryStore.open({ file, maxEntries: 2 });
    expect(again.entries().map((entry) => entry.name)).toEqual(['3', '2']);
  });

  it('keeps the file under maxBytes', async () => {
    const file = join(makeTempDir('history'), 'h.json');
    const store = await HistoryStore.open({ file, maxBytes: 2_000 });
    for (let index = 0; index < 20; index += 1)
      await store.add(call(String(index), { text: 'x'.repeat(200) }));
    expect(readFileSync(file).length).toBeLessThanOrEqual(2_000);
    expect(store.entries()[0]?.name).toBe('19');
    expect(store.entries().length).toBeLessThan(20);
  });

  it('keeps a corrupt file aside, starts empty and never writes over it', async () => {
    const dir = makeTempDir('history');
    const file = join(dir, 'h.json');
    writeFileSync(file, '{"version":1,"entries":[{"id":');
    const store = await HistoryStore.open({ file, now: () => 1234 });
    expect(store.entries()).toEqual([]);
    expect(store.warning).toContain(`${file}.corrupt-1234`);
    expect(readFileSync(`${file}.corrupt-1234`, 'utf8')).toBe('{"version":1,"entries":[{"id":');
    expect(existsSync(file)).toBe(false);
    await store.add(call('after'));
    expect(readFileSync(`${file}.corrupt-1234`, 'utf8')).toBe('{"version":1,"entries":[{"id":');
    expect((await HistoryStore.open({ file })).entries().map((entry) => entry.name)).toEqual([
      'after',
    ]);
  });

  it('treats a file of another shape as corrupt and drops malformed entries', async () => {
    const dir = makeTempDir('history');
    const file = join(dir, 'h.json');
    writeFileSync(file, '"hello"');
    expect((await HistoryStore.open({ file })).warning).toContain('could not be read');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        entries: [
          { id: 'x', time: 1, kind: 'tool', name: 'ok', arguments: {}, outcome: 'ok' },
          { id: 'y' },
        ],
      }),
    );
    const store = await HistoryStore.open({ file });
    expect(store.warning).toBeUndefined();
    expect(store.entries().map((entry) => entry.id)).toEqual(['x']);
  });

  it('exports to a new file and refuses to overwrite one', async () => {
    const dir = makeTempDir('history');
    const store = await HistoryStore.open({ file: undefined });
    await store.add(call('a', { q: 1 }));
    const target = join(dir, 'export.json');
    expect(await store.exportTo(target)).toBe(target);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual(store.entries());
    writeFileSync(target, 'mine');
    await expect(store.exportTo(target)).rejects.toThrow(/EEXIST/);
    expect(readFileSync(target, 'utf8')).toBe('mine');
  });

  it('says when it cannot save, without failing the call', async () => {
    const dir = makeTempDir('history');
    writeFileSync(join(dir, 'blocker'), '');
    const store = await HistoryStore.open({ file: join(dir, 'blocker', 'h.json') });
    const listener = vi.fn();
    store.subscribe(listener);
    const version = store.version;
    await store.add(call('a'));
    expect(store.entries()).toHaveLength(1);
    expect(store.warning).toContain('could not be saved');
    expect(listener).toHaveBeenCalled();
    expect(store.version).toBeGreaterThan(version);
  });
});
