import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { SavePrompt } from './SavePrompt.js';

const ENTER = '\r';
const ESC = '\u001b';
const BACKSPACE = '\u007f';
const RIGHT = '\u001b[C';

// Lets a save's promise settle inside act(), as a person would wait for it.
const settle = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

describe('SavePrompt', () => {
  it('offers the default path and saves it on Enter', async () => {
    const onSave = vi.fn();
    const app = await renderInk(
      <SavePrompt defaultPath="t-result.json" onSave={onSave} onCancel={vi.fn()} />,
    );
    expect(app.lastFrame()).toContain('Save result to: t-result.json');
    await app.type(ENTER);
    await settle();
    expect(onSave).toHaveBeenCalledWith('t-result.json');
  });

  it('a paste ending in Enter, in one input event, saves with the pasted name', async () => {
    const onSave = vi.fn();
    const app = await renderInk(
      <SavePrompt defaultPath="t-result.json" onSave={onSave} onCancel={vi.fn()} />,
    );
    await app.burst('name.json\r');
    await settle();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith('name.json');
  });

  it('typing replaces the default; → keeps it to edit its end', async () => {
    const onSave = vi.fn();
    const app = await renderInk(
      <SavePrompt defaultPath="a.json" onSave={onSave} onCancel={vi.fn()} />,
    );
    await app.type(RIGHT, BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, 'x', 't', ENTER);
    await settle();
    expect(onSave).toHaveBeenCalledWith('a.xt');
  });

  it('shows why a save failed and stays open for another name', async () => {
    const onSave = vi.fn((path: string) =>
      path === 'taken.json'
        ? Promise.reject(new Error('/tmp/taken.json exists; choose another name.'))
        : Promise.resolve(),
    );
    const app = await renderInk(
      <SavePrompt defaultPath="taken.json" onSave={onSave} onCancel={vi.fn()} />,
    );
    await app.type(ENTER);
    await settle();
    expect(app.lastFrame()).toContain('/tmp/taken.json exists; choose another name.');
    expect(app.lastFrame()).toContain('Save result to: taken.json');
    await app.type(BACKSPACE, 'o', 'k', '.', 'j', 's', 'o', 'n', ENTER);
    await settle();
    expect(onSave).toHaveBeenLastCalledWith('ok.json');
    expect(app.lastFrame()).not.toContain('exists');
  });

  it('a throwing callback is shown too, and an empty name is refused', async () => {
    const onSave = vi.fn(() => {
      throw new Error('disk full');
    });
    const app = await renderInk(
      <SavePrompt defaultPath="x.json" onSave={onSave} onCancel={vi.fn()} />,
    );
    await app.type(ENTER);
    await settle();
    expect(app.lastFrame()).toContain('disk full');
    await app.type(BACKSPACE, ENTER);
    expect(app.lastFrame()).toContain('Type a file name.');
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('Esc cancels without saving', async () => {
    const onSave = vi.fn();
    const onCancel = vi.fn();
    const app = await renderInk(
      <SavePrompt defaultPath="x.json" onSave={onSave} onCancel={onCancel} />,
    );
    await app.type(ESC);
    await settle();
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onSave).not.toHaveBeenCalled();
  });
});
