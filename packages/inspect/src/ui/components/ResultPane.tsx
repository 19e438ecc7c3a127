import { Box, Text } from 'ink';
import type { Dispatch } from 'react';
import type { LiveState } from '../../core/live/live-session.js';
import { defaultResultPath, saveResult } from '../../core/result/save-result.js';
import type { AppAction } from '../app-state.js';
import type { Operations } from '../hooks/use-operations.js';
import type { KeyInbox } from '../key-inbox.js';
import { fit } from '../text.js';
import { CallStatus } from './CallStatus.js';
import { ResultView } from './ResultView.js';
import { SavePrompt } from './SavePrompt.js';

/** Props of {@link ResultPane}. */
export interface ResultPaneProps {
  live: LiveState;
  operations: Operations;
  saving: boolean;
  isActive: boolean;
  width: number;
  height: number;
  cwd: string;
  now: () => number;
  dispatch: Dispatch<AppAction>;
  flash: (text: string, tone?: 'info' | 'error') => void;
  /** Keys typed before the save prompt listened. */
  inbox?: KeyInbox;
}

/** The running call's progress, or the last result, scrollable, with saving on `w`. */
export function ResultPane(props: ResultPaneProps) {
  const { live, operations, width, height, dispatch } = props;
  if (live.call) return <CallStatus call={live.call} width={width} now={props.now} />;
  const { document, outcome } = operations;
  if (!document || !outcome) return <Text dimColor>{fit('No result yet.', width)}</Text>;
  const operation = outcome.operation;
  const name = operation.kind === 'resource' ? operation.uri : operation.name;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ResultView
        document={document}
        width={width}
        height={props.saving ? height - 2 : height}
        isActive={props.isActive}
        onSave={() => dispatch({ type: 'saving', saving: true })}
      />
      {props.saving ? (
        <SavePrompt
          defaultPath={defaultResultPath(operation.kind, name, new Date(props.now()))}
          onSave={async (path) => {
            const written = await saveResult(path, document.toJSON(), { cwd: props.cwd });
            dispatch({ type: 'saving', saving: false });
            props.flash(`Saved to ${written}`);
          }}
          onCancel={() => dispatch({ type: 'saving', saving: false })}
          inbox={props.inbox}
        />
      ) : null}
    </Box>
  );
}
