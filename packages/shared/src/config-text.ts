import path from 'node:path';
import { createScanner, getNodeValue, parseTree } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';

/** A position in a config file; line and column are 1-based (columns count UTF-16 units). */
export interface SourceLocation {
  /** File the position is in. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 0-based offset into the text (after any BOM). */
  offset: number;
}

/** What kind of problem a {@link ConfigError} reports. */
export type ConfigErrorCode =
  | 'not-found'
  | 'read-failed'
  | 'empty-file'
  | 'syntax'
  | 'comment'
  | 'trailing-comma'
  | 'duplicate-key'
  | 'invalid-shape'
  | 'unsupported'
  | 'unknown-server'
  | 'not-a-file'
  | 'too-large';

/** A problem with a config file, worded for the user, with where it is when known. */
export class ConfigError extends Error {
  /** What kind of problem this is. */
  readonly code: ConfigErrorCode;
  /** File the problem is in. */
  readonly file: string;
  /** Where in the file, when the problem has a position. */
  readonly location: SourceLocation | undefined;
  /** The problem without the `file:line:col:` prefix. */
  readonly reason: string;

  constructor(code: ConfigErrorCode, file: string, reason: string, location?: SourceLocation) {
    const where = location ? `${file}:${location.line}:${location.column}` : file;
    super(`${where}: ${reason}`);
    this.name = 'ConfigError';
    this.code = code;
    this.file = file;
    this.location = location;
    this.reason = reason;
  }
}

/** Options of {@link parseConfigText}. */
export interface ParseConfigOptions {
  /** File name used in messages and locations. */
  file: string;
  /** Accept comments and trailing commas (VS Code's JSONC); otherwise strict JSON. */
  allowJsonc: boolean;
}

/** A parsed config file: its value, its syntax tree and a way to locate tree nodes. */
export interface ParsedConfig {
  /** File name as given. */
  file: string;
  /** Text without its BOM; offsets refer to it. */
  text: string;
  /** Root node of the syntax tree (always an object). */
  root: Node;
  /** The plain JSON value of the whole file. */
  value: Record<string, unknown>;
  /** Turns an offset into a line and column. */
  locate(offset: number): SourceLocation;
}

const SYNTAX_WORDS: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'expected a property name in double quotes',
  4: 'expected a value',
  5: 'expected ":" after the property name',
  6: 'expected "," between items',
  7: 'expected "}" to close the object',
  8: 'expected "]" to close the array',
  9: 'unexpected content after the end of the JSON value',
  10: 'invalid comment',
  11: 'unterminated comment',
  12: 'unterminated string',
  13: 'unterminated number',
  14: 'invalid unicode escape in string',
  15: 'invalid escape character in string',
  16: 'invalid character in string (control characters must be escaped)',
};
/**
 * Deepest nesting of objects and arrays read. Real configs nest a handful of levels; the
 * bound keeps recursive code (jsonc-parser's parseTree, the duplicate-key walk) far from
 * the stack limit, which a file nested ~2,000 levels deep reaches.
 */
export const MAX_NESTING = 256;

const TRUNCATION_CODES = new Set([3, 4, 5, 6, 7, 8, 11, 12, 13]);
const UNTERMINATED_CODES = new Set([11, 12, 13]);
// jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot import.
const KIND = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  lineComment: 12,
  blockComment: 13,
  lineBreak: 14,
  trivia: 15,
  eof: 17,
};

/**
 * Parses a client config file, strictly or as JSONC, and throws a {@link ConfigError} for
 * the first problem: empty file, syntax error (truncation said as such), comment or
 * trailing comma where the client forbids them, duplicate key, or a top level that is
 * not an object. A UTF-8 BOM is ignored.
 */
export function parseConfigText(text: string, options: ParseConfigOptions): ParsedConfig {
  const { file } = options;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const locate = locator(file, body);
  if (body.trim() === '') {
    throw new ConfigError(
      'empty-file',
      file,
      'the file is empty — expected a JSON object such as {"mcpServers": {}}',
    );
  }
  // One iterative pass first: it throws on excessive nesting before any recursive code runs.
  const strict = scanTokens(body, locate, file, !options.allowJsonc);
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigError[] = errors.map((e) => syntaxError(e, body, locate, file));
  problems.push(...strict);
  if (root) problems.push(...duplicateKeys(root, locate, file));
  problems.sort((a, b) => (a.location?.offset ?? 0) - (b.location?.offset ?? 0));
  const first = problems[0];
  if (first) throw first;
  if (!root || root.type !== 'object') {
    const found = root ? describeNode(root) : 'nothing';
    throw new ConfigError(
      'invalid-shape',
      file,
      `the top level must be a JSON object, found ${found}`,
      locate(0),
    );
  }
  return { file, text: body, root, value: getNodeValue(root) as Record<string, unknown>, locate };
}

/** Names a node's JSON type for messages: "a string", "an array"… */
export function describeNode(node: Node): string {
  return describeValue(getNodeValue(node));
}

/** Names a value's JSON type for messages: "a string", "an array", "null"… */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  return `a ${typeof value}`;
}

function syntaxError(
  e: ParseError,
  text: string,
  locate: (o: number) => SourceLocation,
  file: string,
): ConfigError {
  // Missing closers are reported at the end; unterminated tokens run up to it.
  const end = text.trimEnd().length;
  const truncated =
    e.offset >= end || (UNTERMINATED_CODES.has(e.error) && e.offset + e.length >= end);
  if (truncated && TRUNCATION_CODES.has(e.error)) {
    return new ConfigError(
      'syntax',
      file,
      'unexpected end of file — the file looks truncated',
      locate(e.offset),
    );
  }
  const quoted =
    text[e.offset] === "'" ? 'single quotes are not allowed: use double quotes' : undefined;
  const words = quoted ?? SYNTAX_WORDS[e.error] ?? 'syntax error';
  const near = JSON.stringify(text.slice(e.offset, e.offset + Math.max(e.length, 1)).slice(0, 20));
  return new ConfigError('syntax', file, `${words} (at ${near})`, locate(e.offset));
}

/**
 * Throws a {@link ConfigError} at the first object or array nested deeper than
 * {@link MAX_NESTING} (iteratively: safe at any depth). A text that passes can be given to
 * jsonc-parser's recursive functions.
 */
export function checkNesting(text: string, file: string): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  scanTokens(body, locator(file, body), file, false);
}

/** Checks nesting; with `strict`, also returns the comments and trailing commas found. */
function scanTokens(
  text: string,
  locate: (o: number) => SourceLocation,
  file: string,
  strict: boolean,
): ConfigError[] {
  const problems: ConfigError[] = [];
  const name = path.basename(file.replace(/\\/g, '/'));
  const scanner = createScanner(text, false);
  let lastComma: number | undefined;
  let depth = 0;
  for (let kind = scanner.scan(); kind !== KIND.eof; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (kind === KIND.openBrace || kind === KIND.openBracket) {
      if (++depth > MAX_NESTING) {
        throw new ConfigError(
          'syntax',
          file,
          `objects and arrays are nested more than ${MAX_NESTING} levels deep here; no client config needs that, so the file is not read`,
          locate(offset),
        );
      }
    } else if (kind === KIND.closeBrace || kind === KIND.closeBracket) {
      depth = Math.max(depth - 1, 0);
    }
    if (!strict) continue;
    if (kind === KIND.lineComment || kind === KIND.blockComment) {
      problems.push(
        new ConfigError(
          'comment',
          file,
          `comments are not allowed in ${name} (it must be plain JSON)`,
          locate(offset),
        ),
      );
      continue;
    }
    if (kind === KIND.lineBreak || kind === KIND.trivia) continue;
    if ((kind === KIND.closeBrace || kind === KIND.closeBracket) && lastComma !== undefined) {
      problems.push(
        new ConfigError(
          'trailing-comma',
          file,
          `trailing comma before "${kind === KIND.closeBrace ? '}' : ']'}" is not allowed in ${name}`,
          locate(lastComma),
        ),
      );
    }
    lastComma = kind === KIND.comma ? offset : undefined;
  }
  return problems;
}

function duplicateKeys(
  node: Node,
  locate: (o: number) => SourceLocation,
  file: string,
): ConfigError[] {
  const problems: ConfigError[] = [];
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (!key || typeof key.value !== 'string') continue;
      const earlier = seen.get(key.value);
      if (earlier) {
        const first = locate(earlier.offset);
        problems.push(
          new ConfigError(
            'duplicate-key',
            file,
            `duplicate key ${JSON.stringify(key.value)} (first defined at line ${first.line}, column ${first.column}); clients silently keep only the last one`,
            locate(key.offset),
          ),
        );
      } else {
        seen.set(key.value, key);
      }
    }
  }
  for (const child of node.children ?? []) problems.push(...duplicateKeys(child, locate, file));
  return problems;
}

function locator(file: string, text: string): (offset: number) => SourceLocation {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // "\r\n" is one line break; so are a lone "\r" and "\n".
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset };
  };
}
