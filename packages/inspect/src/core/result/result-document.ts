import type {
  CallToolResult,
  GetPromptResult,
  ReadResourceResult,
} from '@modelcontextprotocol/client';
import { checkAgainstSchema } from '../validate.js';
import { FixedSection, TextSection, TreeSection, short, type Section } from './sections.js';
import { seg, type Segment, type StyledLine } from './styled-line.js';

/** What a result view shows: a call's result, or why it has none. */
export type ResultInput =
  | {
      kind: 'tool';
      /** The tool called. */
      name: string;
      result: CallToolResult;
      /** The tool's outputSchema, when it declares one: structuredContent is checked against it. */
      outputSchema?: object;
      durationMs: number;
    }
  | {
      kind: 'resource';
      /** The URI read. */ uri: string;
      result: ReadResourceResult;
      durationMs: number;
    }
  | {
      kind: 'prompt';
      /** The prompt got. */ name: string;
      result: GetPromptResult;
      durationMs: number;
    }
  | {
      kind: 'error';
      /** What failed, short: "timed out", "cancelled", "MCP error -32602". */
      title: string;
      message: string;
      /** What to do about it. */
      hint?: string;
      durationMs?: number;
      /** The person cancelled the call (shown as such, not as a failure). */
      cancelled?: boolean;
    };

/** The kind of result a document shows. */
export type ResultKind = ResultInput['kind'];

/** The fields of a content block this view reads; the rest is shown as JSON. */
interface Block {
  type: string;
  text?: unknown;
  data?: unknown;
  mimeType?: unknown;
  uri?: unknown;
  name?: unknown;
  resource?: { uri?: unknown; mimeType?: unknown; text?: unknown; blob?: unknown };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Decoded size of base64 data, readable: "812 B", "12.3 KB", "4.2 MB". */
export function formatBase64Size(data: string): string {
  const length = data.length;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const bytes = Math.max(0, Math.floor((length * 3) / 4) - padding);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A text as a JSON tree when it is a JSON object or array, else wrapped text. */
function textOrJson(text: string, indent: number, json = false): Section {
  const first = text.trimStart()[0];
  if (json || first === '{' || first === '[') {
    try {
      return new TreeSection(JSON.parse(text), indent);
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return new TextSection(text, 'plain', indent);
}

function heading(...segments: Segment[]): FixedSection {
  return new FixedSection([segments]);
}

/** The sections of one content block (tool result, prompt message, embedded resource). */
function blockSections(block: Block, indent: number, label: string): Section[] {
  const pad = indent > 0 ? [seg(' '.repeat(indent))] : [];
  const title = label ? [seg(label, 'heading'), seg(' ')] : [];
  switch (block.type) {
    case 'text': {
      const body = textOrJson(str(block.text), indent);
      return label ? [heading(...pad, seg(label, 'heading')), body] : [body];
    }
    case 'image':
    case 'audio':
      return [
        heading(
          ...pad,
          ...title,
          seg(`[${block.type}] `, 'muted'),
          seg(`${short(str(block.mimeType) || '?')} ${formatBase64Size(str(block.data))}`),
        ),
      ];
    case 'resource_link':
      return [
        heading(
          ...pad,
          ...title,
          seg('[resource link] ', 'muted'),
          seg(short(str(block.uri)), 'string'),
          ...(block.name ? [seg(`  ${short(str(block.name))}`)] : []),
        ),
      ];
    case 'resource': {
      const resource = block.resource ?? {};
      return resourceSections(resource, indent, [...title, seg('[resource] ', 'muted')]);
    }
    default:
      return [
        heading(...pad, ...title, seg(`[${short(block.type)}]`, 'muted')),
        new TreeSection(block, indent),
      ];
  }
}

/** One resource's contents: its URI and MIME type, then its text (or JSON), or its blob's size. */
function resourceSections(
  contents: { uri?: unknown; mimeType?: unknown; text?: unknown; blob?: unknown },
  indent: number,
  prefix: Segment[] = [],
): Section[] {
  const pad = indent > 0 ? [seg(' '.repeat(indent))] : [];
  const mime = str(contents.mimeType);
  const line: Segment[] = [...pad, ...prefix, seg(short(str(contents.uri)), 'string')];
  if (mime) line.push(seg(`  ${short(mime)}`, 'muted'));
  if (typeof contents.text === 'string')
    return [heading(...line), textOrJson(contents.text, indent + 2, /json/i.test(mime))];
  line.push(seg(`  blob ${formatBase64Size(str(contents.blob))}`));
  return [heading(...line)];
}

function statusLine(input: ResultInput): StyledLine {
  const duration =
    input.durationMs === undefined ? [] : [seg(`  ${Math.round(input.durationMs)} ms`, 'muted')];
  switch (input.kind) {
    case 'tool':
      return [
        input.result.isError ? seg('✗ tool error', 'error') : seg('✓ ok', 'ok'),
        seg(`  ${short(input.name)}`, 'heading'),
        ...duration,
      ];
    case 'resource':
      return [seg('✓ ok', 'ok'), seg(`  ${short(input.uri)}`, 'heading'), ...duration];
    case 'prompt':
      return [seg('✓ ok', 'ok'), seg(`  ${short(input.name)}`, 'heading'), ...duration];
    case 'error':
      return input.cancelled || /^cancel/i.test(input.title)
        ? [seg('⊘ cancelled', 'warning'), ...duration]
        : [seg(`✗ ${short(input.title)}`, 'error'), ...duration];
  }
}

function contentSections(blocks: readonly Block[], indent: number): Section[] {
  return blocks.flatMap((block, i) =>
    blockSections(block, indent, blocks.length > 1 ? `${i + 1}/${blocks.length}` : ''),
  );
}

function toolSections(input: Extract<ResultInput, { kind: 'tool' }>): Section[] {
  const { result, outputSchema } = input;
  const sections = contentSections((result.content ?? []) as Block[], 0);
  const structured = result.structuredContent;
  let check: Segment[] = [];
  if (outputSchema && !result.isError) {
    const problem =
      structured === undefined
        ? 'the tool declares an outputSchema but returned no structuredContent'
        : checkAgainstSchema(structured, outputSchema);
    check = problem
      ? [seg('  ✗ does not match outputSchema: ', 'error'), seg(short(problem), 'error')]
      : [seg('  ✓ matches outputSchema', 'ok')];
  }
  if (structured !== undefined) {
    sections.push(heading(seg('structuredContent', 'heading'), ...check));
    sections.push(new TreeSection(structured, 0));
  } else if (check.length > 0) {
    sections.push(heading(seg('structuredContent', 'heading'), ...check));
  }
  return sections;
}

function bodySections(input: ResultInput): Section[] {
  switch (input.kind) {
    case 'tool':
      return toolSections(input);
    case 'resource':
      return input.result.contents.flatMap((contents) => resourceSections(contents, 0));
    case 'prompt': {
      const sections: Section[] = [];
      if (input.result.description)
        sections.push(new TextSection(input.result.description, 'muted'));
      for (const message of input.result.messages) {
        sections.push(heading(seg(`${short(String(message.role))}:`, 'heading')));
        sections.push(...blockSections(message.content as Block, 2, ''));
      }
      return sections;
    }
    case 'error':
      return [
        new TextSection(input.message, 'error'),
        ...(input.hint ? [new TextSection(input.hint, 'muted')] : []),
      ];
  }
}

/**
 * A result as lines for a terminal of any width: a status line, then the content blocks
 * (text wrapped, JSON as foldable trees, binaries summarised), then structuredContent and
 * its outputSchema check; or, with {@link ResultDocument.toggleRaw}, the whole result as
 * one JSON tree. Only the lines asked for are made.
 */
export class ResultDocument {
  /** Tool, resource, prompt, or a failed call. */
  readonly kind: ResultKind;
  /** The tool or prompt name, the resource URI, or the failure's title (for file names). */
  readonly name: string;
  private readonly input: ResultInput;
  private readonly pretty: Section[];
  private rawSections: Section[] | undefined;
  private showRaw = false;

  constructor(input: ResultInput) {
    this.input = input;
    this.kind = input.kind;
    this.name =
      input.kind === 'resource' ? input.uri : input.kind === 'error' ? input.title : input.name;
    this.pretty = [new FixedSection([statusLine(input)]), ...bodySections(input)];
  }

  /** Whether the whole result is shown as one JSON tree. */
  get raw(): boolean {
    return this.showRaw;
  }

  /** Switches between the readable view and the raw JSON (built on first use). */
  toggleRaw(): void {
    this.showRaw = !this.showRaw;
    this.rawSections ??= [
      new FixedSection([statusLine(this.input)]),
      new TreeSection(this.toJSON(), 0),
    ];
  }

  /** Lines at this width. */
  lineCount(width: number): number {
    let total = 0;
    for (const section of this.sections()) total += section.lineCount(width);
    return total;
  }

  /** Lines `start` to `start + count` (fewer at the end) at this width. */
  lines(start: number, count: number, width: number): StyledLine[] {
    const out: StyledLine[] = [];
    let offset = 0;
    for (const section of this.sections()) {
      if (out.length >= count) break;
      const size = section.lineCount(width);
      const from = start + out.length - offset;
      if (from < size) out.push(...section.lines(Math.max(0, from), count - out.length, width));
      offset += size;
    }
    return out;
  }

  /**
   * Folds or unfolds the JSON object or array opened (or closed) on line `index` at this
   * width. Returns the line of its opener, or undefined when that line does not fold.
   */
  toggleFold(index: number, width: number): number | undefined {
    let offset = 0;
    for (const section of this.sections()) {
      const size = section.lineCount(width);
      if (index < offset + size) {
        const opener = section.toggleFold?.(index - offset, width);
        return opener === undefined ? undefined : offset + opener;
      }
      offset += size;
    }
    return undefined;
  }

  /** Folds (true) or unfolds (false) every JSON tree below its top level. */
  foldAll(fold: boolean): void {
    for (const section of this.sections()) section.foldAll?.(fold);
  }

  /** What is saved to a file: the result as the server sent it, or the failure. */
  toJSON(): unknown {
    const input = this.input;
    if (input.kind !== 'error') return input.result;
    return {
      error: input.title,
      message: input.message,
      ...(input.hint ? { hint: input.hint } : {}),
    };
  }

  private sections(): Section[] {
    return this.showRaw && this.rawSections ? this.rawSections : this.pretty;
  }
}

/** Builds the document of a result; parses JSON text and indexes trees once. */
export function buildResultDocument(input: ResultInput): ResultDocument {
  return new ResultDocument(input);
}
