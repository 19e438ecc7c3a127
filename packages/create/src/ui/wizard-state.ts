import type { CreateChoices } from '../core/plan.js';
import { findTemplate, type PackageManager } from '../core/templates.js';

/** A question the wizard can ask, named after the choice it fills. */
export type WizardStep = 'directory' | 'template' | 'transport' | 'pm';

/** Everything the wizard screen shows. */
export interface WizardState {
  /** The questions to ask, in order (only those not answered by flags). */
  steps: WizardStep[];
  /** Index into `steps` of the current question. */
  index: number;
  /** The choices so far: flags plus answers. */
  choices: CreateChoices;
  /** Why the last answer was refused, shown under the question. */
  error?: string;
  status: 'asking' | 'done' | 'cancelled';
}

/** What can happen on the wizard screen. */
export type WizardAction =
  | { type: 'answer'; value: string }
  | { type: 'reject'; message: string }
  | { type: 'back' }
  | { type: 'cancel' };

const ORDER: readonly WizardStep[] = ['directory', 'template', 'transport', 'pm'];

/** The starting state: ask, in order, for every choice the flags left open. */
export function initWizardState(choices: CreateChoices): WizardState {
  const steps = ORDER.filter((step) => choices[step] === undefined);
  return { steps, index: 0, choices, status: steps.length === 0 ? 'done' : 'asking' };
}

/** The current question, when there is one. */
export function currentStep(state: WizardState): WizardStep | undefined {
  return state.status === 'asking' ? state.steps[state.index] : undefined;
}

/** Pure state transitions of the wizard. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  if (state.status !== 'asking') return state;
  const step = state.steps[state.index];
  switch (action.type) {
    case 'answer': {
      if (step === undefined) return state;
      const choices = { ...state.choices, [step]: action.value };
      let steps = state.steps;
      // A package manager given for another language does not fit the chosen template.
      const fits = findTemplate(action.value)?.packageManagers.includes(
        choices.pm as PackageManager,
      );
      if (step === 'template' && choices.pm !== undefined && !fits) {
        delete choices.pm;
        if (!steps.includes('pm')) steps = [...steps, 'pm'];
      }
      const index = state.index + 1;
      return {
        ...state,
        steps,
        choices,
        index,
        error: undefined,
        status: index >= steps.length ? 'done' : 'asking',
      };
    }
    case 'reject':
      return { ...state, error: action.message };
    case 'back':
      return state.index === 0 ? state : { ...state, index: state.index - 1, error: undefined };
    case 'cancel':
      return { ...state, status: 'cancelled' };
  }
}
