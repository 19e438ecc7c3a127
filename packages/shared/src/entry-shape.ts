// Validation of one server entry's shape, with errors that point at the offending node.
import type { Node } from 'jsonc-parser';
import type { ClientId } from './client-paths.js';
import { ConfigError, describeNode } from './config-text.js';
import type { ParsedConfig } from './config-text.js';
import type { ServerEntry, ServerEntryBase, StdioServerEntry } from './server-entry.js';

export function child(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object') return undefined;
  // The last duplicate wins, as in JSON.parse (duplicates are rejected earlier anyway).
  const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === key);
  return props[props.length - 1]?.children?.[1];
}

export interface EntryContext {
  parsed: ParsedConfig;
  client: ClientId;
  name: string;
}

function fail(
  ctx: EntryContext,
  node: Node,
  reason: string,
  code: 'invalid-shape' | 'unsupported' = 'invalid-shape',
): never {
  throw new ConfigError(
    code,
    ctx.parsed.file,
    `server ${JSON.stringify(ctx.name)}: ${reason}`,
    ctx.parsed.locate(node.offset),
  );
}

const TYPES: Record<string, 'stdio' | 'http' | 'sse'> = {
  stdio: 'stdio',
  http: 'http',
  'streamable-http': 'http',
  sse: 'sse',
};

/**
 * The field holding a remote entry's URL as `client` spells it: Windsurf writes `serverUrl`
 * (plain `url` is read too), Gemini CLI `httpUrl` for Streamable HTTP, which wins over its
 * `url`.
 */
function urlField(node: Node, client: ClientId): { node: Node; field: string } | undefined {
  const own = client === 'windsurf' ? 'serverUrl' : client === 'gemini-cli' ? 'httpUrl' : undefined;
  const ownNode = own ? child(node, own) : undefined;
  if (own && ownNode) return { node: ownNode, field: own };
  const urlNode = child(node, 'url');
  return urlNode ? { node: urlNode, field: 'url' } : undefined;
}

const URL_NAMES: Partial<Record<ClientId, string>> = {
  windsurf: '"serverUrl"',
  'gemini-cli': '"httpUrl" or "url"',
};

export function normalizeEntry(node: Node, ctx: EntryContext, base: ServerEntryBase): ServerEntry {
  const urlName = URL_NAMES[ctx.client] ?? '"url"';
  if (node.type !== 'object')
    fail(ctx, node, `must be an object with "command" or ${urlName}, found ${describeNode(node)}`);
  const typeNode = child(node, 'type');
  const commandNode = child(node, 'command');
  const url = urlField(node, ctx.client);
  const urlNode = url?.node;
  // Gemini CLI picks the transport by field, URLs before "command": httpUrl is Streamable
  // HTTP whatever "type" says, and a bare url is tried as Streamable HTTP first.
  const gemini = ctx.client === 'gemini-cli';
  let transport: 'stdio' | 'http' | 'sse';
  if (gemini && url?.field === 'httpUrl') {
    transport = 'http';
  } else if (typeNode) {
    const t = typeNode.value as unknown;
    if (typeNode.type !== 'string' || typeof t !== 'string' || !TYPES[t]) {
      fail(
        ctx,
        typeNode,
        `"type" must be one of "stdio", "http", "streamable-http", "sse", found ${typeNode.type === 'string' ? JSON.stringify(t) : describeNode(typeNode)}`,
      );
    }
    transport = TYPES[t] ?? 'stdio';
  } else if (commandNode && urlNode && !gemini) {
    fail(
      ctx,
      node,
      `has both "command" and "${url.field}"; add "type" to say whether it is a local or a remote server`,
    );
  } else if (urlNode) {
    // Claude Code's schema only makes "type" optional for stdio entries (assumption
    // from its docs, which always show "type" on remote ones); Cursor infers from "url".
    if (ctx.client === 'claude-code')
      fail(ctx, urlNode, 'a "url" entry needs "type": "http" or "type": "sse" for Claude Code');
    transport = 'http';
  } else if (commandNode) {
    transport = 'stdio';
  } else {
    fail(ctx, node, `needs "command" (a local server) or ${urlName} (a remote server)`);
  }
  if (transport !== 'stdio' && ctx.client === 'claude-desktop') {
    fail(
      ctx,
      urlNode ?? typeNode ?? node,
      'Claude Desktop only launches local servers ("command") from claude_desktop_config.json and skips remote ones; add remote servers in Settings → Connectors, or bridge them with a stdio proxy such as mcp-remote',
      'unsupported',
    );
  }
  if (transport === 'stdio') {
    if (!commandNode) fail(ctx, node, 'a stdio server needs "command"');
    const entry: StdioServerEntry = {
      ...base,
      transport,
      command: nonEmptyString(ctx, commandNode, 'command'),
      args: stringArray(ctx, child(node, 'args'), 'args'),
      env: stringMap(ctx, child(node, 'env'), 'env'),
    };
    const cwdNode = child(node, 'cwd');
    if (cwdNode) entry.cwd = nonEmptyString(ctx, cwdNode, 'cwd');
    const envFileNode = ctx.client === 'vscode' ? child(node, 'envFile') : undefined;
    if (envFileNode) entry.envFile = nonEmptyString(ctx, envFileNode, 'envFile');
    return entry;
  }
  if (!url) fail(ctx, node, `a ${transport} server needs ${urlName}`);
  return {
    ...base,
    transport,
    url: nonEmptyString(ctx, url.node, url.field),
    headers: stringMap(ctx, child(node, 'headers'), 'headers'),
  };
}

function nonEmptyString(ctx: EntryContext, node: Node, field: string): string {
  if (node.type !== 'string')
    fail(ctx, node, `"${field}" must be a string, found ${describeNode(node)}`);
  const value = node.value as string;
  if (value.trim() === '') fail(ctx, node, `"${field}" is empty`);
  return value;
}

function stringArray(ctx: EntryContext, node: Node | undefined, field: string): string[] {
  if (!node) return [];
  if (node.type !== 'array')
    fail(ctx, node, `"${field}" must be an array of strings, found ${describeNode(node)}`);
  return (node.children ?? []).map((item, i) => {
    if (item.type !== 'string')
      fail(ctx, item, `${field}[${i}] must be a string, found ${describeNode(item)}; quote it`);
    return item.value as string;
  });
}

function stringMap(
  ctx: EntryContext,
  node: Node | undefined,
  field: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  if (node.type !== 'object')
    fail(ctx, node, `"${field}" must be an object of strings, found ${describeNode(node)}`);
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    if (v.type !== 'string')
      fail(
        ctx,
        v,
        `${field}.${String(k.value)} must be a string, found ${describeNode(v)}; quote it`,
      );
    out[String(k.value)] = v.value as string;
  }
  return out;
}
