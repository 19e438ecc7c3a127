/** Exit codes of create-mcp-server. */
export const EXIT = {
  ok: 0,
  /** Scaffolding or installing failed. */
  failure: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** The person cancelled (Ctrl-C in the wizard). */
  cancelled: 130,
} as const;

/**
 * An error meant for the person at the terminal: a one-line reason, an optional hint on
 * how to fix it, and the exit code. `bin.ts` prints it without a stack trace.
 */
export class CliError extends Error {
  /** What to do about it, printed on its own line. */
  readonly hint: string | undefined;
  /** Process exit code. */
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = 'CliError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }
}

/** A {@link CliError} for bad input (exit code 2). */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { hint, exitCode: EXIT.usage });
}
