import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { SchemaForm, type SchemaFormProps } from './SchemaForm.js';

const ENTER = '\r';
const TAB = '\t';
const ESC = '\u001b';
const DOWN = '\u001b[B';
const RIGHT = '\u001b[C';
const CTRL_S = '\u0013';
const CTRL_E = '\u0005';
const CTRL_N = '\u000e';
const CTRL_X = '\u0018';
const SHIFT_TAB = '\u001b[Z';
const UP = '\u001b[A';

// server-everything's echo tool.
const ECHO = {
  type: 'object',
  properties: { message: { type: 'string', description: 'Message to echo' } },
  required: ['message'],
};

// server-everything's get-sum tool.
const GET_SUM = {
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'number' } },
  required: ['a', 'b'],
};

async function renderForm(props: Partial<SchemaFormProps> & { schema: object }) {
  const onSubmit = vi.fn();
  const onCancel = vi.fn();
  const app = await renderInk(
    <SchemaForm
      title="echo"
      width={80}
      height={20}
      onSubmit={onSubmit}
      onCancel={onCancel}
      {...props}
    />,
  );
  return { ...app, onSubmit, onCancel };
}

describe('SchemaForm', () => {
  it('focuses the first field, and Enter on the last one sends what was typed', async () => {
    const form = await renderForm({ schema: ECHO });
    expect(form.lastFrame()).toContain('› message*');
    expect(form.lastFrame()).toContain('Message to echo');
    await form.type('H', 'i', ENTER);
    expect(form.onSubmit).toHaveBeenCalledWith({ message: 'Hi' });
  });

  it('loses nothing of a pasted burst that ends in Enter', async () => {
    const form = await renderForm({ schema: ECHO });
    await form.burst('Oslo\r');
    expect(form.onSubmit).toHaveBeenCalledTimes(1);
    expect(form.onSubmit).toHaveBeenCalledWith({ message: 'Oslo' });
  });

  it('loses nothing of keys that arrive faster than it renders', async () => {
    const form = await renderForm({ schema: GET_SUM });
    await form.burst('1', '2', TAB, '3', ENTER);
    expect(form.onSubmit).toHaveBeenCalledWith({ a: 12, b: 3 });
  });

  it('fills a nested object and an anyOf branch, then sends them', async () => {
    const schema = {
      type: 'object',
      $defs: {
        Place: {
          type: 'object',
          properties: {
            city: { type: 'string' },
            country: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
          },
          required: ['city'],
        },
      },
      properties: {
        place: { $ref: '#/$defs/Place' },
        when: {
          anyOf: [
            { type: 'string', title: 'Date', format: 'date' },
            { type: 'integer', title: 'Days ahead', minimum: 0 },
          ],
        },
      },
      required: ['place', 'when'],
    };
    const form = await renderForm({ schema });
    await form.type('O', 's', 'l', 'o', TAB, TAB);
    expect(form.lastFrame()).toContain('‹ Date ›');
    await form.type(RIGHT);
    expect(form.lastFrame()).toContain('‹ Days ahead ›');
    await form.type(DOWN, '2', ENTER);
    expect(form.onSubmit).toHaveBeenCalledWith({ place: { city: 'Oslo' }, when: 2 });
  });

  it('cancels on Esc without sending', async () => {
    const form = await renderForm({ schema: ECHO });
    await form.type('x', ESC);
    expect(form.onCancel).toHaveBeenCalledTimes(1);
    expect(form.onSubmit).not.toHaveBeenCalled();
  });

  it('does not send an invalid integer: Ctrl-S shows the error by the field and focuses it', async () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', minimum: 1, maximum: 7, description: 'Days of forecast' },
      },
      required: ['city', 'days'],
    };
    const form = await renderForm({ schema });
    await form.type('O', 's', 'l', 'o', TAB, '0', TAB, CTRL_S);
    expect(form.onSubmit).not.toHaveBeenCalled();
    const frame = form.lastFrame()!;
    expect(frame).toContain('must be ≥ 1');
    expect(frame).toContain('› days*');
  });

  it('sends the toggled values of a multi-select as an array', async () => {
    const schema = {
      type: 'object',
      properties: {
        days: { type: 'array', items: { type: 'string', enum: ['mon', 'tue', 'wed'] } },
      },
    };
    const form = await renderForm({ schema });
    await form.type(' ', RIGHT, RIGHT, ' ');
    expect(form.lastFrame()).toContain('[x] mon  [ ] tue  [x] wed');
    await form.type(CTRL_S);
    expect(form.onSubmit).toHaveBeenCalledWith({ days: ['mon', 'wed'] });
  });

  it('adds array items with Ctrl-N, removes the focused one with Ctrl-X, sends the rest', async () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: 'array', items: { type: 'string' } } },
    };
    const form = await renderForm({ schema });
    await form.type(CTRL_N, 'a', CTRL_N, 'b', CTRL_N, 'c');
    expect(form.lastFrame()).toContain('3 items');
    await form.type(UP, CTRL_X);
    expect(form.lastFrame()).toContain('2 items');
    await form.type(CTRL_S);
    expect(form.onSubmit).toHaveBeenCalledWith({ tags: ['a', 'c'] });
  });

  it('goes back a field with Shift-Tab', async () => {
    const form = await renderForm({ schema: GET_SUM });
    await form.type('1', TAB, SHIFT_TAB, '2', TAB, '3', ENTER);
    expect(form.onSubmit).toHaveBeenCalledWith({ a: 12, b: 3 });
  });

  it('shows "no arguments" for an empty schema and sends {} on Enter', async () => {
    const form = await renderForm({ schema: { type: 'object', properties: {} } });
    expect(form.lastFrame()).toContain('no arguments');
    await form.type(ENTER);
    expect(form.onSubmit).toHaveBeenCalledWith({});
  });

  it('truncates long names and descriptions with … to 80 columns, never wrapping', async () => {
    const long = 'a_really_long_parameter_name_that_a_code_generator_produced_from_a_nested_model';
    const schema = {
      type: 'object',
      properties: { [long]: { type: 'string', description: 'word '.repeat(40) } },
    };
    const form = await renderForm({ schema, title: 'tool '.repeat(30) });
    const lines = form.lastFrame()!.split('\n');
    expect(lines.every((line) => [...line].length <= 80)).toBe(true);
    expect(lines[0]).toMatch(/…$/);
    expect(lines.some((line) => line.includes('a_really_long') && line.includes('…'))).toBe(true);
    expect(
      lines.some((line) => line.trim().startsWith('word') && line.trimEnd().endsWith('…')),
    ).toBe(true);
  });

  it('sanitises what the server sent before showing it', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string', description: 'City\u001b[31m red\u0007' } },
    };
    const form = await renderForm({ schema, title: 'x\u001b]0;pwned\u0007y' });
    const frame = form.lastFrame()!;
    expect(frame).toContain('xy');
    expect(frame).toContain('City red');
    expect(frame).not.toContain('pwned');
  });

  it('edits the whole form as raw JSON and sends it with Ctrl-S', async () => {
    const form = await renderForm({ schema: ECHO, initial: { message: 'old' } });
    await form.type(CTRL_E);
    expect(form.lastFrame()).toContain('"message": "old"');
    await form.type(CTRL_S);
    expect(form.onSubmit).toHaveBeenCalledWith({ message: 'old' });
  });

  it('offers completions and takes the first with →', async () => {
    const complete = vi.fn(async (_name: string, value: string) =>
      ['Oslo', 'Osaka'].filter((city) => city.startsWith(value)),
    );
    const form = await renderForm({ schema: ECHO, complete });
    await form.type('O', 's');
    expect(form.lastFrame()).toContain('→ Oslo  Osaka');
    await form.type('l', RIGHT, ENTER);
    expect(complete).toHaveBeenCalledWith('message', 'Osl', {});
    expect(form.onSubmit).toHaveBeenCalledWith({ message: 'Oslo' });
  });

  it('shows only the rows that fit and follows the focus', async () => {
    const properties: Record<string, object> = {};
    for (let i = 1; i <= 30; i++) properties[`field${i}`] = { type: 'string' };
    const form = await renderForm({ schema: { type: 'object', properties }, height: 10 });
    expect(form.lastFrame()).toContain('field1 ');
    expect(form.lastFrame()).not.toContain('field30');
    for (let i = 0; i < 29; i++) await form.type(TAB);
    const frame = form.lastFrame()!;
    expect(frame).toContain('› field30');
    expect(frame).not.toContain('field1 ');
    expect(frame.split('\n').length).toBeLessThanOrEqual(10);
  });

  it('takes no input while inactive', async () => {
    const form = await renderForm({ schema: ECHO, isActive: false });
    await form.type('x', ENTER);
    expect(form.onSubmit).not.toHaveBeenCalled();
  });
});
