import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { Box, Text, useInput, type Key } from 'ink';
import { useRef, useState } from 'react';
import { KEYS } from '../key-bindings.js';
import { useKeyInbox, type KeyInbox } from '../key-inbox.js';
import { splitKeys } from '../keys.js';

/** Props of {@link SavePrompt}. */
export interface SavePromptProps {
  /** The path offered, selected: typing replaces it, → (or ←) keeps it to edit. */
  defaultPath: string;
  /** Saves to the path typed; a rejection (or throw) is shown and the prompt stays. */
  onSave: (path: string) => Promise<unknown> | unknown;
  /** Esc: closes the prompt without saving. */
  onCancel: () => void;
  /** Whether keys go to the prompt; true unless given. */
  isActive?: boolean;
  /** Keys typed before the prompt listened (see {@link KeyInbox}). */
  inbox?: KeyInbox;
}

interface Field {
  value: string;
  /** The default is still whole and selected: the first typed character replaces it. */
  selected: boolean;
  saving: boolean;
}

/**
 * A one-line prompt for the file to save a result to. The field lives in a ref as well as
 * in state so that a paste ending in Enter ("name.json\r", one input event) saves what was
 * pasted, not the previous render's value.
 */
export function SavePrompt({
  defaultPath,
  onSave,
  onCancel,
  isActive = true,
  inbox,
}: SavePromptProps) {
  const field = useRef<Field>({ value: defaultPath, selected: true, saving: false });
  const [shown, setShown] = useState<Field>({ value: defaultPath, selected: true, saving: false });
  const [error, setError] = useState<string | undefined>();

  const update = (next: Partial<Field>) => {
    field.current = { ...field.current, ...next };
    setShown(field.current);
  };

  const submit = () => {
    const path = field.current.value.trim();
    if (field.current.saving) return;
    if (!path) {
      setError('Type a file name.');
      return;
    }
    update({ saving: true, selected: false });
    setError(undefined);
    Promise.resolve()
      .then(() => onSave(path))
      .catch((problem: unknown) => {
        setError(problem instanceof Error ? problem.message : String(problem));
        // Selected again: typing another name replaces the one refused.
        update({ selected: true });
      })
      .finally(() => update({ saving: false }));
  };

  const onKey = (input: string, key: Key) => {
    if (KEYS.back(input, key)) {
      onCancel();
      return;
    }
    if (key.return) {
      submit();
      return;
    }
    const { value, selected } = field.current;
    if (key.backspace || key.delete) {
      update({ value: selected ? '' : value.slice(0, -1), selected: false });
    } else if (key.leftArrow || key.rightArrow) {
      update({ selected: false });
    } else if (!key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow) {
      const [line = '', ...rest] = input.split(/\r\n|\r|\n/);
      // eslint-disable-next-line no-control-regex
      const typed = line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      update({ value: selected ? typed : value + typed, selected: false });
      if (rest.length > 0) submit();
    }
  };
  useInput(
    (input, key) => {
      for (const [text, k] of splitKeys(input, key, { groupText: true })) onKey(text, k);
    },
    { isActive },
  );
  useKeyInbox(inbox, onKey, isActive);

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text bold>Save result to: </Text>
        {shown.selected ? (
          <Text inverse>{sanitizeLine(shown.value)}</Text>
        ) : (
          <Text>
            {sanitizeLine(shown.value)}
            <Text inverse> </Text>
          </Text>
        )}
      </Text>
      {error ? (
        <Text color="red">{sanitizeLine(error)}</Text>
      ) : (
        <Text dimColor>{shown.saving ? 'saving…' : 'Enter save · Esc cancel'}</Text>
      )}
    </Box>
  );
}
