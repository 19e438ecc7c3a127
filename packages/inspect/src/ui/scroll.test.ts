import { describe, expect, it } from 'vitest';
import { initialScroll, moveScroll, resolveScroll, type ScrollRows } from './scroll.js';

// Rows identified by number, the first one being `first` (earlier ones were evicted).
const rows = (first: number, count: number, height: number): ScrollRows<number> => ({
  count,
  height,
  anchorAt: (index) => first + index,
  indexOf: (anchor) => (anchor >= first && anchor < first + count ? anchor - first : undefined),
});

describe('scroll', () => {
  it('follows the tail from the start, or sits on the first row', () => {
    expect(resolveScroll(initialScroll<number>('bottom'), rows(0, 10, 3))).toEqual({
      cursor: 9,
      top: 7,
    });
    expect(resolveScroll(initialScroll<number>('top'), rows(0, 10, 3))).toEqual({
      cursor: 0,
      top: 0,
    });
    expect(resolveScroll(initialScroll<number>('bottom'), rows(0, 0, 3))).toEqual({
      cursor: 0,
      top: 0,
    });
  });

  it('moves by one, by a page and to the ends, within bounds', () => {
    const ten = rows(0, 10, 4);
    let state = moveScroll(initialScroll<number>('top'), 'up', ten);
    expect(resolveScroll(state, ten)).toEqual({ cursor: 0, top: 0 });
    state = moveScroll(state, 'pageDown', ten);
    expect(resolveScroll(state, ten)).toEqual({ cursor: 3, top: 3 });
    state = moveScroll(state, 'pageDown', ten);
    state = moveScroll(state, 'pageDown', ten);
    expect(resolveScroll(state, ten)).toEqual({ cursor: 9, top: 6 });
    expect(state.follow).toBe(true);
    state = moveScroll(state, 'top', ten);
    expect(resolveScroll(state, ten)).toEqual({ cursor: 0, top: 0 });
    expect(state.follow).toBe(false);
  });

  it('keeps the cursor and window on their rows as rows come and go', () => {
    let state = moveScroll(initialScroll<number>('bottom'), 'up', rows(0, 10, 3));
    expect(resolveScroll(state, rows(0, 10, 3))).toEqual({ cursor: 8, top: 7 });
    // Two rows evicted, five added: the same rows (7 and 8) are still on screen.
    expect(resolveScroll(state, rows(2, 13, 3))).toEqual({ cursor: 6, top: 5 });
    // The rows under the cursor are gone: the last known place holds.
    state = moveScroll(state, 'top', rows(0, 10, 3));
    expect(resolveScroll(state, rows(50, 10, 3))).toEqual({ cursor: 0, top: 0 });
  });
});
