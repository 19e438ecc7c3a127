import { HeaderFlagError, parseHeaderFlags } from '@mcpkit/shared/header-flags';
import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import { CLIENT_IDS, type ClientId } from '@mcpkit/shared/client-paths';
import type { ServerTarget } from '@mcpkit/shared/connection';
import { usageError } from './errors.js';

/** Connection flags shared by every command. */
export interface ConnectionFlags {
  url?: string;
  sse?: boolean;
  header: string[];
  bearer?: string;
  env: string[];
  cwd?: string;
  server?: string;
  client?: string;
  config?: string;
}

/** Parse `--header 'Name: value'` flags; a malformed one is a usage error. */
export function parseHeaders(flags: readonly string[]): Record<string, string> {
  try {
    return parseHeaderFlags(flags);
  } catch (error) {
    if (error instanceof HeaderFlagError) throw usageError(error.message, error.hint);
    throw error;
  }
}

/** Parse `--env KEY=VALUE` flags. */
export function parseEnv(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`Bad --env "${pair.split('=')[0]}".`, 'Write it as KEY=value.');
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** The client whose config a file is, guessed from its name when --client is not given. */
export function guessClient(file: string): ClientId {
  if (basename(dirname(file)) === '.vscode') return 'vscode';
  if (basename(dirname(file)) === '.cursor') return 'cursor';
  if (basename(dirname(file)) === '.gemini' && basename(file) === 'settings.json')
    return 'gemini-cli';
  if (basename(file) === 'mcp_config.json') return 'windsurf';
  if (['.claude.json', '.mcp.json'].includes(basename(file))) return 'claude-code';
  return 'claude-desktop';
}

/** Where the server is, with anything the person should know about how it is reached. */
export interface ResolvedTarget {
  target: ServerTarget;
  warnings: string[];
}

/**
 * The server to connect to, from `-- command args`, `--url`, or `--server NAME` in a
 * client config. A stdio command gets the SDK's small default environment (HOME, PATH,
 * USER, ...) plus `--env`, as an MCP client application would give it; a configured
 * server is launched as its client would launch it.
 */
export async function resolveTarget(
  command: readonly string[],
  flags: ConnectionFlags,
  processEnv: NodeJS.ProcessEnv,
  cwd: string,
): Promise<ResolvedTarget> {
  const given = [command.length > 0, flags.url !== undefined, flags.server !== undefined].filter(
    Boolean,
  ).length;
  if (given === 0) {
    throw usageError(
      'No server given.',
      'Pass a command after -- (e.g. mcp-inspect tools -- uv run my-server), --url URL, or --server NAME.',
    );
  }
  if (given > 1) throw usageError('Give one server: a command after --, --url, or --server.');
  if (flags.url !== undefined) {
    let url: URL;
    try {
      url = new URL(flags.url);
    } catch {
      throw usageError(
        `--url "${flags.url}" is not a URL.`,
        'Example: --url http://127.0.0.1:8000/mcp',
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw usageError(`--url must be http or https, not ${url.protocol}`);
    const headers = parseHeaders(flags.header);
    const token = flags.bearer ?? processEnv.MCP_BEARER_TOKEN;
    if (token && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
      headers.Authorization = `Bearer ${token}`;
    }
    return {
      target: { transport: flags.sse ? 'sse' : 'http', url: url.href, headers },
      warnings: [],
    };
  }
  if (flags.server !== undefined) return resolveConfigured(flags.server, flags, processEnv, cwd);
  const [program, ...args] = command as [string, ...string[]];
  const { getDefaultEnvironment } = await import('@modelcontextprotocol/client/stdio');
  return {
    target: {
      transport: 'stdio',
      command: program,
      args,
      env: { ...getDefaultEnvironment(), ...parseEnv(flags.env) },
      cwd: flags.cwd,
    },
    warnings: [],
  };
}

async function resolveConfigured(
  name: string,
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<ResolvedTarget> {
  if (flags.client !== undefined && !CLIENT_IDS.includes(flags.client as ClientId)) {
    throw usageError(`Unknown client "${flags.client}".`, `Use one of: ${CLIENT_IDS.join(', ')}.`);
  }
  const client =
    (flags.client as ClientId | undefined) ??
    (flags.config ? guessClient(flags.config) : 'claude-desktop');
  // Config reading (jsonc-parser and friends) loads only for --server.
  const [{ ConfigError }, { loadConfiguredServer }] = await Promise.all([
    import('@mcpkit/shared/config-text'),
    import('@mcpkit/shared/configured-server'),
  ]);
  try {
    const found = await loadConfiguredServer({
      name,
      client,
      configFile: flags.config,
      platform: process.platform,
      env,
      homedir: homedir(),
      cwd,
    });
    const warnings = found.unresolved.map(
      (variable) =>
        `${found.file}: ${variable.reference} in ${variable.field} of "${name}" is not resolved (${variable.reason}); ${client} would pass it on as written.`,
    );
    if (found.target.transport === 'stdio') {
      found.target.env = { ...found.target.env, ...parseEnv(flags.env) };
      if (flags.cwd) found.target.cwd = flags.cwd;
    } else {
      found.target.headers = { ...found.target.headers, ...parseHeaders(flags.header) };
    }
    return { target: found.target, warnings };
  } catch (error) {
    if (error instanceof ConfigError)
      throw usageError(
        error.message,
        flags.config ? undefined : `Or point at a file with --config FILE (client: ${client}).`,
      );
    throw error;
  }
}
