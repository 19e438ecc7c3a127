import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { EraMode, ServerTarget } from '@mcpkit/shared/connection';
import { parseSize } from '@mcpkit/shared/limits';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { EXIT, InspectError, interruptedExitCode, usageError } from '../core/errors.js';
import type { OAuthFlags, OAuthSession } from '../core/oauth.js';
import type { Launcher } from '../core/oauth-callback.js';
import { parseElicitPolicy, parseSamplePolicy } from '../core/policies.js';
import { InspectSession, requestFailure } from '../core/session.js';
import { resolveTarget, type ConnectionFlags } from '../core/target.js';

/** Flags every command takes. */
export interface CommandFlags extends ConnectionFlags, OAuthFlags {
  era: EraMode;
  timeout: string;
  maxTime?: string;
  maxSize: string;
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
  /** Home directory for the OAuth token cache (default: the user's). */
  homedir?: string;
  /** Starts a detached program (the browser for OAuth); default: spawn, failures ignored. */
  launch?: Launcher;
}

/** What an action gets besides the session. */
export interface ActionContext {
  flags: CommandFlags;
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
  flags: Pick<CommandFlags, 'json'>,
  io: Pick<CommandIo, 'stderr'>,
): number {
  const error = {
    exitCode: failure.exitCode,
    message: maskSecretsInText(failure.message),
    hint: failure.hint === undefined ? undefined : maskSecretsInText(failure.hint),
  };
  if (flags.json) {
    io.stderr(
      `${JSON.stringify({ error: { code: error.exitCode, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } })}\n`,
    );
  } else {
    io.stderr(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
  }
  return error.exitCode;
}

function parseTimeout(text: string, flag = '--timeout'): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw usageError(
      `${flag} must be a positive number of milliseconds, not "${text}".`,
      `Example: ${flag} 10000`,
    );
  }
  return value;
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

/** Start OAuth for an HTTP target when --oauth is given: the provider goes into the target. */
async function startOAuth(
  target: ServerTarget,
  flags: CommandFlags,
  io: CommandIo,
): Promise<OAuthSession | undefined> {
  // The OAuth machinery loads only when an --oauth flag is given.
  const wanted = Object.entries(flags).some(
    ([key, value]) => key.startsWith('oauth') && value !== undefined,
  );
  if (!wanted) return undefined;
  const { parseOAuthFlags, OAuthSession } = await import('../core/oauth.js');
  const settings = await parseOAuthFlags(flags, io.env);
  if (!settings) return undefined;
  if (target.transport === 'stdio')
    throw usageError(
      '--oauth is for HTTP servers: use it with --url (or an url entry of --server).',
    );
  if (flags.bearer !== undefined || flags.header.some((h) => /^\s*authorization\s*:/i.test(h)))
    throw usageError('Give --oauth or an Authorization header (--bearer, --header), not both.');
  // A token from $MCP_BEARER_TOKEN or a config entry would be sent until OAuth has one.
  for (const name of Object.keys(target.headers))
    if (name.toLowerCase() === 'authorization') delete target.headers[name];
  const port = flags.oauthRedirectPort;
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw usageError(`--oauth-redirect-port must be a port number, not "${port}".`);
  const oauth = await OAuthSession.start({
    serverUrl: target.url,
    settings,
    homedir: io.homedir ?? homedir(),
    headless: flags.oauthHeadless === true,
    callbackTimeoutMs: parseTimeout(flags.oauthTimeout ?? '300000', '--oauth-timeout'),
    redirectPort: port === undefined ? undefined : Number(port),
    clientName: 'mcp-inspect',
    stderr: io.stderr,
    platform: process.platform,
    env: io.env,
    launch: io.launch ?? launchDetached,
  });
  target.authProvider = oauth.provider;
  return oauth;
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
  let oauth: OAuthSession | undefined;
  const note = (text: string) => {
    if (!flags.json) io.stderr(`${maskSecretsInText(text)}\n`);
  };
  let stderrTail = '';
  try {
    const timeoutMs = parseTimeout(flags.timeout);
    const maxTimeMs =
      flags.maxTime === undefined ? undefined : parseTimeout(flags.maxTime, '--max-time');
    const maxMessageBytes = parseSize(flags.maxSize);
    if (maxMessageBytes === undefined)
      throw usageError(
        `--max-size must be a size such as 64MiB, 512KiB or 1048576, not "${flags.maxSize}".`,
      );
    const { target, warnings } = await resolveTarget(command, flags, io.env, io.cwd);
    for (const warning of warnings) note(`Warning: ${sanitizeLine(warning)}`);
    const policies = {
      elicit: parseElicitPolicy(flags.elicit, io.cwd),
      sample: parseSamplePolicy(flags.sample),
      roots: flags.root.map((dir) => resolve(io.cwd, dir)),
    };
    oauth = await startOAuth(target, flags, io);
    const open = () =>
      InspectSession.open({
        target,
        era: flags.era,
        timeoutMs,
        maxTimeMs,
        maxMessageBytes,
        signal: io.interrupt,
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
    const attempt = async () => {
      // A retry after an authorization starts over on a fresh connection.
      await session?.close().catch(() => undefined);
      session = undefined;
      session = await open();
      return action(session, { flags, io, signal: io.interrupt });
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
      if (tail && !flags.stderr && !flags.json) {
        io.stderr(
          `The server's stderr ended with:\n${sanitizeText(tail.split('\n').slice(-12).join('\n'))}\n`,
        );
      }
    }
    return reportError(failure, flags, io);
  } finally {
    await session?.close().catch(() => undefined);
    await oauth?.close();
  }
}
