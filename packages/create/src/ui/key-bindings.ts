import type { Key } from 'ink';

/** Every key the wizard reacts to besides the inputs' own (arrows, Enter, typing). */
export const KEY_BINDINGS = {
  /** Leave without writing anything. */
  cancel: (input: string, key: Key) => key.escape || (key.ctrl && input === 'c'),
  /** Go back to the previous question. */
  back: (_input: string, key: Key) => key.shift && key.tab,
} as const;

/** The hint line shown under every question. */
export const KEY_HINT = 'Enter to choose · ↑/↓ to move · Shift+Tab back · Esc cancels';
