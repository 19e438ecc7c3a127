import { render } from 'ink';
import type { CreateChoices, CreateEnvironment } from '../core/plan.js';
import { Wizard } from './components/Wizard.js';

/**
 * Ask for the choices the flags left open. Resolves with the completed choices, or
 * undefined when the person cancels (Esc or Ctrl-C).
 */
export async function runWizard(
  initial: CreateChoices,
  environment: CreateEnvironment,
): Promise<CreateChoices | undefined> {
  let result: CreateChoices | undefined;
  const app = render(
    <Wizard
      initial={initial}
      cwd={environment.cwd}
      has={(command) => environment.which(command) !== undefined}
      onDone={(choices) => {
        result = choices;
        app.unmount();
      }}
    />,
    // Ctrl-C is handled by the wizard so that it can say nothing was written.
    { exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  return result;
}
