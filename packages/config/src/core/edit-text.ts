// Where things are in a config text: the positions edit.ts needs to touch only one entry.
import { applyEdits, createScanner } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';

const COMMA_TOKEN = 5; // jsonc-parser's SyntaxKind.CommaToken (a const enum)
const EOF_TOKEN = 17; // jsonc-parser's SyntaxKind.EOF
// After a value: blanks, an optional comma, an optional line comment, then the line break.
const LINE_TAIL = /[ \t]*(,)?[ \t]*(\/\/[^\r\n]*)?(\r?\n)/y;

export function findProperty(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key);
}

export function end(node: Node): number {
  return node.offset + node.length;
}

export function lineStart(body: string, offset: number): number {
  return body.lastIndexOf('\n', offset - 1) + 1;
}

export function indentAt(body: string, offset: number): string {
  return /^[ \t]*/.exec(body.slice(lineStart(body, offset), offset))?.[0] ?? '';
}

/** Whether only blanks precede `offset` on its line. */
export function startsLine(body: string, offset: number): boolean {
  return /^[ \t]*$/.test(body.slice(lineStart(body, offset), offset));
}

/** The rest of a line after a member's value, when it holds nothing but a comma or comment. */
export function lineTail(body: string, offset: number): RegExpExecArray | null {
  LINE_TAIL.lastIndex = offset;
  return LINE_TAIL.exec(body);
}

/** Offset of the first comma token between two offsets (skipping comments), if any. */
export function findComma(body: string, from: number, to: number): number | undefined {
  const scanner = createScanner(body.slice(from, to), true);
  for (let kind = scanner.scan(); kind !== EOF_TOKEN; kind = scanner.scan()) {
    if (kind === COMMA_TOKEN) return from + scanner.getTokenOffset();
  }
  return undefined;
}

/**
 * Edits that remove one member of `object`: its own lines when it has them (with the comma
 * that preceded it when it was last), else the member and one separating comma; an object
 * left with nothing but blanks becomes `{}`. `compact`: a one-line (minified) file.
 */
export function removeProperty(
  body: string,
  compact: boolean,
  object: Node,
  property: Node,
): Edit[] {
  const members = object.children ?? [];
  const index = members.indexOf(property);
  const previous = members[index - 1];
  const next = members[index + 1];
  const tail = lineTail(body, end(property));
  let edits: Edit[];
  if (!compact && tail && startsLine(body, property.offset) && (tail[1] || !next)) {
    // The member has its own lines: remove them whole, and the comma that preceded it when
    // it was the last member.
    const from = lineStart(body, property.offset);
    edits = [{ offset: from, length: end(property) + tail[0].length - from, content: '' }];
    if (!tail[1] && previous) {
      const comma = findComma(body, end(previous), from);
      if (comma !== undefined) edits.push({ offset: comma, length: 1, content: '' });
    }
  } else {
    edits = removeInline(body, property, previous, next, end(object) - 1);
  }
  if (members.length === 1) {
    // The object is now empty: when nothing but blanks would remain, write it as {}.
    const open = object.offset + 1;
    const inside = body.slice(open, end(object) - 1);
    const shifted = edits.map((e) => ({ ...e, offset: e.offset - open }));
    if (applyEdits(inside, shifted).trim() === '') {
      return [{ offset: open, length: inside.length, content: '' }];
    }
  }
  return edits;
}

/** Removes a member that shares its line with others, together with one separating comma. */
function removeInline(
  body: string,
  property: Node,
  previous: Node | undefined,
  next: Node | undefined,
  close: number,
): Edit[] {
  const plain = (from: number, to: number) => /^\s*,\s*$/.test(body.slice(from, to));
  if (previous && plain(end(previous), property.offset)) {
    return [{ offset: end(previous), length: end(property) - end(previous), content: '' }];
  }
  if (next && plain(end(property), next.offset)) {
    return [{ offset: property.offset, length: next.offset - property.offset, content: '' }];
  }
  const edits: Edit[] = [{ offset: property.offset, length: property.length, content: '' }];
  // Comments sit between the member and its neighbours: keep them, drop one comma.
  const comma = previous
    ? findComma(body, end(previous), property.offset)
    : findComma(body, end(property), next ? next.offset : close);
  if (comma !== undefined) edits.push({ offset: comma, length: 1, content: '' });
  return edits;
}
