import { Box, Text } from 'ink';
import { KEY_HELP } from '../key-bindings.js';
import { pad } from '../text.js';

/** Props of {@link HelpOverlay}. */
export interface HelpOverlayProps {
  width: number;
  height: number;
}

interface Row {
  text: string;
  /** Absent for a group's heading. */
  key?: string;
}

function rowsOf(groups: typeof KEY_HELP): Row[] {
  return groups.flatMap((group) => [
    { text: group.where },
    ...group.keys.map((entry) => ({ key: entry.keys, text: entry.does })),
  ]);
}

function Column({ rows, width }: { rows: readonly Row[]; width: number }) {
  const keyWidth = Math.min(24, Math.floor(width / 3));
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((row, index) =>
        row.key === undefined ? (
          <Text key={index} bold color="cyan">
            {pad(row.text, width)}
          </Text>
        ) : (
          <Text key={index}>
            <Text bold>{pad(`  ${row.key}`, keyWidth)}</Text>
            {pad(row.text, width - keyWidth)}
          </Text>
        ),
      )}
    </Box>
  );
}

/**
 * Every key, grouped by where it works (`?`): one column when it fits, else the first
 * group beside the others (80x24 shows them all).
 */
export function HelpOverlay({ width, height }: HelpOverlayProps) {
  const all = rowsOf(KEY_HELP);
  if (all.length + 1 <= height)
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Column rows={all} width={width} />
        <Text dimColor>{pad('Esc or ? closes this help', width)}</Text>
      </Box>
    );
  const left = rowsOf(KEY_HELP.slice(0, 1));
  const right = rowsOf(KEY_HELP.slice(1));
  const half = Math.floor((width - 1) / 2);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box>
        <Column rows={left.slice(0, height - 1)} width={half} />
        <Text> </Text>
        <Column rows={right.slice(0, height - 1)} width={width - half - 1} />
      </Box>
      <Text dimColor>{pad('Esc or ? closes this help', width)}</Text>
    </Box>
  );
}
