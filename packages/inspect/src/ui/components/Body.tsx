import { Box, Text } from 'ink';
import type { Dispatch } from 'react';
import type { HistoryEntry } from '../../core/live/history-store.js';
import type { LiveSession, LiveState } from '../../core/live/live-session.js';
import { exportHistory } from '../actions.js';
import type { AppAction, AppState } from '../app-state.js';
import type { Operations } from '../hooks/use-operations.js';
import type { KeyInbox } from '../key-inbox.js';
import { fit, pad } from '../text.js';
import { DetailPane } from './DetailPane.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HistoryPane } from './HistoryPane.js';
import { ItemForm } from './ItemForm.js';
import { ItemList } from './ItemList.js';
import { LogPane } from './LogPane.js';
import { ResultPane } from './ResultPane.js';
import { RootsEditor } from './RootsEditor.js';
import { StderrPane } from './StderrPane.js';
import { TrafficPane } from './TrafficPane.js';
import { itemKey, itemLabel, type ListItem } from './list-items.js';

/** Props of {@link Body}. */
export interface BodyProps {
  ui: AppState;
  dispatch: Dispatch<AppAction>;
  live: LiveState;
  session: LiveSession;
  filtered: readonly ListItem[];
  selectedIndex: number;
  selected: ListItem | undefined;
  operations: Operations;
  detailScroll: number;
  width: number;
  height: number;
  cwd: string;
  now: () => number;
  flash: (text: string, tone?: 'info' | 'error') => void;
  onRerun: (entry: HistoryEntry) => void;
  /** Keys typed before a form listened. */
  inbox: KeyInbox;
}

const EMPTY_TEXT = {
  loading: 'loading…',
  unsupported: 'the server does not offer these',
  error: 'could not be listed',
  ready: 'none',
} as const;

/** Everything between the tabs and the footer: an overlay, or the list and its right pane. */
export function Body(props: BodyProps) {
  const { ui, width, height } = props;
  if (!ui.overlay) return <Main {...props} />;
  // The log panes open under the list and the result when there is room for both.
  if (!PANE_TITLES[ui.overlay] || height < 16) return <Overlay {...props} />;
  const top = Math.floor(height / 2);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Main {...props} height={top} />
      <Text color="cyan">{fit(`── ${PANE_TITLES[ui.overlay]} ${'─'.repeat(width)}`, width)}</Text>
      <Overlay {...props} height={height - top - 1} />
    </Box>
  );
}

/** The panes that open under the main view, and their titles. */
const PANE_TITLES: Partial<Record<NonNullable<AppState['overlay']>, string>> = {
  stderr: 'server stderr (s closes)',
  logs: 'log notifications (l closes)',
  traffic: 'JSON-RPC traffic (t closes; Enter shows a message)',
};

/** The list and the pane beside it. */
function Main(props: BodyProps) {
  const { ui, live, session, width, height } = props;
  const listWidth = Math.max(18, Math.min(40, Math.floor(width * 0.34)));
  const rightWidth = Math.max(10, width - listWidth - 2);
  const list = live.lists[ui.tab];
  const empty =
    list.status === 'error'
      ? `${EMPTY_TEXT.error}: ${list.error ?? ''}`
      : props.filtered.length === 0 && ui.filter[ui.tab]
        ? 'no match'
        : live.status.kind === 'connecting'
          ? 'connecting…'
          : EMPTY_TEXT[list.status];
  return (
    <Box width={width} height={height}>
      <ItemList
        rows={props.filtered.map((item) => ({ key: itemKey(item), label: itemLabel(item) }))}
        selected={props.selectedIndex}
        width={listWidth}
        height={height}
        focused={ui.focus === 'list' && !ui.filtering && !ui.overlay}
        empty={empty}
      />
      <Box width={1} height={height} marginLeft={1}>
        <Text dimColor>{'│\n'.repeat(height).trimEnd()}</Text>
      </Box>
      <RightPane {...props} width={rightWidth} height={height} session={session} />
    </Box>
  );
}

function RightPane(props: BodyProps) {
  const { ui, live, session, width, height, selected, operations } = props;
  const problem =
    live.status.kind === 'failed' || live.status.kind === 'exited' ? live.status : undefined;
  if (ui.right.kind === 'form' && selected)
    return (
      <ItemForm
        kind={ui.tab}
        item={selected}
        initial={ui.right.initial}
        session={session}
        width={width}
        height={height}
        isActive={ui.focus === 'right'}
        inbox={props.inbox}
        onClose={() => props.dispatch({ type: 'close-form' })}
        onRun={(operation) => void operations.run(operation)}
      />
    );
  if (ui.right.kind === 'result' || live.call)
    return (
      <ResultPane
        live={live}
        operations={operations}
        saving={ui.saving}
        isActive={ui.focus === 'right' && !ui.saving && !ui.overlay}
        width={width}
        height={height}
        cwd={props.cwd}
        now={props.now}
        dispatch={props.dispatch}
        flash={props.flash}
        inbox={props.inbox}
      />
    );
  if (problem) {
    const lines = [
      problem.kind === 'exited' ? `The server stopped: ${problem.message}.` : problem.message,
      ...(problem.kind === 'failed' && problem.hint ? problem.hint.split('\n') : []),
      '',
      'Its stderr ended with:',
      ...(session.stderr.tail(Math.max(3, height - 8)) || '(nothing)').split('\n'),
      '',
      'r reconnects (restarts the server) · s stderr · t traffic',
    ];
    return (
      <Box flexDirection="column" width={width} height={height}>
        {lines.slice(0, height).map((line, index) => (
          <Text
            key={index}
            color={index === 0 ? 'red' : undefined}
            dimColor={index > 2 && index < lines.length - 1}
          >
            {pad(line, width)}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <DetailPane
      kind={ui.tab}
      item={selected}
      width={width}
      height={height}
      raw={ui.rawDetail}
      scroll={props.detailScroll}
    />
  );
}

function Overlay(props: BodyProps) {
  const { ui, session, width, height, dispatch } = props;
  switch (ui.overlay) {
    case 'help':
      return <HelpOverlay width={width} height={height} />;
    case 'stderr': {
      const status = props.live.status;
      return (
        <StderrPane
          log={session.stderr}
          width={width}
          height={height}
          isActive
          exit={status.kind === 'exited' ? { code: status.code, signal: status.signal } : undefined}
        />
      );
    }
    case 'logs':
      return <LogPane log={session.logs} width={width} height={height} isActive />;
    case 'traffic':
      return <TrafficPane log={session.traffic} width={width} height={height} isActive />;
    case 'roots':
      return (
        <RootsEditor
          roots={props.live.roots}
          width={width}
          height={height}
          onSave={(roots) => {
            session.setRoots(roots);
            dispatch({ type: 'close-overlay' });
            props.flash(`Roots: ${roots.length === 0 ? 'none' : roots.join(', ')}`);
          }}
          onCancel={() => dispatch({ type: 'close-overlay' })}
          inbox={props.inbox}
        />
      );
    case 'history':
      if (!session.history)
        return <Text dimColor>{fit('History is not kept for this session.', width)}</Text>;
      return (
        <HistoryPane
          store={session.history}
          width={width}
          height={height}
          isActive
          onRerun={(entry) => {
            dispatch({ type: 'close-overlay' });
            props.onRerun(entry);
          }}
          onEdit={(entry) => {
            const tab =
              entry.kind === 'tool'
                ? 'tools'
                : entry.kind === 'prompt'
                  ? 'prompts'
                  : entry.kind === 'template'
                    ? 'templates'
                    : 'resources';
            dispatch({ type: 'tab', tab });
            dispatch({ type: 'filter-clear' });
            const items = props.live.lists[tab].items as readonly ListItem[];
            const index = items.findIndex((item) => itemKey(item) === entry.name);
            if (index >= 0) {
              dispatch({ type: 'select', index, count: items.length });
              dispatch({ type: 'open-form', item: entry.name, initial: entry.arguments });
            } else props.flash(`"${entry.name}" is not in the list any more.`, 'error');
          }}
          onExport={() => void exportHistory(session, props.cwd, props.now(), props.flash)}
        />
      );
    default:
      return null;
  }
}
