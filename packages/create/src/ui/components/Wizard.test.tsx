import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { CreateChoices } from '../../core/plan.js';
import { Wizard } from './Wizard.js';

const ENTER = '\r';
const DOWN = '\u001b[B';
const ESC = '\u001b';

/** Let Ink process input and re-render. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

function renderWizard(initial: CreateChoices, has: (command: string) => boolean = () => true) {
  const cwd = mkdtempSync(join(tmpdir(), 'wizard-'));
  const onDone = vi.fn<(choices: CreateChoices | undefined) => void>();
  const app = render(<Wizard initial={initial} cwd={cwd} has={has} onDone={onDone} />);
  return { ...app, onDone, cwd };
}

/**
 * Wait until the screen shows `text` (Ink renders asynchronously, slower on a busy machine),
 * then one tick more: a question listens for keys from an effect that runs after its frame.
 */
async function waitForFrame(lastFrame: () => string | undefined, text: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(lastFrame() ?? '').includes(text)) {
    if (Date.now() > deadline) throw new Error(`never showed "${text}":\n${lastFrame()}`);
    await tick();
  }
  await tick();
}

async function type(stdin: { write: (data: string) => void }, ...keys: string[]) {
  for (const key of keys) {
    stdin.write(key);
    await tick();
  }
}

describe('Wizard', () => {
  it('walks through every question with the keyboard', async () => {
    const { stdin, lastFrame, onDone } = renderWizard({});
    await tick();
    expect(lastFrame()).toContain('? Project folder');
    await type(stdin, 'weather', ENTER);
    await waitForFrame(lastFrame, '? Template');
    expect(lastFrame()).toContain('✔ Project folder: weather');
    // Each key once the previous one has shown: a key that arrives while a question is
    // still mounting belongs to no question.
    await type(stdin, DOWN);
    await waitForFrame(lastFrame, '❯ fastmcp');
    await type(stdin, DOWN);
    await waitForFrame(lastFrame, '❯ typescript');
    await type(stdin, ENTER);
    await waitForFrame(lastFrame, '? Default transport');
    expect(lastFrame()).toContain('Template: typescript');
    await type(stdin, DOWN);
    await waitForFrame(lastFrame, '❯ http');
    await type(stdin, ENTER);
    await waitForFrame(lastFrame, '? Package manager');
    expect(lastFrame()).toContain('pnpm');
    await type(stdin, ENTER);
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith({
        directory: 'weather',
        template: 'typescript',
        transport: 'http',
        pm: 'npm',
      }),
    );
  });

  it('uses the default folder on an empty answer and asks only what is missing', async () => {
    const { stdin, lastFrame, onDone } = renderWizard({ template: 'python', pm: 'uv' });
    await waitForFrame(lastFrame, '? Project folder');
    await type(stdin, ENTER);
    await waitForFrame(lastFrame, '? Default transport');
    expect(lastFrame()).toContain('Project folder: my-mcp-server');
    await type(stdin, ENTER);
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith({
        directory: 'my-mcp-server',
        template: 'python',
        transport: 'stdio',
        pm: 'uv',
      }),
    );
  });

  it('refuses a non-empty folder and stays on the question', async () => {
    const { stdin, lastFrame, onDone, cwd } = renderWizard({});
    writeFileSync(join(cwd, 'taken'), 'x');
    await tick();
    await type(stdin, '.', ENTER);
    expect(lastFrame()).toContain('is not empty');
    expect(lastFrame()).toContain('? Project folder');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('marks a package manager missing from PATH and preselects one that exists', async () => {
    const { stdin, lastFrame, onDone } = renderWizard(
      { directory: 'x', template: 'python', transport: 'stdio' },
      (command) => command !== 'uv',
    );
    await tick();
    expect(lastFrame()).toContain('uv (not found on PATH)');
    await type(stdin, ENTER);
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ pm: 'pip' })),
    );
  });

  it.each([
    ['Esc', ESC],
    ['Ctrl-C', '\u0003'],
  ])(
    'cancels on %s: says so once, in place of the question, and reports it once',
    async (_, key) => {
      const { stdin, lastFrame, onDone } = renderWizard({ directory: 'x' });
      await waitForFrame(lastFrame, '? Template');
      await type(stdin, key);
      await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(undefined));
      // A second cancel key (an impatient person) changes nothing.
      await type(stdin, key);
      await tick();
      expect(onDone).toHaveBeenCalledTimes(1);
      const frame = lastFrame() ?? '';
      expect(frame.split('Cancelled: nothing was written.')).toHaveLength(2);
      expect(frame).not.toContain('? Template');
    },
  );

  it('with --pm npm offers only the template npm installs', async () => {
    const { stdin, lastFrame, onDone } = renderWizard({ directory: 'x', pm: 'npm' });
    await waitForFrame(lastFrame, '? Template');
    expect(lastFrame()).toContain('Templates that --pm npm installs:');
    expect(lastFrame()).toContain('typescript');
    expect(lastFrame()).not.toContain('python');
    expect(lastFrame()).not.toContain('fastmcp');
    await type(stdin, ENTER);
    await waitForFrame(lastFrame, '? Default transport');
    await type(stdin, ENTER);
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith({
        directory: 'x',
        pm: 'npm',
        template: 'typescript',
        transport: 'stdio',
      }),
    );
  });

  it('with --pm uv offers the Python templates only', async () => {
    const { stdin, lastFrame, onDone } = renderWizard({ directory: 'x', pm: 'uv' });
    await waitForFrame(lastFrame, '? Template');
    expect(lastFrame()).toContain('python');
    expect(lastFrame()).toContain('fastmcp');
    expect(lastFrame()).not.toContain('typescript');
    await type(stdin, DOWN);
    await waitForFrame(lastFrame, '❯ fastmcp');
    await type(stdin, ENTER);
    await waitForFrame(lastFrame, '? Default transport');
    await type(stdin, ENTER);
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        expect.objectContaining({ template: 'fastmcp', pm: 'uv' }),
      ),
    );
  });
});
