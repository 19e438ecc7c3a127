import { Box, Text } from 'ink';
import type { RunningCall } from '../../core/live/live-session.js';
import { describeOperation } from '../../core/live/operations.js';
import { useTicker } from '../hooks/use-ticker.js';
import { fit } from '../text.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Props of {@link CallStatus}. */
export interface CallStatusProps {
  call: RunningCall;
  width: number;
  now?: () => number;
}

/** A spinner with the elapsed time, a progress bar from progress notifications, and how to cancel. */
export function CallStatus({ call, width, now = Date.now }: CallStatusProps) {
  const tick = useTicker(true);
  const elapsed = ((now() - call.startedAt) / 1000).toFixed(1);
  const { progress } = call;
  let bar = '';
  if (progress) {
    const ratio =
      progress.total && progress.total > 0
        ? Math.max(0, Math.min(1, progress.progress / progress.total))
        : undefined;
    const barWidth = Math.max(10, Math.min(40, width - 24));
    bar =
      ratio === undefined
        ? `progress ${progress.progress}`
        : `${'█'.repeat(Math.round(ratio * barWidth))}${'░'.repeat(barWidth - Math.round(ratio * barWidth))} ${progress.progress}/${progress.total}`;
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text color="yellow">
        {fit(
          `${SPINNER[tick % SPINNER.length]} ${call.cancelling ? 'cancelling' : describeOperation(call.operation)}… ${elapsed}s`,
          width,
        )}
      </Text>
      {bar ? <Text color="cyan">{fit(bar, width)}</Text> : null}
      {progress?.message ? <Text dimColor>{fit(progress.message, width)}</Text> : null}
      <Text dimColor>{fit('Esc cancels the call', width)}</Text>
    </Box>
  );
}
