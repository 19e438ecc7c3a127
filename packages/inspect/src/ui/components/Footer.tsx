import { Box, Text } from 'ink';
import { fit } from '../text.js';

/** Props of {@link Footer}. */
export interface FooterProps {
  /** The keys that work now, e.g. `Enter open · / filter · ? keys`. */
  hint: string;
  /** A message for the person (saved, exported, restarted), coloured by tone. */
  flash?: { text: string; tone: 'info' | 'error' };
  width: number;
}

/** The bottom line: a message when there is one, else the keys that work now. */
export function Footer({ hint, flash, width }: FooterProps) {
  if (flash)
    return (
      <Box width={width}>
        <Text color={flash.tone === 'error' ? 'red' : 'green'}>{fit(flash.text, width)}</Text>
      </Box>
    );
  return (
    <Box width={width}>
      <Text dimColor>{fit(hint, width)}</Text>
    </Box>
  );
}
