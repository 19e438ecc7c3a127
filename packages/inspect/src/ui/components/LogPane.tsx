import { Box, Text } from 'ink';
import type { NotificationLog } from '../../core/live/notification-log.js';
import { useLogVersion } from '../hooks/use-log-version.js';
import { useScroll } from '../hooks/use-scroll.js';
import { clockTime, fit } from '../text.js';

/** Props of {@link LogPane}. */
export interface LogPaneProps {
  /** The server's log messages. */
  log: NotificationLog;
  /** Columns available; longer rows are cut with `…`. */
  width: number;
  /** Rows available. */
  height: number;
  /** Whether this pane takes the keys. */
  isActive: boolean;
}

/** The colour of a syslog level: debug dim, notice and warning yellow, error and worse red. */
export function levelStyle(level: string): { color?: string; dimColor?: boolean } {
  switch (level) {
    case 'debug':
      return { dimColor: true };
    case 'notice':
    case 'warning':
      return { color: 'yellow' };
    case 'error':
    case 'critical':
    case 'alert':
    case 'emergency':
      return { color: 'red' };
    default:
      return {};
  }
}

/** The server's log notifications: time, level (coloured), logger, text; windowed. */
export function LogPane({ log, width, height, isActive }: LogPaneProps) {
  useLogVersion(log);
  const entries = log.entries();
  const first = entries[0]?.seq ?? 0;
  const { cursor, top } = useScroll<number>({
    count: entries.length,
    height,
    isActive,
    anchorAt: (index) => first + index,
    indexOf: (seq) => (seq >= first && seq < first + entries.length ? seq - first : undefined),
  });

  if (entries.length === 0) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text dimColor>no log messages yet</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {entries.slice(top, top + height).map((entry, offset) => {
        const time = `${clockTime(entry.time)} `;
        const level = fit(entry.level, 9).padEnd(10);
        const logger = entry.logger ? `${fit(entry.logger, 24)}: ` : '';
        const room = Math.max(0, width - time.length - level.length - logger.length);
        return (
          <Text key={entry.seq} inverse={isActive && top + offset === cursor} wrap="truncate-end">
            <Text dimColor>{fit(time, width)}</Text>
            <Text {...levelStyle(entry.level)}>{fit(level, Math.max(0, width - time.length))}</Text>
            <Text bold>{fit(logger, Math.max(0, width - time.length - level.length))}</Text>
            {fit(entry.text, room)}
          </Text>
        );
      })}
    </Box>
  );
}
