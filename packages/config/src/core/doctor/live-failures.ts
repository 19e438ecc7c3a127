// Why a live check did not connect, as findings: the failure openConnection reported, read
// together with what the server wrote (its stderr tail, stray stdout lines).
import { ConnectAbortedError, ConnectError } from '@mcpkit/shared/connection';
import { causesInOutput, quoteLine, showsNpxPrompt, stderrTail } from './stderr-causes.js';
import type { Finding, LaunchPlan } from './types.js';

/** What {@link liveFailure} needs besides the error. */
export interface FailureContext {
  plan: LaunchPlan;
  /** The command actually started. */
  launched: string;
  /** The client's name, for messages ("Claude Desktop"). */
  clientName: string;
  /** The first non-protocol stdout lines (raw). */
  strays: readonly string[];
  /** The caller's signal was aborted. */
  aborted: boolean;
}

/** The base name of a command, lower case, without a Windows `.cmd`/`.exe`. */
export function commandName(command: string): string {
  return (
    command
      .split(/[\\/]/)
      .pop()
      ?.toLowerCase()
      .replace(/\.(cmd|exe|bat)$/, '') ?? ''
  );
}

/** Whether the command downloads its package on a cold start (npx, uvx, pipx, bunx). */
export function isDownloader(command: string): boolean {
  return ['npx', 'uvx', 'pipx', 'bunx', 'pnpx'].includes(commandName(command));
}

/** `60 s`, `2.5 s`. */
export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The findings for a connection that failed: the specific cause the output names when there
 * is one (missing env var, relative path, Python package…), else the symptom (`early-exit`,
 * `handshake-timeout`, `spawn-failed`, `handshake-failed`), each with the stderr tail.
 */
export function liveFailure(error: unknown, context: FailureContext): Finding[] {
  const { plan } = context;
  if (context.aborted || error instanceof ConnectAbortedError) {
    return [
      {
        code: 'interrupted',
        severity: 'warning',
        message: 'the live check was interrupted before it finished (the server was stopped)',
      },
    ];
  }
  const stderr = error instanceof ConnectError ? error.stderr : '';
  const detail = stderrTail(stderr, plan.env);
  const output = [stderr, ...context.strays].join('\n');
  if (error instanceof ConnectError && error.kind === 'spawn')
    return [spawnFailure(error, context)];
  if (error instanceof ConnectError && error.kind === 'exited') {
    const exit = /exited with code (-?\d+)|was killed by (\w+)/.exec(error.message);
    const how =
      exit?.[1] !== undefined
        ? `exited with code ${exit[1]}`
        : exit?.[2] !== undefined
          ? `was killed by ${exit[2]}`
          : 'exited';
    const causes = causesInOutput(output, plan, `the server ${how}`);
    if (causes.length > 0) return causes.map((finding) => ({ ...finding, detail }));
    return [
      {
        code: 'early-exit',
        severity: 'error',
        message: `the server ${how} before the handshake finished${stderr.trim() === '' ? ' (nothing on stderr)' : ''}`,
        why: `${context.clientName} shows it as failed ("Server disconnected" / "Connection closed"); the reason is in its stderr`,
        fix: 'run the same command in a terminal to see the error and fix what the stderr below names',
        detail,
      },
    ];
  }
  if (error instanceof ConnectError && error.kind === 'timeout') {
    if (showsNpxPrompt(output)) return [npxPrompt(context, detail)];
    const downloader = isDownloader(plan.command);
    const commandLine = quoteLine([plan.command, ...plan.args].join(' '), plan.env);
    return [
      {
        code: 'handshake-timeout',
        severity: 'error',
        message: `no answer to initialize within ${seconds(plan.timeoutMs)} (${plan.clientTimeoutMs === undefined ? `${context.clientName}'s limit` : `the --timeout given; ${context.clientName} waits ${seconds(plan.clientTimeoutMs)}`})`,
        why: downloader
          ? `a cold ${commandName(plan.command)} download (first run, or after the cache was cleared) can take longer than ${context.clientName} waits`
          : `${context.clientName} gives up and shows the server as failed`,
        fix: downloader
          ? `run \`${commandLine}\` once in a terminal to fill the cache, or install the package and use its command`
          : 'check that it is an MCP server speaking stdio and that it waits for nothing at startup (input, a network service); its stderr is below',
        detail,
      },
      ...causesInOutput(output, plan, undefined).map((finding) => ({ ...finding, detail })),
    ];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [
    {
      code: 'handshake-failed',
      severity: 'error',
      message: `the handshake failed: ${quoteLine(message, plan.env)}`,
      why: `${context.clientName} cannot connect to a server whose handshake fails`,
      fix:
        error instanceof ConnectError && error.hint
          ? error.hint
          : "check the server's MCP SDK version and its stderr below",
      detail,
    },
  ];
}

function spawnFailure(error: ConnectError, context: FailureContext): Finding {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const launched = quoteLine(context.launched, {});
  if (code === 'EACCES') {
    return {
      code: 'spawn-failed',
      severity: 'error',
      message: `cannot start ${launched}: permission denied (EACCES)`,
      why: 'the file is not executable for the client',
      fix: `make it executable (chmod +x ${launched}) or start it through its interpreter`,
    };
  }
  return {
    code: 'spawn-failed',
    severity: 'error',
    message:
      code === 'ENOENT'
        ? `cannot start ${launched}: not found (ENOENT), or the working folder ${quoteLine(context.plan.cwd, {})} does not exist`
        : `cannot start ${launched}: ${quoteLine(error.message, context.plan.env)}`,
    why: `${context.clientName} fails the same way ("spawn ${launched} ENOENT" in its log)`,
    fix: /[\\/]/.test(context.launched)
      ? 'fix the path in the config: that file (or the working folder) does not exist'
      : 'use the absolute path of the command (see the PATH check above)',
  };
}

function npxPrompt(context: FailureContext, detail: string[]): Finding {
  const npx = commandName(context.plan.command) === 'npx';
  return {
    code: 'npx-prompt',
    severity: 'error',
    message: 'npx is waiting on its "Ok to proceed?" install prompt',
    why: 'the client cannot answer it (stdin carries the protocol), so the server never starts',
    fix: npx
      ? 'add -y before the package: npx -y <package>'
      : 'pass -y to npx so it installs without asking',
    ...(npx ? { edits: [{ kind: 'insert-arg' as const, index: 0, value: '-y' }] } : {}),
    detail: [...context.strays.map((line) => quoteLine(line, context.plan.env)), ...detail],
  };
}
