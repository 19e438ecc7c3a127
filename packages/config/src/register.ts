import { CLIENT_IDS, type ClientId, type ConfigScope } from '@mcpkit/shared/client-paths';
import type { MainIo } from './cli.js';

/** Clients a server can be registered with. */
export const REGISTER_CLIENTS: readonly ClientId[] = CLIENT_IDS;

/** Inputs of {@link registerServer}. */
export interface RegisterServerOptions {
  client: ClientId;
  /** Server name in the client's config. */
  name: string;
  /** Program and arguments that start the server over stdio. */
  command: readonly string[];
  /** Scope for clients that have several (default: the client's usual one). */
  scope?: ConfigScope;
  /** Replace an entry of the same name. */
  force?: boolean;
  /** Output, environment, cwd (the project, for project scopes), home, platform. */
  io: MainIo;
}

/**
 * Add a stdio server to a client's config with everything `mcp-config add` does: the
 * client's entry shape, an absolute command for GUI clients, a locked atomic write with a
 * backup, and the same messages. Returns the exit code (0 when it was written).
 */
export async function registerServer(options: RegisterServerOptions): Promise<number> {
  const [{ runCommand }, { runAdd }] = await Promise.all([
    import('./commands/context.js'),
    import('./commands/add.js'),
  ]);
  const flags = { client: options.client, scope: options.scope, force: options.force };
  const io = { ...options.io, version: '' };
  return runCommand(flags, io, (commandIo) =>
    runAdd(options.name, [...options.command], flags, commandIo),
  );
}
