import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';

/** One choice of a {@link SelectList}. */
export interface SelectOption {
  value: string;
  label: string;
}

/** Props of {@link SelectList}. */
export interface SelectListProps {
  options: readonly SelectOption[];
  /** Called with the focused option's value when Enter is pressed. */
  onSelect: (value: string) => void;
}

/**
 * A vertical list chosen with ↑/↓ and Enter. The focus lives in a ref as well as in
 * state, so keys that arrive faster than React re-renders (Down then Enter in one burst)
 * act on the real focus, not on the previous render's.
 */
export function SelectList({ options, onSelect }: SelectListProps) {
  const focus = useRef(0);
  const [shown, setShown] = useState(0);

  useInput((_input, key) => {
    if (key.return) {
      const option = options[focus.current];
      if (option) onSelect(option.value);
      return;
    }
    if (key.downArrow) focus.current = (focus.current + 1) % options.length;
    else if (key.upArrow) focus.current = (focus.current - 1 + options.length) % options.length;
    else return;
    setShown(focus.current);
  });

  return (
    <Box flexDirection="column">
      {options.map((option, index) => (
        <Text key={option.value} color={index === shown ? 'cyan' : undefined}>
          {index === shown ? '❯ ' : '  '}
          {option.label}
        </Text>
      ))}
    </Box>
  );
}
