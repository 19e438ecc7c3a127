import { resolve } from 'node:path';
import type { ServerTarget } from '@mcpkit/shared/connection';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { HistoryStore, historyFile } from '../core/live/history-store.js';
import { LiveSession } from '../core/live/live-session.js';
import type { SessionCommandOptions } from '../core/options.js';
import { resolveTarget } from '../core/target.js';
import { InspectError, usageError } from '../core/errors.js';
import { reportError, type CommandIo } from './common.js';
import type { Terminal } from '../ui/terminal.js';
import { parseSessionOptions, type InspectFlags } from './options.js';

export type { Terminal } from '../ui/terminal.js';

/** What only the TUI takes besides the session options. */
export interface TuiOptions {
  /** Restart a stdio server when files under this path change (`--watch [path]`). */
  watch?: string;
}

/** The name a server's history is kept under: how it is reached, without credentials. */
export function serverKey(
  options: SessionCommandOptions,
  target: ServerTarget,
  cwd: string,
): string {
  const { connection } = options;
  if (connection.server !== undefined)
    return `server:${connection.client ?? connection.config ?? 'default'}:${connection.server}`;
  if (target.transport !== 'stdio') {
    const url = new URL(target.url);
    return `url:${url.protocol}//${url.host}${url.pathname}`;
  }
  return `stdio:${[target.command, ...target.args].join(' ')}@${resolve(cwd, target.cwd ?? '.')}`;
}

/** A short label of the server for the header until it names itself. */
function labelOf(options: SessionCommandOptions, target: ServerTarget): string {
  if (options.connection.server !== undefined) return `--server ${options.connection.server}`;
  if (target.transport !== 'stdio') return maskSecretsInText(target.url);
  return [target.command, ...target.args].join(' ');
}

/** No server given: the person picks one of those in their clients' configs. */
async function pickConfiguredServer(io: CommandIo, terminal: Terminal) {
  const [{ listConfiguredServers }, { pickServer }] = await Promise.all([
    import('@mcpkit/shared/configured-servers'),
    import('../ui/render-app.js'),
  ]);
  const found = await listConfiguredServers({
    platform: io.platform,
    env: io.env,
    homedir: io.homedir,
    cwd: io.cwd,
  });
  return pickServer(found, terminal);
}

/**
 * `mcp-inspect [connection]` on a terminal: connect at once (while Ink loads and draws the
 * first frame) and run the interactive inspector until the person quits. Returns the exit code.
 */
export async function runTui(
  options: SessionCommandOptions,
  tui: TuiOptions,
  io: CommandIo,
  terminal: Terminal,
): Promise<number> {
  if (options.oauth)
    throw usageError(
      '--oauth is not available in the interactive inspector yet.',
      'Sign in with a command first, e.g. mcp-inspect tools --url URL --oauth; the token is then cached.',
    );
  const { connection } = options;
  if (
    connection.url === undefined &&
    connection.server === undefined &&
    connection.command.length === 0
  ) {
    const picked = await pickConfiguredServer(io, terminal);
    if (!picked) return 0;
    options = {
      ...options,
      connection: { ...connection, server: picked.name, client: picked.client },
    };
  }
  const { target, warnings } = await resolveTarget(options.connection, io);
  if (tui.watch !== undefined && target.transport !== 'stdio')
    throw usageError('--watch restarts a stdio server; it does not apply to --url.');
  const history = await HistoryStore.open({
    file: historyFile({
      serverKey: serverKey(options, target, io.cwd),
      env: io.env,
      platform: io.platform,
      homedir: io.homedir,
    }),
  });
  const session = new LiveSession({
    target,
    connection: options.connection,
    version: io.version,
    roots: options.policies.roots.length > 0 ? options.policies.roots : [io.cwd],
    history,
  });
  for (const warning of warnings)
    session.logs.push({ level: 'warning', logger: 'mcp-inspect', text: sanitizeLine(warning) });
  if (history.warning)
    session.logs.push({ level: 'warning', logger: 'mcp-inspect', text: history.warning });
  // The server starts while Ink loads: launch-to-list is the slower of the two, not their sum.
  const connected = session.connect();
  const stopWatching =
    tui.watch !== undefined && target.transport === 'stdio'
      ? (await import('../core/live/watch.js')).watchFiles(
          resolve(io.cwd, tui.watch || target.cwd || '.'),
          (file) => void session.connect(`Restarted: ${file} changed.`),
        )
      : undefined;
  try {
    const { renderApp } = await import('../ui/render-app.js');
    await renderApp({
      session,
      label: labelOf(options, target),
      cwd: io.cwd,
      terminal,
      interrupt: io.interrupt,
    });
  } finally {
    stopWatching?.();
    await connected.catch(() => undefined);
    await session.close();
  }
  return 0;
}

/** Parse the flags, then run the TUI; a usage or connection error is reported as by the commands. */
export async function runTuiWithFlags(
  command: readonly string[],
  flags: InspectFlags,
  tui: TuiOptions,
  io: CommandIo,
  terminal: Terminal,
): Promise<number> {
  try {
    const options = await parseSessionOptions(command, flags, io);
    return await runTui(options, tui, io, terminal);
  } catch (error) {
    if (error instanceof InspectError) return reportError(error, { json: false }, io);
    throw error;
  }
}
