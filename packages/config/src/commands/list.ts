import type { ConfigCandidate } from '@mcpkit/shared/client-paths';
import { ConfigError } from '@mcpkit/shared/config-text';
import { findServer } from '@mcpkit/shared/find-server';
import type { ServerEntriesResult, ServerEntry } from '@mcpkit/shared/server-entries';
import { maskSecrets, maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { EXIT } from '../errors.js';
import { CLIENT_NAMES, readTargets } from '../target/targets.js';
import { createContext, type CommandContext, type CommandIo, type GlobalFlags } from './context.js';
import { readEntries } from './entries.js';

/** One server as list and get print it. */
export interface ServerView {
  name: string;
  scope: string;
  file: string;
  line: number;
  column: number;
  transport: string;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  /** A file read earlier defines the same name, so the client uses that one. */
  shadowed?: boolean;
}

interface Loaded {
  files: { candidate: ConfigCandidate; result: ServerEntriesResult | undefined }[];
}

/** Reads every file the client reads (or the --config/--scope one). */
function loadAll(context: CommandContext): Loaded {
  return {
    files: readTargets(context.target).map((candidate) => ({
      candidate,
      result: readEntries(candidate, context),
    })),
  };
}

function viewOf(entry: ServerEntry, showSecrets: boolean): ServerView {
  const view: ServerView = {
    name: entry.name,
    scope: entry.scope,
    file: entry.location.file,
    line: entry.location.line,
    column: entry.location.column,
    transport: entry.transport,
  };
  if (entry.transport === 'stdio') {
    Object.assign(view, { command: entry.command, args: entry.args, env: entry.env });
    if (entry.cwd !== undefined) view.cwd = entry.cwd;
  } else {
    Object.assign(view, { url: entry.url, headers: entry.headers });
  }
  return showSecrets ? view : maskSecrets(view);
}

/** `mcp-config list`. */
export function runList(flags: GlobalFlags, io: CommandIo): Promise<number> {
  const context = createContext(flags, io);
  const { files } = loadAll(context);
  const seen = new Set<string>();
  const servers: ServerView[] = [];
  const invalid: { name: string; scope: string; file: string; message: string }[] = [];
  for (const { result } of files) {
    if (!result) continue;
    for (const entry of result.entries) {
      const view = viewOf(entry, flags.showSecrets === true);
      if (seen.has(entry.name)) view.shadowed = true;
      seen.add(entry.name);
      servers.push(view);
    }
    for (const bad of result.invalid) {
      invalid.push({
        name: bad.name,
        scope: result.scope,
        file: result.file,
        message: flags.showSecrets ? bad.error.message : maskSecretsInText(bad.error.message),
      });
    }
  }

  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        {
          client: context.client,
          files: files.map(({ candidate }) => ({
            file: candidate.file,
            scope: candidate.scope,
            exists: candidate.exists,
          })),
          servers,
          invalid,
        },
        null,
        2,
      )}\n`,
    );
    return Promise.resolve(EXIT.ok);
  }

  const name = CLIENT_NAMES[context.client];
  const existing = files.filter((f) => f.result);
  if (existing.length === 0) {
    const missing = [...new Set(files.map((f) => f.candidate.file))];
    io.stdout(
      `No servers: ${missing.join(' and ')} ${missing.length > 1 ? 'do' : 'does'} not exist yet.\nAdd one with: mcp-config add NAME -- command args...\n`,
    );
    return Promise.resolve(EXIT.ok);
  }
  if (servers.length === 0 && invalid.length === 0) {
    io.stdout(`No servers in ${existing.map((f) => f.candidate.file).join(' or ')}.\n`);
    return Promise.resolve(EXIT.ok);
  }
  const multiScope = files.length > 1;
  const rows = servers.map((s) => [
    s.name,
    ...(multiScope ? [s.scope] : []),
    s.transport,
    describeTarget(s) + (s.shadowed ? '  (not used: defined in an earlier scope too)' : ''),
  ]);
  const header = ['NAME', ...(multiScope ? ['SCOPE'] : []), 'TYPE', 'COMMAND / URL'];
  io.stdout(table([header, ...rows]));
  if (invalid.length > 0) {
    io.stdout(`\n${name} would skip ${invalid.length === 1 ? 'this entry' : 'these entries'}:\n`);
    for (const bad of invalid) io.stdout(`  ${sanitizeLine(bad.message)}\n`);
  }
  const fileList = existing.map(
    (f) => `${f.candidate.file}${multiScope ? ` (${f.candidate.scope})` : ''}`,
  );
  io.stdout(`\n${name}: ${fileList.join(', ')}\n`);
  return Promise.resolve(EXIT.ok);
}

/** `mcp-config get NAME`: the entry the client uses under that name. */
export function runGet(serverName: string, flags: GlobalFlags, io: CommandIo): Promise<number> {
  const context = createContext(flags, io);
  const { files } = loadAll(context);
  const results = files.map((f) => f.result).filter((r): r is ServerEntriesResult => !!r);
  let entry: ServerEntry | undefined;
  for (const result of results) {
    const found = result.entries.find((e) => e.name === serverName);
    const bad = result.invalid.find((e) => e.name === serverName);
    if (bad && !found) throw bad.error;
    if (found) {
      entry = found;
      break;
    }
  }
  if (!entry) {
    throwUnknownServer(
      serverName,
      results,
      files.map((f) => f.candidate.file),
    );
  }
  const view = viewOf(entry, flags.showSecrets === true);
  const raw = flags.showSecrets ? entry.raw : maskSecrets(entry.raw);
  if (flags.json) {
    io.stdout(`${JSON.stringify({ client: context.client, ...view, entry: raw }, null, 2)}\n`);
    return Promise.resolve(EXIT.ok);
  }
  const lines = [
    `${view.name}  (${CLIENT_NAMES[context.client]}, ${view.scope} scope)`,
    `file:     ${view.file}:${view.line}:${view.column}`,
    `type:     ${view.transport}`,
  ];
  if (view.command !== undefined) {
    lines.push(`command:  ${view.command}`);
    if (view.args && view.args.length > 0)
      lines.push(`args:     ${view.args.map(quote).join(' ')}`);
    if (view.cwd !== undefined) lines.push(`cwd:      ${view.cwd}`);
    for (const [k, v] of Object.entries(view.env ?? {})) lines.push(`env:      ${k}=${v}`);
  } else {
    lines.push(`url:      ${view.url ?? ''}`);
    for (const [k, v] of Object.entries(view.headers ?? {})) lines.push(`header:   ${k}: ${v}`);
  }
  io.stdout(
    `${lines.map(sanitizeLine).join('\n')}\n\n${sanitizeText(JSON.stringify(raw, null, 2))}\n`,
  );
  return Promise.resolve(EXIT.ok);
}

/**
 * Throws the `unknown-server` error for `name`, with suggestions taken from every file the
 * client reads.
 */
export function throwUnknownServer(
  name: string,
  results: readonly ServerEntriesResult[],
  files: readonly string[],
): never {
  const [first] = results;
  if (!first) {
    throw new ConfigError(
      'unknown-server',
      files.join(' and '),
      `no server named ${JSON.stringify(name)}: the file does not exist yet`,
    );
  }
  findServer(
    {
      ...first,
      file: results.map((r) => r.file).join(', '),
      entries: results.flatMap((r) => r.entries),
      invalid: results.flatMap((r) => r.invalid),
    },
    name,
  );
  throw new ConfigError('unknown-server', first.file, `no server named ${JSON.stringify(name)}`);
}

function describeTarget(s: ServerView): string {
  if (s.command === undefined) {
    const headers = Object.keys(s.headers ?? {});
    return `${s.url ?? ''}${headers.length > 0 ? `  headers: ${headers.join(', ')}` : ''}`;
  }
  const env = Object.entries(s.env ?? {}).map(([k, v]) => `${k}=${v}`);
  return `${[s.command, ...(s.args ?? [])].map(quote).join(' ')}${env.length > 0 ? `  env: ${env.join(' ')}` : ''}`;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

function table(rows: string[][]): string {
  const clean = rows.map((r) => r.map(sanitizeLine));
  const widths = clean[0]?.map((_, i) => Math.max(...clean.map((r) => (r[i] ?? '').length))) ?? [];
  return clean
    .map((r) =>
      r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n')
    .concat('\n');
}
