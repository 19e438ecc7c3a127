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
