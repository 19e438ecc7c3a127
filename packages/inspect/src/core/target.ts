import type { ServerTarget } from '@mcpkit/shared/connection';
import { usageError } from './errors.js';
import type { ConnectionOptions } from './options.js';

/** The machine a target is resolved on; passed in so that tests choose it. */
export interface TargetHost {
  /** Platform whose client config locations apply. */
  platform: NodeJS.Platform;
  /** Environment: `$MCP_BEARER_TOKEN`, and the variables a config entry refers to. */
  env: NodeJS.ProcessEnv;
  /** Home directory, where the clients keep their configs. */
  homedir: string;
  /** Directory relative paths are taken from (and Claude Code's project key). */
  cwd: string;
  /**
   * The small environment an MCP client gives a stdio server (HOME, PATH, USER, ...);
   * default: the SDK's `getDefaultEnvironment()` for this machine.
   */
  defaultServerEnv?: () => Record<string, string>;
}

/** Where the server is, with anything the person should know about how it is reached. */
export interface ResolvedTarget {
  target: ServerTarget;
  warnings: string[];
}

/**
 * The server to connect to: the stdio command, the --url, or --server NAME from a client
 * config. A stdio command gets the client's small default environment plus `env`, as an
 * MCP client application would give it; a configured server is launched as its client
 * would launch it, with `env`, `cwd` and `headers` added.
 */
export async function resolveTarget(
  options: ConnectionOptions,
  host: TargetHost,
): Promise<ResolvedTarget> {
  if (options.url !== undefined) {
    const headers = { ...options.headers };
    const token = options.bearer ?? host.env.MCP_BEARER_TOKEN;
    if (token && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'))
      headers.Authorization = `Bearer ${token}`;
    return {
      target: { transport: options.sse ? 'sse' : 'http', url: options.url, headers },
      warnings: [],
    };
  }
  if (options.server !== undefined) return resolveConfigured(options.server, options, host);
  const [program, ...args] = options.command;
  if (program === undefined) throw usageError('No server given.');
  const defaultEnv =
    host.defaultServerEnv ??
    (await import('@modelcontextprotocol/client/stdio')).getDefaultEnvironment;
  return {
    target: {
      transport: 'stdio',
      command: program,
      args,
      env: { ...defaultEnv(), ...options.env },
      cwd: options.cwd,
    },
    warnings: [],
  };
}

async function resolveConfigured(
  name: string,
  options: ConnectionOptions,
  host: TargetHost,
): Promise<ResolvedTarget> {
  // Config reading (jsonc-parser and friends) loads only for --server.
  const [{ ConfigError }, { loadConfiguredServer }, { guessClient }] = await Promise.all([
    import('@mcpkit/shared/config-text'),
    import('@mcpkit/shared/configured-server'),
    import('@mcpkit/shared/guess-client'),
  ]);
  const client =
    options.client ?? (options.config ? guessClient(options.config) : 'claude-desktop');
  try {
    const found = await loadConfiguredServer({
      name,
      client,
      configFile: options.config,
      platform: host.platform,
      env: host.env,
      homedir: host.homedir,
      cwd: host.cwd,
    });
    const warnings = found.unresolved.map(
      (variable) =>
        `${found.file}: ${variable.reference} in ${variable.field} of "${name}" is not resolved (${variable.reason}); ${client} would pass it on as written.`,
    );
    if (found.target.transport === 'stdio') {
      found.target.env = { ...found.target.env, ...options.env };
      if (options.cwd) found.target.cwd = options.cwd;
    } else {
      found.target.headers = { ...found.target.headers, ...options.headers };
    }
    return { target: found.target, warnings };
  } catch (error) {
    if (error instanceof ConfigError)
      throw usageError(
        error.message,
        options.config ? undefined : `Or point at a file with --config FILE (client: ${client}).`,
      );
    throw error;
  }
}
