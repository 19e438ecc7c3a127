import { applyEdits } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';
import { ConfigError, describeNode, parseConfigText } from '@mcpkit/shared/config-text';
import type { ParsedConfig } from '@mcpkit/shared/config-text';
import { unknownServerMessage } from '@mcpkit/shared/suggest';
import { editError } from './errors.js';
import {
  end,
  findProperty,
  indentAt,
  lineStart,
  lineTail,
  removeProperty,
  startsLine,
} from './edit-text.js';
import { detectFormat } from './format.js';
import type { TextFormat } from './format.js';

/** A JSON object, as written into a config file. */
export type JsonObject = { [key: string]: unknown };

/** Which entry of which file an edit is about. */
export interface ServerEditTarget {
  /** JSON path of the object mapping names to entries (`ConfigCandidate.serversPath`). */
  serversPath: readonly string[];
  /** The server's name (its key in the servers object). */
  name: string;
  /** File name, for messages. */
  file: string;
  /** Whether the client accepts comments and trailing commas (`ConfigCandidate.allowJsonc`). */
  allowJsonc: boolean;
}

/** Options of {@link addServer}. */
export interface AddServerOptions extends ServerEditTarget {
  /** The entry, already in the client's shape (`{command, args, env}`, `{type, url}`…). */
  entry: JsonObject;
  /** Replace an existing entry of that name (the new entry replaces it whole, no merge). */
  force?: boolean;
}

/** Options of {@link removeServer}. */
export interface RemoveServerOptions extends ServerEditTarget {
  /**
   * Earlier versions of the whole file, newest first (its backups), read only as far as
   * needed: they decide whether objects that the remove leaves empty stay (see
   * {@link removeServer}). Without it they stay.
   */
  history?: Iterable<string>;
}

const BOM = '\uFEFF';

/**
 * Adds (or with `force` replaces) the server `name` in a config text and returns the new
 * text. Only the entry's bytes change: it is inserted as the last member of the servers
 * object, in the file's indentation and line breaks; missing parent objects (the servers
 * object, `projects[cwd]`…) are created. An empty or blank text counts as a new file.
 * Throws {@link ConfigError}: the text's own problem (`syntax`, `duplicate-key`…, with line
 * and column), `exists` when the name is taken and `force` is not set, `invalid-shape` when
 * a parent on the servers path is not an object.
 */
export function addServer(text: string, options: AddServerOptions): string {
  const { name, entry, file } = options;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw editError(
      'invalid-shape',
      file,
      `the entry of ${JSON.stringify(name)} must be an object`,
    );
  }
  const doc = openDocument(text, options);
  const found = walk(doc, options.serversPath);
  let edits: Edit[];
  if (found.servers) {
    const existing = findProperty(found.servers, name);
    if (existing && !options.force) {
      throw editError(
        'exists',
        file,
        `a server named ${JSON.stringify(name)} already exists (use --force to replace it)`,
        doc.parsed.locate(existing.offset),
      );
    }
    edits = existing
      ? replaceValue(doc, existing, entry)
      : insertProperty(doc, found.servers, name, entry);
  } else {
    // Build the missing objects inside out: {projects: {cwd: {mcpServers: {name: entry}}}}.
    const [first, ...rest] = found.missing;
    let value: unknown = { [name]: entry };
    for (const key of [...rest].reverse()) value = { [key]: value };
    edits = insertProperty(doc, found.parent, first ?? name, value);
  }
  return finish(doc, edits, options);
}

/**
 * Removes the server `name` from a config text and returns the new text: the entry's lines
 * (or, on a line shared with other members, the entry and its comma) go, nothing else.
 * Removing what {@link addServer} inserted gives back the text it was given, byte for byte.
 *
 * When the entry was the last one, the text cannot tell whether the user had an empty
 * `"mcpServers": {}` (keep it) or `addServer` created it together with missing parents such
 * as `projects[cwd]` (drop them). The rule: the candidates are the text keeping every
 * emptied object, and the texts dropping the servers object and then, one level up at a
 * time, each parent that would be left holding nothing else; the newest text of `history`
 * equal to one of them decides; if none is, the emptied objects stay (as `{}`). Only a
 * byte-exact earlier version of the file can make objects go, so nothing the user wrote is
 * ever dropped. A file that did not exist before the add stays as an object without
 * entries. Throws `unknown-server` (with the available names and close matches) when absent.
 */
export function removeServer(text: string, options: RemoveServerOptions): string {
  const { name, file } = options;
  const doc = openDocument(text, options);
  const { servers } = walk(doc, options.serversPath);
  const property = servers ? findProperty(servers, name) : undefined;
  if (!servers || !property) {
    const names = (servers?.children ?? []).map((p) => String(p.children?.[0]?.value));
    throw unknownServer(file, name, names);
  }
  const kept = finish(doc, removeProperty(doc.body, doc.compact, servers, property), options);
  if (!options.history || servers.children?.length !== 1) return kept;
  const candidates = [kept, ...dropCandidates(doc, options)];
  // The emptied servers object, with only blanks inside, as the user may have had it.
  const before = doc.bom + doc.body.slice(0, servers.offset + 1);
  const after = doc.body.slice(end(servers) - 1);
  const keptBlank = kept.length === before.length + after.length;
  for (const earlier of options.history) {
    const match = candidates.find((candidate) => candidate === earlier);
    if (match !== undefined) return match;
    if (
      keptBlank &&
      earlier.length > kept.length &&
      earlier.startsWith(before) &&
      earlier.endsWith(after) &&
      earlier.slice(before.length, earlier.length - after.length).trim() === ''
    ) {
      return earlier;
    }
  }
  return kept;
}

/**
 * The texts without the servers object holding only the removed entry, then without each
 * parent in turn that holds nothing but the one before, innermost first.
 */
function dropCandidates(doc: Document, options: RemoveServerOptions): string[] {
  const objects: Node[] = [doc.parsed.root];
  const properties: Node[] = [];
  for (const key of options.serversPath) {
    const property = findProperty(objects.at(-1) as Node, key) as Node;
    properties.push(property);
    objects.push(property.children?.[1] as Node);
  }
  const texts: string[] = [];
  for (let level = properties.length - 1; level >= 0; level--) {
    // Dropping this member drops every object below it: each must hold only the chain.
    if (level < properties.length - 1 && objects[level + 1]?.children?.length !== 1) break;
    const edits = removeProperty(
      doc.body,
      doc.compact,
      objects[level] as Node,
      properties[level] as Node,
    );
    texts.push(finish(doc, edits, options));
  }
  return texts;
}

interface Document {
  /** BOM of the original text, kept as it was. */
  bom: string;
  /** Text without BOM; node offsets refer to it. */
  body: string;
  parsed: ParsedConfig;
  format: TextFormat;
  /** A one-line file with content (minified): edits stay on one line too. */
  compact: boolean;
  /** In a compact file, whether members are written `"k": v, ` (else `"k":v,`). */
  spaced: boolean;
}

function openDocument(text: string, options: ServerEditTarget): Document {
  const bom = text.startsWith(BOM) ? BOM : '';
  let body = text.slice(bom.length);
  const format = detectFormat(text);
  // An empty or blank file is a file the client has not written yet: start from {}.
  if (body.trim() === '') body = `{}${format.eol}`;
  const parsed = parseConfigText(body, { file: options.file, allowJsonc: options.allowJsonc });
  const compact = !body.trim().includes('\n') && (parsed.root.children?.length ?? 0) > 0;
  const spaced = /"\s*:\s/.test(body);
  return { bom, body, parsed, format, compact, spaced };
}

function finish(doc: Document, edits: Edit[], options: ServerEditTarget): string {
  const result = doc.bom + applyEdits(doc.body, edits);
  try {
    parseConfigText(result, { file: options.file, allowJsonc: options.allowJsonc });
  } catch (error) {
    // Only a bug can get here; the file is left alone either way.
    const reason = error instanceof ConfigError ? error.reason : String(error);
    throw editError(
      'invalid-shape',
      options.file,
      `internal error: the edited file would not parse (${reason}); nothing was changed`,
    );
  }
  return result;
}

type WalkResult =
  | { servers: Node; parent?: undefined; missing?: undefined }
  | { servers?: undefined; parent: Node; missing: string[] };

/** Follows the servers path down object members; reports where it stops. */
function walk(doc: Document, serversPath: readonly string[]): WalkResult {
  let node = doc.parsed.root;
  for (let i = 0; i < serversPath.length; i++) {
    const key = serversPath[i] as string;
    const property = findProperty(node, key);
    const value = property?.children?.[1];
    if (!value) return { parent: node, missing: serversPath.slice(i) };
    if (value.type !== 'object') {
      const where = serversPath
        .slice(0, i + 1)
        .map((k) => JSON.stringify(k))
        .join(' → ');
      throw editError(
        'invalid-shape',
        doc.parsed.file,
        `${where} must be an object, found ${describeNode(value)}`,
        doc.parsed.locate(value.offset),
      );
    }
    node = value;
  }
  return { servers: node };
}

/** `"key": value`, in the file's layout; `indent` is the indentation of the member's line. */
function renderMember(doc: Document, key: string, value: unknown, indent: string): string {
  if (doc.compact) return `${JSON.stringify(key)}:${doc.spaced ? ' ' : ''}${JSON.stringify(value)}`;
  return `${JSON.stringify(key)}: ${renderValue(doc, value, indent)}`;
}

function renderValue(doc: Document, value: unknown, indent: string | undefined): string {
  if (doc.compact || indent === undefined) return JSON.stringify(value);
  // JSON.stringify escapes line breaks inside strings, so splitting on "\n" is safe; it
  // keeps non-ASCII characters as they are.
  return JSON.stringify(value, null, doc.format.indent)
    .split('\n')
    .join(doc.format.eol + indent);
}

function insertProperty(doc: Document, object: Node, key: string, value: unknown): Edit[] {
  const { body, format } = doc;
  const { eol } = format;
  const open = object.offset;
  const close = end(object) - 1;
  const members = object.children ?? [];
  const last = members.at(-1);
  if (!last) {
    const inside = body.slice(open + 1, close);
    if (inside.trim() === '') {
      // {} becomes a block; removing its only member collapses it back to {}.
      if (doc.compact) {
        return [
          { offset: open + 1, length: inside.length, content: renderMember(doc, key, value, '') },
        ];
      }
      const outer = indentAt(body, open);
      const inner = outer + format.indent;
      const content = `${eol}${inner}${renderMember(doc, key, value, inner)}${eol}${outer}`;
      return [{ offset: open + 1, length: inside.length, content }];
    }
    // Only comments inside: add a line above the closing brace, leaving them in place.
    if (startsLine(body, close)) {
      const inner = indentAt(body, close) + format.indent;
      const content = `${inner}${renderMember(doc, key, value, inner)}${eol}`;
      return [{ offset: lineStart(body, close), length: 0, content }];
    }
    return [{ offset: close, length: 0, content: ` ${renderMember(doc, key, value, '')} ` }];
  }
  const tail = lineTail(body, end(last));
  if (!doc.compact && tail && startsLine(body, last.offset)) {
    // The usual case: the last member ends its line; the new member gets a line of its own
    // after it, with a trailing comma if the file uses them (JSONC).
    const indent = indentAt(body, last.offset);
    const trailing = tail[1] ? ',' : '';
    const content = `${indent}${renderMember(doc, key, value, indent)}${trailing}${eol}`;
    const edits: Edit[] = [{ offset: end(last) + tail[0].length, length: 0, content }];
    if (!tail[1]) edits.push({ offset: end(last), length: 0, content: ',' });
    return edits;
  }
  // Members share a line: continue it with the separator the file already uses.
  const previous = members.at(-2);
  const between = previous ? body.slice(end(previous), last.offset) : undefined;
  let separator = doc.compact && !doc.spaced ? ',' : ', ';
  if (between !== undefined && /^\s*,\s*$/.test(between)) separator = between;
  else if (!previous && startsLine(body, last.offset))
    separator = `,${eol}${indentAt(body, last.offset)}`;
  const multiline = separator.includes('\n');
  const indent = multiline ? indentAt(body, last.offset) : undefined;
  const member = multiline
    ? renderMember(doc, key, value, indent ?? '')
    : `${JSON.stringify(key)}:${doc.compact && !doc.spaced ? '' : ' '}${renderValue(doc, value, undefined)}`;
  return [{ offset: end(last), length: 0, content: separator + member }];
}

function replaceValue(doc: Document, property: Node, value: unknown): Edit[] {
  const old = property.children?.[1] as Node;
  const indent = startsLine(doc.body, property.offset)
    ? indentAt(doc.body, property.offset)
    : undefined;
  return [{ offset: old.offset, length: old.length, content: renderValue(doc, value, indent) }];
}

function unknownServer(file: string, name: string, names: readonly string[]): ConfigError {
  return editError('unknown-server', file, unknownServerMessage(name, names));
}
