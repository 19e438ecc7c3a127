import { enclosingArray, stepOption, toggleField } from './field-edits.js';
import type { FormState } from './form-state.js';
import { buildField, buildRoot, fitsShape, type Field } from './model.js';
import { rawReducer } from './raw-text.js';
import { fieldAt, formRows, rememberRows, updateAt, type FormRow } from './rows.js';
import { normalizeSchema } from './schema.js';
import { collectValue, formValue, parseRaw } from './value.js';

export type { FormState } from './form-state.js';

/** What a person does in a form. */
export type FormAction =
  /** Next / previous focusable field (in raw mode: the line below / above). */
  | { type: 'next' }
  | { type: 'previous' }
  /** Typed or pasted text; "\r" or "\n" in it acts as Enter where it occurs. */
  | { type: 'text'; text: string }
  /** Replace the focused text field's content (a completion taken). */
  | { type: 'setText'; text: string }
  | { type: 'backspace' }
  /** Previous / next option of an enum, boolean or branch (in raw mode: move the cursor). */
  | { type: 'left' }
  | { type: 'right' }
  /** Toggle a boolean or the multi-select value under the cursor; a space in a text field. */
  | { type: 'toggle' }
  | { type: 'addItem' }
  | { type: 'removeItem' }
  /** The whole form as raw JSON text, and back. */
  | { type: 'rawMode' }
  | { type: 'send' };

/** A new form for `schema`, pre-filled with `initial` (else the defaults), first field focused. */
export function createFormState(schema: object, initial?: Record<string, unknown>): FormState {
  return {
    schema,
    root: buildRoot(normalizeSchema(schema), initial),
    focus: 0,
    mode: 'form',
    raw: { text: '', cursor: 0 },
    errors: {},
  };
}

/** The focusable rows of a form, in order. */
export function focusableRows(state: FormState): FormRow[] {
  const rows = formRows(state.root);
  let focusable = focusableCache.get(rows);
  if (!focusable) {
    focusable = rows.filter((row) => row.focusable);
    focusableCache.set(rows, focusable);
  }
  return focusable;
}

const focusableCache = new WeakMap<FormRow[], FormRow[]>();

const LEAVES = new Set<Field['kind']>(['text', 'boolean', 'enum', 'multi']);

/** The focused row, if the form has any field. */
export function focusedRow(state: FormState): FormRow | undefined {
  const rows = focusableRows(state);
  return rows[Math.min(state.focus, rows.length - 1)];
}

const samePath = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((step, i) => step === b[i]);

/** Focus the first focusable row at or under `path` (or the closest one before it). */
function focusPath(state: FormState, path: readonly number[]): FormState {
  const rows = focusableRows(state);
  let index = rows.findIndex((row) => samePath(row.path.slice(0, path.length), path));
  if (index < 0)
    index = Math.max(
      0,
      rows.findLastIndex((row) => comparePaths(row.path, path) < 0),
    );
  return { ...state, focus: index };
}

function comparePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** Changes the focused field; its error from the last send goes, as it is being fixed. */
function editFocused(state: FormState, edit: (field: Field) => Field): FormState {
  const row = focusedRow(state);
  if (!row) return state;
  const errors = Object.fromEntries(
    Object.entries(state.errors).filter(([path]) => path !== row.dataPath),
  );
  let edited: Field | undefined;
  const root = updateAt(state.root, row.path, (field) => (edited = edit(field)));
  if (edited && LEAVES.has(row.field.kind) && edited.kind === row.field.kind) {
    // The layout is the same: only the edited row changes, so a keystroke in a form of
    // thousands of rows does not lay it all out again.
    const rows = formRows(state.root);
    rememberRows(
      root,
      rows.map((r) => (r === row ? { ...row, field: edited! } : r)),
    );
  }
  return { ...state, root, errors };
}

// Typed text is bounded: a runaway paste must not grow a field without end.
const MAX_TEXT = 1_000_000;

/** The form's reducer: pure, so a burst of keys can run through it before React renders. */
export function formReducer(state: FormState, action: FormAction): FormState {
  if (state.mode === 'raw') return rawModeReducer(state, action);
  const rows = focusableRows(state);
  const row = rows[Math.min(state.focus, rows.length - 1)];
  switch (action.type) {
    case 'next':
      return { ...state, focus: Math.min(state.focus + 1, Math.max(rows.length - 1, 0)) };
    case 'previous':
      return { ...state, focus: Math.max(state.focus - 1, 0) };
    case 'text':
      return typeText(state, action.text);
    case 'setText':
      return row?.field.kind === 'text'
        ? editFocused(state, (f) => ({ ...f, text: action.text.slice(0, MAX_TEXT) }) as Field)
        : state;
    case 'backspace':
      return row?.field.kind === 'text'
        ? editFocused(
            state,
            (f) =>
              ({ ...f, text: [...(f as { text: string }).text].slice(0, -1).join('') }) as Field,
          )
        : state;
    case 'left':
    case 'right':
      return row
        ? editFocused(state, (f) => stepOption(f, action.type === 'left' ? -1 : 1, row.required))
        : state;
    case 'toggle':
      if (row?.field.kind === 'text') return typeText(state, ' ');
      return row ? editFocused(state, toggleField) : state;
    case 'addItem':
      return addItem(state, row);
    case 'removeItem':
      return removeItem(state, row);
    case 'rawMode': {
      const value = collectValue(state.root, true, '', [], true);
      const text = JSON.stringify(value, null, 2);
      return { ...state, mode: 'raw', raw: { text, cursor: text.length }, rawError: undefined };
    }
    case 'send':
      return send(state);
  }
}

function send(state: FormState): FormState {
  const result = formValue(state);
  if (result.ok)
    return { ...state, errors: {}, rawError: undefined, submission: { value: result.value } };
  if (state.mode === 'raw') {
    return {
      ...state,
      rawError: result.errors
        .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
        .join('; '),
    };
  }
  const errors: Record<string, string> = {};
  for (const error of result.errors) errors[error.path] ??= error.message;
  // Focus the first field with an error; an error inside a field that has no row of its own
  // (a raw JSON value, say) lands on that field.
  const rows = focusableRows(state);
  const exact = rows.findIndex((row) => result.errors.some((e) => e.path === row.dataPath));
  const inside = rows.findIndex((row) =>
    result.errors.some((e) => row.dataPath !== '' && e.path.startsWith(`${row.dataPath}.`)),
  );
  const first = exact >= 0 ? exact : inside;
  return { ...state, errors, focus: first >= 0 ? first : state.focus };
}

/** Text typed into the focused field; each line break acts as Enter: next field, or send. */
function typeText(state: FormState, text: string): FormState {
  const [first = '', ...lines] = text.split(/\r\n|\r|\n/);
  // eslint-disable-next-line no-control-regex
  const printable = first.replace(/[\u0000-\u001f\u007f]/g, '');
  let next = state;
  if (printable !== '' && focusedRow(state)?.field.kind === 'text') {
    next = editFocused(state, (f) => {
      const field = f as { text: string };
      return { ...f, text: (field.text + printable).slice(0, MAX_TEXT) } as Field;
    });
  }
  if (lines.length === 0) return next;
  const rows = focusableRows(next);
  if (rows.length === 0 || next.focus >= rows.length - 1) {
    // Enter on the last field sends; whatever followed in the burst is not typed anywhere.
    return send(next);
  }
  return typeText({ ...next, focus: next.focus + 1 }, lines.join('\n'));
}

function addItem(state: FormState, row: FormRow | undefined): FormState {
  if (!row) return state;
  const found = enclosingArray(state.root, row.path);
  if (!found) return state;
  const array = fieldAt(state.root, found.array);
  if (array?.kind !== 'array') return state;
  const at = found.item === undefined ? array.items.length : found.item + 1;
  const item = buildField(array.schema.items!, undefined, true);
  const root = updateAt(state.root, found.array, (f) => {
    const items = [...(f as typeof array).items];
    items.splice(at, 0, item);
    return { ...f, items } as Field;
  });
  return focusPath({ ...state, root }, [...found.array, at]);
}

function removeItem(state: FormState, row: FormRow | undefined): FormState {
  if (!row) return state;
  const found = enclosingArray(state.root, row.path);
  if (!found || found.item === undefined) return state;
  const item = found.item;
  const root = updateAt(state.root, found.array, (f) => {
    const items = (f as { items: Field[] }).items.filter((_, i) => i !== item);
    return { ...f, items } as Field;
  });
  const array = fieldAt(root, found.array) as { items: Field[] };
  // Focus the item that took its place, else the one before, else the array itself.
  const target =
    array.items.length === 0
      ? found.array
      : [...found.array, Math.min(item, array.items.length - 1)];
  return focusPath({ ...state, root, errors: {} }, target);
}

function rawModeReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'send':
      return send(state);
    case 'rawMode': {
      const parsed = parseRaw(state.raw.text);
      if (typeof parsed === 'string') return { ...state, rawError: parsed };
      const root = buildRoot(state.root.schema, {});
      const problem = fitsShape(root.schema, parsed);
      if (problem) return { ...state, rawError: `does not fit the form: ${problem}` };
      return {
        ...state,
        mode: 'form',
        root: buildRoot(root.schema, parsed),
        rawError: undefined,
        errors: {},
      };
    }
    case 'addItem':
    case 'removeItem':
    case 'setText':
      return state;
    default:
      return { ...state, raw: rawReducer(state.raw, action), rawError: undefined };
  }
}
