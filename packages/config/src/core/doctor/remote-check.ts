// The live check of a remote (url) server: connect as the client would (its URL and headers,
// its timeout), through the one MCP client, list the tools, and say what broke. No OAuth flow
// runs: a server that asks for sign-in is reported with the client's way to sign in.
import { openConnection, type Connection } from '@mcpkit/shared/connection';
import { connectedFindings, listWithin } from './connected.js';
import { maskUrl } from '@mcpkit/shared/mask';
import { CLIENT_NAMES } from '../../target/targets.js';
import { defaultSlowMs, type LiveCheckOptions } from './live-check.js';
import { seconds } from './live-failures.js';
import { remoteFailure } from './remote-failures.js';
import { quoteLine } from './stderr-causes.js';
import type { Finding, LiveOutcome, RemotePlan } from './types.js';

/**
 * Clients that try Streamable HTTP and then legacy SSE on the same URL (VS Code documents
 * it; Cursor and Windsurf detect the transport of a `url`/`serverUrl` entry).
 */
const FALLS_BACK_TO_SSE = new Set(['vscode', 'cursor', 'windsurf']);

/**
 * Connects to the server the way `plan` says its client would — Streamable HTTP falling back
 * to legacy SSE for `http`, SSE for `sse`, with the entry's headers — performs the 2025
 * handshake (2026-07-28 when the server refuses it) and lists every tool, all within
 * `plan.timeoutMs`, then closes the connection (also on abort and on failure). A 401 is
 * reported with its challenge and never followed by an authorization flow. Never rejects.
 */
export async function runRemoteCheck(
  plan: RemotePlan,
  options: LiveCheckOptions = {},
): Promise<LiveOutcome> {
  const now = options.now ?? Date.now;
  const clientName = CLIENT_NAMES[plan.client];
  const findings: Finding[] = [];
  const outcome: LiveOutcome = { connected: false, launched: maskUrl(plan.url), findings };
  let challenge: string | undefined;
  // Gives no token, only notes the server's challenge: the SDK then reports the 401 as such.
  const authProvider = {
    token: () => Promise.resolve(undefined),
    onUnauthorized: ({ response }: { response: Response }) => {
      challenge ??= response.headers.get('www-authenticate')?.slice(0, 1024) ?? '';
      return Promise.resolve();
    },
  };
  const start = now();
  let connection: Connection | undefined;
  try {
    connection = await openConnection(
      { transport: plan.transport, url: plan.url, headers: plan.headers, authProvider },
      {
        era: 'legacy',
        fallbackToModern: true,
        timeoutMs: plan.timeoutMs,
        clientInfo: { name: 'mcp-config', version: options.version ?? '0.0.0' },
        capabilities: {},
        signal: options.signal,
      },
    );
    outcome.wire = connection.wire === 'sse' ? 'sse' : 'streamable-http';
    const listError = await listWithin(connection, outcome, {
      start,
      now,
      timeoutMs: plan.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (listError !== undefined) findings.push(listFailure(listError, plan));
  } catch (error) {
    findings.push(
      ...remoteFailure(error, {
        plan,
        clientName,
        ...(challenge === undefined ? {} : { challenge }),
        aborted: options.signal?.aborted === true,
      }),
    );
  } finally {
    await connection?.close().catch(() => undefined);
  }
  if (connection && !options.signal?.aborted)
    findings.push(...answeredFindings(outcome, plan, connection, options));
  return outcome;
}

/**
 * {@link runRemoteCheck} on every plan at once; one outcome per plan, in order, once every
 * connection is closed.
 */
export function runRemoteChecks(
  plans: readonly RemotePlan[],
  options: LiveCheckOptions = {},
): Promise<LiveOutcome[]> {
  return Promise.all(plans.map((plan) => runRemoteCheck(plan, options)));
}

function listFailure(error: unknown, plan: RemotePlan): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const timedOut = /timed? ?out|abort/i.test(message);
  return {
    code: 'tools-list-failed',
    severity: 'error',
    message: timedOut
      ? `the server answered initialize but not tools/list within ${seconds(plan.timeoutMs)}`
      : `tools/list failed: ${quoteLine(message.split(plan.url).join(maskUrl(plan.url)), plan.headers)}`,
    why: 'the client lists the tools right after connecting; without them the server shows no tools',
    fix: "look at the server's tools/list handler and its logs",
  };
}

/** The SSE fallback, then {@link connectedFindings}. */
function answeredFindings(
  outcome: LiveOutcome,
  plan: RemotePlan,
  connection: Connection,
  options: LiveCheckOptions,
): Finding[] {
  const findings: Finding[] = [];
  const clientName = CLIENT_NAMES[plan.client];
  if (plan.transport === 'http' && connection.wire === 'sse') {
    const fallsBack = FALLS_BACK_TO_SSE.has(plan.client);
    findings.push({
      code: 'sse-fallback',
      severity: fallsBack ? 'info' : 'warning',
      message:
        'the endpoint does not speak Streamable HTTP; it answered over the legacy SSE transport',
      why: fallsBack
        ? `${clientName} falls back to SSE for a url entry, but clients are dropping legacy SSE`
        : `${clientName} may not fall back to SSE for an http entry, and clients are dropping legacy SSE`,
      fix: 'mark the entry as SSE ("type": "sse"), or move the server to Streamable HTTP',
    });
  }
  const limitMs = plan.clientTimeoutMs ?? plan.timeoutMs;
  findings.push(
    ...connectedFindings(outcome, connection, {
      client: plan.client,
      secrets: plan.headers,
      limitMs,
      slowMs: options.slowMs ?? defaultSlowMs(Math.min(limitMs, plan.timeoutMs)),
      over: outcome.wire === 'sse' ? 'over legacy SSE' : 'over Streamable HTTP',
      slow: {
        why: 'a slower network or a colder server can pass the limit and the server then fails to connect',
        fix: 'look at what the server does before answering initialize (or the network path to it: proxy, VPN)',
      },
    }),
  );
  return findings;
}
