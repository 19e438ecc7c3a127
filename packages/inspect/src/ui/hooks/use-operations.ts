import type { Dispatch } from 'react';
import { useCallback, useState } from 'react';
import type { Tool } from '@modelcontextprotocol/client';
import type { LiveSession } from '../../core/live/live-session.js';
import type { Operation, OperationOutcome } from '../../core/live/operations.js';
import { buildResultDocument, type ResultDocument } from '../../core/result/result-document.js';
import type { AppAction } from '../app-state.js';

/** The result on screen and how to get a new one. */
export interface Operations {
  /** The document of the last outcome (shown in the right pane). */
  document: ResultDocument | undefined;
  /** The last outcome, for saving and the status line. */
  outcome: OperationOutcome | undefined;
  /** Run an operation; its result replaces the one shown. */
  run: (operation: Operation) => Promise<void>;
}

/** The result document of an outcome: the result itself, or the failure / cancel. */
export function documentOf(outcome: OperationOutcome, tool: Tool | undefined): ResultDocument {
  const { operation } = outcome;
  if (!outcome.ok)
    return buildResultDocument({
      kind: 'error',
      title: outcome.cancelled ? 'Cancelled' : 'Failed',
      message: outcome.message,
      hint: outcome.hint,
      durationMs: outcome.durationMs,
    });
  switch (operation.kind) {
    case 'tool':
      return buildResultDocument({
        kind: 'tool',
        name: operation.name,
        result: outcome.result as never,
        outputSchema: tool?.outputSchema,
        durationMs: outcome.durationMs,
      });
    case 'prompt':
      return buildResultDocument({
        kind: 'prompt',
        name: operation.name,
        result: outcome.result as never,
        durationMs: outcome.durationMs,
      });
    default:
      return buildResultDocument({
        kind: 'resource',
        uri: operation.uri,
        result: outcome.result as never,
        durationMs: outcome.durationMs,
      });
  }
}

/** Runs operations on the live session and keeps the document of the last result. */
export function useOperations(session: LiveSession, dispatch: Dispatch<AppAction>): Operations {
  const [shown, setShown] = useState<{ document: ResultDocument; outcome: OperationOutcome }>();
  const run = useCallback(
    async (operation: Operation) => {
      dispatch({ type: 'show-result' });
      const tool =
        operation.kind === 'tool'
          ? session.getState().lists.tools.items.find((t) => t.name === operation.name)
          : undefined;
      const outcome = await session.run(operation);
      setShown({ document: documentOf(outcome, tool), outcome });
    },
    [session, dispatch],
  );
  return { document: shown?.document, outcome: shown?.outcome, run };
}
