import { describe, expect, it } from 'vitest';
import {
  createFormState,
  focusableRows,
  focusedRow,
  formReducer,
  type FormAction,
  type FormState,
} from './reducer.js';
import { formRows } from './rows.js';
import { formValue } from './value.js';

const run = (state: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, state);
const text = (value: string): FormAction => ({ type: 'text', text: value });
const NEXT: FormAction = { type: 'next' };
const RIGHT: FormAction = { type: 'right' };
const TOGGLE: FormAction = { type: 'toggle' };

const GET_SUM = {
  type: 'object',
  properties: { a: { type: 'number', description: 'First number' }, b: { type: 'number' } },
  required: ['a', 'b'],
};

// What FastMCP (pydantic) emits for `get_forecast(place: Place, days: int = 3, unit: str | None = None)`.
const FORECAST = {
  type: 'object',
  $defs: {
    Place: {
      type: 'object',
      title: 'Place',
      properties: {
        city: { type: 'string', title: 'City' },
        country: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Country' },
      },
      required: ['city'],
    },
  },
  properties: {
    place: { $ref: '#/$defs/Place' },
    days: { type: 'integer', minimum: 1, maximum: 7, default: 3, title: 'Days' },
    unit: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Unit' },
  },
  required: ['place'],
};

describe('form model and value', () => {
  it('types numbers and sends them as numbers', () => {
    const state = run(createFormState(GET_SUM), text('2'), NEXT, text('3.5'));
    expect(formValue(state)).toEqual({ ok: true, value: { a: 2, b: 3.5 } });
  });

  it('pre-fills defaults, and initial values win over them', () => {
    const fresh = createFormState(FORECAST);
    expect(formValue(run(fresh, text('Oslo')))).toEqual({
      ok: true,
      value: { place: { city: 'Oslo' }, days: 3 },
    });
    const again = createFormState(FORECAST, { place: { city: 'Bergen', country: 'NO' }, days: 5 });
    expect(formValue(again)).toEqual({
      ok: true,
      value: { place: { city: 'Bergen', country: 'NO' }, days: 5 },
    });
  });

  it('drops pre-filled keys the schema does not name, unless it declares additionalProperties', () => {
    const closed = createFormState(GET_SUM, { a: 1, b: 2, stale: true });
    expect(formValue(closed)).toEqual({ ok: true, value: { a: 1, b: 2 } });
    const open = createFormState(
      { ...GET_SUM, additionalProperties: true },
      { a: 1, b: 2, extra: 'x' },
    );
    expect(formValue(open)).toEqual({ ok: true, value: { extra: 'x', a: 1, b: 2 } });
  });

  it('omits empty optional fields and reports missing required ones by path', () => {
    const state = createFormState(FORECAST);
    expect(formValue(state)).toEqual({
      ok: false,
      errors: [{ path: 'place.city', message: 'required' }],
    });
  });

  it('validates an integer as it is typed', () => {
    let state = createFormState(FORECAST);
    state = run(state, text('Oslo'), NEXT, NEXT);
    expect(focusedRow(state)?.dataPath).toBe('days');
    state = run(state, { type: 'backspace' }, text('1.5'));
    expect(formValue(state)).toEqual({
      ok: false,
      errors: [{ path: 'days', message: 'not a whole number' }],
    });
    state = run(
      state,
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'backspace' },
      text('0'),
    );
    expect(formValue(state)).toEqual({
      ok: false,
      errors: [{ path: 'days', message: 'must be ≥ 1' }],
    });
    state = run(state, { type: 'backspace' }, text('x'));
    expect(formValue(state)).toEqual({
      ok: false,
      errors: [{ path: 'days', message: 'not a number' }],
    });
  });

  it('sends an array of enum values as an array, toggled value by value', () => {
    const schema = {
      type: 'object',
      properties: {
        days: { type: 'array', items: { type: 'string', enum: ['mon', 'tue', 'wed'] } },
      },
    };
    let state = createFormState(schema);
    expect(formValue(state)).toEqual({ ok: true, value: {} });
    state = run(state, TOGGLE, RIGHT, RIGHT, TOGGLE);
    expect(formValue(state)).toEqual({ ok: true, value: { days: ['mon', 'wed'] } });
    state = run(state, TOGGLE);
    expect(formValue(state)).toEqual({ ok: true, value: { days: ['mon'] } });
  });

  it('adds and removes items of an array of objects', () => {
    const schema = {
      type: 'object',
      properties: {
        stops: {
          type: 'array',
          items: {
            type: 'object',
            properties: { city: { type: 'string' }, nights: { type: 'integer' } },
            required: ['city'],
          },
        },
      },
      required: ['stops'],
    };
    let state = run(createFormState(schema), { type: 'addItem' });
    expect(focusedRow(state)?.dataPath).toBe('stops.0.city');
    state = run(state, text('Oslo'), NEXT, text('2'), { type: 'addItem' }, text('Rome'));
    expect(formValue(state)).toEqual({
      ok: true,
      value: { stops: [{ city: 'Oslo', nights: 2 }, { city: 'Rome' }] },
    });
    state = run(state, { type: 'previous' }, { type: 'removeItem' });
    expect(formValue(state)).toEqual({ ok: true, value: { stops: [{ city: 'Rome' }] } });
    expect(focusedRow(state)?.dataPath).toBe('stops.0.city');
  });

  it('switches anyOf branches and keeps what was typed in each', () => {
    const schema = {
      type: 'object',
      properties: {
        target: {
          anyOf: [
            {
              type: 'object',
              title: 'City',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
            {
              type: 'object',
              title: 'Coordinates',
              properties: { lat: { type: 'number' }, lon: { type: 'number' } },
              required: ['lat', 'lon'],
            },
          ],
        },
      },
      required: ['target'],
    };
    let state = run(createFormState(schema), NEXT, text('Oslo'));
    expect(formValue(state)).toEqual({ ok: true, value: { target: { city: 'Oslo' } } });
    state = run(state, { type: 'previous' }, RIGHT, NEXT, text('59.9'), NEXT, text('10.7'));
    expect(formValue(state)).toEqual({ ok: true, value: { target: { lat: 59.9, lon: 10.7 } } });
    state = run(state, { type: 'previous' }, { type: 'previous' }, { type: 'left' });
    expect(formValue(state)).toEqual({ ok: true, value: { target: { city: 'Oslo' } } });
  });

  it('fills a recursive $defs schema: the recursive part is raw JSON', () => {
    const schema = {
      type: 'object',
      $defs: {
        Node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/Node' } },
          },
          required: ['name'],
        },
      },
      properties: { root: { $ref: '#/$defs/Node' } },
      required: ['root'],
    };
    let state = run(
      createFormState(schema),
      text('top'),
      NEXT,
      { type: 'addItem' },
      text('{"name":"leaf"}'),
    );
    expect(formValue(state)).toEqual({
      ok: true,
      value: { root: { name: 'top', children: [{ name: 'leaf' }] } },
    });
    state = run(state, { type: 'backspace' });
    expect(formValue(state)).toMatchObject({ ok: false, errors: [{ path: 'root.children.0' }] });
  });

  it('sends null for a required nullable left empty, and reports the schema check', () => {
    const schema = {
      type: 'object',
      properties: {
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        code: { type: 'string', format: 'email' },
      },
      required: ['note'],
    };
    expect(formValue(createFormState(schema))).toEqual({ ok: true, value: { note: null } });
    const bad = run(createFormState(schema), NEXT, text('not-an-email'));
    expect(formValue(bad)).toEqual({
      ok: false,
      errors: [{ path: 'code', message: 'must match format "email"' }],
    });
  });
  it('sends what a zod 4 (draft 2020-12) schema with $defs and nullables asks for', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        query: { type: 'string', minLength: 1 },
        filter: { anyOf: [{ $ref: '#/$defs/Filter' }, { type: 'null' }] },
        limit: { default: 10, type: 'integer', minimum: 1, maximum: 100 },
      },
      required: ['query', 'filter', 'limit'],
      additionalProperties: false,
      $defs: {
        Filter: {
          type: 'object',
          properties: { tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } } },
          required: ['tags'],
          additionalProperties: false,
        },
      },
    };
    let state = run(createFormState(schema), text('rust'));
    expect(formValue(state)).toEqual({
      ok: true,
      value: { query: 'rust', filter: { tags: [] }, limit: 10 },
    });
    state = run(state, NEXT, TOGGLE);
    expect(formValue(state)).toEqual({
      ok: true,
      value: { query: 'rust', filter: { tags: ['a'] }, limit: 10 },
    });
  });
});

describe('formReducer', () => {
  it('types a burst ending in Enter, then sends from the last field', () => {
    const echo = {
      type: 'object',
      properties: { message: { type: 'string' } },
      required: ['message'],
    };
    const state = run(createFormState(echo), text('Hello\r'));
    expect(state.submission).toEqual({ value: { message: 'Hello' } });
  });

  it('moves to the next field on Enter before the last, typing the rest of the burst there', () => {
    const state = run(createFormState(GET_SUM), text('1\r2'));
    expect(formValue(state)).toEqual({ ok: true, value: { a: 1, b: 2 } });
    expect(state.submission).toBeUndefined();
  });

  it('shows the errors of a failed send and focuses the first field with one', () => {
    let state = run(createFormState(GET_SUM), NEXT, text('x'), { type: 'send' });
    expect(state.submission).toBeUndefined();
    expect(state.errors).toEqual({ a: 'required', b: 'not a number' });
    expect(focusedRow(state)?.dataPath).toBe('a');
    state = run(state, text('1'));
    expect(state.errors).toEqual({ b: 'not a number' });
  });

  it('focuses the nested field that is missing, not the choice above it', () => {
    const schema = {
      type: 'object',
      properties: {
        unit: { enum: ['c', 'f'] },
        shape: {
          oneOf: [
            {
              type: 'object',
              title: 'Circle',
              properties: { r: { type: 'number' } },
              required: ['r'],
            },
            { type: 'object', title: 'Square', properties: { side: { type: 'number' } } },
          ],
        },
      },
      required: ['shape'],
    };
    const state = run(createFormState(schema), { type: 'send' });
    expect(state.errors).toEqual({ 'shape.r': 'required' });
    expect(focusedRow(state)?.dataPath).toBe('shape.r');
  });

  it('sends {} for a form without arguments', () => {
    const state = run(createFormState({ type: 'object', properties: {} }), text('\r'));
    expect(focusableRows(state)).toEqual([]);
    expect(state.submission).toEqual({ value: {} });
  });

  it('toggles a boolean with Space and types a space in a text field', () => {
    const schema = {
      type: 'object',
      properties: { q: { type: 'string' }, loud: { type: 'boolean' } },
    };
    const state = run(createFormState(schema), text('a'), TOGGLE, text('b'), NEXT, TOGGLE);
    expect(formValue(state)).toEqual({ ok: true, value: { q: 'a b', loud: true } });
  });

  it('cycles an optional enum through "not set" and its values', () => {
    const schema = { type: 'object', properties: { unit: { enum: ['c', 'f'] } } };
    let state = run(createFormState(schema), RIGHT);
    expect(formValue(state)).toEqual({ ok: true, value: { unit: 'c' } });
    state = run(state, RIGHT, RIGHT);
    expect(formValue(state)).toEqual({ ok: true, value: {} });
  });

  it('edits the form as raw JSON and comes back when the text fits the schema', () => {
    let state = run(createFormState(FORECAST), text('Oslo'), { type: 'rawMode' });
    expect(state.mode).toBe('raw');
    expect(JSON.parse(state.raw.text)).toEqual({ place: { city: 'Oslo' }, days: 3 });
    state = { ...state, raw: { text: '{"place":{"city":"Rome"},"days":"many"}', cursor: 0 } };
    state = run(state, { type: 'rawMode' });
    expect(state.mode).toBe('raw');
    expect(state.rawError).toBe('does not fit the form: days: expected an integer');
    state = { ...state, raw: { text: '{"place":{"city":"Rome"},"days":2}', cursor: 0 } };
    state = run(state, { type: 'rawMode' });
    expect(state.mode).toBe('form');
    expect(formValue(state)).toEqual({ ok: true, value: { place: { city: 'Rome' }, days: 2 } });
  });

  it('types into raw JSON at the cursor, Enter making a new line, and sends it', () => {
    let state = run(createFormState(GET_SUM), { type: 'rawMode' });
    expect(state.raw.text).toBe('{}');
    state = run(state, { type: 'left' }, text('\r"a": 1, "b": 2\r'), { type: 'send' });
    expect(state.raw.text).toBe('{\n"a": 1, "b": 2\n}');
    expect(state.submission).toEqual({ value: { a: 1, b: 2 } });
  });

  it('does not send raw JSON that breaks the schema', () => {
    let state = run(createFormState(GET_SUM), { type: 'rawMode' });
    state = { ...state, raw: { text: '{"a": 1}', cursor: 0 } };
    state = run(state, { type: 'send' });
    expect(state.submission).toBeUndefined();
    expect(state.rawError).toBe('b: required');
  });

  it('re-uses the layout of a form of 2,000 items when a value is typed', () => {
    const schema = {
      type: 'object',
      properties: {
        list: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' } } },
        },
      },
    };
    const initial = { list: Array.from({ length: 2000 }, (_, i) => ({ name: `item ${i}` })) };
    const before = run(createFormState(schema, initial), NEXT, NEXT);
    const after = run(before, text('!'));
    const [old, now] = [formRows(before.root), formRows(after.root)];
    expect(now).toHaveLength(4001);
    const changed = now.filter((row, i) => row !== old[i]);
    expect(changed.map((row) => row.dataPath)).toEqual(['list.1.name']);
    const result = formValue(after);
    expect(result.ok && (result.value.list as unknown[])[1]).toEqual({ name: 'item 1!' });
  });
});
