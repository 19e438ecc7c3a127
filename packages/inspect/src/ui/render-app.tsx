import { render } from 'ink';
import type { LiveSession } from '../core/live/live-session.js';
import type { Terminal } from './terminal.js';
import type { ConfiguredServerSummary } from '@mcpkit/shared/configured-servers';
import { App } from './components/App.js';
import { ServerPicker } from './components/ServerPicker.js';

/** What {@link renderApp} draws and where. */
export interface RenderAppOptions {
  session: LiveSession;
  label: string;
  cwd: string;
  terminal: Terminal;
  /** SIGTERM / SIGHUP: leave as if the person quit. */
  interrupt: AbortSignal;
}

// The alternate screen keeps the person's scrollback as it was once the TUI ends.
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

/** Draw the inspector on the terminal until the person quits (or a signal ends it). */
export async function renderApp({
  session,
  label,
  cwd,
  terminal,
  interrupt,
}: RenderAppOptions): Promise<void> {
  terminal.stdout.write(ENTER_ALTERNATE_SCREEN);
  let exit = () => {};
  const instance = render(<App session={session} label={label} cwd={cwd} onExit={() => exit()} />, {
    stdin: terminal.stdin,
    stdout: terminal.stdout,
    // Ctrl-C is the App's: it stops the server before leaving.
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 120,
  });
  exit = () => instance.unmount();
  const onInterrupt = () => instance.unmount();
  interrupt.addEventListener('abort', onInterrupt, { once: true });
  try {
    await instance.waitUntilExit();
  } finally {
    interrupt.removeEventListener('abort', onInterrupt);
    terminal.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
}

/** Let the person choose a configured server; undefined when they quit instead. */
export async function pickServer(
  found: { servers: ConfiguredServerSummary[]; problems: { file: string; message: string }[] },
  terminal: Terminal,
): Promise<ConfiguredServerSummary | undefined> {
  let picked: ConfiguredServerSummary | undefined;
  terminal.stdout.write(ENTER_ALTERNATE_SCREEN);
  const instance = render(
    <ServerPicker
      servers={found.servers}
      problems={found.problems}
      onPick={(server) => (picked = server)}
      onQuit={() => (picked = undefined)}
    />,
    { stdin: terminal.stdin, stdout: terminal.stdout, exitOnCtrlC: false, patchConsole: true },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    terminal.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
  return picked;
}
