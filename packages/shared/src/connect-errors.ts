// Why connecting to a server failed, in words a person can act on.
import {
  OAuthClientFlowError,
  OAuthError,
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import {
  MODERN_PROTOCOL_VERSION,
  type FinishAuth,
  type HttpTarget,
  type StdioTarget,
} from './server-target.js';
import type { MessageTooLargeError } from './limits.js';
import type { ProcessStartError, ProcessTransport } from './process-transport.js';

/** What went wrong while connecting, for choosing the message and exit code. */
export type ConnectFailure =
  | 'spawn'
  | 'exited'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'http'
  | 'protocol'
  | 'too-large'
  | 'unsupported-version';

/** Connecting failed; `message` says why in one line, `hint` what to do. */
export class ConnectError extends Error {
  readonly kind: ConnectFailure;
  readonly hint: string | undefined;
  /** The server's stderr at the time, for stdio. */
  readonly stderr: string;
  /** Set when the server asked for authorization and an OAuth provider started it. */
  readonly finishAuth: FinishAuth | undefined;
  /** For `unsupported-version`: the protocol versions the server said it supports. */
  readonly supportedVersions: readonly string[];
  /** For `unsupported-version`: the protocol version the server refused. */
  readonly refusedVersion: string | undefined;
  constructor(
    kind: ConnectFailure,
    message: string,
    options: {
      hint?: string;
      stderr?: string;
      cause?: unknown;
      finishAuth?: FinishAuth;
      supportedVersions?: readonly string[];
      refusedVersion?: string;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectError';
    this.kind = kind;
    this.hint = options.hint;
    this.stderr = options.stderr ?? '';
    this.finishAuth = options.finishAuth;
    this.supportedVersions = options.supportedVersions ?? [];
    this.refusedVersion = options.refusedVersion;
  }
}

function isStartError(error: unknown): error is ProcessStartError {
  return error instanceof Error && error.name === 'ProcessStartError';
}

/**
 * How long a failed write may wait for the server's exit to be seen. A server that exits at
 * once closes its stdin before its exit is reported, so the handshake's write fails first.
 */
export const EXIT_AFTER_CLOSED_PIPE_MS = 2000;

/** Codes of a write to (or a read from) a server whose end of the pipe is gone. */
const CLOSED_PIPE = new Set([
  'EPIPE',
  'ECONNRESET',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
]);

/** The failure says the server's end closed: its stdin is gone, or the connection closed. */
function closedByServer(error: unknown): boolean {
  for (const e of causeChain(error)) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && CLOSED_PIPE.has(code)) return true;
    if (e instanceof SdkError && e.code === SdkErrorCode.ConnectionClosed) return true;
  }
  return false;
}

/**
 * Why a stdio handshake failed. When the failure is a closed pipe and the server has not
 * been seen to exit yet, waits (at most {@link EXIT_AFTER_CLOSED_PIPE_MS}) for its exit, so
 * that a server that exits at once is reported as `exited` with its stderr, not as a
 * protocol error.
 */
export async function classifyStdioFailure(
  error: unknown,
  target: StdioTarget,
  transport: ProcessTransport,
  timeoutMs: number,
): Promise<ConnectError> {
  if (!isStartError(error) && !transport.exit && closedByServer(error))
    await transport.waitForExit(EXIT_AFTER_CLOSED_PIPE_MS);
  // Read after the wait: the stderr is complete once the server has exited.
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
  if (transport.tooLarge) return tooLargeFailure(transport.tooLarge, error, stderr);
  const era = eraFailure(error) ?? versionFailure(error, stderr);
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

export function classifyHttpFailure(
  error: unknown,
  target: HttpTarget,
  timeoutMs: number,
  finishAuth?: FinishAuth,
  tooLarge?: MessageTooLargeError,
): ConnectError {
  if (tooLarge) return tooLargeFailure(tooLarge, error);
  const version = versionFailure(error);
  if (version) return version;
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

/** The server sent a message over the size bound during the handshake. */
function tooLargeFailure(
  tooLarge: MessageTooLargeError,
  error: unknown,
  stderr?: string,
): ConnectError {
  return new ConnectError('too-large', `${tooLarge.message} during the handshake`, {
    hint: 'If the server is right to send that much, raise --max-size.',
    stderr,
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

/**
 * The server refused the protocol version of the handshake (JSON-RPC error -32022), e.g. a
 * 2026-07-28-only server answering a 2025 `initialize`; the versions it names are kept so
 * that the caller can connect again with one of them.
 */
function versionFailure(error: unknown, stderr?: string): ConnectError | undefined {
  const data = versionRefusal(error);
  if (!data) return undefined;
  const supported = Array.isArray(data.supported)
    ? data.supported
        .filter((v): v is string => typeof v === 'string')
        .slice(0, 16)
        .map((v) => v.slice(0, 32))
    : [];
  const requested = typeof data.requested === 'string' ? data.requested.slice(0, 32) : undefined;
  const speaksModern = supported.includes(MODERN_PROTOCOL_VERSION);
  return new ConnectError(
    'unsupported-version',
    `the server refused protocol version ${requested ?? '(unnamed)'}` +
      (supported.length > 0 ? ` (it supports ${supported.join(', ')})` : ''),
    {
      hint: speaksModern
        ? `It speaks the ${MODERN_PROTOCOL_VERSION} era only: use --era modern (or --era auto).`
        : 'Try --era modern or --era auto.',
      stderr,
      cause: error,
      supportedVersions: supported,
      refusedVersion: requested,
    },
  );
}

/**
 * The data of an unsupported-protocol-version refusal: a JSON-RPC error -32022, answered
 * in-band (stdio) or as the body of an HTTP 400 (Streamable HTTP).
 */
function versionRefusal(error: unknown): { supported?: unknown; requested?: unknown } | undefined {
  for (const e of causeChain(error)) {
    if (e instanceof ProtocolError && e.code === ProtocolErrorCode.UnsupportedProtocolVersion)
      return (e.data ?? {}) as { supported?: unknown; requested?: unknown };
    const body =
      e instanceof SdkHttpError ? (e.data as { text?: unknown } | undefined)?.text : undefined;
    // The body is the server's: read only a small one, and only its error code and data.
    if (typeof body === 'string' && body.length <= 65536) {
      try {
        const parsed = JSON.parse(body) as { error?: { code?: unknown; data?: unknown } };
        if (parsed.error?.code === ProtocolErrorCode.UnsupportedProtocolVersion)
          return (parsed.error.data ?? {}) as { supported?: unknown; requested?: unknown };
      } catch {
        // Not JSON: not a refusal of the version.
      }
    }
  }
  return undefined;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 8; e = (e as Error).cause) {
    chain.push(e);
    if (!(e instanceof Error)) break;
  }
  return chain;
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
