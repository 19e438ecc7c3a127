import { Box, Text, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import { checkProjectDirectory, templatesFor, type CreateChoices } from '../../core/plan.js';
import { DEFAULT_DIRECTORY, findTemplate, type PackageManager } from '../../core/templates.js';
import { KEY_BINDINGS, KEY_HINT } from '../key-bindings.js';
import { SelectList } from './SelectList.js';
import { TextField } from './TextField.js';
import { currentStep, initWizardState, wizardReducer, type WizardStep } from '../wizard-state.js';

/** Props of {@link Wizard}. */
export interface WizardProps {
  /** Choices given as flags; the wizard asks only for the rest. */
  initial: CreateChoices;
  /** Working directory, to check the folder answer against. */
  cwd: string;
  /** Whether a command is on PATH (marks package managers that are missing). */
  has: (command: string) => boolean;
  /** Called once: with the completed choices, or undefined when cancelled. */
  onDone: (choices: CreateChoices | undefined) => void;
}

const TITLES: Record<WizardStep, string> = {
  directory: 'Project folder',
  template: 'Template',
  transport: 'Default transport',
  pm: 'Package manager',
};

const TRANSPORT_OPTIONS = [
  { value: 'stdio', label: 'stdio — the client starts the server (Claude Desktop, Claude Code)' },
  { value: 'http', label: 'http  — Streamable HTTP on 127.0.0.1:8000, bearer token optional' },
];

/** The create-mcp-server questions, one at a time, answered ones summarised above. */
export function Wizard({ initial, cwd, has, onDone }: WizardProps) {
  const [state, dispatch] = useReducer(wizardReducer, initial, initWizardState);
  const step = currentStep(state);

  useEffect(() => {
    if (state.status === 'done') onDone(state.choices);
    if (state.status === 'cancelled') onDone(undefined);
  }, [state.status, state.choices, onDone]);

  useInput((input, key) => {
    if (KEY_BINDINGS.cancel(input, key)) dispatch({ type: 'cancel' });
    else if (KEY_BINDINGS.back(input, key)) dispatch({ type: 'back' });
  });

  const answered = state.steps.slice(0, state.index);
  return (
    <Box flexDirection="column">
      <Text bold>create-mcp-server</Text>
      {answered.map((done) => (
        <Text key={done}>
          <Text color="green">✔ </Text>
          {TITLES[done]}: <Text color="cyan">{state.choices[done]}</Text>
        </Text>
      ))}
      {step && (
        <Box flexDirection="column" marginTop={answered.length > 0 ? 0 : 1}>
          <Text bold>? {TITLES[step]}</Text>
          <Question
            key={`${step}-${state.index}`}
            step={step}
            choices={state.choices}
            pmFlag={initial.pm as PackageManager | undefined}
            has={has}
            onAnswer={(value) => {
              const problem = step === 'directory' ? checkProjectDirectory(value, cwd) : undefined;
              dispatch(problem ? { type: 'reject', message: problem } : { type: 'answer', value });
            }}
          />
          {state.error && <Text color="red">{state.error}</Text>}
          <Text dimColor>{KEY_HINT}</Text>
        </Box>
      )}
      {state.status === 'cancelled' && <Text color="yellow">Cancelled: nothing was written.</Text>}
    </Box>
  );
}

interface QuestionProps {
  step: WizardStep;
  choices: CreateChoices;
  /** `--pm` as given on the command line: only templates it can install are offered. */
  pmFlag: PackageManager | undefined;
  has: (command: string) => boolean;
  onAnswer: (value: string) => void;
}

function Question({ step, choices, pmFlag, has, onAnswer }: QuestionProps) {
  switch (step) {
    case 'directory':
      return (
        <TextField
          placeholder={choices.name ?? DEFAULT_DIRECTORY}
          onSubmit={(value) => onAnswer(value.trim() || (choices.name ?? DEFAULT_DIRECTORY))}
        />
      );
    case 'template':
      return (
        <Box flexDirection="column">
          {pmFlag !== undefined && <Text dimColor>Templates that --pm {pmFlag} installs:</Text>}
          <SelectList
            options={templatesFor(pmFlag).map((t) => ({
              value: t.name,
              label: `${t.name.padEnd(10)} ${t.description}`,
            }))}
            onSelect={onAnswer}
          />
        </Box>
      );
    case 'transport':
      return <SelectList options={TRANSPORT_OPTIONS} onSelect={onAnswer} />;
    case 'pm': {
      const managers = findTemplate(choices.template ?? 'python')?.packageManagers ?? [];
      const found = (pm: PackageManager) => has(pm === 'pip' ? 'python3' : pm);
      // The first option has the focus: managers found on PATH go first.
      const ordered = [...managers.filter(found), ...managers.filter((pm) => !found(pm))];
      const options = ordered.map((pm) => ({
        value: pm,
        label: found(pm) ? pm : `${pm} (not found on PATH)`,
      }));
      return <SelectList options={options} onSelect={onAnswer} />;
    }
  }
}
