import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { EXIT, InspectError, usageError } from '../core/errors.js';
import { parseElicitPolicy, parseSamplePolicy } from '../core/policies.js';
import { InspectSession, requestFailure } from '../core/session.js';
import { resolveTarget, type ConnectionFlags } from '../core/target.js';
import { resolve } from 'node:path';
import type { EraMode } from '@mcpkit/shared/connection';

/** Flags every command takes. */
export interface CommandFlags extends ConnectionFlags {
  era: EraMode;
  timeout: string;
  json?: boolean;
  stderr?: boolean;
  root: string[];
  elicit: string;
  sample: string;
}

/** The outside world of a command. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  /** Fires when the person presses Ctrl-C. */
  interrupt: AbortSignal;
}

/** What an action gets besides the session. */
export interface ActionContext {
  flags: CommandFlags;
  io: CommandIo;
  /** Aborted on Ctrl-C; pass it to requests so they are cancelled on the server too. */
  signal: AbortSignal;
}

/** Print an error the way the command's mode wants it, and return its exit code. */
export function reportError(
  error: InspectError,
  flags: Pick<CommandFlags, 'json'>,
  io: Pick<CommandIo, 'stderr'>,
): number {
  if (flags.json) {
    io.stderr(
      `${JSON.stringify({ error: { code: error.exitCode, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } })}\n`,
    );
  } else {
    io.stderr(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
  }
  return error.exitCode;
}

function parseTimeout(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw usageError(
      `--timeout must be a positive number of milliseconds, not "${text}".`,
      'Example: --timeout 10000',
    );
  }
  return value;
}

/**
 * Connect, run `action`, print any failure, and always stop the server. Returns the exit
 * code. Server stderr is streamed with --stderr, else its tail is shown when connecting
 * fails; stray stdout lines, server log messages and answered server requests are noted
 * on stderr (not in --json mode, where stderr carries only the error).
 */
export async function runSessionCommand(
  command: readonly string[],
  flags: CommandFlags,
  io: CommandIo,
  action: (session: InspectSession, context: ActionContext) => Promise<number>,
): Promise<number> {
  let session: InspectSession | undefined;
  const note = (text: string) => {
    if (!flags.json) io.stderr(`${text}\n`);
  };
  let stderrTail = '';
  try {
    const timeoutMs = parseTimeout(flags.timeout);
    const { target, warnings } = await resolveTarget(command, flags, io.env, io.cwd);
    for (const warning of warnings) note(`Warning: ${sanitizeLine(warning)}`);
    const policies = {
      elicit: parseElicitPolicy(flags.elicit, io.cwd),
      sample: parseSamplePolicy(flags.sample),
      roots: flags.root.map((dir) => resolve(io.cwd, dir)),
    };
    session = await InspectSession.open({
      target,
      era: flags.era,
      timeoutMs,
      policies,
      version: io.version,
      onStderr: (chunk) => {
        stderrTail = (stderrTail + chunk).slice(-8192);
        if (flags.stderr) io.stderr(sanitizeText(chunk));
      },
      onStray: (stray) =>
        note(
          `Warning: the server wrote to stdout a line that is ${stray.reason}: "${sanitizeLine(stray.line).slice(0, 120)}". ` +
            'stdout is reserved for MCP messages; a server should log to stderr.',
        ),
      // Roots are answered silently; elicitation and sampling change results, so say so.
      onServerRequest: (event) => {
        if (event.method !== 'roots/list')
          note(`Server request ${event.method}: ${sanitizeLine(event.outcome)}`);
      },
      onLog: (level, text) => note(`[server ${sanitizeLine(level)}] ${sanitizeLine(text)}`),
    });
    return await action(session, { flags, io, signal: io.interrupt });
  } catch (error) {
    if (io.interrupt.aborted) {
      io.stderr('Interrupted: the request was cancelled.\n');
      return EXIT.interrupted;
    }
    const failure =
      error instanceof InspectError ? error : requestFailure('the request', error, session);
    if (failure.exitCode === EXIT.connection || failure.exitCode === EXIT.timeout) {
      const tail = (session?.stderr ?? stderrTail).trim();
      if (tail && !flags.stderr && !flags.json) {
        io.stderr(
          `The server's stderr ended with:\n${sanitizeText(tail.split('\n').slice(-12).join('\n'))}\n`,
        );
      }
    }
    return reportError(failure, flags, io);
  } finally {
    await session?.close().catch(() => undefined);
  }
}
