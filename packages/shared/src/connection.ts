import {
  Client,
  OAuthClientFlowError,
  OAuthError,
  SdkError,
  SdkErrorCode,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  type AuthProvider,
  type ClientCapabilities,
  type Implementation,
  type OAuthClientProvider,
} from '@modelcontextprotocol/client';
import type { ProcessStartError, ProcessTransport, StrayOutput } from './process-transport.js';

/** A server started as a child process that speaks MCP on stdin/stdout. */
export interface StdioTarget {
  transport: 'stdio';
  command: string;
  args: string[];
  /** The complete environment of the server. */
  env: Record<string, string>;
  cwd?: string;
}

/** A server reached over HTTP: Streamable HTTP (`http`, falling back to SSE) or legacy SSE. */
export interface HttpTarget {
  transport: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
  /** Gives the SDK transport its tokens; an OAuth provider also runs the authorization flow. */
  authProvider?: AuthProvider | OAuthClientProvider;
}

/**
 * Completes an authorization the provider started: exchanges the callback's `code` (and
 * checks `iss`) on the transport that saw the challenge, so its `resource_metadata` and
 * `scope` are used. Connect again afterwards.
 */
export type FinishAuth = (callback: URLSearchParams) => Promise<void>;

/** Where a server is and how to reach it. */
export type ServerTarget = StdioTarget | HttpTarget;

/** Protocol era: 2025 (`initialize`), 2026-07-28 (`server/discover`), or probe and pick. */
export type EraMode = 'legacy' | 'modern' | 'auto';

/** Pages of one list read at most (a server that never stops paging is an error). */
export const LIST_MAX_PAGES = 10_000;

/** The modern protocol revision a `modern` connection pins. */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** Options of {@link openConnection}. */
export interface OpenConnectionOptions {
  era: EraMode;
  /** Bound on the handshake, in milliseconds. */
  timeoutMs: number;
  clientInfo: Implementation;
  capabilities: ClientCapabilities;
  /** Register request and notification handlers on the client before it connects. */
  prepare?: (client: Client) => void;
  /** Each chunk of a stdio server's stderr. */
  onStderr?: (chunk: string) => void;
  /** Each stdout line of a stdio server that is not an MCP message. */
  onStray?: (stray: StrayOutput) => void;
}

/** A connected client. */
export interface Connection {
  client: Client;
  /** The wire actually used (`http` may have fallen back to `sse`). */
  wire: 'stdio' | 'streamable-http' | 'sse';
  /** The server process, for stdio. */
  process?: ProcessTransport;
  /** For an HTTP target with an OAuth provider, after a request failed with UnauthorizedError. */
  finishAuth?: FinishAuth;
  close: () => Promise<void>;
}

/** What went wrong while connecting, for choosing the message and exit code. */
export type ConnectFailure =
  'spawn' | 'exited' | 'timeout' | 'unauthorized' | 'forbidden' | 'http' | 'protocol';

/** Connecting failed; `message` says why in one line, `hint` what to do. */
export class ConnectError extends Error {
  readonly kind: ConnectFailure;
  readonly hint: string | undefined;
  /** The server's stderr at the time, for stdio. */
  readonly stderr: string;
  /** Set when the server asked for authorization and an OAuth provider started it. */
  readonly finishAuth: FinishAuth | undefined;
  constructor(
    kind: ConnectFailure,
    message: string,
    options: { hint?: string; stderr?: string; cause?: unknown; finishAuth?: FinishAuth } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectError';
    this.kind = kind;
    this.hint = options.hint;
    this.stderr = options.stderr ?? '';
    this.finishAuth = options.finishAuth;
  }
}

function newClient(options: OpenConnectionOptions, era: EraMode): Client {
  const client = new Client(options.clientInfo, {
    capabilities: options.capabilities,
    versionNegotiation: { mode: era === 'modern' ? { pin: MODERN_PROTOCOL_VERSION } : era },
    // Lists are read to the end: the SDK's default stops at 64 pages. The bound stays as a
    // guard against a server whose cursors never end.
    listMaxPages: LIST_MAX_PAGES,
  });
  options.prepare?.(client);
  return client;
}

/**
 * Connect the official SDK client to a server. stdio servers run in their own process
 * group and are closed promptly; `http` tries Streamable HTTP and falls back to legacy
 * SSE when the endpoint does not speak it; `auto` falls back to the 2025 handshake when a
 * stdio server exits on the `server/discover` probe. Failures become a {@link ConnectError}.
 */
export async function openConnection(
  target: ServerTarget,
  options: OpenConnectionOptions,
): Promise<Connection> {
  if (target.transport === 'stdio') {
    try {
      return await connectStdio(target, options, options.era);
    } catch (error) {
      if (options.era === 'auto' && error instanceof ConnectError && error.kind === 'exited') {
        return connectStdio(target, options, 'legacy');
      }
      throw error;
    }
  }
  if (target.transport === 'sse') return connectHttp(target, options, 'sse');
  try {
    return await connectHttp(target, options, 'streamable-http');
  } catch (error) {
    // A server that answers POST with 404/405 (or HTML) predates Streamable HTTP.
    if (error instanceof ConnectError && error.kind === 'http') {
      try {
        return await connectHttp(target, options, 'sse');
      } catch {
        throw error;
      }
    }
    throw error;
  }
}

async function connectStdio(
  target: StdioTarget,
  options: OpenConnectionOptions,
  era: EraMode,
): Promise<Connection> {
  // Loaded here so that HTTP connections do not pay for the process machinery.
  const { ProcessTransport } = await import('./process-transport.js');
  const transport = new ProcessTransport({
    command: target.command,
    args: target.args,
    env: target.env,
    cwd: target.cwd,
  });
  transport.onstderr = options.onStderr;
  transport.onstray = options.onStray;
  const client = newClient(options, era);
  try {
    await client.connect(transport, { timeout: options.timeoutMs });
  } catch (error) {
    // Classify first: closing makes any server exit, which would read as a crash.
    const failure = classifyStdioFailure(error, target, transport, options.timeoutMs);
    await transport.close();
    throw failure;
  }
  return { client, wire: 'stdio', process: transport, close: () => client.close() };
}

function isStartError(error: unknown): error is ProcessStartError {
  return error instanceof Error && error.name === 'ProcessStartError';
}

function classifyStdioFailure(
  error: unknown,
  target: StdioTarget,
  transport: ProcessTransport,
  timeoutMs: number,
): ConnectError {
  const stderr = transport.stderr;
  if (isStartError(error)) {
    if (error.code === 'ENOENT') {
      const searched =
        target.command.includes('/') || target.command.includes('\\')
          ? ''
          : ` (searched PATH=${target.env.PATH ?? ''})`;
      return new ConnectError('spawn', `command not found: ${target.command}${searched}`, {
        hint: 'Check the spelling, or give the full path to the program.',
        cause: error,
      });
    }
    if (error.code === 'EACCES') {
      return new ConnectError('spawn', `cannot run ${target.command}: permission denied`, {
        hint: 'Make it executable (chmod +x) or run it through its interpreter.',
        cause: error,
      });
    }
    return new ConnectError('spawn', `cannot start ${target.command}: ${error.message}`, {
      cause: error,
    });
  }
  const era = eraFailure(error);
  if (era) return era;
  const exit = transport.exit;
  if (exit) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    return new ConnectError('exited', `the server ${how} before the handshake finished`, {
      hint: stderr
        ? 'Its stderr is shown above; run with --stderr to see all of it.'
        : 'It wrote nothing to stderr.',
      stderr,
      cause: error,
    });
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return new ConnectError(
      'timeout',
      `the server did not answer the handshake within ${timeoutMs} ms`,
      {
        hint: 'Is it an MCP server speaking stdio? Raise --timeout if it starts slowly.',
        stderr,
        cause: error,
      },
    );
  }
  return new ConnectError('protocol', `the handshake failed: ${errorText(error)}`, {
    stderr,
    cause: error,
  });
}

async function connectHttp(
  target: HttpTarget,
  options: OpenConnectionOptions,
  wire: 'streamable-http' | 'sse',
): Promise<Connection> {
  const url = new URL(target.url);
  const init = { requestInit: { headers: target.headers }, authProvider: target.authProvider };
  const transport =
    wire === 'sse'
      ? new SSEClientTransport(url, init)
      : new StreamableHTTPClientTransport(url, init);
  const finishAuth: FinishAuth | undefined = target.authProvider
    ? (callback) => transport.finishAuth(callback)
    : undefined;
  const client = newClient(options, options.era);
  try {
    await client.connect(transport, { timeout: options.timeoutMs });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw classifyHttpFailure(error, target, options.timeoutMs, finishAuth);
  }
  return { client, wire, finishAuth, close: () => client.close() };
}

function classifyHttpFailure(
  error: unknown,
  target: HttpTarget,
  timeoutMs: number,
  finishAuth?: FinishAuth,
): ConnectError {
  if (target.authProvider && error instanceof UnauthorizedError) {
    return new ConnectError('unauthorized', `${target.url} requires authorization`, {
      cause: error,
      finishAuth,
    });
  }
  // Failures of the OAuth flow itself (discovery, registration, token exchange, issuer checks):
  // reported as such, and never a reason to retry over legacy SSE.
  if (
    target.authProvider &&
    (error instanceof OAuthError || error instanceof OAuthClientFlowError)
  ) {
    return new ConnectError('unauthorized', `authorization failed: ${errorText(error)}`, {
      cause: error,
    });
  }
  const status = httpStatus(error);
  if (
    status === 401 ||
    (error instanceof SdkError && error.code === SdkErrorCode.ClientHttpAuthentication)
  ) {
    return new ConnectError('unauthorized', `${target.url} answered 401 Unauthorized`, {
      hint: "Pass a token with --bearer TOKEN (or MCP_BEARER_TOKEN), or --header 'Authorization: ...'.",
      cause: error,
    });
  }
  if (
    status === 403 ||
    (error instanceof SdkError && error.code === SdkErrorCode.ClientHttpForbidden)
  ) {
    return new ConnectError('forbidden', `${target.url} answered 403 Forbidden`, {
      hint: 'The credentials were refused, or the server rejects this Host/Origin.',
      cause: error,
    });
  }
  if (status !== undefined) {
    return new ConnectError('http', `${target.url} answered HTTP ${status}`, {
      hint:
        status === 404
          ? 'Check the path; MCP endpoints are often at /mcp (or /sse for legacy servers).'
          : undefined,
      cause: error,
    });
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return new ConnectError(
      'timeout',
      `${target.url} did not answer the handshake within ${timeoutMs} ms`,
      { cause: error },
    );
  }
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new ConnectError('http', `cannot reach ${target.url}: ${errorText(error)}${cause}`, {
    cause: error,
  });
}

/** A modern-pinned connection to a server that only speaks the 2025 era. */
function eraFailure(error: unknown): ConnectError | undefined {
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed) {
    return new ConnectError(
      'protocol',
      `the server does not speak the ${MODERN_PROTOCOL_VERSION} era (${error.message})`,
      {
        hint: 'Use --era legacy (2025 handshake) or --era auto.',
        cause: error,
      },
    );
  }
  return undefined;
}

function httpStatus(error: unknown): number | undefined {
  if (error && typeof error === 'object') {
    const candidate =
      (error as { status?: unknown; code?: unknown }).status ?? (error as { code?: unknown }).code;
    if (typeof candidate === 'number' && candidate >= 100 && candidate < 600) return candidate;
  }
  return undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
