import type { ListKind } from '../core/lists.js';

/** The four tabs of the list pane, in the order of keys 1–4. */
export const TABS: readonly ListKind[] = ['tools', 'resources', 'templates', 'prompts'];

/** Titles of the tabs. */
export const TAB_TITLES: Record<ListKind, string> = {
  tools: 'Tools',
  resources: 'Resources',
  templates: 'Templates',
  prompts: 'Prompts',
};

/** A full-body view shown over the lists. */
export type Overlay = 'help' | 'history' | 'stderr' | 'logs' | 'traffic' | 'roots';

/** What the right-hand pane shows. */
export type RightPane =
  | { kind: 'detail' }
  | { kind: 'form'; item: string; initial?: Record<string, unknown> }
  | { kind: 'result' };

/** The UI's own state (what the server said lives in the live session). */
export interface AppState {
  tab: ListKind;
  /** Which pane takes the keys: the list or the right-hand one. */
  focus: 'list' | 'right';
  /** The selected row of each tab (an index into the filtered list). */
  selected: Record<ListKind, number>;
  /** The filter of each tab, and whether it is being typed. */
  filter: Record<ListKind, string>;
  filtering: boolean;
  right: RightPane;
  overlay?: Overlay;
  /** Show the raw JSON of the selected item in the detail pane. */
  rawDetail: boolean;
  /** Asking "quit while a call runs?". */
  confirmQuit: boolean;
  /** Asking for a file name to save the result to. */
  saving: boolean;
  /** The last message for the person (saved, exported, failed to save). */
  flash?: { text: string; tone: 'info' | 'error' };
}

/** Everything that changes the UI's state. */
export type AppAction =
  | { type: 'tab'; tab: ListKind }
  | { type: 'focus'; focus: AppState['focus'] }
  | { type: 'toggle-focus' }
  | { type: 'select'; index: number; count: number }
  | { type: 'move'; by: number; count: number }
  | { type: 'filter-start' }
  | { type: 'filter-text'; text: string }
  | { type: 'filter-keep' }
  | { type: 'filter-clear' }
  | { type: 'open-form'; item: string; initial?: Record<string, unknown> }
  | { type: 'close-form' }
  | { type: 'show-result' }
  | { type: 'close-result' }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'close-overlay' }
  | { type: 'toggle-raw' }
  | { type: 'confirm-quit'; asking: boolean }
  | { type: 'saving'; saving: boolean }
  | { type: 'flash'; text: string; tone?: 'info' | 'error' }
  | { type: 'clear-flash' };

/** The state the TUI opens in: the Tools tab, its list focused. */
export function initialAppState(): AppState {
  const perTab = <T>(value: T) => ({
    tools: value,
    resources: value,
    templates: value,
    prompts: value,
  });
  return {
    tab: 'tools',
    focus: 'list',
    selected: perTab(0),
    filter: perTab(''),
    filtering: false,
    right: { kind: 'detail' },
    rawDetail: false,
    confirmQuit: false,
    saving: false,
  };
}

const clamp = (value: number, count: number) => Math.max(0, Math.min(value, count - 1));

/** The UI's reducer: pure, so every step is tested without a terminal. */
export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'tab':
      return {
        ...state,
        tab: action.tab,
        focus: 'list',
        filtering: false,
        right: { kind: 'detail' },
        overlay: undefined,
      };
    case 'focus':
      return { ...state, focus: action.focus };
    case 'toggle-focus':
      return { ...state, focus: state.focus === 'list' ? 'right' : 'list' };
    case 'select':
      return {
        ...state,
        selected: { ...state.selected, [state.tab]: clamp(action.index, action.count) },
      };
    case 'move':
      return {
        ...state,
        selected: {
          ...state.selected,
          [state.tab]: clamp(state.selected[state.tab] + action.by, action.count),
        },
        // Moving to another item leaves the result of the previous one behind.
        right: state.right.kind === 'form' ? state.right : { kind: 'detail' },
      };
    case 'filter-start':
      return { ...state, filtering: true, focus: 'list' };
    case 'filter-text':
      return {
        ...state,
        filter: { ...state.filter, [state.tab]: action.text },
        selected: { ...state.selected, [state.tab]: 0 },
      };
    case 'filter-keep':
      return { ...state, filtering: false, selected: { ...state.selected, [state.tab]: 0 } };
    case 'filter-clear':
      return {
        ...state,
        filtering: false,
        filter: { ...state.filter, [state.tab]: '' },
        selected: { ...state.selected, [state.tab]: 0 },
      };
    case 'open-form':
      return {
        ...state,
        right: { kind: 'form', item: action.item, initial: action.initial },
        focus: 'right',
        overlay: undefined,
      };
    case 'close-form':
      return { ...state, right: { kind: 'detail' }, focus: 'list' };
    case 'show-result':
      return { ...state, right: { kind: 'result' }, focus: 'right', overlay: undefined };
    case 'close-result':
      return { ...state, right: { kind: 'detail' }, focus: 'list', saving: false };
    case 'overlay':
      return {
        ...state,
        overlay: state.overlay === action.overlay ? undefined : action.overlay,
        filtering: false,
      };
    case 'close-overlay':
      return { ...state, overlay: undefined };
    case 'toggle-raw':
      return { ...state, rawDetail: !state.rawDetail };
    case 'confirm-quit':
      return { ...state, confirmQuit: action.asking };
    case 'saving':
      return { ...state, saving: action.saving };
    case 'flash':
      return { ...state, flash: { text: action.text, tone: action.tone ?? 'info' } };
    case 'clear-flash':
      return { ...state, flash: undefined };
  }
}
