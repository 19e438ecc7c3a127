import { applyEdits, parseTree } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';

/** Objects whose every value is a secret: environment variables and HTTP headers. */
const SECRET_MAPS = new Set(['env', 'headers']);
// Arguments whose next value (or `=value`) is a secret, e.g. `--api-key sk-…`.
const SECRET_FLAG = /^--?[\w-]*(?:token|key|secret|password|passwd|auth)$/i;
// URL query parameters that usually carry credentials.
const SECRET_PARAM = /token|key|secret|password|passwd|auth|sig/i;

/**
 * Masks one secret: `"••••(12 chars)"`. Empty values and pure variable references such as
 * `${API_KEY}`, `${env:API_KEY}` or `${input:token}` are no secret and are kept.
 */
export function maskValue(value: string): string {
  if (value === '' || /^\$\{[^}]+\}$/.test(value)) return value;
  return `••••(${[...value].length} chars)`;
}

/**
 * Returns a deep copy of a server entry (or of any config value) with its secrets masked:
 * every value of `env` and `headers`, the value part of `--header 'K: V'` arguments (the
 * `mcp-remote` bridge), values of `--api-key`/`--token`-like arguments and credential-like
 * URL query parameters. The input is not changed.
 */
export function maskSecrets<T>(value: T): T {
  return maskAny(value, undefined) as T;
}

function maskAny(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    if (key === 'args') return maskArgs(value);
    return value.map((v) => maskAny(v, undefined));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_MAPS.has(k) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        out[k] = Object.fromEntries(
          Object.entries(v).map(([name, s]) => [name, typeof s === 'string' ? maskValue(s) : s]),
        );
      } else {
        out[k] = maskAny(v, k);
      }
    }
    return out;
  }
  if (key === 'url' && typeof value === 'string') return maskUrl(value);
  return value;
}

function maskArgs(args: readonly unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (typeof arg !== 'string') return maskAny(arg, undefined);
    const previous = args[i - 1];
    return maskArg(arg, typeof previous === 'string' ? previous : undefined);
  });
}

/** Masks one argument, given the one before it. */
function maskArg(arg: string, previous: string | undefined): string {
  if (previous === '--header' || previous === '-H') return maskHeader(arg);
  if (previous !== undefined && SECRET_FLAG.test(previous)) return maskValue(arg);
  const eq = arg.indexOf('=');
  if (arg.startsWith('-') && eq > 0) {
    const flag = arg.slice(0, eq);
    if (flag === '--header') return `${flag}=${maskHeader(arg.slice(eq + 1))}`;
    if (SECRET_FLAG.test(flag)) return `${flag}=${maskValue(arg.slice(eq + 1))}`;
  }
  if (/^https?:\/\//i.test(arg)) return maskUrl(arg);
  return arg;
}

/** `Authorization: Bearer x` → `Authorization: ••••(8 chars)`. */
function maskHeader(header: string): string {
  const colon = header.indexOf(':');
  if (colon < 0) return maskValue(header);
  const value = header.slice(colon + 1).trimStart();
  return `${header.slice(0, colon)}: ${maskValue(value)}`;
}

function maskUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || !SECRET_PARAM.test(pair.slice(0, eq))) return pair;
      return `${pair.slice(0, eq)}=${maskValue(pair.slice(eq + 1))}`;
    });
  return `${url.slice(0, query + 1)}${params.join('&')}`;
}

/**
 * Masks the secrets (as {@link maskSecrets} does) inside a config text, in place: only the
 * secret string literals change, so lines and layout stay as they were — diffs of masked
 * texts line up with diffs of the real ones. Text that does not parse is returned as is.
 */
export function maskConfigText(text: string): string {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return text;
  const edits: Edit[] = [];
  const replace = (node: Node, masked: string) => {
    if (masked !== node.value) {
      edits.push({ offset: node.offset, length: node.length, content: JSON.stringify(masked) });
    }
  };
  const visit = (node: Node, key: string | undefined) => {
    if (node.type === 'object' && key !== undefined && SECRET_MAPS.has(key)) {
      for (const prop of node.children ?? []) {
        const value = prop.children?.[1];
        if (value?.type === 'string') replace(value, maskValue(value.value as string));
        else if (value) visit(value, undefined);
      }
      return;
    }
    if (node.type === 'array' && key === 'args') {
      const items = node.children ?? [];
      items.forEach((item, i) => {
        const before = items[i - 1];
        if (item.type !== 'string') return visit(item, undefined);
        const previous = before?.type === 'string' ? (before.value as string) : undefined;
        replace(item, maskArg(item.value as string, previous));
      });
      return;
    }
    if (node.type === 'string' && key === 'url')
      return replace(node, maskUrl(node.value as string));
    for (const child of node.children ?? []) {
      if (child.type === 'property') {
        const [name, value] = child.children ?? [];
        if (value) visit(value, name?.value as string);
      } else {
        visit(child, undefined);
      }
    }
  };
  visit(root, undefined);
  return applyEdits(text, edits);
}
