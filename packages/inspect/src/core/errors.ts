/** Exit codes of mcp-inspect (PRODUCT.md). */
export const EXIT = {
  ok: 0,
  /** The tool or server reported an error. */
  serverError: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** Could not connect, or the server broke the protocol. */
  connection: 3,
  /** A request (or the handshake) took longer than --timeout. */
  timeout: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** Numbers of the signals that end a session; the exit code is 128 + the number. */
export const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/** The exit code for a session ended by `reason` (a signal name; Ctrl-C when unknown). */
export function interruptedExitCode(reason: unknown): number {
  const number = SIGNAL_NUMBERS[reason as keyof typeof SIGNAL_NUMBERS];
  return number === undefined ? EXIT.interrupted : 128 + number;
}

/** An error for the person or script: one-line reason, optional hint, exit code. */
export class InspectError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(exitCode: number, message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InspectError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** A usage error (exit 2). */
export const usageError = (message: string, hint?: string) =>
  new InspectError(EXIT.usage, message, hint);
