import { Box, Text } from 'ink';
import { KEY_HELP } from '../key-bindings.js';
import { pad } from '../text.js';

/** Props of {@link HelpOverlay}. */
export interface HelpOverlayProps {
  width: number;
  height: number;
}

/** Every key, grouped by where it works (`?`). */
export function HelpOverlay({ width, height }: HelpOverlayProps) {
  const keyWidth = Math.min(24, Math.floor(width / 3));
  const rows: { text: string; bold?: boolean; key?: string }[] = [];
  for (const group of KEY_HELP) {
    rows.push({ text: group.where, bold: true });
    for (const entry of group.keys) rows.push({ key: entry.keys, text: entry.does });
  }
  rows.push({ text: 'Esc or ? closes this help', bold: false, key: '' });
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(0, height).map((row, index) =>
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
