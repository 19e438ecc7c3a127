import type {
  CallToolResult,
  GetPromptResult,
  ReadResourceResult,
} from '@modelcontextprotocol/client';
import { checkAgainstSchema } from '../validate.js';
import {
  blockSections,
  contentSections,
  heading,
  resourceSections,
  type Block,
} from './content-sections.js';
import { FixedSection, TextSection, TreeSection, short, type Section } from './sections.js';
import { seg, type Segment, type StyledLine } from './styled-line.js';

/** What a result view shows: a call's result, or why it has none. */
export type ResultInput =
  | {
      kind: 'tool';
      /** The tool called. */
      name: string;
      /** What the server answered. */
      result: CallToolResult;
      /** The tool's outputSchema, when it declares one: structuredContent is checked against it. */
      outputSchema?: object;
      /** How long the call took. */
      durationMs: number;
    }
  | {
      kind: 'resource';
      /** The URI read. */
      uri: string;
      /** What the server answered. */
      result: ReadResourceResult;
      /** How long the read took. */
      durationMs: number;
    }
  | {
      kind: 'prompt';
      /** The prompt got. */
      name: string;
      /** What the server answered. */
      result: GetPromptResult;
      /** How long the request took. */
      durationMs: number;
    }
  | {
      kind: 'error';
      /** What failed, short: "timed out", "cancelled", "MCP error -32602". */
      title: string;
      /** What happened, in a sentence or more. */
      message: string;
      /** What to do about it. */
      hint?: string;
      /** How long it ran before failing, when known. */
      durationMs?: number;
      /** The person cancelled the call (shown as such, not as a failure). */
      cancelled?: boolean;
    };

/** The kind of result a document shows. */
export type ResultKind = ResultInput['kind'];

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

function toolSections(input: Extract<ResultInput, { kind: 'tool' }>): Section[] {
  const { result, outputSchema } = input;
  const blocks = (result.content ?? []) as Block[];
  const sections = contentSections(blocks, 0);
  if (blocks.length === 0 && result.structuredContent === undefined)
    sections.push(heading(seg('(no content)', 'muted')));
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
        // One block per message; a list of blocks is read too, should a server send one.
        const content = message.content as Block | Block[];
        sections.push(
          ...(Array.isArray(content) ? contentSections(content, 2) : blockSections(content, 2, '')),
        );
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
