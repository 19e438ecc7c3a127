import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';

/** Props of {@link TextField}. */
export interface TextFieldProps {
  /** Shown dimmed while the field is empty. */
  placeholder?: string;
  /** Called with the typed text when Enter is pressed. */
  onSubmit: (value: string) => void;
}

/**
 * A one-line text input. The value lives in a ref as well as in state, so an Enter that
 * arrives before React re-renders (fast typing, or a paste ending in a newline) submits
 * what was typed rather than the previous render's value.
 */
export function TextField({ placeholder = '', onSubmit }: TextFieldProps) {
  const value = useRef('');
  const [shown, setShown] = useState('');

  useInput((input, key) => {
    if (key.return) {
      onSubmit(value.current);
      return;
    }
    if (key.backspace || key.delete) {
      value.current = value.current.slice(0, -1);
    } else if (
      !key.ctrl &&
      !key.meta &&
      !key.escape &&
      !key.tab &&
      !key.upArrow &&
      !key.downArrow
    ) {
      // A pasted chunk may carry a trailing newline; submit what precedes it.
      const [line = '', ...rest] = input.split(/\r\n|\r|\n/);
      // eslint-disable-next-line no-control-regex
      value.current += line.replace(/[\u0000-\u001f\u007f]/g, '');
      if (rest.length > 0) {
        onSubmit(value.current);
        return;
      }
    }
    setShown(value.current);
  });

  return shown.length > 0 ? (
    <Text>
      {shown}
      <Text inverse> </Text>
    </Text>
  ) : (
    <Text>
      <Text inverse>{placeholder.slice(0, 1) || ' '}</Text>
      <Text dimColor>{placeholder.slice(1)}</Text>
    </Text>
  );
}
