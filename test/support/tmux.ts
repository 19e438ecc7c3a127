import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from './paths.js';

/** A program running in a real terminal: a detached tmux session on its own socket. */
export interface TmuxSession {
  /** Type keys: tmux key names (Enter, Down, C-c), or `'-l', text` for text typed as it is. */
  send: (...keys: string[]) => void;
  /** The visible screen as text. */
  screen: () => string;
  /** Wait until the screen matches, or throw with the last screen. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  /**
   * Wait until the program has put the terminal in raw mode: keys typed before that
   * are taken by the line discipline, as they would be from a person typing ahead.
   */
  waitForRawMode: (timeoutMs?: number) => Promise<void>;
  /** Resize the terminal (the program gets SIGWINCH). */
  resize: (columns: number, rows: number) => void;
  kill: () => void;
}

/** Start `command` (a shell line) in a fresh 100x30 tmux terminal. */
export function startTmux(
  command: string,
  options: { cwd: string; env?: Record<string, string> },
): TmuxSession {
  // tmux leaves its socket behind when the server ends: keep it in a temp folder of the
  // test file (removed with it), not in the shared /tmp/tmux-UID.
  const socket = join(makeTempDir('tmux-socket'), 's');
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const envArgs = Object.entries(options.env ?? {}).flatMap(([key, value]) => [
    '-e',
    `${key}=${value}`,
  ]);
  tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    '100',
    '-y',
    '30',
    '-c',
    options.cwd,
    ...envArgs,
    command,
  );
  // A lone Esc reaches the program at once instead of after tmux's 500 ms wait for more.
  tmux('set-option', '-s', 'escape-time', '0');
  const screen = () => tmux('capture-pane', '-p', '-t', 'main');
  return {
    send: (...keys) => {
      for (let i = 0; i < keys.length; i++) {
        // `-l TEXT`: TEXT is typed as it is, not read as key names.
        if (keys[i] === '-l') tmux('send-keys', '-t', 'main', '-l', '--', keys[++i] ?? '');
        else tmux('send-keys', '-t', 'main', keys[i]!);
      }
    },
    screen,
    waitFor: async (pattern, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    waitForRawMode: async (timeoutMs = 15_000) => {
      const tty = tmux('display-message', '-p', '-t', 'main', '#{pane_tty}').trim();
      const deadline = Date.now() + timeoutMs;
      while (
        !/(^|\s)-icanon(\s|$)/.test(execFileSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' }))
      ) {
        if (Date.now() > deadline) throw new Error(`${tty} never left canonical mode`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    resize: (columns, rows) => {
      tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
    },
    kill: () => {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
    },
  };
}
