import { Box, Text } from 'ink';
import { fit, pad } from '../text.js';

/** One row of a list. */
export interface ListRow {
  key: string;
  /** The name shown (untrusted; cut with `…`). */
  label: string;
}

/** Props of {@link ItemList}. */
export interface ItemListProps {
  rows: readonly ListRow[];
  selected: number;
  width: number;
  height: number;
  /** Whether the list takes the keys (the selection is drawn inverse then). */
  focused: boolean;
  /** Shown when there are no rows. */
  empty: string;
}

/**
 * A list that draws only the rows that fit (thousands of tools cost nothing per key),
 * scrolled so that the selected row stays in view, with a position line when it scrolls.
 */
export function ItemList({ rows, selected, width, height, focused, empty }: ItemListProps) {
  if (rows.length === 0)
    return (
      <Box width={width} height={height}>
        <Text dimColor>{pad(empty, width)}</Text>
      </Box>
    );
  const scrolls = rows.length > height;
  const visible = scrolls ? Math.max(1, height - 1) : height;
  const top = Math.max(0, Math.min(selected - Math.floor(visible / 2), rows.length - visible));
  const shown = rows.slice(top, top + visible);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((row, offset) => {
        const index = top + offset;
        // Only the selected row is padded, for its bar to span the pane: Ink tokenises every
        // character of a frame on every key, and trailing spaces elsewhere show nothing.
        return index === selected ? (
          <Text key={row.key} inverse={focused} bold>
            {pad(`› ${row.label}`, width)}
          </Text>
        ) : (
          <Text key={row.key}>{fit(`  ${row.label}`, width)}</Text>
        );
      })}
      {scrolls ? <Text dimColor>{pad(` ${selected + 1}/${rows.length}`, width)}</Text> : null}
    </Box>
  );
}
