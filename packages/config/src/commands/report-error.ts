import { maskSecretsInText } from '@mcpkit/shared/mask';
import type { CliError } from '../errors.js';

/**
 * Prints an error the way the command's mode wants it and returns its exit code. Credentials
 * in the message (URL userinfo and tokens, Authorization headers, `--token X`) are masked.
 */
export function reportError(
  failure: CliError,
  flags: { json?: boolean },
  io: { stderr: (text: string) => void; env: Readonly<Record<string, string | undefined>> },
): number {
  const error = {
    exitCode: failure.exitCode,
    message: maskSecretsInText(failure.message),
    hint: failure.hint === undefined ? undefined : maskSecretsInText(failure.hint),
    cause: failure.cause,
  };
  if (flags.json) {
    io.stderr(
      `${JSON.stringify({ error: { code: error.exitCode, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } })}\n`,
    );
  } else {
    io.stderr(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
  }
  if (io.env.DEBUG) {
    const cause = error.cause instanceof Error ? error.cause : failure;
    io.stderr(`${cause.stack}\n`);
  }
  return error.exitCode;
}
