import path from 'node:path';
import type { Node } from 'jsonc-parser';
import { getNodeValue } from 'jsonc-parser';
import type { ClientId, ConfigScope } from './client-paths.js';
import { ConfigError, describeNode, parseConfigText } from './config-text.js';
import type { ParsedConfig } from './config-text.js';
import { child, normalizeEntry, type EntryContext } from './entry-shape.js';
import type { ServerEntriesResult } from './server-entry.js';

export type {
  InvalidServerEntry,
  RemoteServerEntry,
  ServerEntriesResult,
  ServerEntry,
  ServerEntryBase,
  StdioServerEntry,
} from './server-entry.js';

/** Options of {@link parseServerEntries}. */
export interface ParseServerEntriesOptions {
  /** File name, for messages and to infer Claude Code's scope (`.mcp.json` is `project`). */
  file: string;
  /**
   * Which part of the file to read. Defaults to `project` for Claude Code's `.mcp.json` and
   * VS Code's `.vscode/mcp.json`, else `user` (pass it for Claude Code's `local` section).
   */
  scope?: ConfigScope;
  /** Project directory: the key of Claude Code's `local` section. */
  cwd?: string;
}

/** Options of {@link readServerEntries}: parse options plus the injected file reader. */
export interface ReadServerEntriesOptions extends Omit<ParseServerEntriesOptions, 'file'> {
  /** Reads a file as UTF-8 text; a rejection with code ENOENT means "no such file". */
  readFile: (file: string) => Promise<string> | string;
}

/**
 * Reads `file` and returns its server entries. Throws a {@link ConfigError} when the file
 * is missing, unreadable or not valid JSON (JSONC for VS Code and Gemini CLI); problems in single entries
 * are returned in `invalid` instead, so one bad entry does not hide the others.
 */
export async function readServerEntries(
  file: string,
  client: ClientId,
  options: ReadServerEntriesOptions,
): Promise<ServerEntriesResult> {
  let text: string;
  try {
    text = await options.readFile(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') throw new ConfigError('not-found', file, 'no such file');
    throw new ConfigError('read-failed', file, `cannot read the file: ${(error as Error).message}`);
  }
  return parseServerEntries(text, client, { ...options, file });
}

/** Parses the text of a config file and returns its server entries (see {@link readServerEntries}). */
export function parseServerEntries(
  text: string,
  client: ClientId,
  options: ParseServerEntriesOptions,
): ServerEntriesResult {
  const allowJsonc = client === 'vscode' || client === 'gemini-cli';
  const parsed = parseConfigText(text, { file: options.file, allowJsonc });
  const scope = options.scope ?? defaultScope(client, options.file);
  const result: ServerEntriesResult = {
    file: options.file,
    client,
    scope,
    entries: [],
    invalid: [],
  };
  const servers = findServersNode(parsed, client, scope, options.cwd);
  if (!servers) return result;
  for (const prop of servers.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const name = String(keyNode.value);
    const ctx: EntryContext = { parsed, client, name };
    try {
      result.entries.push(
        normalizeEntry(valueNode, ctx, {
          name,
          client,
          scope,
          raw: getNodeValue(valueNode),
          location: parsed.locate(keyNode.offset),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      result.invalid.push({ name, error });
    }
  }
  return result;
}

function defaultScope(client: ClientId, file: string): ConfigScope {
  const base = path.posix.basename(file.replace(/\\/g, '/'));
  if (client === 'claude-code') return base === '.mcp.json' ? 'project' : 'user';
  // ~/.cursor/mcp.json and <project>/.cursor/mcp.json look alike (as do Gemini CLI's
  // .gemini/settings.json files): callers pass the scope.
  const parent = path.posix.basename(path.posix.dirname(file.replace(/\\/g, '/')));
  return client === 'vscode' && parent === '.vscode' ? 'project' : 'user';
}

/** The object node mapping names to entries, or undefined when the file defines none. */
function findServersNode(
  parsed: ParsedConfig,
  client: ClientId,
  scope: ConfigScope,
  cwd: string | undefined,
): Node | undefined {
  const key = client === 'vscode' ? 'servers' : 'mcpServers';
  let holder: Node | undefined = parsed.root;
  if (client === 'claude-code' && scope === 'local') {
    if (cwd === undefined)
      throw new ConfigError(
        'invalid-shape',
        parsed.file,
        'reading the local scope needs the project directory (cwd)',
      );
    const projects = child(holder, 'projects');
    holder = projects && projects.type === 'object' ? projectSection(projects, cwd) : undefined;
    if (!holder || holder.type !== 'object') return undefined;
  }
  const servers = child(holder, key);
  if (!servers) return undefined;
  if (servers.type !== 'object') {
    throw new ConfigError(
      'invalid-shape',
      parsed.file,
      `"${key}" must be an object mapping server names to entries, found ${describeNode(servers)}`,
      parsed.locate(servers.offset),
    );
  }
  return servers;
}

/**
 * Claude Code keys `projects` by the raw cwd; on Windows that is written with forward
 * slashes and in whatever drive-letter case the shell had, so those variants match too.
 */
function projectSection(projects: Node, cwd: string): Node | undefined {
  const exact = child(projects, cwd);
  if (exact) return exact;
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(cwd);
  const norm = (p: string) => {
    const s = p.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    return windows ? s.toLowerCase() : s;
  };
  const wanted = norm(cwd);
  const prop = (projects.children ?? []).find(
    (p) =>
      typeof p.children?.[0]?.value === 'string' && norm(p.children[0].value as string) === wanted,
  );
  return prop?.children?.[1];
}
