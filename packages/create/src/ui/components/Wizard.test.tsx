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
    expect(lastFrame()).toContain('✔ Project folder: weather');
    expect(lastFrame()).toContain('? Template');
    await type(stdin, DOWN, DOWN, ENTER); // python → fastmcp → typescript
    expect(lastFrame()).toContain('Template: typescript');
    await type(stdin, DOWN, ENTER); // stdio → http
    expect(lastFrame()).toContain('? Package manager');
    expect(lastFrame()).toContain('pnpm');
    await type(stdin, ENTER);
    expect(onDone).toHaveBeenCalledWith({
      directory: 'weather',
      template: 'typescript',
      transport: 'http',
      pm: 'npm',
    });
  });

  it('uses the default folder on an empty answer and asks only what is missing', async () => {
    const { stdin, lastFrame, onDone } = renderWizard({ template: 'python', pm: 'uv' });
    await tick();
    await type(stdin, ENTER);
    expect(lastFrame()).toContain('Project folder: my-mcp-server');
    await type(stdin, ENTER);
    expect(onDone).toHaveBeenCalledWith({
      directory: 'my-mcp-server',
      template: 'python',
      transport: 'stdio',
      pm: 'uv',
    });
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
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ pm: 'pip' }));
  });

  it('cancels on Esc without answering', async () => {
    const { stdin, lastFrame, onDone } = renderWizard({});
    await tick();
    await type(stdin, ESC);
    await tick();
    expect(onDone).toHaveBeenCalledWith(undefined);
    expect(lastFrame()).toContain('Cancelled: nothing was written.');
  });

  it('cancels on Ctrl-C', async () => {
    const { stdin, onDone } = renderWizard({ directory: 'x' });
    await tick();
    await type(stdin, '\u0003');
    expect(onDone).toHaveBeenCalledWith(undefined);
  });
});
