/** Exit codes of mcp-config. */
export const EXIT = {
  ok: 0,
  /** The command could not do its job: invalid file, unknown server, failed write. */
  failure: 1,
  /** Bad flags or arguments. */
  usage: 2,
} as const;

/** An error for the person or script: one-line reason, optional hint, exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(exitCode: number, message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** A usage error (exit 2). */
export const usageError = (message: string, hint?: string) =>
  new CliError(EXIT.usage, message, hint);

/** A failure (exit 1). */
export const failure = (message: string, hint?: string) =>
  new CliError(EXIT.failure, message, hint);
