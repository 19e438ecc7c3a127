import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { SelectList } from './SelectList.js';

const OPTIONS = [
  { value: 'a', label: 'Alpha' },
  { value: 'b', label: 'Beta' },
  { value: 'c', label: 'Gamma' },
];
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SelectList', () => {
  it('selects what has the focus even when Enter arrives in the same burst as the arrows', async () => {
    const onSelect = vi.fn();
    const { stdin } = render(<SelectList options={OPTIONS} onSelect={onSelect} />);
    await tick();
    stdin.write('\u001b[B');
    stdin.write('\u001b[B');
    stdin.write('\r');
    await tick();
    expect(onSelect).toHaveBeenCalledWith('c');
  });

  it('wraps around and marks the focused option', async () => {
    const onSelect = vi.fn();
    const { stdin, lastFrame } = render(<SelectList options={OPTIONS} onSelect={onSelect} />);
    await tick();
    expect(lastFrame()).toContain('❯ Alpha');
    stdin.write('\u001b[A');
    await tick();
    expect(lastFrame()).toContain('❯ Gamma');
    stdin.write('\r');
    await tick();
    expect(onSelect).toHaveBeenCalledWith('c');
  });
});
