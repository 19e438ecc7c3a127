import {
  LOG_LEVEL_META_KEY,
  type CallToolResult,
  type GetPromptResult,
  type ReadResourceResult,
  type Tool,
} from '@modelcontextprotocol/client';
import { InspectError } from '../errors.js';
import type { InspectSession } from '../session.js';
import type { HistoryEntry } from './history-store.js';

/** Something a person asks of the server from the TUI. */
export type Operation =
  | { kind: 'tool'; name: string; arguments: Record<string, unknown> }
  | { kind: 'prompt'; name: string; arguments: Record<string, string> }
  | { kind: 'resource'; uri: string }
  | {
      kind: 'template';
      /** The template, e.g. `weather://{city}`. */
      name: string;
      /** Its variables, as filled in. */
      arguments: Record<string, string>;
      /** The URI they make, which is read. */
      uri: string;
    };

/** How an operation ended. */
export type OperationOutcome =
  | {
      ok: true;
      operation: Operation;
      result: CallToolResult | GetPromptResult | ReadResourceResult;
      /** A tool's own error result (`isError`). */
      isError: boolean;
      durationMs: number;
      /** The first line of the result, bounded (for the history). */
      summary: string;
    }
  | {
      ok: false;
      operation: Operation;
      /** Stopped by the person (Esc) rather than failed. */
      cancelled: boolean;
      durationMs: number;
      message: string;
      hint?: string;
    };

/** Options of {@link runOperation}. */
export interface RunOptions {
  /** Aborting it cancels the request on the server too. */
  signal: AbortSignal;
  /** The tool's definition, for a tool call. */
  tool?: Tool;
  onProgress: (progress: { progress: number; total?: number; message?: string }) => void;
  now: () => number;
}

/** What the operation is called in messages: `calling "x"`, `reading y`. */
export function describeOperation(operation: Operation): string {
  switch (operation.kind) {
    case 'tool':
      return `calling "${operation.name}"`;
    case 'prompt':
      return `getting prompt "${operation.name}"`;
    default:
      return `reading ${operation.uri}`;
  }
}

/**
 * Send one operation, bounded like every request of the session (`--timeout`, reset by
 * progress for tool calls, and `--max-time`). Never throws: failures and cancels are outcomes.
 */
export async function runOperation(
  session: InspectSession,
  operation: Operation,
  options: RunOptions,
): Promise<OperationOutcome> {
  const started = options.now();
  const what = describeOperation(operation);
  try {
    type Result = CallToolResult | GetPromptResult | ReadResourceResult;
    const result = await session.request<Result>(
      what,
      options.signal,
      (requestOptions): Promise<Result> => {
        const client = session.client;
        switch (operation.kind) {
          case 'tool':
            return client.callTool(
              {
                name: operation.name,
                arguments: operation.arguments,
                // On 2026-07-28 a server logs only when the request asks for a level.
                ...(client.getProtocolEra() === 'modern'
                  ? { _meta: { [LOG_LEVEL_META_KEY]: 'debug' } }
                  : {}),
              },
              {
                ...requestOptions,
                // The result view checks the output itself, next to the result.
                ...(options.tool
                  ? { toolDefinition: { ...options.tool, outputSchema: undefined } }
                  : {}),
                resetTimeoutOnProgress: true,
                onprogress: options.onProgress,
              },
            ) as Promise<CallToolResult>;
          case 'prompt':
            return client.getPrompt(
              { name: operation.name, arguments: operation.arguments },
              requestOptions,
            );
          default:
            return client.readResource({ uri: operation.uri }, requestOptions);
        }
      },
    );
    const isError = operation.kind === 'tool' && (result as CallToolResult).isError === true;
    return {
      ok: true,
      operation,
      result,
      isError,
      durationMs: Math.round(options.now() - started),
      summary: summarize(result),
    };
  } catch (error) {
    const durationMs = Math.round(options.now() - started);
    if (options.signal.aborted) {
      return {
        ok: false,
        operation,
        cancelled: true,
        durationMs,
        message: `Cancelled after ${durationMs} ms (the server was sent notifications/cancelled).`,
      };
    }
    const failure =
      error instanceof InspectError
        ? error
        : new InspectError(1, error instanceof Error ? error.message : String(error));
    return {
      ok: false,
      operation,
      cancelled: false,
      durationMs,
      message: failure.message,
      hint: failure.hint,
    };
  }
}

/** The first text of a result, on one line, at most 200 characters. */
function summarize(result: CallToolResult | GetPromptResult | ReadResourceResult): string {
  let text = '';
  if ('content' in result && Array.isArray(result.content)) {
    const block = result.content.find((b) => b.type === 'text') as { text?: string } | undefined;
    text = block?.text ?? (result.content.length > 0 ? `[${result.content[0]!.type}]` : '');
  } else if ('contents' in result && Array.isArray(result.contents)) {
    const first = result.contents[0] as { text?: string; blob?: string } | undefined;
    text = first?.text ?? (first?.blob !== undefined ? '[blob]' : '');
  } else if ('messages' in result && Array.isArray(result.messages)) {
    const content = result.messages[0]?.content as { text?: string } | undefined;
    text = content?.text ?? '';
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** How the history remembers an outcome. */
export function historyEntryOf(outcome: OperationOutcome): Omit<HistoryEntry, 'id' | 'time'> {
  const { operation } = outcome;
  return {
    kind: operation.kind,
    name: operation.kind === 'resource' ? operation.uri : operation.name,
    arguments: operation.kind === 'resource' ? {} : operation.arguments,
    outcome: outcome.ok
      ? outcome.isError
        ? 'error'
        : 'ok'
      : outcome.cancelled
        ? 'cancelled'
        : 'failed',
    durationMs: outcome.durationMs,
    summary: outcome.ok ? outcome.summary : outcome.message,
  };
}
