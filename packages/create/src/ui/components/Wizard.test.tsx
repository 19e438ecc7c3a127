import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import type { CreateChoices } from '../../core/plan.js';
import { Wizard } from './Wizard.js';

const ENTER = '\r';
const DOWN = '\u001b[B';
const ESC = '\u001b';

// renderInk's `type` returns once React has rendered the key's effect and run the effects
// of what it brought up: the next key finds the next question listening.
async function renderWizard(
  initial: CreateChoices,
  has: (command: string) => boolean = () => true,
) {
  const cwd = makeTempDir('wizard');
  const onDone = vi.fn<(choices: CreateChoices | undefined) => void>();
  const app = await renderInk(<Wizard initial={initial} cwd={cwd} has={has} onDone={onDone} />);
  return { ...app, onDone, cwd };
}

describe('Wizard', () => {
  it('walks through every question with the keyboard', async () => {
    const { type, lastFrame, onDone } = await renderWizard({});
    expect(lastFrame()).toContain('? Project folder');
    await type('weather', ENTER);
    expect(lastFrame()).toContain('? Template');
    expect(lastFrame()).toContain('✔ Project folder: weather');
    await type(DOWN);
    expect(lastFrame()).toContain('❯ fastmcp');
    await type(DOWN);
    expect(lastFrame()).toContain('❯ typescript');
    await type(ENTER);
    expect(lastFrame()).toContain('? Default transport');
    expect(lastFrame()).toContain('Template: typescript');
    await type(DOWN);
    expect(lastFrame()).toContain('❯ http');
    await type(ENTER);
    expect(lastFrame()).toContain('? Package manager');
    expect(lastFrame()).toContain('pnpm');
    await type(ENTER);
    expect(onDone).toHaveBeenCalledWith({
      directory: 'weather',
      template: 'typescript',
      transport: 'http',
      pm: 'npm',
    });
  });

  it('uses the default folder on an empty answer and asks only what is missing', async () => {
    const { type, lastFrame, onDone } = await renderWizard({ template: 'python', pm: 'uv' });
    expect(lastFrame()).toContain('? Project folder');
    await type(ENTER);
    expect(lastFrame()).toContain('? Default transport');
    expect(lastFrame()).toContain('Project folder: my-mcp-server');
    await type(ENTER);
    expect(onDone).toHaveBeenCalledWith({
      directory: 'my-mcp-server',
      template: 'python',
      transport: 'stdio',
      pm: 'uv',
    });
  });

  it('refuses a non-empty folder and stays on the question', async () => {
    const { type, lastFrame, onDone, cwd } = await renderWizard({});
    writeFileSync(join(cwd, 'taken'), 'x');
    await type('.', ENTER);
    expect(lastFrame()).toContain('is not empty');
    expect(lastFrame()).toContain('? Project folder');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('marks a package manager missing from PATH and preselects one that exists', async () => {
    const { type, lastFrame, onDone } = await renderWizard(
      { directory: 'x', template: 'python', transport: 'stdio' },
      (command) => command !== 'uv',
    );
    expect(lastFrame()).toContain('uv (not found on PATH)');
    await type(ENTER);
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ pm: 'pip' }));
  });

  it.each([
    ['Esc', ESC],
    ['Ctrl-C', '\u0003'],
  ])(
    'cancels on %s: says so once, in place of the question, and reports it once',
    async (_, key) => {
      const { type, lastFrame, onDone } = await renderWizard({ directory: 'x' });
      expect(lastFrame()).toContain('? Template');
      await type(key);
      expect(onDone).toHaveBeenCalledWith(undefined);
      // A second cancel key (an impatient person) changes nothing.
      await type(key);
      expect(onDone).toHaveBeenCalledTimes(1);
      const frame = lastFrame() ?? '';
      expect(frame.split('Cancelled: nothing was written.')).toHaveLength(2);
      expect(frame).not.toContain('? Template');
    },
  );

  it('with --pm npm offers only the template npm installs', async () => {
    const { type, lastFrame, onDone } = await renderWizard({ directory: 'x', pm: 'npm' });
    expect(lastFrame()).toContain('? Template');
    expect(lastFrame()).toContain('Templates that --pm npm installs:');
    expect(lastFrame()).toContain('typescript');
    expect(lastFrame()).not.toContain('python');
    expect(lastFrame()).not.toContain('fastmcp');
    await type(ENTER);
    expect(lastFrame()).toContain('? Default transport');
    await type(ENTER);
    expect(onDone).toHaveBeenCalledWith({
      directory: 'x',
      pm: 'npm',
      template: 'typescript',
      transport: 'stdio',
    });
  });

  it('with --pm uv offers the Python templates only', async () => {
    const { type, lastFrame, onDone } = await renderWizard({ directory: 'x', pm: 'uv' });
    expect(lastFrame()).toContain('? Template');
    expect(lastFrame()).toContain('python');
    expect(lastFrame()).toContain('fastmcp');
    expect(lastFrame()).not.toContain('typescript');
    await type(DOWN);
    expect(lastFrame()).toContain('❯ fastmcp');
    await type(ENTER);
    expect(lastFrame()).toContain('? Default transport');
    await type(ENTER);
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ template: 'fastmcp', pm: 'uv' }));
  });
});
