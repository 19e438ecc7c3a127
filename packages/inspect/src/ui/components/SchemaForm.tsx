import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { Box, Text, useInput, type Key } from 'ink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { columnWidths, truncateEnd } from '../../core/form/display.js';
import {
  createFormState,
  focusableRows,
  formReducer,
  type FormAction,
  type FormState,
} from '../../core/form/reducer.js';
import { formRows, type FormRow } from '../../core/form/rows.js';
import { textProblem } from '../../core/form/value.js';
import { KEYS } from '../key-bindings.js';
import { useKeyInbox, type KeyInbox } from '../key-inbox.js';
import { splitKeys } from '../keys.js';
import { FormField, fieldHeight } from './FormField.js';
import { RawJsonEditor } from './RawJsonEditor.js';

/** Props of {@link SchemaForm}. Give it a new `key` to start over with another schema. */
export interface SchemaFormProps {
  /** Heading, e.g. the tool's name or "get_forecast — arguments". Sanitised. */
  title: string;
  /** Shown under the title (tool description, elicitation message). Sanitised. */
  description?: string;
  /** The JSON Schema (an object schema) the form is built from. */
  schema: object;
  /** Values to pre-fill (the last arguments); defaults pre-fill otherwise. */
  initial?: Record<string, unknown>;
  /** Columns available. */
  width: number;
  /** Lines available. */
  height: number;
  /** Verb of Ctrl-S / final Enter in the footer: "call", "get", "read", "accept", "reply". */
  sendLabel?: string;
  /** Verb of Esc: "close" or "decline". */
  cancelLabel?: string;
  /** Completions for a string field (template variables): name, typed text, other values. */
  complete?: (name: string, value: string, context: Record<string, string>) => Promise<string[]>;
  /** Called with the arguments once they are valid and sent. */
  onSubmit: (value: Record<string, unknown>) => void;
  /** Called on Esc. */
  onCancel: () => void;
  /** Input is taken only while true (default true). */
  isActive?: boolean;
  /** Keys typed before the form listened (see {@link KeyInbox}). */
  inbox?: KeyInbox;
}

/** Completions shown under a field, for the text they were asked for. */
interface Completions {
  key: string;
  values: string[];
}

const MAX_COMPLETIONS = 8;

function completionKey(row: FormRow | undefined): string | undefined {
  // Completions are asked for top-level strings: prompt arguments and template variables.
  if (row?.field.kind !== 'text' || row.field.schema.kind !== 'string' || row.depth > 0) {
    return undefined;
  }
  return `${row.dataPath}\u0000${row.field.text}`;
}

/** The other top-level string values: the context a completion request carries. */
function stringContext(state: FormState, except: string): Record<string, string> {
  const context: Record<string, string> = {};
  state.root.fields.forEach((field, index) => {
    const name = state.root.schema.properties![index]!.name;
    if (
      name !== except &&
      field.kind === 'text' &&
      field.schema.kind === 'string' &&
      field.text !== ''
    ) {
      context[name] = field.text;
    }
  });
  return context;
}

/** The form action a key stands for in form mode, or undefined. */
function formAction(state: FormState, input: string, key: Key): FormAction | undefined {
  const focused = focusableRows(state)[state.focus];
  const inText = focused?.field.kind === 'text';
  if (KEYS.nextField(input, key)) return { type: 'next' };
  if (KEYS.previousField(input, key)) return { type: 'previous' };
  if (KEYS.fieldEnter(input, key)) return { type: 'text', text: '\r' };
  if (KEYS.optionLeft(input, key)) return { type: 'left' };
  if (KEYS.optionRight(input, key)) return { type: 'right' };
  if (KEYS.deleteBack(input, key)) return { type: 'backspace' };
  if (KEYS.toggle(input, key) && !inText) return { type: 'toggle' };
  if (input !== '' && !key.ctrl && !key.meta) return { type: 'text', text: input };
  return undefined;
}

/** The raw editor's action for a key: arrows move, Enter is a new line. */
function rawAction(input: string, key: Key): FormAction | undefined {
  if (KEYS.cursorUp(input, key)) return { type: 'previous' };
  if (KEYS.cursorDown(input, key)) return { type: 'next' };
  if (KEYS.cursorLeft(input, key)) return { type: 'left' };
  if (KEYS.cursorRight(input, key)) return { type: 'right' };
  if (KEYS.fieldEnter(input, key)) return { type: 'text', text: '\n' };
  if (KEYS.deleteBack(input, key)) return { type: 'backspace' };
  if (input !== '' && !key.ctrl && !key.meta) return { type: 'text', text: input };
  return undefined;
}

/**
 * The first row to show: the previous one, moved just enough to bring the focused row into
 * view within `budget` lines. Only the rows between it and the focus are measured.
 */
function scrollStart(
  previous: number,
  focusRow: number,
  budget: number,
  heightOf: (row: number) => number,
): number {
  let start = Math.min(previous, focusRow);
  let used = 0;
  for (let i = start; i <= focusRow; i++) used += heightOf(i);
  while (used > budget && start < focusRow) {
    used -= heightOf(start);
    start += 1;
  }
  return start;
}

/**
 * A form built from a JSON Schema: tool or prompt arguments, template variables, an
 * elicitation or a sampling reply. It takes input while mounted and active. The state lives
 * in a ref as well as in React state, so every key of a burst (a paste ending in Enter) acts
 * on the result of the key before it.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { title, description, schema, initial, width, height, complete, onSubmit, onCancel } =
    props;
  const sendLabel = props.sendLabel ?? 'call';
  const cancelLabel = props.cancelLabel ?? 'close';
  const [state, setState] = useState(() => createFormState(schema, initial));
  const current = useRef<FormState | undefined>(undefined);
  const [completions, setCompletions] = useState<Completions | undefined>(undefined);
  // Read by the key handler, which may run before the render that shows them.
  const completionsNow = useRef<Completions | undefined>(undefined);
  const [scrollTop, setScrollTop] = useState(0);

  const rows = state.mode === 'form' ? formRows(state.root) : [];
  const focusables = state.mode === 'form' ? focusableRows(state) : [];
  const focused = focusables[Math.min(state.focus, focusables.length - 1)];
  const wantedKey = completionKey(focused);
  const shown = completions && completions.key === wantedKey ? completions.values : undefined;

  useEffect(() => {
    if (!complete || wantedKey === undefined || !focused || focused.field.kind !== 'text') return;
    let live = true;
    complete(focused.label, focused.field.text, stringContext(state, focused.dataPath)).then(
      (values) => {
        if (!live) return;
        completionsNow.current = { key: wantedKey, values: values.slice(0, MAX_COMPLETIONS) };
        setCompletions(completionsNow.current);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Asked again only when the focused field or its text changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [complete, wantedKey]);

  const dispatch = (action: FormAction) => {
    const before = current.current ?? state;
    const next = formReducer(before, action);
    current.current = next;
    setState(next);
    if (next.submission && next.submission !== before.submission) onSubmit(next.submission.value);
  };

  const onKey = (input: string, key: Key) => {
    const now = current.current ?? state;
    if (KEYS.back(input, key)) return onCancel();
    if (KEYS.send(input, key)) return dispatch({ type: 'send' });
    if (KEYS.rawJson(input, key)) return dispatch({ type: 'rawMode' });
    if (now.mode === 'raw') {
      const action = rawAction(input, key);
      if (action) dispatch(action);
      return;
    }
    if (KEYS.addItem(input, key)) return dispatch({ type: 'addItem' });
    if (KEYS.removeItem(input, key)) return dispatch({ type: 'removeItem' });
    const row = focusableRows(now)[now.focus];
    // → at the end of a string field takes the first completion offered for its text.
    if (
      KEYS.optionRight(input, key) &&
      row &&
      completionsNow.current &&
      completionsNow.current.key === completionKey(row)
    ) {
      const first = completionsNow.current.values[0];
      if (first !== undefined) return dispatch({ type: 'setText', text: first });
    }
    const action = formAction(now, input, key);
    if (action) dispatch(action);
  };
  useInput(
    (input, key) => {
      for (const [text, k] of splitKeys(input, key, { groupText: true })) onKey(text, k);
    },
    { isActive: props.isActive ?? true },
  );
  useKeyInbox(props.inbox, onKey, props.isActive ?? true);

  const header: ReactNode[] = [
    <Text key="title" bold wrap="truncate-end">
      {truncateEnd(sanitizeLine(title), width)}
    </Text>,
  ];
  if (description) {
    header.push(
      <Text key="description" dimColor wrap="truncate-end">
        {truncateEnd(sanitizeLine(description), width)}
      </Text>,
    );
  }
  const footerParts = [`Ctrl-S ${sendLabel}`, `Esc ${cancelLabel}`];
  if (state.mode === 'raw') footerParts.push('Ctrl-E back to the form');
  else if (focusables.length > 0) {
    const kind = focused?.field.kind;
    footerParts.push('Tab next');
    if (kind === 'enum' || kind === 'choice' || kind === 'boolean') footerParts.push('←→ choose');
    if (kind === 'boolean' || kind === 'multi') footerParts.push('Space toggle');
    if (kind === 'multi') footerParts.push('←→ move');
    if (shown && shown.length > 0) footerParts.push('→ take completion');
    if (kind === 'array') footerParts.push('Ctrl-N add');
    else if (focused && /(^|\.)\d+(\.|$)/.test(focused.dataPath)) {
      footerParts.push('Ctrl-N add · Ctrl-X remove');
    }
    footerParts.push('Ctrl-E raw JSON');
  }

  if (state.mode === 'raw') {
    return (
      <Box flexDirection="column" width={width}>
        {header}
        <RawJsonEditor
          raw={state.raw}
          error={state.rawError}
          width={width}
          height={Math.max(height - header.length - 1, 1)}
        />
        <Text dimColor wrap="truncate-end">
          {truncateEnd(footerParts.join(' · '), width)}
        </Text>
      </Box>
    );
  }

  const fieldPaths = new Set(
    Object.keys(state.errors).length > 0 ? rows.map((row) => row.dataPath) : [],
  );
  const formErrors = Object.entries(state.errors)
    .filter(([path]) => path === '' || !fieldPaths.has(path))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));
  const errorOf = (row: FormRow) =>
    state.errors[row.dataPath] ?? (row.field.kind === 'text' ? textProblem(row.field) : undefined);

  const columns = columnWidths(state.root.schema);
  const labelWidth = Math.min(Math.max(6, columns.label), Math.max(Math.floor(width * 0.35), 6));
  const typeWidth = Math.min(Math.max(4, columns.type), 16);
  const budget = Math.max(height - header.length - 1 - Math.min(formErrors.length, 2), 1);
  const heightOf = (index: number) => {
    const row = rows[index]!;
    return fieldHeight(row, errorOf(row), row === focused ? (shown?.length ?? 0) : 0);
  };
  const focusRow = focused ? rows.indexOf(focused) : 0;
  const start = rows.length === 0 ? 0 : scrollStart(scrollTop, focusRow, budget, heightOf);
  // Remembered for the next render, so the view scrolls instead of jumping by pages.
  if (start !== scrollTop) setScrollTop(start);
  const visible: FormRow[] = [];
  let used = 0;
  for (let i = start; i < rows.length; i++) {
    const lines = heightOf(i);
    if (used + lines > budget) break;
    visible.push(rows[i]!);
    used += lines;
  }
  if (visible.length < rows.length) {
    footerParts.unshift(`rows ${start + 1}–${start + visible.length} of ${rows.length}`);
  }

  return (
    <Box flexDirection="column" width={width}>
      {header}
      {rows.length === 0 ? (
        <Text dimColor>
          {state.root.schema.additional
            ? 'no named arguments (Ctrl-E: write them as JSON)'
            : 'no arguments'}
        </Text>
      ) : null}
      {visible.map((row) => (
        <FormField
          key={row.path.join('.')}
          row={row}
          focused={row === focused}
          labelWidth={labelWidth}
          typeWidth={typeWidth}
          width={width}
          error={errorOf(row)}
          completions={row === focused ? shown : undefined}
        />
      ))}
      {formErrors.slice(0, 2).map((message, index) => (
        <Text key={`error-${index}`} color="red" wrap="truncate-end">
          {truncateEnd(sanitizeLine(message), width)}
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {truncateEnd(footerParts.join(' · '), width)}
      </Text>
    </Box>
  );
}
