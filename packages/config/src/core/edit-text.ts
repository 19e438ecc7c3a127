// Where things are in a config text: the positions edit.ts needs to touch only one entry.
import { createScanner } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';

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
