import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { TextField } from './TextField.js';

describe('TextField', () => {
  it('submits what was typed even when Enter arrives before a re-render', async () => {
    const onSubmit = vi.fn();
    const { burst } = await renderInk(<TextField onSubmit={onSubmit} />);
    await burst('weather', '\r');
    expect(onSubmit).toHaveBeenCalledWith('weather');
  });

  it('submits a pasted line that ends in a newline', async () => {
    const onSubmit = vi.fn();
    const { type } = await renderInk(<TextField onSubmit={onSubmit} />);
    await type('pasted-name\n');
    expect(onSubmit).toHaveBeenCalledWith('pasted-name');
  });

  it('edits with backspace, drops control characters, and shows the placeholder when empty', async () => {
    const onSubmit = vi.fn();
    const { type, lastFrame } = await renderInk(
      <TextField placeholder="my-mcp-server" onSubmit={onSubmit} />,
    );
    expect(lastFrame()).toContain('my-mcp-server');
    await type('abx', '\u007f', 'c\u0007');
    expect(lastFrame()).toContain('abc');
    await type('\r');
    expect(onSubmit).toHaveBeenCalledWith('abc');
  });
});
