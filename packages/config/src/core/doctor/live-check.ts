// The live check of `mcp-config doctor`: start a server exactly as the client would (its
// environment, working folder and timeout), through the one MCP client, and say what broke.
import { openConnection, type Connection } from '@mcpkit/shared/connection';
import { connectedFindings, listWithin } from './connected.js';
import type { StrayOutput } from '@mcpkit/shared/process-transport';
import { CLIENT_NAMES } from '../../target/targets.js';
import { isDownloader, liveFailure, seconds, type FailureContext } from './live-failures.js';
import { missingVariables, quoteLine, stderrTail } from './stderr-causes.js';
import type { Finding, LaunchPlan, LiveOutcome } from './types.js';

/** Options of {@link runLiveCheck} and {@link runLiveChecks}. */
export interface LiveCheckOptions {
  /** Aborting it stops the check at once; the server is stopped and the outcome says so. */
  signal?: AbortSignal;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
  /** A handshake slower than this is a `slow-start` warning (default {@link defaultSlowMs}). */
  slowMs?: number;
  /** mcp-config's version, sent as clientInfo. */
  version?: string;
}

/** Stray stdout lines kept to quote (the first ones: the first is usually the culprit). */
const STRAY_LINES_KEPT = 3;

/**
 * The handshake time above which a start is `slow-start`: a third of the client's limit, at
 * most 10 s. Doctor runs with warm caches; a first start after an update or a reboot (cold
 * npx/uvx cache, Python compiling its bytecode, a slower machine) easily takes three times
 * as long, so a server already past a third of the limit — or past 10 s, which a person
 * notices as "the app hangs at startup" — is close to failing for real.
 */
export function defaultSlowMs(timeoutMs: number): number {
  return Math.min(10_000, Math.round(timeoutMs / 3));
}

/**
 * Starts the server the way `plan` says its client would — `plan.env` as the whole
 * environment, `plan.cwd`, and the client's own copy of the command (the shell's when the
 * client's PATH lacks it, so that the other problems still show) — performs the handshake
 * and lists every tool, all within `plan.timeoutMs`, then stops the server (also on abort
 * and on failure). The handshake opens in the 2025 era (`initialize`), as Claude Desktop,
 * Cursor and Gemini CLI do; a server that only speaks 2026-07-28 is reached in that era and
 * reported. Never rejects: every problem is a finding.
 */
export async function runLiveCheck(
  plan: LaunchPlan,
  options: LiveCheckOptions = {},
): Promise<LiveOutcome> {
  const now = options.now ?? Date.now;
  const launched = plan.resolved ?? plan.shellResolved ?? plan.command;
  const findings: Finding[] = [];
  if (plan.resolved === undefined && plan.shellResolved !== undefined) {
    findings.push({
      code: 'launched-with-shell-path',
      severity: 'info',
      message: `launched ${quoteLine(plan.shellResolved, {})} (found on your shell's PATH, not the client's) to check the rest`,
    });
  }
  const strays: string[] = [];
  let strayCount = 0;
  const onStray = (stray: StrayOutput) => {
    strayCount += 1;
    if (strays.length < STRAY_LINES_KEPT) strays.push(stray.line);
  };
  const start = now();
  let connection: Connection | undefined;
  const outcome: LiveOutcome = { connected: false, launched, findings };
  try {
    connection = await openConnection(
      { transport: 'stdio', command: launched, args: plan.args, env: plan.env, cwd: plan.cwd },
      {
        era: 'legacy',
        fallbackToModern: true,
        timeoutMs: plan.timeoutMs,
        clientInfo: { name: 'mcp-config', version: options.version ?? '0.0.0' },
        capabilities: {},
        onStray,
        signal: options.signal,
      },
    );
    const listError = await listWithin(connection, outcome, {
      start,
      now,
      timeoutMs: plan.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (listError !== undefined) {
      findings.push(listFailure(listError, plan, connection, CLIENT_NAMES[plan.client]));
    }
  } catch (error) {
    const context: FailureContext = {
      plan,
      launched,
      clientName: CLIENT_NAMES[plan.client],
      strays,
      aborted: options.signal?.aborted === true,
    };
    findings.push(...liveFailure(error, context));
  } finally {
    // The server is stopped whatever happened, before the outcome is reported.
    await connection?.close().catch(() => undefined);
  }
  // npx's install prompt on stdout is its own finding, not pollution.
  if (strayCount > 0 && !findings.some((f) => f.code === 'npx-prompt'))
    findings.unshift(pollutionFinding(strays, strayCount, plan));
  if (connection && !options.signal?.aborted)
    findings.push(...answeredFindings(outcome, plan, connection, options));
  return outcome;
}

/**
 * {@link runLiveCheck} on every plan at once: a server that hangs costs its own timeout, not
 * the sum. Aborting `options.signal` stops them all; the promise resolves once every server
 * is stopped, with one outcome per plan, in order.
 */
export function runLiveChecks(
  plans: readonly LaunchPlan[],
  options: LiveCheckOptions = {},
): Promise<LiveOutcome[]> {
  return Promise.all(plans.map((plan) => runLiveCheck(plan, options)));
}

/** Non-protocol lines on stdout: the client reads them as broken JSON-RPC. */
function pollutionFinding(strays: string[], count: number, plan: LaunchPlan): Finding {
  const first = quoteLine(strays[0] ?? '', plan.env);
  const more = count > 1 ? ` (and ${count - 1} more line${count > 2 ? 's' : ''})` : '';
  return {
    code: 'stdout-pollution',
    severity: 'error',
    message: `the server writes non-protocol output to stdout: "${first}"${more}`,
    why: 'the client reads stdout as JSON-RPC: each such line is an error in its log ("Unexpected token … is not valid JSON") and can break the connection, even where Claude Code still says Connected',
    fix: 'write logs to stderr (Python: print(..., file=sys.stderr) or logging to stderr; Node: console.error)',
    detail: strays.map((line) => quoteLine(line, plan.env)),
  };
}

/** The handshake worked but tools/list did not (the server may have exited meanwhile). */
function listFailure(
  error: unknown,
  plan: LaunchPlan,
  connection: Connection,
  clientName: string,
): Finding {
  const stderr = connection.process?.stderr ?? '';
  const detail = stderrTail(stderr, plan.env);
  const exit = connection.process?.exit;
  if (exit) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    return {
      code: 'early-exit',
      severity: 'error',
      message: `the server ${how} right after the handshake, before listing its tools`,
      why: `${clientName} shows it as failed ("Server disconnected"); the reason is in its stderr`,
      fix: 'run the same command in a terminal to see the error and fix what the stderr below names',
      detail,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const timedOut = /timed? ?out|abort/i.test(message);
  return {
    code: 'tools-list-failed',
    severity: 'error',
    message: timedOut
      ? `the server answered initialize but not tools/list within ${seconds(plan.timeoutMs)}`
      : `tools/list failed: ${quoteLine(message, plan.env)}`,
    why: 'the client lists the tools right after connecting; without them the server shows no tools',
    fix: "look at the server's tools/list handler (its stderr is below)",
    detail,
  };
}

/** The findings of a server that answered: {@link connectedFindings} and a variable its stderr misses. */
function answeredFindings(
  outcome: LiveOutcome,
  plan: LaunchPlan,
  connection: Connection,
  options: LiveCheckOptions,
): Finding[] {
  const limitMs = plan.clientTimeoutMs ?? plan.timeoutMs;
  const findings = connectedFindings(outcome, connection, {
    client: plan.client,
    secrets: plan.env,
    limitMs,
    slowMs: options.slowMs ?? defaultSlowMs(Math.min(limitMs, plan.timeoutMs)),
    slow: {
      why: 'a colder start (after an update or a reboot, on a slower machine) can pass the limit and the server then fails to connect',
      fix: isDownloader(plan.command)
        ? `run the command once in a terminal so its download cache is filled, or install the package and point the command at it`
        : 'defer slow imports and setup until the first tool call',
    },
  });
  // A server that starts anyway but says a variable is missing (e.g. then offers no tools).
  const missing = missingVariables(connection.process?.stderr ?? '', plan.env);
  if (missing.length > 0) {
    const slow = findings.findIndex((f) => f.code === 'slow-start');
    findings.splice(slow < 0 ? findings.length : slow, 0, {
      code: 'missing-env',
      severity: 'warning',
      message: `the server's stderr says ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
      why: "the client gives the server its own small environment plus the entry's env, not your shell's",
      fix: `add ${missing.map((n) => `"${n}": "…"`).join(', ')} to the entry's "env" in the config file`,
      detail: stderrTail(connection.process?.stderr ?? '', plan.env),
    });
  }
  return findings;
}
