/** A move of the cursor in a scrolled pane. */
export type ScrollMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/**
 * Where a pane's cursor and window are, by row identity (an anchor) rather than by index, so
 * that rows arriving or evicted around them do not move what the person is looking at.
 */
export interface ScrollState<A> {
  /** At the last row, following new rows as they arrive. */
  follow: boolean;
  /** The row under the cursor, and its index when last seen (used once the row is gone). */
  cursor: A | undefined;
  cursorIndex: number;
  /** The first row shown, and its index when last seen. */
  top: A | undefined;
  topIndex: number;
}

/** The rows of a pane as the scroll logic sees them. */
export interface ScrollRows<A> {
  /** How many rows there are. */
  count: number;
  /** How many fit in the window. */
  height: number;
  /** The identity of the row at `index`. */
  anchorAt: (index: number) => A;
  /** Where the row `anchor` is now; undefined once it is gone. */
  indexOf: (anchor: A) => number | undefined;
}

/** The start state: following the tail, or on the first row. */
export function initialScroll<A>(at: 'top' | 'bottom'): ScrollState<A> {
  return {
    follow: at === 'bottom',
    cursor: undefined,
    cursorIndex: 0,
    top: undefined,
    topIndex: 0,
  };
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** The cursor and first shown row, as indexes, for the rows as they are now. */
export function resolveScroll<A>(
  state: ScrollState<A>,
  rows: Omit<ScrollRows<A>, 'anchorAt'>,
): { cursor: number; top: number } {
  const last = Math.max(0, rows.count - 1);
  const height = Math.max(1, rows.height);
  const lastTop = Math.max(0, rows.count - height);
  if (state.follow) return { cursor: last, top: lastTop };
  const cursor = clamp(
    (state.cursor === undefined ? undefined : rows.indexOf(state.cursor)) ?? state.cursorIndex,
    0,
    last,
  );
  let top = clamp(
    (state.top === undefined ? undefined : rows.indexOf(state.top)) ?? state.topIndex,
    0,
    lastTop,
  );
  // Scroll as little as keeps the cursor in view.
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  return { cursor, top };
}

/** The state after `move`; the last row means following the tail again. */
export function moveScroll<A>(
  state: ScrollState<A>,
  move: ScrollMove,
  rows: ScrollRows<A>,
): ScrollState<A> {
  const { cursor, top } = resolveScroll(state, rows);
  const page = Math.max(1, rows.height - 1);
  const last = Math.max(0, rows.count - 1);
  const next = clamp(
    {
      up: cursor - 1,
      down: cursor + 1,
      pageUp: cursor - page,
      pageDown: cursor + page,
      top: 0,
      bottom: last,
    }[move],
    0,
    last,
  );
  // A page moves the window with the cursor, so each one shows new rows.
  const shift = move === 'pageUp' ? -page : move === 'pageDown' ? page : 0;
  return scrollTo(next, top + shift, rows);
}

/** The state with the cursor on row `index`, the window moved as little as needed. */
export function scrollTo<A>(
  index: number,
  previousTop: number,
  rows: ScrollRows<A>,
): ScrollState<A> {
  const last = Math.max(0, rows.count - 1);
  const cursor = clamp(index, 0, last);
  const { top } = resolveScroll(
    {
      follow: false,
      cursor: undefined,
      cursorIndex: cursor,
      top: undefined,
      topIndex: previousTop,
    },
    rows,
  );
  if (rows.count === 0) return initialScroll('bottom');
  return {
    follow: cursor === last,
    cursor: rows.anchorAt(cursor),
    cursorIndex: cursor,
    top: rows.anchorAt(top),
    topIndex: top,
  };
}
