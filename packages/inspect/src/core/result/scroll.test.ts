import { describe, expect, it } from 'vitest';
import { scrollTo } from './scroll.js';

describe('scrollTo', () => {
  it('scrolls only when the cursor leaves the rows shown', () => {
    expect(scrollTo(5, { top: 0 }, 100, 10)).toEqual({ cursor: 5, top: 0 });
    expect(scrollTo(10, { top: 0 }, 100, 10)).toEqual({ cursor: 10, top: 1 });
    expect(scrollTo(3, { top: 8 }, 100, 10)).toEqual({ cursor: 3, top: 3 });
  });

  it('keeps the cursor within the lines and the last page full', () => {
    expect(scrollTo(500, { top: 0 }, 100, 10)).toEqual({ cursor: 99, top: 90 });
    expect(scrollTo(-3, { top: 50 }, 100, 10)).toEqual({ cursor: 0, top: 0 });
    // After a fold the document is shorter than the page that was shown.
    expect(scrollTo(4, { top: 40 }, 6, 10)).toEqual({ cursor: 4, top: 0 });
    expect(scrollTo(0, { top: 0 }, 0, 10)).toEqual({ cursor: 0, top: 0 });
  });
});
