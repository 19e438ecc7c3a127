import { useInput, type Key } from 'ink';
import { useCallback, useLayoutEffect, useRef, type Dispatch } from 'react';
import type { LiveSession, LiveState } from '../../core/live/live-session.js';
import type { AppAction, AppState } from '../app-state.js';
import { TABS } from '../app-state.js';
import type { ListItem } from '../components/list-items.js';
import { itemKey } from '../components/list-items.js';
import { KEYS } from '../key-bindings.js';
import { splitKeys } from '../keys.js';
import type { KeyInbox } from '../key-inbox.js';
import type { Operations } from './use-operations.js';

/** What the App's key handler acts on. */
export interface AppKeysOptions {
  /** The UI state as of the last key handled (not the last render: keys come faster). */
  getUi: () => AppState;
  dispatch: Dispatch<AppAction>;
  session: LiveSession;
  /** The current tab's items as filtered, and the selected one, for a UI state. */
  selection: (
    ui: AppState,
    live: LiveState,
  ) => { filtered: readonly ListItem[]; selected?: ListItem };
  operations: Operations;
  quit: () => void;
  setDetailScroll: (update: (scroll: number) => number) => void;
  /** Rows of the body, for paging. */
  pageSize: number;
  /** Where keys wait for a form that is about to listen. */
  inbox: KeyInbox;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** What one key is handled against: the state as of that key. */
interface KeyContext {
  options: AppKeysOptions;
  ui: AppState;
  live: LiveState;
  selected: ListItem | undefined;
  count: number;
}

function onFilterKey({ options: { dispatch }, ui, count }: KeyContext, input: string, key: Key) {
  const text = ui.filter[ui.tab];
  if (key.escape) dispatch({ type: 'filter-clear' });
  else if (key.return) dispatch({ type: 'filter-keep' });
  else if (key.backspace || key.delete) dispatch({ type: 'filter-text', text: text.slice(0, -1) });
  else if (!key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.tab) {
    const next = text + input.replace(CONTROL, '');
    if (next !== text) dispatch({ type: 'filter-text', text: next });
  } else if (key.upArrow) dispatch({ type: 'move', by: -1, count });
  else if (key.downArrow) dispatch({ type: 'move', by: 1, count });
}

/** Enter on an item: a resource is read, anything else opens its form. */
function open({ options, ui, selected }: KeyContext) {
  if (!selected) return;
  if (ui.tab === 'resources') {
    void options.operations.run({ kind: 'resource', uri: itemKey(selected) });
    return;
  }
  options.dispatch({ type: 'open-form', item: itemKey(selected) });
}

function onListKey(context: KeyContext, input: string, key: Key) {
  const { options, count } = context;
  const { dispatch } = options;
  const page = Math.max(1, options.pageSize - 1);
  if (KEYS.filter(input, key)) dispatch({ type: 'filter-start' });
  else if (KEYS.up(input, key)) dispatch({ type: 'move', by: -1, count });
  else if (KEYS.down(input, key)) dispatch({ type: 'move', by: 1, count });
  else if (KEYS.pageUp(input, key)) dispatch({ type: 'move', by: -page, count });
  else if (KEYS.pageDown(input, key)) dispatch({ type: 'move', by: page, count });
  else if (KEYS.top(input, key)) dispatch({ type: 'select', index: 0, count });
  else if (KEYS.bottom(input, key)) dispatch({ type: 'select', index: count - 1, count });
  else if (KEYS.open(input, key)) open(context);
  else if (KEYS.raw(input, key)) dispatch({ type: 'toggle-raw' });
}

function onDetailKey(context: KeyContext, input: string, key: Key) {
  const { options } = context;
  const page = Math.max(1, options.pageSize - 1);
  const scroll = (by: number) => options.setDetailScroll((value) => Math.max(0, value + by));
  if (KEYS.up(input, key)) scroll(-1);
  else if (KEYS.down(input, key)) scroll(1);
  else if (KEYS.pageUp(input, key)) scroll(-page);
  else if (KEYS.pageDown(input, key)) scroll(page);
  else if (KEYS.top(input, key)) options.setDetailScroll(() => 0);
  else if (KEYS.bottom(input, key)) options.setDetailScroll(() => 1_000_000);
  else if (KEYS.open(input, key)) open(context);
  else if (KEYS.raw(input, key)) options.dispatch({ type: 'toggle-raw' });
}

/** One key, against the state as of the keys before it. */
function onKey(options: AppKeysOptions, input: string, key: Key): void {
  const { dispatch, session, quit } = options;
  const ui = options.getUi();
  const live = session.getState();
  const { filtered, selected } = options.selection(ui, live);
  const context: KeyContext = { options, ui, live, selected, count: filtered.length };
  if (KEYS.forceQuit(input, key)) return quit();
  if (ui.confirmQuit) {
    if (KEYS.yes(input)) quit();
    else if (KEYS.no(input, key)) dispatch({ type: 'confirm-quit', asking: false });
    return;
  }
  const request = live.requests.length > 0;
  // Esc cancels a running call wherever the person is, and never quits (with a server's
  // request on screen, Esc declines that instead).
  if (live.call && !request && KEYS.back(input, key)) return session.cancel();
  const formHasKeys =
    request ||
    ui.saving ||
    ui.overlay === 'roots' ||
    (ui.right.kind === 'form' && ui.focus === 'right');
  if (formHasKeys) {
    if (!options.inbox.attached) options.inbox.hold(input, key);
    return;
  }
  if (ui.filtering) return onFilterKey(context, input, key);

  if (KEYS.quit(input, key)) {
    if (live.call) dispatch({ type: 'confirm-quit', asking: true });
    else quit();
  } else if (KEYS.help(input, key)) dispatch({ type: 'overlay', overlay: 'help' });
  else if (KEYS.history(input, key)) dispatch({ type: 'overlay', overlay: 'history' });
  else if (KEYS.stderrPane(input, key)) dispatch({ type: 'overlay', overlay: 'stderr' });
  else if (KEYS.logPane(input, key)) dispatch({ type: 'overlay', overlay: 'logs' });
  else if (KEYS.trafficPane(input, key)) dispatch({ type: 'overlay', overlay: 'traffic' });
  else if (KEYS.roots(input, key)) dispatch({ type: 'overlay', overlay: 'roots' });
  else if (KEYS.reconnect(input, key)) void session.connect('Reconnected.');
  else if (KEYS.tab(input, key)) dispatch({ type: 'tab', tab: TABS[Number(input) - 1]! });
  else if (ui.overlay) {
    if (KEYS.back(input, key)) dispatch({ type: 'close-overlay' });
  } else if (KEYS.nextPane(input, key) || KEYS.previousPane(input, key))
    dispatch({ type: 'toggle-focus' });
  else if (KEYS.back(input, key)) {
    if (ui.right.kind === 'result') dispatch({ type: 'close-result' });
    else if (ui.filter[ui.tab]) dispatch({ type: 'filter-clear' });
    else dispatch({ type: 'focus', focus: 'list' });
  } else if (ui.focus === 'list') onListKey(context, input, key);
  else if (ui.right.kind === 'detail') onDetailKey(context, input, key);
}

/**
 * The App's keys: the global ones, the list's, and the detail pane's. Forms, the result
 * view and the panes handle their own keys; this handler stands back while they have them.
 * Each key of a burst is handled against the state the keys before it left.
 */
export function useAppKeys(options: AppKeysOptions): void {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  // One handler for the App's whole life: Ink calls handlers in the order they subscribed,
  // and a handler that changed would subscribe again, behind the form's. The App must see
  // each key first, to know whether the form it opened already had it.
  const handler = useCallback((input: string, key: Key) => {
    for (const [char, charKey] of splitKeys(input, key)) onKey(latest.current, char, charKey);
  }, []);
  useInput(handler);
}
