// The live check of a remote (url) server: connect as the client would (its URL and headers,
// its timeout), through the one MCP client, list the tools, and say what broke. No OAuth flow
// runs: a server that asks for sign-in is reported with the client's way to sign in.
import { ConnectAbortedError, openConnection, type Connection } from '@mcpkit/shared/connection';
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
  const deadline = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, deadline.signal])
    : deadline.signal;
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
    outcome.handshakeMs = now() - start;
    outcome.wire = connection.wire === 'sse' ? 'sse' : 'streamable-http';
    const client = connection.client;
    const server = client.getServerVersion();
    outcome.serverName = server?.name;
    outcome.serverVersion = server?.version;
    outcome.protocolVersion = client.getNegotiatedProtocolVersion();
    const remaining = Math.max(1, plan.timeoutMs - outcome.handshakeMs);
    const timer = setTimeout(() => deadline.abort(), remaining);
    try {
      outcome.tools =
        client.getServerCapabilities()?.tools === undefined
          ? 0
          : (await client.listTools(undefined, { timeout: remaining, signal })).tools.length;
      outcome.totalMs = now() - start;
      outcome.connected = true;
    } catch (error) {
      if (options.signal?.aborted) throw new ConnectAbortedError();
      findings.push(listFailure(error, plan));
    } finally {
      clearTimeout(timer);
    }
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
    findings.push(...connectedFindings(outcome, plan, connection, options));
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

/** `connected` (or `no-tools`), the SSE fallback, the era note and `slow-start`. */
function connectedFindings(
  outcome: LiveOutcome,
  plan: RemotePlan,
  connection: Connection,
  options: LiveCheckOptions,
): Finding[] {
  const findings: Finding[] = [];
  const handshakeMs = outcome.handshakeMs ?? 0;
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
  if (connection.eraFallback) {
    findings.push({
      code: 'modern-only',
      severity: plan.client === 'claude-code' ? 'warning' : 'error',
      message: `the server refuses the 2025 handshake (initialize ${quoteLine(connection.eraFallback.refused, {})}) and speaks only protocol 2026-07-28`,
      why: `${clientName} opens with initialize (2025 era); a server that refuses it may not connect`,
      fix: 'let the server also accept the 2025 handshake (the SDKs serve both eras unless told to reject legacy)',
    });
  }
  if (outcome.connected) {
    const name = quoteLine(
      `${outcome.serverName ?? '?'} ${outcome.serverVersion ?? ''}`.trim(),
      plan.headers,
    );
    const tools = outcome.tools ?? 0;
    const over = outcome.wire === 'sse' ? 'legacy SSE' : 'Streamable HTTP';
    findings.push({
      code: 'connected',
      severity: 'ok',
      message: `connected in ${handshakeMs} ms over ${over}: ${name}, protocol ${outcome.protocolVersion ?? '?'}, ${tools} tool${tools === 1 ? '' : 's'}`,
    });
    if (tools === 0) {
      findings.push({
        code: 'no-tools',
        severity: 'warning',
        message: 'the server lists no tools',
        why: 'the client connects but has nothing to offer the model',
        fix: 'register at least one tool (or check the condition that skips them, e.g. a missing setting)',
      });
    }
  }
  if (handshakeMs > (options.slowMs ?? defaultSlowMs(plan.timeoutMs))) {
    findings.push({
      code: 'slow-start',
      severity: 'warning',
      message: `the handshake took ${(handshakeMs / 1000).toFixed(1)} s (${clientName} gives up after ${seconds(plan.timeoutMs)})`,
      why: 'a slower network or a colder server can pass the limit and the server then fails to connect',
      fix: 'look at what the server does before answering initialize (or the network path to it: proxy, VPN)',
    });
  }
  return findings;
}
