import { render } from 'ink';
import type { LiveSession } from '../core/live/live-session.js';
import type { Terminal } from '../commands/tui.js';
import { App } from './components/App.js';

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
export async function renderApp({ session, label, cwd, terminal, interrupt }: RenderAppOptions): Promise<void> {
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
