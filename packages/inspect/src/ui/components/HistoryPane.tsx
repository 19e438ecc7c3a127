import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { HistoryEntry, HistoryStore } from '../../core/live/history-store.js';
import { useLogVersion } from '../hooks/use-log-version.js';
import { useScroll } from '../hooks/use-scroll.js';
import { KEYS } from '../key-bindings.js';
import { dayTime, fit } from '../text.js';

/** Props of {@link HistoryPane}. */
export interface HistoryPaneProps {
  /** The calls made against this server. */
  store: HistoryStore;
  /** Columns available; longer rows are cut with `…`. */
  width: number;
  /** Rows available (a warning about the history file takes the first). */
  height: number;
  /** Whether this pane takes the keys. */
  isActive: boolean;
  /** Enter: run the call again as it was. */
  onRerun: (entry: HistoryEntry) => void;
  /** `e`: open the call's form, filled in, to change and run. */
  onEdit: (entry: HistoryEntry) => void;
  /** `x`: export the history to a file. */
  onExport: () => void;
}

const OUTCOME_COLOR: Record<HistoryEntry['outcome'], string> = {
  ok: 'green',
  error: 'red',
  failed: 'red',
  cancelled: 'yellow',
};

/** Past calls, newest first: time, kind, name, outcome, duration, arguments. */
export function HistoryPane({
  store,
  width,
  height,
  isActive,
  onRerun,
  onEdit,
  onExport,
}: HistoryPaneProps) {
  useLogVersion(store);
  const entries = store.entries();
  const warning = store.warning;
  const rows = Math.max(1, height - (warning ? 1 : 0));
  const positions = useMemo(
    () => new Map(entries.map((entry, index) => [entry.id, index])),
    [entries],
  );
  // Names get a column as wide as the longest, within reason.
  const nameWidth = useMemo(
    () =>
      Math.min(
        32,
        entries.reduce((widest, entry) => Math.max(widest, entry.name.length), 4),
      ),
    [entries],
  );
  const { cursor, top } = useScroll<string>({
    count: entries.length,
    height: rows,
    isActive,
    start: 'top',
    anchorAt: (index) => entries[index]?.id ?? '',
    indexOf: (id) => positions.get(id),
    onKey: (input, key, index) => {
      if (KEYS.exportHistory(input, key)) return onExport();
      const entry = entries[index];
      if (!entry) return;
      if (KEYS.open(input, key)) onRerun(entry);
      else if (KEYS.editAndRun(input, key)) onEdit(entry);
    },
  });

  return (
    <Box flexDirection="column" width={width} height={height}>
      {warning ? (
        <Text color="yellow" wrap="truncate-end">
          {fit(warning, width)}
        </Text>
      ) : null}
      {entries.length === 0 ? (
        <Text dimColor>no calls yet</Text>
      ) : (
        entries.slice(top, top + rows).map((entry, offset) => {
          const time = `${dayTime(entry.time)}  `;
          const kind = entry.kind.padEnd(10);
          const name = `${fit(entry.name, nameWidth).padEnd(nameWidth)}  `;
          const outcome = entry.outcome.padEnd(10);
          const duration = (
            entry.durationMs === undefined ? '' : `${Math.round(entry.durationMs)} ms`
          ).padEnd(9);
          const used = time.length + kind.length + name.length + outcome.length + duration.length;
          const rest = (at: number) => Math.max(0, width - at);
          return (
            <Text key={entry.id} inverse={isActive && top + offset === cursor} wrap="truncate-end">
              <Text dimColor>{fit(time, width)}</Text>
              {fit(kind, rest(time.length))}
              <Text bold>{fit(name, rest(time.length + kind.length))}</Text>
              <Text color={OUTCOME_COLOR[entry.outcome]}>
                {fit(outcome, rest(time.length + kind.length + name.length))}
              </Text>
              <Text dimColor>{fit(duration, rest(used - duration.length))}</Text>
              {fit(compactArguments(entry), rest(used))}
            </Text>
          );
        })
      )}
    </Box>
  );
}

// Entries never change: each one's arguments are written out once, bounded.
const argumentsText = new WeakMap<HistoryEntry, string>();

function compactArguments(entry: HistoryEntry): string {
  let text = argumentsText.get(entry);
  if (text === undefined) {
    try {
      text = (JSON.stringify(entry.arguments) ?? '').slice(0, 1_000);
      if (text === '{}') text = '';
    } catch {
      text = '';
    }
    argumentsText.set(entry, text);
  }
  return text;
}
