import { Box, Text } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { TrafficLog } from '../../core/live/traffic-log.js';
import { useLogVersion } from '../hooks/use-log-version.js';
import { useScroll } from '../hooks/use-scroll.js';
import { KEYS } from '../key-bindings.js';
import { clockTime, fit } from '../text.js';
import {
  describeTraffic,
  expandedLines,
  trafficRows,
  type TrafficRecord,
} from '../traffic-rows.js';

/** Props of {@link TrafficPane}. */
export interface TrafficPaneProps {
  /** The raw JSON-RPC traffic. */
  log: TrafficLog;
  /** Columns available; longer rows are cut with `…`. */
  width: number;
  /** Rows available. */
  height: number;
  /** Whether this pane takes the keys. */
  isActive: boolean;
}

/** A row's identity: the message, and the row within it (0 = the message line). */
interface TrafficAnchor {
  seq: number;
  sub: number;
}

const TIME_WIDTH = 13;

/**
 * The raw JSON-RPC traffic, one line per message (`→` sent, `←` received, `!` stray stdout),
 * windowed; Enter or `v` opens a message's pretty JSON below it, and closes it again.
 */
export function TrafficPane({ log, width, height, isActive }: TrafficPaneProps) {
  useLogVersion(log);
  const entries = log.entries();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  // Mirrors `expanded` for keys that arrive before React re-renders.
  const expandedNow = useRef(expanded);
  const rows = useMemo(() => trafficRows(entries, expanded), [entries, expanded]);
  const first = entries[0]?.seq ?? 0;

  const { cursor, top, pin } = useScroll<TrafficAnchor>({
    count: rows.count,
    height,
    isActive,
    anchorAt: (row) => {
      const { index, sub } = rows.locate(row);
      return { seq: entries[index]?.seq ?? 0, sub };
    },
    indexOf: ({ seq, sub }) => {
      const index = seq - first;
      if (index < 0 || index >= entries.length) return undefined;
      const start = rows.starts[index]!;
      const end = rows.starts[index + 1] ?? rows.count;
      return start + Math.min(sub, end - start - 1);
    },
    onKey: (input, key, row) => {
      if (!KEYS.open(input, key) && !KEYS.raw(input, key)) return;
      const entry = entries[rows.locate(row).index];
      if (!entry) return;
      const next = new Set(expandedNow.current);
      if (next.has(entry.seq)) next.delete(entry.seq);
      else {
        // The cursor stays on the message (following the tail would send it to the end of
        // the JSON), and the window shows as much of the JSON as fits.
        pin(expandedLines(entry).length);
        next.add(entry.seq);
      }
      expandedNow.current = next;
      setExpanded(next);
    },
  });

  if (entries.length === 0) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text dimColor>no traffic yet</Text>
      </Box>
    );
  }
  const shown = [];
  for (let row = top; row < Math.min(rows.count, top + height); row += 1) {
    const { index, sub } = rows.locate(row);
    const entry = entries[index]!;
    const selected = isActive && row === cursor;
    shown.push(
      sub === 0 ? (
        <MessageLine
          key={`${entry.seq}`}
          entry={entry}
          answers={log.methodOf(entry)}
          width={width}
          selected={selected}
        />
      ) : (
        <Text key={`${entry.seq}:${sub}`} inverse={selected} wrap="truncate-end">
          {fit(`  ${expandedLines(entry)[sub - 1] ?? ''}`, width) || ' '}
        </Text>
      ),
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown}
    </Box>
  );
}

/** One message: time, what it is, then its JSON cut to the width. */
function MessageLine({
  entry,
  answers,
  width,
  selected,
}: {
  entry: TrafficRecord;
  answers: string | undefined;
  width: number;
  selected: boolean;
}) {
  const time = fit(`${clockTime(entry.time)} `, width);
  const what = fit(describeTraffic(entry, answers), Math.max(0, width - TIME_WIDTH));
  const room = Math.max(0, width - time.length - what.length - 1);
  const color =
    entry.direction === 'stray'
      ? 'yellow'
      : entry.isError
        ? 'red'
        : entry.direction === 'out'
          ? 'cyan'
          : 'green';
  return (
    <Text inverse={selected} wrap="truncate-end">
      <Text dimColor>{time}</Text>
      <Text color={color}>{what}</Text>
      {room > 0 ? (
        <Text
          color={entry.direction === 'stray' ? 'yellow' : undefined}
        >{` ${fit(entry.text, room)}`}</Text>
      ) : null}
    </Text>
  );
}
