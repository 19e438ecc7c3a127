import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { TextField } from './TextField.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('TextField', () => {
  it('submits what was typed even when Enter arrives before a re-render', async () => {
    const onSubmit = vi.fn();
    const { stdin } = render(<TextField onSubmit={onSubmit} />);
    await tick();
    stdin.write('weather');
    stdin.write('\r');
    await tick();
    expect(onSubmit).toHaveBeenCalledWith('weather');
  });

  it('submits a pasted line that ends in a newline', async () => {
    const onSubmit = vi.fn();
    const { stdin } = render(<TextField onSubmit={onSubmit} />);
    await tick();
    stdin.write('pasted-name\n');
    await tick();
    expect(onSubmit).toHaveBeenCalledWith('pasted-name');
  });

  it('edits with backspace, drops control characters, and shows the placeholder when empty', async () => {
    const onSubmit = vi.fn();
    const { stdin, lastFrame } = render(
      <TextField placeholder="my-mcp-server" onSubmit={onSubmit} />,
    );
    await tick();
    expect(lastFrame()).toContain('my-mcp-server');
    stdin.write('abx');
    await tick();
    stdin.write('\u007f');
    await tick();
    stdin.write('c\u0007');
    await tick();
    expect(lastFrame()).toContain('abc');
    stdin.write('\r');
    await tick();
    expect(onSubmit).toHaveBeenCalledWith('abc');
  });
});
