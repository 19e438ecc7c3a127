import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { Box, Text } from 'ink';
import { truncateEnd } from '../../core/form/display.js';
import { cursorLine, type RawText } from '../../core/form/raw-text.js';

/** Props of {@link RawJsonEditor}. */
export interface RawJsonEditorProps {
  /** The text and its cursor. */
  raw: RawText;
  /** Why it cannot go back to the form or be sent, shown in red. */
  error?: string;
  /** Columns available. */
  width: number;
  /** Lines available (the hint and the error included). */
  height: number;
}

/**
 * The form as raw JSON text: only the lines around the cursor are rendered, and a long
 * line scrolls sideways to keep the cursor in view.
 */
export function RawJsonEditor({ raw, error, width, height }: RawJsonEditorProps) {
  const lines = raw.text.split('\n');
  const { line, column } = cursorLine(raw);
  const budget = Math.max(height - 1 - (error ? 1 : 0), 1);
  const start = Math.max(0, Math.min(line - Math.floor(budget / 2), lines.length - budget));
  const shown = lines.slice(start, start + budget);
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {truncateEnd('raw JSON — Enter: new line; Ctrl-E: back to the form', width)}
      </Text>
      {shown.map((text, index) => {
        const clean = sanitizeLine(text);
        if (start + index !== line) {
          return (
            <Text key={start + index} wrap="truncate-end">
              {truncateEnd(clean, width) || ' '}
            </Text>
          );
        }
        const chars = [...text.slice(0, column)].length;
        const all = [...clean];
        const offset = Math.max(0, chars - width + 2);
        return (
          <Text key={start + index} wrap="truncate-end">
            {all.slice(offset, chars).join('')}
            <Text inverse>{all[chars] ?? ' '}</Text>
            {truncateEnd(all.slice(chars + 1).join(''), Math.max(width - (chars - offset) - 1, 0))}
          </Text>
        );
      })}
      {error ? (
        <Text color="red" wrap="truncate-end">
          {truncateEnd(sanitizeLine(error), width)}
        </Text>
      ) : null}
    </Box>
  );
}
