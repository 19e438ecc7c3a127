import { useInput, type Key } from 'ink';
import { useRef, useState } from 'react';
import { KEYS } from '../key-bindings.js';
import {
  initialScroll,
  moveScroll,
  resolveScroll,
  type ScrollMove,
  type ScrollRows,
  type ScrollState,
} from '../scroll.js';

/** Options of {@link useScroll}: the rows, plus how the pane starts and its other keys. */
export interface UseScrollOptions<A> extends ScrollRows<A> {
  /** Whether this pane takes the keys. */
  isActive: boolean;
  /** Start following the tail (`bottom`, the default) or on the first row. */
  start?: 'top' | 'bottom';
  /** Keys other than moves, with the cursor row as it is at that key (not at the last render). */
  onKey?: (input: string, key: Key, cursor: number) => void;
}

/** Where the cursor and window are, as indexes into the rows of this render. */
export interface ScrollPosition {
  /** The row under the cursor. */
  cursor: number;
  /** The first row shown. */
  top: number;
  /**
   * Stops following the tail, the cursor staying on its row, before `revealBelow` rows are
   * added under it (a message opened): the window scrolls so that they will show.
   */
  pin: (revealBelow?: number) => void;
}

const MOVES: readonly [ScrollMove, (input: string, key: Key) => boolean][] = [
  ['up', KEYS.up],
  ['down', KEYS.down],
  ['pageUp', KEYS.pageUp],
  ['pageDown', KEYS.pageDown],
  ['top', KEYS.top],
  ['bottom', KEYS.bottom],
];

/**
 * The cursor of a windowed pane: ↑↓ j k, PgUp PgDn, g G; follows the tail while on the last row.
 * The state lives in a ref as well as in React state, so keys arriving in one burst, before
 * React re-renders, each see the move before them.
 */
export function useScroll<A>(options: UseScrollOptions<A>): ScrollPosition {
  const [state, setState] = useState<ScrollState<A>>(() =>
    initialScroll(options.start ?? 'bottom'),
  );
  const latest = useRef(state);
  const set = (next: ScrollState<A>) => {
    latest.current = next;
    setState(next);
  };

  const handle = (input: string, key: Key) => {
    const move = MOVES.find(([, test]) => test(input, key));
    if (move) {
      set(moveScroll(latest.current, move[0], options));
      return;
    }
    options.onKey?.(input, key, resolveScroll(latest.current, options).cursor);
  };

  useInput(
    (input, key) => {
      // Fast typing arrives as one string ("jj", "j\r"): each character is a key of its own.
      if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001b')) {
        for (const char of input) handle(char, { ...key, return: char === '\r' });
        return;
      }
      handle(input, key);
    },
    { isActive: options.isActive },
  );

  const { cursor, top } = resolveScroll(state, options);
  return {
    cursor,
    top,
    pin: (revealBelow = 0) => {
      const now = resolveScroll(latest.current, options);
      const height = Math.max(1, options.height);
      // Scroll so that up to `revealBelow` rows after the cursor show, the cursor staying in view.
      const top = Math.min(
        now.cursor,
        Math.max(now.top, now.cursor + Math.min(revealBelow, height - 1) - height + 1),
      );
      // Not through scrollTo: the rows to reveal do not exist yet, so its clamp would undo this.
      if (options.count === 0) return;
      set({
        follow: false,
        cursor: options.anchorAt(now.cursor),
        cursorIndex: now.cursor,
        top: options.anchorAt(top),
        topIndex: top,
      });
    },
  };
}
