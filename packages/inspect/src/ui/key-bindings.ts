import type { Key } from 'ink';

/** A key test: what Ink's useInput hands over, in, whether it is this binding, out. */
export type KeyTest = (input: string, key: Key) => boolean;

const plain =
  (char: string): KeyTest =>
  (input, key) =>
    input === char && !key.ctrl && !key.meta;
const ctrl =
  (char: string): KeyTest =>
  (input, key) =>
    key.ctrl && input === char;

/**
 * Every key the interactive inspector reacts to, in one place. The first group is the
 * contract of PRODUCT.md (users and tests rely on it); the rest are additions.
 * Text fields take printable keys first: bindings on letters apply outside them only.
 */
export const KEYS = {
  // Anywhere.
  /** Quit at once, from anywhere (a running call is cancelled, the server stopped). */
  forceQuit: ctrl('c'),

  // Outside a text field.
  /** Quit; asks first when a call is running. */
  quit: plain('q'),
  /** All keys. */
  help: plain('?'),
  /** Start filtering the list. */
  filter: plain('/'),
  /** Next / previous pane. */
  nextPane: (_input: string, key: Key) => key.tab && !key.shift,
  previousPane: (_input: string, key: Key) => key.tab && key.shift,
  /** The tabs of the list pane, by number. */
  tab: (input: string, key: Key) => !key.ctrl && !key.meta && /^[1-4]$/.test(input),
  /** Move, page, top and bottom in a list or a result. */
  up: (input: string, key: Key) => key.upArrow || plain('k')(input, key),
  down: (input: string, key: Key) => key.downArrow || plain('j')(input, key),
  pageUp: (_input: string, key: Key) => key.pageUp,
  pageDown: (_input: string, key: Key) => key.pageDown,
  top: plain('g'),
  bottom: plain('G'),
  /** Open the selected item's form (tool, prompt, template) or read it (resource). */
  open: (_input: string, key: Key) => key.return,
  /** History of calls; in it, Enter re-runs and `e` edits then runs. */
  history: plain('h'),
  editAndRun: plain('e'),
  /** Panes: server stderr, log notifications, raw JSON-RPC traffic. */
  stderrPane: plain('s'),
  logPane: plain('l'),
  trafficPane: plain('t'),
  /** Reconnect (restarts a stdio server). */
  reconnect: plain('r'),
  /** Close a pane, an overlay or a form; cancel a running call; clear a filter. */
  back: (_input: string, key: Key) => key.escape,

  // In a form (tool arguments, prompt arguments, template variables, elicitation, sampling).
  /** Send the form (accept, for a server's request). */
  send: ctrl('s'),
  /** Next / previous field (also ↓ ↑ outside a multi-line text). */
  nextField: (_input: string, key: Key) => (key.tab && !key.shift) || key.downArrow,
  previousField: (_input: string, key: Key) => (key.tab && key.shift) || key.upArrow,
  /** Choose among options (enum, boolean, anyOf/oneOf branch), or take a completion. */
  optionLeft: (_input: string, key: Key) => key.leftArrow,
  optionRight: (_input: string, key: Key) => key.rightArrow,
  /** Toggle a boolean or one value of a multi-select. */
  toggle: (input: string, key: Key) => input === ' ' && !key.ctrl && !key.meta,
  /** Add an item after the focused one / remove the focused item of an array. */
  addItem: ctrl('n'),
  removeItem: ctrl('x'),
  /** Edit the whole form as raw JSON, and back. */
  rawJson: ctrl('e'),
  /** Enter in a form: the next field, or send on the last one; a new line in raw JSON. */
  fieldEnter: (_input: string, key: Key) => key.return,
  /** Delete the character before the cursor of a text field or of the raw JSON. */
  deleteBack: (_input: string, key: Key) => key.backspace || key.delete,
  /** Move the cursor of the raw JSON editor a line up / down, a character left / right. */
  cursorUp: (_input: string, key: Key) => key.upArrow,
  cursorDown: (_input: string, key: Key) => key.downArrow,
  cursorLeft: (_input: string, key: Key) => key.leftArrow,
  cursorRight: (_input: string, key: Key) => key.rightArrow,

  // Additions outside a text field.
  /** Show the raw JSON of the selected item or of the result. */
  raw: plain('v'),
  /** Fold or unfold the JSON node under the cursor in a result. */
  fold: (input: string, key: Key) => input === ' ' && !key.ctrl && !key.meta,
  /** Save the result shown to a file. */
  save: plain('w'),
  /** Export the history as JSON (in the history pane). */
  exportHistory: plain('x'),
  /** Edit the roots offered to the server. */
  roots: plain('o'),
  /** Answer yes / no to a question (quit while a call runs). */
  yes: (input: string) => input === 'y' || input === 'Y',
  no: (input: string, key: Key) => input === 'n' || input === 'N' || key.escape,
} satisfies Record<string, KeyTest>;

/** One row of the help overlay. */
export interface KeyHelp {
  keys: string;
  does: string;
}

/** The help overlay (`?`), grouped by where the keys work. */
export const KEY_HELP: readonly { where: string; keys: readonly KeyHelp[] }[] = [
  {
    where: 'Anywhere outside a text field',
    keys: [
      { keys: '1-4', does: 'Tools, Resources, Templates, Prompts' },
      { keys: 'Tab / Shift-Tab', does: 'next / previous pane' },
      { keys: '↑ ↓ / j k', does: 'move' },
      { keys: 'PgUp PgDn, g G', does: 'page, top / bottom' },
      { keys: '/', does: 'filter the list (fuzzy); Enter keeps it, Esc clears it' },
      { keys: 'Enter', does: 'open the form of a tool, prompt or template; read a resource' },
      { keys: 'v', does: 'raw JSON of the item or result' },
      { keys: 'h', does: 'history of calls (Enter re-runs, e edits, x exports)' },
      { keys: 's l t', does: 'server stderr, log notifications, raw traffic' },
      { keys: 'o', does: 'roots offered to the server' },
      { keys: 'r', does: 'reconnect (restart a stdio server)' },
      { keys: 'Space', does: 'fold / unfold JSON in a result' },
      { keys: 'w', does: 'save the result to a file' },
      { keys: '?', does: 'this help' },
      { keys: 'q', does: 'quit (asks while a call runs)' },
    ],
  },
  {
    where: 'In a form',
    keys: [
      { keys: 'Tab / ↓, Shift-Tab / ↑', does: 'next / previous field' },
      { keys: 'Ctrl-S', does: 'send (Enter on the last field too)' },
      { keys: '← →', does: 'choose an option or anyOf branch; → takes a completion' },
      { keys: 'Space', does: 'toggle a boolean or a multi-select value' },
      { keys: 'Ctrl-N / Ctrl-X', does: 'add / remove an array item' },
      { keys: 'Ctrl-E', does: 'edit as raw JSON' },
      { keys: 'Esc', does: 'close without sending (a server request: decline)' },
    ],
  },
  {
    where: 'Always',
    keys: [
      { keys: 'Esc', does: 'cancel a running call (the TUI stays)' },
      { keys: 'Ctrl-C', does: 'quit' },
    ],
  },
];
