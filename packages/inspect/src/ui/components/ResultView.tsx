import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { ResultDocument } from '../../core/result/result-document.js';
import { scrollTo, type ScrollPosition } from '../../core/result/scroll.js';
import type { Segment, SegmentStyle, StyledLine } from '../../core/result/styled-line.js';
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

const COLOURS: Record<SegmentStyle, { color?: string; dimColor?: boolean; bold?: boolean }> = {
  plain: {},
  key: { color: 'cyan' },
  string: { color: 'green' },
  number: { color: 'yellow' },
  literal: { color: 'magenta' },
  punctuation: {},
  muted: { dimColor: true },
  heading: { bold: true },
  ok: { color: 'green' },
  warning: { color: 'yellow' },
  error: { color: 'red' },
};

const count = (n: number) => n.toLocaleString('en-US');

type Position = ScrollPosition & { document: ResultDocument };

/** The segments of `line` that fit in `width` columns. */
function fit(line: StyledLine, width: number): Segment[] {
  const out: Segment[] = [];
  let room = width;
  for (const segment of line) {
    if (room <= 0) break;
    out.push(
      segment.text.length > room ? { ...segment, text: segment.text.slice(0, room) } : segment,
    );
    room -= segment.text.length;
  }
  return out;
}

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
      const cursor = position.current.document === document ? position.current.cursor : 0;
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
      {lines.map((line, i) => {
        const segments = fit(line, width);
        const here = isActive && top + i === cursor;
        return (
          <Text key={top + i} wrap="truncate-end" inverse={here}>
            {segments.length === 0
              ? ' '
              : segments.map((segment, j) => (
                  <Text key={j} {...COLOURS[segment.style]}>
                    {segment.text}
                  </Text>
                ))}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">
        {`lines ${count(total === 0 ? 0 : top + 1)}–${count(last)} of ${count(total)}`}
        {document.raw ? ' · raw JSON (v: back)' : ' · Space fold · v raw'}
        {onSave ? ' · w save' : ''}
      </Text>
    </Box>
  );
}
