import chalk from 'chalk';
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { ResultDocument } from '../../core/result/result-document.js';
import { scrollTo, type ScrollPosition } from '../../core/result/scroll.js';
import type { SegmentStyle, StyledLine } from '../../core/result/styled-line.js';
import { KEYS } from '../key-bindings.js';

/** Props of {@link ResultView}. */
export interface ResultViewProps {
  /** The result shown; a new document starts at its top. */
  document: ResultDocument;
  /** Columns available. */
  width: number;
  /** Rows available, the position line included. */
  height: number;
  /** Whether keys go to this view (it has the focus). */
  isActive: boolean;
  /** Called on `w`: the parent asks where to save (see SavePrompt). */
  onSave?: () => void;
}

// Lines are coloured as strings, one Text each: a page of nested Texts (a few per line)
// costs Ink several times more per frame. Chalk is the one Ink colours with, so it follows
// the same colour support (NO_COLOR, FORCE_COLOR, not a terminal).
const PAINT: Record<SegmentStyle, (text: string) => string> = {
  plain: (text) => text,
  key: chalk.cyan,
  string: chalk.green,
  number: chalk.yellow,
  literal: chalk.magenta,
  punctuation: (text) => text,
  muted: chalk.dim,
  heading: chalk.bold,
  ok: chalk.green,
  warning: chalk.yellow,
  error: chalk.red,
};

/** `line` cut to `width` columns and coloured; server text in it is already sanitised. */
function paint(line: StyledLine, width: number): string {
  let out = '';
  let room = width;
  for (const { text, style } of line) {
    if (room <= 0) break;
    // Cut before a surrogate pair rather than through it.
    const cut = text.length > room ? room - (/[\ud800-\udbff]/.test(text[room - 1]!) ? 1 : 0) : -1;
    out += PAINT[style](cut >= 0 ? text.slice(0, cut) : text);
    room -= text.length;
  }
  return out || ' ';
}

const count = (n: number) => n.toLocaleString('en-US');

type Position = ScrollPosition & { document: ResultDocument };

/**
 * A result, scrollable with a cursor line: ↑↓ j k, PgUp PgDn, g G; Space folds the JSON
 * under the cursor, v switches to the raw JSON, w saves. Only the rows that fit are made.
 */
export function ResultView({ document, width, height, isActive, onSave }: ResultViewProps) {
  const rows = Math.max(1, height - 1);
  // The position lives in a ref so keys that arrive before a re-render build on each
  // other, and in state for rendering; either belongs to one document only.
  const position = useRef<Position>({ cursor: 0, top: 0, document });
  const [shown, setShown] = useState<Position>({ cursor: 0, top: 0, document });

  const moveTo = (cursor: number) => {
    const from = position.current.document === document ? position.current : { top: 0 };
    const total = document.lineCount(width);
    position.current = { ...scrollTo(cursor, from, total, rows), document };
    setShown(position.current);
  };

  useInput(
    (input, key) => {
      const kept = position.current.document === document ? position.current.cursor : 0;
      // A resize or a fold may have shortened the document since the last key.
      const cursor = Math.max(0, Math.min(kept, document.lineCount(width) - 1));
      // Fast repeats of j or k arrive as one string ("jjj").
      if (/^[jk]{2,}$/.test(input)) {
        let next = cursor;
        for (const char of input) next += char === 'j' ? 1 : -1;
        moveTo(next);
      } else if (KEYS.up(input, key)) moveTo(cursor - 1);
      else if (KEYS.down(input, key)) moveTo(cursor + 1);
      else if (KEYS.pageUp(input, key)) moveTo(cursor - rows);
      else if (KEYS.pageDown(input, key)) moveTo(cursor + rows);
      else if (KEYS.top(input, key)) moveTo(0);
      else if (KEYS.bottom(input, key)) moveTo(document.lineCount(width) - 1);
      else if (KEYS.fold(input, key)) moveTo(document.toggleFold(cursor, width) ?? cursor);
      else if (KEYS.raw(input, key)) {
        document.toggleRaw();
        position.current = { cursor: 0, top: 0, document };
        moveTo(0);
      } else if (KEYS.save(input, key)) onSave?.();
    },
    { isActive },
  );

  const total = document.lineCount(width);
  // The width may have changed since the last key: keep the cursor on the page.
  const from = shown.document === document ? shown : { cursor: 0, top: 0 };
  const { cursor, top } = scrollTo(from.cursor, from, total, rows);
  const lines = document.lines(top, rows, width);
  const last = Math.min(total, top + rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((line, i) => (
        <Text key={top + i} wrap="truncate-end" inverse={isActive && top + i === cursor}>
          {paint(line, width)}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">
        {`lines ${count(total === 0 ? 0 : top + 1)}–${count(last)} of ${count(total)}`}
        {document.raw ? ' · raw JSON (v: back)' : ' · Space fold · v raw'}
        {onSave ? ' · w save' : ''}
      </Text>
    </Box>
  );
}
