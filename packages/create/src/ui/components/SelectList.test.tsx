import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { SelectList } from './SelectList.js';

const OPTIONS = [
  { value: 'a', label: 'Alpha' },
  { value: 'b', label: 'Beta' },
  { value: 'c', label: 'Gamma' },
];

describe('SelectList', () => {
  it('selects what has the focus even when Enter arrives in the same burst as the arrows', async () => {
    const onSelect = vi.fn();
    const { burst } = await renderInk(<SelectList options={OPTIONS} onSelect={onSelect} />);
    await burst('\u001b[B', '\u001b[B', '\r');
    expect(onSelect).toHaveBeenCalledWith('c');
  });

  it('wraps around and marks the focused option', async () => {
    const onSelect = vi.fn();
    const { type, lastFrame } = await renderInk(
      <SelectList options={OPTIONS} onSelect={onSelect} />,
    );
    expect(lastFrame()).toContain('❯ Alpha');
    await type('\u001b[A');
    expect(lastFrame()).toContain('❯ Gamma');
    await type('\r');
    expect(onSelect).toHaveBeenCalledWith('c');
  });
});
