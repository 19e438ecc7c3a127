import { existsSync, readdirSync } from 'node:fs';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { resolveConfigCandidates, type ClientId, type ConfigCandidate } from './client-paths.js';
import { ConfigError } from './config-text.js';
import type { ServerTarget } from './connection.js';
import { expandEntry, type UnresolvedVariable } from './expand-variables.js';
import { findServer } from './find-server.js';
import { readConfigTextSync } from './read-config-file.js';
import { readServerEntries, type ServerEntriesResult, type ServerEntry } from './server-entries.js';

/** Where to look for a server by name; everything OS-related is passed in. */
export interface ConfiguredServerOptions {
  name: string;
  client: ClientId;
  /** Read this file instead of the client's own locations. */
  configFile?: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
  cwd: string;
}

/** A server found in a client config, ready to launch. */
export interface ConfiguredServer {
  entry: ServerEntry;
  /** The file it came from. */
  file: string;
  target: ServerTarget;
  /** Variables the client would leave unexpanded. */
  unresolved: UnresolvedVariable[];
}

/**
 * The config files of `client` that exist on this machine, in the client's lookup order
 * (a git worktree is mapped to its main repository by reading its `.git` file).
 */
export function existingConfigFiles(
  client: ClientId,
  where: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; homedir: string; cwd: string },
): ConfigCandidate[] {
  return resolveConfigCandidates({
    client,
    platform: where.platform,
    env: where.env,
    homedir: where.homedir,
    cwd: where.cwd,
    exists: existsSync,
    listDir: (dir) => readdirSync(dir),
    readText: (file) => {
      try {
        return readConfigTextSync(file);
      } catch {
        return undefined;
      }
    },
  }).filter((candidate) => candidate.exists);
}

/**
 * Find `name` in a client's config (for Claude Code: local, then project (`.mcp.json` of
 * the folder, then of its parents), then user scope) and describe how that client would launch it: Claude Desktop starts stdio
 * servers with a small default environment from `/`, the editor clients with their own
 * full environment from the project folder; `env` entries are added on top.
 */
export async function loadConfiguredServer(
  options: ConfiguredServerOptions,
): Promise<ConfiguredServer> {
  // Bounded and non-blocking: a config that is a FIFO, a device or huge is refused, not read.
  const readFile = (file: string) => {
    const text = readConfigTextSync(file);
    if (text === undefined) throw new ConfigError('not-found', file, 'no such file');
    return text;
  };
  const results: ServerEntriesResult[] = [];
  if (options.configFile) {
    results.push(
      await readServerEntries(options.configFile, options.client, { cwd: options.cwd, readFile }),
    );
  } else {
    const candidates = existingConfigFiles(options.client, options);
    if (candidates.length === 0) {
      const where = resolveConfigCandidates({
        ...options,
        exists: () => false,
        listDir: () => [],
      }).map((c) => c.file);
      throw new ConfigError(
        'not-found',
        where[0] ?? '(none)',
        `no ${options.client} config file found (looked for ${where.join(', ')})`,
      );
    }
    for (const candidate of candidates) {
      const result = await readServerEntries(candidate.file, options.client, {
        scope: candidate.scope,
        cwd: candidate.projectKey ?? options.cwd,
        readFile,
      });
      if (
        result.entries.some((entry) => entry.name === options.name) ||
        result.invalid.some((entry) => entry.name === options.name)
      ) {
        return describe(findServer(result, options.name), result.file, options);
      }
      results.push(result);
    }
  }
  if (results.length === 1)
    return describe(findServer(results[0]!, options.name), results[0]!.file, options);
  // Not found in any scope: the error lists the names of every file read.
  const merged: ServerEntriesResult = {
    ...results[0]!,
    file: results.map((r) => r.file).join(', '),
    entries: results.flatMap((r) => r.entries),
    invalid: results.flatMap((r) => r.invalid),
  };
  return describe(findServer(merged, options.name), merged.file, options);
}

function describe(
  found: ServerEntry,
  file: string,
  options: ConfiguredServerOptions,
): ConfiguredServer {
  const { entry, unresolved } = expandEntry(found, options.client, {
    env: options.env,
    cwd: options.cwd,
    homedir: options.homedir,
    platform: options.platform,
  });
  if (entry.transport !== 'stdio') {
    return {
      entry,
      file,
      unresolved,
      target: { transport: entry.transport, url: entry.url, headers: entry.headers },
    };
  }
  const desktop = options.client === 'claude-desktop';
  const base = desktop ? getDefaultEnvironment() : definedOnly(options.env);
  return {
    entry,
    file,
    unresolved,
    target: {
      transport: 'stdio',
      command: entry.command,
      args: entry.args,
      env: { ...base, ...entry.env },
      cwd:
        entry.cwd ??
        (desktop ? (options.platform === 'win32' ? options.homedir : '/') : options.cwd),
    },
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined),
  );
}
