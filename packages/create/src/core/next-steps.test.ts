import { describe, expect, it } from 'vitest';
import { buildNextSteps, buildRegisterCommand } from './next-steps.js';
import type { CreatePlan } from './plan.js';
import { findTemplate } from './templates.js';

function plan(overrides: Partial<CreatePlan> = {}): CreatePlan {
  return {
    targetDir: '/work/weather',
    displayDir: 'weather',
    template: findTemplate('typescript')!,
    name: 'weather',
    transport: 'stdio',
    packageManager: 'npm',
    install: true,
    git: false,
    force: false,
    python: 'python3',
    ...overrides,
  };
}

describe('next steps', () => {
  it('pins mcp-inspect to the given version, so the line works outside the project', () => {
    const steps = buildNextSteps(plan(), 'linux', [], '1.2.3');
    expect(steps.map((s) => s.command)).toEqual([
      'cd weather',
      'node dist/index.js',
      'npm test',
      'npx mcp-inspect@1.2.3 tools -- node dist/index.js',
    ]);
  });

  it('an HTTP server is inspected over stdio, after the pending install commands', () => {
    const steps = buildNextSteps(
      plan({ transport: 'http', packageManager: 'uv', template: findTemplate('python')! }),
      'linux',
      ['uv sync'],
      '0.2.0',
    );
    expect(steps[1]).toEqual({ command: 'uv sync', description: 'install dependencies' });
    expect(steps.at(-1)?.command).toBe(
      'npx mcp-inspect@0.2.0 tools -- uv run weather --transport stdio',
    );
  });

  it('the register line pins mcp-config to the same version', () => {
    expect(buildRegisterCommand('weather', ['node', '/p/dist/index.js'], '0.2.0')).toEqual([
      'npx',
      'mcp-config@0.2.0',
      'add',
      'weather',
      '--',
      'node',
      '/p/dist/index.js',
    ]);
  });

  it('a pip project runs its package as a module from the venv (there is no server.py at the root)', () => {
    const steps = buildNextSteps(
      plan({ packageManager: 'pip', template: findTemplate('python')!, name: 'my-weather' }),
      'linux',
      [],
      '0.2.0',
    );
    expect(steps[1]?.command).toBe('.venv/bin/python -m my_weather');
    expect(steps.at(-1)?.command).toBe(
      'npx mcp-inspect@0.2.0 tools -- .venv/bin/python -m my_weather',
    );
  });
});
