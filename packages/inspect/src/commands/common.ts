import { spawn } from 'node:child_process';
import type { ServerTarget } from '@mcpkit/shared/connection';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { EXIT, InspectError, interruptedExitCode, usageError } from '../core/errors.js';
import type { OAuthSession } from '../core/oauth.js';
import type { Launcher } from '../core/oauth-callback.js';
import type { OutputOptions, SessionCommandOptions } from '../core/options.js';
import { parseSessionOptions, type InspectFlags } from './options.js';
import { InspectSession, requestFailure } from '../core/session.js';
import { resolveTarget } from '../core/target.js';

/** The outside world of a command. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Home directory: client configs for --server, the OAuth token cache. */
  homedir: string;
  /** This machine's platform. */
  platform: NodeJS.Platform;
  version: string;
  /** Fires when the person presses Ctrl-C. */
  interrupt: AbortSignal;
  /** Starts a detached program (the browser for OAuth); default: spawn, failures ignored. */
  launch?: Launcher;
}

/** What an action gets besides the session. */
export interface ActionContext {
  options: SessionCommandOptions;
  io: CommandIo;
  /** Aborted on Ctrl-C; pass it to requests so they are cancelled on the server too. */
  signal: AbortSignal;
}

/**
 * Print an error the way the command's mode wants it, and return its exit code. Credentials
 * in the message (a URL's userinfo or token, an Authorization header) are masked.
 */
export function reportError(
  failure: InspectError,
  output: Pick<OutputOptions, 'json'>,
  io: Pick<CommandIo, 'stderr'>,
): number {
  const error = {
    exitCode: failure.exitCode,
    message: maskSecretsInText(failure.message),
    hint: failure.hint === undefined ? undefined : maskSecretsInText(failure.hint),
  };
  if (output.json) {
    io.stderr(
      `${JSON.stringify({ error: { code: error.exitCode, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } })}\n`,
    );
  } else {
    io.stderr(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
  }
  return error.exitCode;
}

const launchDetached: Launcher = (command, args) => {
  try {
    spawn(command, args, { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
  } catch {
    // no browser: the URL is printed anyway
  }
};

/** Start OAuth when it was asked for: the provider goes into the HTTP target. */
async function startOAuth(
  target: ServerTarget,
  options: SessionCommandOptions,
  io: CommandIo,
): Promise<OAuthSession | undefined> {
  const oauth = options.oauth;
  if (!oauth) return undefined;
  if (target.transport === 'stdio')
    throw usageError(
      '--oauth is for HTTP servers: use it with --url (or an url entry of --server).',
    );
  // A token from $MCP_BEARER_TOKEN or a config entry would be sent until OAuth has one.
  for (const name of Object.keys(target.headers))
    if (name.toLowerCase() === 'authorization') delete target.headers[name];
  // The OAuth machinery loads only when OAuth is asked for.
  const { OAuthSession } = await import('../core/oauth.js');
  const session = await OAuthSession.start({
    serverUrl: target.url,
    settings: oauth.settings,
    homedir: io.homedir,
    headless: oauth.headless,
    callbackTimeoutMs: oauth.callbackTimeoutMs,
    redirectPort: oauth.redirectPort,
    clientName: 'mcp-inspect',
    stderr: io.stderr,
    platform: io.platform,
    env: io.env,
    launch: io.launch ?? launchDetached,
  });
  target.authProvider = session.provider;
  return session;
}

/**
 * Connect, run `action`, print any failure, and always stop the server. Returns the exit
 * code. Server stderr is streamed with --stderr, else its tail is shown when connecting
 * fails; stray stdout lines, server log messages and answered server requests are noted
 * on stderr (not in --json mode, where stderr carries only the error).
 */
export async function runSessionCommand(
  options: SessionCommandOptions,
  io: CommandIo,
  action: (session: InspectSession, context: ActionContext) => Promise<number>,
): Promise<number> {
  let session: InspectSession | undefined;
  let oauth: OAuthSession | undefined;
  const { connection, output } = options;
  const note = (text: string) => {
    if (!output.json) io.stderr(`${maskSecretsInText(text)}\n`);
  };
  let stderrTail = '';
  try {
    const { target, warnings } = await resolveTarget(connection, io);
    for (const warning of warnings) note(`Warning: ${sanitizeLine(warning)}`);
    oauth = await startOAuth(target, options, io);
    const open = () =>
      InspectSession.open({
        target,
        era: connection.era,
        fallbackToModern: connection.eraIsDefault,
        timeoutMs: connection.timeoutMs,
        maxTimeMs: connection.maxTimeMs,
        maxMessageBytes: connection.maxMessageBytes,
        signal: io.interrupt,
        policies: options.policies,
        version: io.version,
        onStderr: (chunk) => {
          stderrTail = (stderrTail + chunk).slice(-8192);
          if (output.serverStderr) io.stderr(sanitizeText(chunk));
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
    const attempt = async () => {
      // A retry after an authorization starts over on a fresh connection.
      await session?.close().catch(() => undefined);
      session = undefined;
      session = await open();
      const fallback = session.connection.eraFallback;
      if (fallback)
        note(
          `Note: the server refused the 2025 handshake (${sanitizeLine(fallback.refused)}); connected in the 2026-07-28 era. Pass --era modern to go there directly.`,
        );
      return action(session, { options, io, signal: io.interrupt });
    };
    if (!oauth) return await attempt();
    const { authorizationFinisher } = await import('../core/oauth.js');
    return await oauth.run(
      attempt,
      (error) => authorizationFinisher(error, session?.connection),
      io.interrupt,
    );
  } catch (error) {
    if (io.interrupt.aborted) {
      const reason = io.interrupt.reason as unknown;
      const by = typeof reason === 'string' && reason !== 'SIGINT' ? ` by ${reason}` : '';
      io.stderr(`Interrupted${by}: the request was cancelled and the server stopped.\n`);
      return interruptedExitCode(reason);
    }
    let failure =
      error instanceof InspectError ? error : requestFailure('the request', error, session);
    if (oauth) {
      const redact = oauth.redact.bind(oauth);
      failure = new InspectError(
        failure.exitCode,
        redact(failure.message),
        failure.hint && redact(failure.hint),
      );
    }
    if (failure.exitCode === EXIT.connection || failure.exitCode === EXIT.timeout) {
      const tail = (session?.stderr ?? stderrTail).trim();
      if (tail && !output.serverStderr && !output.json) {
        io.stderr(
          `The server's stderr ended with:\n${sanitizeText(tail.split('\n').slice(-12).join('\n'))}\n`,
        );
      }
    }
    return reportError(failure, output, io);
  } finally {
    await session?.close().catch(() => undefined);
    await oauth?.close();
  }
}

/** Parse the flags into typed options (a usage error is reported here), then run the command. */
export async function runWithFlags(
  command: readonly string[],
  flags: InspectFlags,
  io: CommandIo,
  action: (session: InspectSession, context: ActionContext) => Promise<number>,
): Promise<number> {
  let options: SessionCommandOptions;
  try {
    options = await parseSessionOptions(command, flags, io);
  } catch (error) {
    if (error instanceof InspectError) return reportError(error, { json: flags.json === true }, io);
    throw error;
  }
  return runSessionCommand(options, io, action);
}
