/** The outcome of one command run by a {@link CommandRunner}. */
export interface CommandResult {
  /** Exit code; undefined when the command could not start or was killed. */
  exitCode: number | undefined;
  /** stdout and stderr interleaved, for showing the tail when something fails. */
  output: string;
  /** Why the command could not start (e.g. ENOENT), when it could not. */
  startError?: string;
}

/** Options of one command run. */
export interface RunOptions {
  /** Working directory. */
  cwd: string;
  /** Full environment for the child. */
  env: NodeJS.ProcessEnv;
}

/** Runs external commands; injected so tests can observe or replace it. */
export interface CommandRunner {
  run(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult>;
}

/** The real runner, on execa (loaded only when a command actually runs). */
export const execaRunner: CommandRunner = {
  async run(command, args, options) {
    const { execa } = await import('execa');
    const result = await execa(command, args, {
      cwd: options.cwd,
      env: options.env,
      extendEnv: false,
      all: true,
      reject: false,
      stdin: 'ignore',
    });
    const startError =
      result.exitCode === undefined && !result.isTerminated
        ? result.cause instanceof Error
          ? result.cause.message
          : String(result.cause ?? '')
        : undefined;
    return { exitCode: result.exitCode, output: result.all ?? '', startError };
  },
};

/** The last `count` non-empty lines of `text`. */
export function tailLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .slice(-count);
}
