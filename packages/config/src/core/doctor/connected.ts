// What the live checks of stdio and url servers share once a connection is open: who
// answered, the tools listed within what is left of the client's timeout, and the findings
// of a connection that works (connected, no tools, slow start, 2026-07-28 only).
import { ConnectAbortedError, type Connection } from '@mcpkit/shared/connection';
import type { ClientId } from '@mcpkit/shared/client-paths';
import { CLIENT_NAMES } from '../../target/targets.js';
import { seconds } from './live-failures.js';
import { quoteLine } from './stderr-causes.js';
import type { Finding, LiveOutcome } from './types.js';

/** The clock and bounds of one check. */
export interface ProbeTiming {
  /** When the check started (the spawn or the first request), in ms. */
  start: number;
  now: () => number;
  /** The bound of the handshake and the listing together, in ms. */
  timeoutMs: number;
  /** The person's Ctrl-C. */
  signal?: AbortSignal;
}

/**
 * Records the handshake's time and who answered in `outcome`, then lists every tool within
 * what is left of the timeout. Resolves with the listing's error (undefined when it worked);
 * rejects only when the person aborted.
 */
export async function listWithin(
  connection: Connection,
  outcome: LiveOutcome,
  timing: ProbeTiming,
): Promise<unknown> {
  outcome.handshakeMs = timing.now() - timing.start;
  const client = connection.client;
  const server = client.getServerVersion();
  outcome.serverName = server?.name;
  outcome.serverVersion = server?.version;
  outcome.protocolVersion = client.getNegotiatedProtocolVersion();
  const remaining = Math.max(1, timing.timeoutMs - outcome.handshakeMs);
  const deadline = new AbortController();
  const signal = timing.signal
    ? AbortSignal.any([timing.signal, deadline.signal])
    : deadline.signal;
  const timer = setTimeout(() => deadline.abort(), remaining);
  try {
    outcome.tools =
      client.getServerCapabilities()?.tools === undefined
        ? 0
        : (await client.listTools(undefined, { timeout: remaining, signal })).tools.length;
    outcome.totalMs = timing.now() - timing.start;
    outcome.connected = true;
    return undefined;
  } catch (error) {
    if (timing.signal?.aborted) throw new ConnectAbortedError();
    return error;
  } finally {
    clearTimeout(timer);
  }
}

/** How {@link connectedFindings} words a check. */
export interface ConnectedContext {
  client: ClientId;
  /** Values never quoted (the entry's env or headers). */
  secrets: Readonly<Record<string, string>>;
  /** The client's own limit, for messages. */
  limitMs: number;
  /** A handshake slower than this is `slow-start`. */
  slowMs: number;
  /** How the server was reached, said after the time (`over Streamable HTTP`). */
  over?: string;
  /** Why and how to fix a slow start, for this kind of server. */
  slow: { why: string; fix: string };
}

/** `modern-only`, `connected` (or `no-tools`) and `slow-start` of an open connection. */
export function connectedFindings(
  outcome: LiveOutcome,
  connection: Connection,
  context: ConnectedContext,
): Finding[] {
  const findings: Finding[] = [];
  const clientName = CLIENT_NAMES[context.client];
  const handshakeMs = outcome.handshakeMs ?? 0;
  if (connection.eraFallback) {
    const claudeCode = context.client === 'claude-code';
    findings.push({
      code: 'modern-only',
      severity: claudeCode ? 'warning' : 'error',
      message: `the server refuses the 2025 handshake (initialize ${quoteLine(connection.eraFallback.refused, {})}) and speaks only protocol 2026-07-28`,
      why: claudeCode
        ? 'clients that open with initialize (2025 era: Claude Desktop, Cursor, Gemini CLI) cannot connect to it'
        : `${clientName} opens with initialize (2025 era); a server that refuses it does not connect`,
      fix: 'let the server also accept the 2025 handshake (the SDKs serve both eras unless told to reject legacy)',
    });
  }
  if (outcome.connected) {
    const name = quoteLine(
      `${outcome.serverName ?? '?'} ${outcome.serverVersion ?? ''}`.trim(),
      context.secrets,
    );
    const tools = outcome.tools ?? 0;
    const over = context.over === undefined ? '' : ` ${context.over}`;
    findings.push({
      code: 'connected',
      severity: 'ok',
      message: `connected in ${handshakeMs} ms${over}: ${name}, protocol ${outcome.protocolVersion ?? '?'}, ${tools} tool${tools === 1 ? '' : 's'}`,
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
  if (handshakeMs > context.slowMs) {
    findings.push({
      code: 'slow-start',
      severity: 'warning',
      message: `the handshake took ${(handshakeMs / 1000).toFixed(1)} s (${clientName} gives up after ${seconds(context.limitMs)})`,
      ...context.slow,
    });
  }
  return findings;
}
