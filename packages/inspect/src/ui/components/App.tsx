import { Box, Text } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveSession } from '../../core/live/live-session.js';
import type { HistoryEntry } from '../../core/live/history-store.js';
import type { Operation } from '../../core/live/operations.js';
import { fuzzyFilter } from '../../core/fuzzy.js';
import { expandUriTemplate } from '../../core/form/synthesize.js';
import { appReducer, initialAppState, type AppAction, type AppState } from '../app-state.js';
import type { LiveState } from '../../core/live/live-session.js';
import { useAppKeys } from '../hooks/use-app-keys.js';
import { KeyInbox } from '../key-inbox.js';
import { useLiveState } from '../hooks/use-live-state.js';
import { useOperations } from '../hooks/use-operations.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { fit } from '../text.js';
import { Body } from './Body.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { RequestPanel } from './RequestPanel.js';
import { TabBar } from './TabBar.js';
import { footerHint } from './footer-hint.js';
import { itemKey, itemLabel, type ListItem } from './list-items.js';

/** Props of {@link App}. */
export interface AppProps {
  session: LiveSession;
  /** How the server was reached (shown until it names itself). */
  label: string;
  /** Where saved results and exported history go by default. */
  cwd: string;
  /** Leave the TUI (the session is closed by then). */
  onExit: () => void;
  /** The clock (injected in tests). */
  now?: () => number;
}

/**
 * The interactive inspector: header, tabs, the list and the pane beside it, the footer.
 * It only shows the live session's state and turns keys into actions on it.
 */
export function App({ session, label, cwd, onExit, now = Date.now }: AppProps) {
  const live = useLiveState(session);
  const [ui, setUi] = useState(initialAppState);
  // The state as of the last action, ahead of React's render: keys typed in a burst each
  // see what the one before did.
  const uiRef = useRef(ui);
  const dispatch = useCallback((action: AppAction) => {
    uiRef.current = appReducer(uiRef.current, action);
    setUi(uiRef.current);
  }, []);
  const { columns, rows } = useTerminalSize();
  const width = Math.max(20, columns);
  // One row is left free: an Ink frame as tall as the terminal scrolls it.
  const height = Math.max(8, rows - 1);
  const operations = useOperations(session, dispatch);
  const [detail, setDetail] = useState({ key: '', scroll: 0 });
  const [inbox] = useState(() => new KeyInbox());
  // Header and tabs above, the footer below.
  const bodyHeight = height - 3;

  const selection = useSelection();
  const { filtered, selected, selectedIndex } = selection(ui, live);
  const filter = ui.filter[ui.tab];
  // The detail pane's scroll belongs to the item it was scrolled on: another item starts at the top.
  const detailKeyOf = (state: AppState, item: ListItem | undefined) =>
    `${state.tab}\u0000${item ? itemKey(item) : ''}`;
  const detailScroll = detail.key === detailKeyOf(ui, selected) ? detail.scroll : 0;
  const setDetailScroll = useCallback(
    (update: (scroll: number) => number) => {
      const state = uiRef.current;
      const key = detailKeyOf(state, selection(state, session.getState()).selected);
      setDetail((previous) => ({
        key,
        scroll: update(previous.key === key ? previous.scroll : 0),
      }));
    },
    [selection, session],
  );

  const quit = useCallback(() => {
    void session.close().finally(onExit);
  }, [session, onExit]);

  const flash = useCallback(
    (text: string, tone: 'info' | 'error' = 'info') => dispatch({ type: 'flash', text, tone }),
    [dispatch],
  );
  useEffect(() => {
    if (!ui.flash) return;
    const timer = setTimeout(() => dispatch({ type: 'clear-flash' }), 4000);
    return () => clearTimeout(timer);
  }, [ui.flash, dispatch]);
  useEffect(() => {
    if (live.notice) flash(live.notice);
  }, [live.notice, flash]);

  const rerun = useCallback(
    (entry: HistoryEntry) => {
      const operation = operationOf(entry);
      if (operation) void operations.run(operation);
    },
    [operations],
  );

  const request = live.requests[0];
  useAppKeys({
    getUi: () => uiRef.current,
    dispatch,
    session,
    selection,
    operations,
    quit,
    setDetailScroll,
    pageSize: bodyHeight,
    inbox,
  });

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header state={live} label={label} width={width} />
      <TabBar
        lists={live.lists}
        tab={ui.tab}
        filter={filter}
        filtering={ui.filtering}
        width={width}
      />
      {request ? (
        <RequestPanel
          request={request}
          width={width}
          height={bodyHeight}
          onAnswer={(answer) => session.answer(request.id, answer)}
          inbox={inbox}
        />
      ) : (
        <Body
          ui={ui}
          dispatch={dispatch}
          live={live}
          session={session}
          filtered={filtered}
          selectedIndex={selectedIndex}
          selected={selected}
          operations={operations}
          detailScroll={detailScroll}
          width={width}
          height={bodyHeight}
          cwd={cwd}
          now={now}
          flash={flash}
          onRerun={rerun}
          inbox={inbox}
        />
      )}
      {ui.confirmQuit ? (
        <Text color="yellow" bold>
          {fit('A call is running. Quit anyway? (y/n)', width)}
        </Text>
      ) : (
        <Footer hint={footerHint(ui, live, request !== undefined)} flash={ui.flash} width={width} />
      )}
    </Box>
  );
}

/**
 * The current tab's items as filtered and the selected one; the last filtering is kept, so
 * a key that changes nothing else costs nothing with thousands of items.
 */
function useSelection() {
  const cache = useRef<{ items: unknown; filter: string; filtered: ListItem[] }>(undefined);
  return useCallback((ui: AppState, live: LiveState) => {
    const items = live.lists[ui.tab].items as readonly ListItem[];
    const filter = ui.filter[ui.tab];
    let last = cache.current;
    if (!last || last.items !== items || last.filter !== filter) {
      last = { items, filter, filtered: fuzzyFilter(items, filter, itemLabel) };
      cache.current = last;
    }
    const selectedIndex = Math.min(ui.selected[ui.tab], Math.max(0, last.filtered.length - 1));
    return { filtered: last.filtered, selected: last.filtered[selectedIndex], selectedIndex };
  }, []);
}

/** The operation a history entry describes, to run it again. */
export function operationOf(entry: HistoryEntry): Operation | undefined {
  switch (entry.kind) {
    case 'tool':
      return { kind: 'tool', name: entry.name, arguments: entry.arguments };
    case 'prompt':
      return {
        kind: 'prompt',
        name: entry.name,
        arguments: entry.arguments as Record<string, string>,
      };
    case 'resource':
      return { kind: 'resource', uri: entry.name };
    case 'template': {
      const args = entry.arguments as Record<string, string>;
      return {
        kind: 'template',
        name: entry.name,
        arguments: args,
        uri: expandUriTemplate(entry.name, args),
      };
    }
  }
}
