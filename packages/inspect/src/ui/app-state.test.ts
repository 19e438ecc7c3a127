import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, type AppAction, type AppState } from './app-state.js';

const run = (...actions: AppAction[]): AppState => actions.reduce(appReducer, initialAppState());

describe('the TUI reducer', () => {
  it('opens on the Tools tab with the list focused', () => {
    const state = initialAppState();
    expect(state.tab).toBe('tools');
    expect(state.focus).toBe('list');
    expect(state.right).toEqual({ kind: 'detail' });
  });

  it('moves within bounds, pages, and remembers the selection per tab', () => {
    let state = run({ type: 'move', by: 1, count: 3 }, { type: 'move', by: 5, count: 3 });
    expect(state.selected.tools).toBe(2);
    state = appReducer(state, { type: 'move', by: -10, count: 3 });
    expect(state.selected.tools).toBe(0);
    state = run(
      { type: 'move', by: 2, count: 5 },
      { type: 'tab', tab: 'prompts' },
      { type: 'tab', tab: 'tools' },
    );
    expect(state.selected.tools).toBe(2);
    expect(state.selected.prompts).toBe(0);
  });

  it('filters per tab: typing resets the selection, Esc clears, Enter keeps', () => {
    let state = run(
      { type: 'move', by: 3, count: 9 },
      { type: 'filter-start' },
      { type: 'filter-text', text: 'ec' },
    );
    expect(state.filtering).toBe(true);
    expect(state.filter.tools).toBe('ec');
    expect(state.selected.tools).toBe(0);
    state = appReducer(state, { type: 'filter-keep' });
    expect(state.filtering).toBe(false);
    expect(state.filter.tools).toBe('ec');
    state = appReducer(state, { type: 'filter-clear' });
    expect(state.filter.tools).toBe('');
    expect(
      run(
        { type: 'filter-start' },
        { type: 'filter-text', text: 'x' },
        { type: 'tab', tab: 'resources' },
      ).filter.tools,
    ).toBe('x');
  });

  it('a form takes the focus and gives it back when closed; a result replaces it', () => {
    let state = run({ type: 'open-form', item: 'echo', initial: { message: 'hi' } });
    expect(state.right).toEqual({ kind: 'form', item: 'echo', initial: { message: 'hi' } });
    expect(state.focus).toBe('right');
    state = appReducer(state, { type: 'close-form' });
    expect(state.right.kind).toBe('detail');
    expect(state.focus).toBe('list');
    state = appReducer(state, { type: 'show-result' });
    expect(state.right.kind).toBe('result');
    expect(state.focus).toBe('right');
    // Moving in the list leaves the result, but never a form being filled in.
    expect(appReducer(state, { type: 'move', by: 1, count: 2 }).right.kind).toBe('detail');
  });

  it('an overlay key toggles its overlay; another replaces it', () => {
    let state = run({ type: 'overlay', overlay: 'traffic' });
    expect(state.overlay).toBe('traffic');
    state = appReducer(state, { type: 'overlay', overlay: 'stderr' });
    expect(state.overlay).toBe('stderr');
    state = appReducer(state, { type: 'overlay', overlay: 'stderr' });
    expect(state.overlay).toBeUndefined();
  });
});
