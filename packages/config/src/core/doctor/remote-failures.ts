// Why connecting to a remote (url) server failed, as findings: the failure openConnection
// reported, read with what the entry sends (its headers) and what the server challenged.
import type { ClientId } from '@mcpkit/shared/client-paths';
import { ConnectAbortedError, ConnectError } from '@mcpkit/shared/connection';
import { maskUrl } from '@mcpkit/shared/mask';
import { seconds } from './live-failures.js';
import { quoteLine } from './stderr-causes.js';
import type { Finding, RemotePlan } from './types.js';

/** What {@link remoteFailure} needs besides the error. */
export interface RemoteFailureContext {
  plan: RemotePlan;
  /** The client's name, for messages ("Claude Code"). */
  clientName: string;
  /** The server's `WWW-Authenticate` challenge on a 401, when it sent one. */
  challenge?: string;
  /** The caller's signal was aborted. */
  aborted: boolean;
}

// Network failures below HTTP: no answer at all from the URL.
const NETWORK_CODES =
  /^(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+)$/;
const TLS_CODES =
  /^(?:ERR_SSL_\w+|ERR_TLS_\w+|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;
// Header names that carry credentials.
const CREDENTIAL_HEADER = /auth|token|key|secret|cookie|session/i;

/**
 * How the person signs in to a server that asks for OAuth, in each client that connects to
 * url entries (each runs the authorization flow itself and opens the browser).
 */
export function signInStep(client: ClientId, name: string): string {
  switch (client) {
    case 'claude-code':
      return `run /mcp in Claude Code, pick "${name}" and choose Authenticate (it opens the sign-in page)`;
    case 'cursor':
      return `open Cursor Settings → MCP and use the login button next to "${name}" (it opens the sign-in page)`;
    case 'vscode':
      return `start "${name}" in VS Code (MCP: List Servers → Start Server) and allow the sign-in it asks for`;
    case 'windsurf':
      return `connect "${name}" from Windsurf's MCP settings and complete the sign-in it opens`;
    case 'gemini-cli':
      return `run /mcp auth ${name} in Gemini CLI (it opens the sign-in page)`;
    default:
      return 'sign in through the client';
  }
}

/**
 * The findings for a remote connection that failed: `http-unreachable`, `http-unauthorized`,
 * `http-forbidden`, `http-status`, `handshake-timeout`, `not-mcp`, or `handshake-failed`.
 * Every quoted text has the URL masked and the header values redacted.
 */
export function remoteFailure(error: unknown, context: RemoteFailureContext): Finding[] {
  const { plan, clientName } = context;
  if (context.aborted || error instanceof ConnectAbortedError) {
    return [
      {
        code: 'interrupted',
        severity: 'warning',
        message: 'the live check was interrupted before it finished (the connection was closed)',
      },
    ];
  }
  const url = maskUrl(plan.url);
  const quote = (text: string) =>
    quoteLine((text.split('\n')[0] ?? '').split(plan.url).join(url), plan.headers);
  const credentials = Object.keys(plan.headers).filter((h) => CREDENTIAL_HEADER.test(h));
  const kind = error instanceof ConnectError ? error.kind : undefined;
  if (kind === 'unauthorized') return [unauthorized(context, url, credentials)];
  if (kind === 'forbidden') {
    return [
      {
        code: 'http-forbidden',
        severity: 'error',
        message: `${url} answered 403 Forbidden`,
        why: `${clientName} is refused: the credentials are not accepted for this server, or it rejects the request's origin`,
        fix:
          credentials.length > 0
            ? `check the value of the ${names(credentials)} header (the server refused it), and that the account has access`
            : 'send the credentials the server documents (e.g. "headers": {"Authorization": "Bearer …"}), or check that the account has access',
      },
    ];
  }
  if (kind === 'timeout') {
    return [
      {
        code: 'handshake-timeout',
        severity: 'error',
        message: `no answer to initialize within ${seconds(plan.timeoutMs)} (${clientName}'s limit)`,
        why: `${clientName} gives up and shows the server as failed`,
        fix: 'check that the URL is the MCP endpoint and that the server is up (a proxy or a sleeping host can hold the request)',
      },
    ];
  }
  const status = kind === 'http' ? statusOf(error) : undefined;
  if (status !== undefined) {
    return [
      {
        code: 'http-status',
        severity: 'error',
        message: `${url} answered HTTP ${status}`,
        why: `${clientName} cannot connect to an endpoint that answers the handshake with an HTTP error`,
        fix:
          status === 404 || status === 405
            ? `check the path: MCP endpoints are usually at /mcp (Streamable HTTP) or /sse (legacy SSE)${plan.transport === 'sse' ? '' : '; a legacy SSE server needs "type": "sse"'}`
            : status >= 500
              ? "the server failed on the handshake: look at the server's own logs"
              : 'check the URL and the headers the server expects',
      },
    ];
  }
  const network = networkCause(error);
  if (network) {
    return [
      {
        code: 'http-unreachable',
        severity: 'error',
        message: `cannot reach ${url}: ${quote(network.message)}`,
        why: `${clientName} cannot connect either, and shows the server as failed`,
        fix: unreachableFix(network.code, plan.url),
      },
    ];
  }
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'http' && !causeChain(error).some(isJsonRpcError)) {
    const reason = error instanceof ConnectError ? innerMessage(error) : message;
    return [
      {
        code: 'not-mcp',
        severity: 'error',
        message: `${url} answers, but not as an MCP server (${quote(reason)})`,
        why: `${clientName} expects JSON-RPC from the endpoint (application/json or text/event-stream), not a web page or another API`,
        fix: 'point the url at the MCP endpoint itself (often …/mcp, or …/sse for a legacy server)',
      },
    ];
  }
  return [
    {
      code: 'handshake-failed',
      severity: 'error',
      message: `the handshake failed: ${quote(message)}`,
      why: `${clientName} cannot connect to a server whose handshake fails`,
      fix: error instanceof ConnectError && error.hint ? error.hint : "check the server's logs",
    },
  ];
}

/** A 401: OAuth (the client runs the flow when asked), or a header refused or missing. */
function unauthorized(context: RemoteFailureContext, url: string, credentials: string[]): Finding {
  const { plan, clientName } = context;
  const flow = signInStep(plan.client, plan.name);
  if (credentials.length > 0) {
    return {
      code: 'http-unauthorized',
      severity: 'error',
      message: `${url} answered 401 Unauthorized to the ${names(credentials)} header`,
      why: `the server refused the credentials the entry sends, so ${clientName} cannot connect`,
      fix: `check the value of the ${names(credentials)} header (expired or wrong token?); if the server signs in with OAuth instead, remove the header and ${flow}`,
    };
  }
  // A challenge naming protected-resource metadata is the MCP authorization flow.
  const oauth = /resource_metadata\s*=/i.test(context.challenge ?? '');
  return {
    code: 'http-unauthorized',
    severity: oauth ? 'warning' : 'error',
    message: oauth
      ? `${url} asks for sign-in (401 with an OAuth challenge)`
      : `${url} answered 401 Unauthorized (no credentials are configured)`,
    why: oauth
      ? `${clientName} connects only after you sign in; until then it shows the server as needing authentication`
      : `the server wants credentials: ${clientName} tries an OAuth sign-in, which works only if the server offers one`,
    fix: oauth
      ? flow
      : `add the header the server documents to the entry ("headers": {"Authorization": "Bearer …"}), or, if it offers OAuth, ${flow}`,
  };
}

function names(headers: string[]): string {
  return headers.join(', ');
}

function unreachableFix(code: string | undefined, rawUrl: string): string {
  let where = 'the host';
  try {
    const url = new URL(rawUrl);
    where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    // The generic wording below.
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'check the host name in the URL (it does not resolve), or your network/VPN';
  if (code === 'ECONNREFUSED')
    return `nothing listens on ${where}: start the server, or fix the port in the URL`;
  if (code !== undefined && TLS_CODES.test(code))
    return 'the TLS connection failed: use http:// for a local server without TLS, or fix the server certificate';
  return `check that the server at ${where} is running and reachable from this machine`;
}

/** The network error under a failed fetch: its code and message. */
function networkCause(error: unknown): { code?: string; message: string } | undefined {
  const chain = causeChain(error);
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.test(code) || TLS_CODES.test(code)))
      return { code, message: (e as Error).message };
  }
  const fetchFailed = chain.findIndex(
    (e) => e instanceof TypeError && /fetch failed/i.test(e.message),
  );
  if (fetchFailed >= 0) {
    const below = chain[fetchFailed + 1];
    return { message: below instanceof Error ? below.message : 'fetch failed' };
  }
  // The SSE transport keeps only the text ("SSE error: TypeError: fetch failed: getaddrinfo …").
  for (const e of chain) {
    const text = e instanceof Error ? e.message : '';
    const failed = /fetch failed(?::\s*(.*))?/i.exec(text);
    if (!failed) continue;
    const reason = failed[1] ?? 'fetch failed';
    const code = /\b([A-Z][A-Z0-9_]{3,})\b/.exec(reason)?.[1];
    const known = code !== undefined && (NETWORK_CODES.test(code) || TLS_CODES.test(code));
    return { ...(known ? { code } : {}), message: reason };
  }
  return undefined;
}

/** What the transport said, without the "cannot reach <url>:" of the generic message. */
function innerMessage(error: ConnectError): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}

/** A JSON-RPC error answer (negative numeric code): the server speaks MCP but refused. */
function isJsonRpcError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'number' && code < 0;
}

function statusOf(error: unknown): number | undefined {
  for (const e of causeChain(error)) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  if (error instanceof ConnectError) {
    const match = / answered HTTP (\d{3})$/.exec(error.message);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 8; e = (e as Error).cause) {
    chain.push(e);
    if (!(e instanceof Error)) break;
  }
  return chain;
}
