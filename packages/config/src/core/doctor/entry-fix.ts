// `mcp-config doctor --fix`: the safe edits of a server entry's `command` and `args`, applied
// to the config text with the same promise as add and remove — only the bytes of the values
// that change are touched; every other byte (other entries, comments, layout) stays.
import type { Node } from 'jsonc-parser';
import type { ConfigError } from '@mcpkit/shared/config-text';
import { parseConfigText } from '@mcpkit/shared/config-text';
import { end, findProperty, indentAt, startsLine } from '../edit-text.js';
import { editError } from '../errors.js';
import { detectFormat } from '../format.js';
import type { EntryFix } from './types.js';

/** Which entry of which file the fixes apply to. */
export interface EntryFixTarget {
  /** JSON path of the object mapping names to entries (`ConfigCandidate.serversPath`). */
  serversPath: readonly string[];
  /** The server's name. */
  name: string;
  /** File name, for messages. */
  file: string;
  /** Whether the client accepts comments and trailing commas. */
  allowJsonc: boolean;
}

const BOM = '\uFEFF';

/** The entry's command and args after `fixes`, without touching any text (for diffs and plans). */
export function fixedCommandLine(
  command: string,
  args: readonly string[],
  fixes: readonly EntryFix[],
): { command: string; args: string[] } {
  let line = { command, args: [...args] };
  for (const fix of orderFixes(fixes)) line = applyToLine(line, fix);
  return line;
}

/**
 * Applies `fixes` to the entry `name` and returns the new text. Argument indices refer to
 * the entry as it is in `text`; the fixes are applied so that they keep doing so (replaced
 * arguments first, insertions from the last index down, then the command, then `cmd /c`).
 * Throws a {@link ConfigError} when the text does not parse or the entry is not there.
 */
export function applyEntryFixes(
  text: string,
  target: EntryFixTarget,
  fixes: readonly EntryFix[],
): string {
  let result = text;
  for (const fix of orderFixes(fixes)) result = applyOne(result, target, fix);
  // The fixed text must still be a valid config file of this client.
  parseConfigText(result, { file: target.file, allowJsonc: target.allowJsonc });
  return result;
}

const RANK: Record<EntryFix['kind'], number> = {
  'set-arg': 0,
  'insert-arg': 1,
  'set-command': 2,
  'wrap-cmd': 3,
};

function orderFixes(fixes: readonly EntryFix[]): EntryFix[] {
  const unique = new Map<string, EntryFix>();
  for (const fix of fixes) unique.set(JSON.stringify(fix), fix);
  return [...unique.values()].sort((a, b) => {
    if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] - RANK[b.kind];
    // Insertions from the highest index down keep the lower indices valid.
    return 'index' in a && 'index' in b ? b.index - a.index : 0;
  });
}

function applyToLine(
  line: { command: string; args: string[] },
  fix: EntryFix,
): { command: string; args: string[] } {
  const args = [...line.args];
  switch (fix.kind) {
    case 'set-command':
      return { command: fix.value, args };
    case 'set-arg':
      if (fix.index < args.length) args[fix.index] = fix.value;
      return { command: line.command, args };
    case 'insert-arg':
      args.splice(Math.min(fix.index, args.length), 0, fix.value);
      return { command: line.command, args };
    case 'wrap-cmd':
      return { command: 'cmd', args: ['/c', line.command, ...args] };
  }
}

interface EntryNodes {
  body: string;
  bom: string;
  entry: Node;
  command: Node | undefined;
  args: Node | undefined;
}

function locateEntry(text: string, target: EntryFixTarget): EntryNodes {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = text.slice(bom.length);
  const parsed = parseConfigText(body, { file: target.file, allowJsonc: target.allowJsonc });
  let node: Node | undefined = parsed.root;
  for (const key of [...target.serversPath, target.name]) {
    node = node?.type === 'object' ? findProperty(node, key)?.children?.[1] : undefined;
  }
  if (!node || node.type !== 'object') {
    throw editError(
      'unknown-server',
      target.file,
      `no server entry named ${JSON.stringify(target.name)} to fix`,
    );
  }
  const command = findProperty(node, 'command')?.children?.[1];
  const args = findProperty(node, 'args')?.children?.[1];
  if (args && args.type !== 'array') {
    throw editError('invalid-shape', target.file, `"args" of ${target.name} is not an array`);
  }
  return { body, bom, entry: node, command, args };
}

function splice(nodes: EntryNodes, offset: number, length: number, content: string): string {
  const { body, bom } = nodes;
  return bom + body.slice(0, offset) + content + body.slice(offset + length);
}

function applyOne(text: string, target: EntryFixTarget, fix: EntryFix): string {
  const nodes = locateEntry(text, target);
  switch (fix.kind) {
    case 'set-command': {
      const command = nodes.command;
      if (!command || command.type !== 'string') {
        throw editError('invalid-shape', target.file, `${target.name} has no "command" string`);
      }
      return splice(nodes, command.offset, command.length, JSON.stringify(fix.value));
    }
    case 'set-arg': {
      const arg = nodes.args?.children?.[fix.index];
      if (!arg) throw noArgument(target, fix.index);
      return splice(nodes, arg.offset, arg.length, JSON.stringify(fix.value));
    }
    case 'insert-arg':
      return insertArg(nodes, target, fix.index, fix.value);
    case 'wrap-cmd': {
      const command = nodes.command;
      if (!command || command.type !== 'string') {
        throw editError('invalid-shape', target.file, `${target.name} has no "command" string`);
      }
      const original = String(command.value);
      // Arguments first (their offsets come after the command's), then the command.
      let next = insertArg(nodes, target, 0, original);
      next = insertArg(locateEntry(next, target), target, 0, '/c');
      const moved = locateEntry(next, target).command as Node;
      return splice(locateEntry(next, target), moved.offset, moved.length, '"cmd"');
    }
  }
}

function noArgument(target: EntryFixTarget, index: number): ConfigError {
  return editError(
    'invalid-shape',
    target.file,
    `${target.name} has no argument #${index + 1} to fix; run mcp-config doctor again`,
  );
}

function insertArg(
  nodes: EntryNodes,
  target: EntryFixTarget,
  index: number,
  value: string,
): string {
  const { body, args, entry } = nodes;
  const json = JSON.stringify(value);
  if (!args) {
    // No "args" yet: a new member right after "command" (or at the end of the entry).
    const anchor = nodes.command?.parent ?? entry.children?.at(-1);
    if (!anchor) return splice(nodes, entry.offset + 1, 0, `"args": [${json}]`);
    const multiline = startsLine(body, anchor.offset);
    const eol = detectFormat(body).eol;
    const separator = multiline ? `,${eol}${indentAt(body, anchor.offset)}` : ', ';
    // Inserted before the comma that follows the anchor, if any, so the member list stays valid.
    return splice(nodes, end(anchor), 0, `${separator}"args": [${json}]`);
  }
  const items = args.children ?? [];
  if (items.length === 0) return splice(nodes, args.offset + 1, args.length - 2, json);
  // The separator the array already uses between items ("," + blanks or a line break).
  const between =
    items.length > 1 ? body.slice(end(items[0] as Node), (items[1] as Node).offset) : ', ';
  const separator = /^\s*,\s*$/.test(between) ? between : ', ';
  if (index < items.length) {
    const before = items[index] as Node;
    return splice(nodes, before.offset, 0, json + separator);
  }
  const last = items.at(-1) as Node;
  return splice(nodes, end(last), 0, separator + json);
}
