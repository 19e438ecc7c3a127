import { describe, expect, it } from 'vitest';
import {
  currentStep,
  initWizardState,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from './wizard-state.js';

const run = (state: WizardState, ...actions: WizardAction[]) =>
  actions.reduce(wizardReducer, state);

describe('wizardReducer', () => {
  it('asks only for what the flags left open, in order', () => {
    const state = initWizardState({ template: 'python' });
    expect(state.steps).toEqual(['directory', 'transport', 'pm']);
    expect(currentStep(state)).toBe('directory');
  });

  it('is done at once when every choice was given', () => {
    const state = initWizardState({
      directory: 'x',
      template: 'python',
      transport: 'stdio',
      pm: 'uv',
    });
    expect(state.status).toBe('done');
    expect(currentStep(state)).toBeUndefined();
  });

  it('collects answers and finishes after the last one', () => {
    const state = run(
      initWizardState({}),
      { type: 'answer', value: 'weather' },
      { type: 'answer', value: 'typescript' },
      { type: 'answer', value: 'http' },
      { type: 'answer', value: 'pnpm' },
    );
    expect(state.status).toBe('done');
    expect(state.choices).toEqual({
      directory: 'weather',
      template: 'typescript',
      transport: 'http',
      pm: 'pnpm',
    });
  });

  it('keeps a refused answer out and shows why until the next answer', () => {
    const rejected = run(initWizardState({}), { type: 'reject', message: 'not empty' });
    expect(rejected.error).toBe('not empty');
    expect(currentStep(rejected)).toBe('directory');
    const answered = wizardReducer(rejected, { type: 'answer', value: 'other' });
    expect(answered.error).toBeUndefined();
    expect(currentStep(answered)).toBe('template');
  });

  it('asks again for a --pm that does not fit the chosen template', () => {
    const state = run(initWizardState({ directory: 'x', transport: 'stdio', pm: 'npm' }), {
      type: 'answer',
      value: 'python',
    });
    expect(state.choices.pm).toBeUndefined();
    expect(currentStep(state)).toBe('pm');
  });

  it('keeps a --pm that fits the chosen template', () => {
    const state = run(initWizardState({ directory: 'x', transport: 'stdio', pm: 'pip' }), {
      type: 'answer',
      value: 'fastmcp',
    });
    expect(state.status).toBe('done');
    expect(state.choices.pm).toBe('pip');
  });

  it('goes back one question, not before the first', () => {
    const start = initWizardState({});
    expect(wizardReducer(start, { type: 'back' })).toBe(start);
    const second = wizardReducer(start, { type: 'answer', value: 'w' });
    expect(currentStep(wizardReducer(second, { type: 'back' }))).toBe('directory');
  });

  it('cancels, and ignores everything afterwards', () => {
    const cancelled = run(
      initWizardState({}),
      { type: 'cancel' },
      { type: 'answer', value: 'late' },
    );
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.choices.directory).toBeUndefined();
  });
});
