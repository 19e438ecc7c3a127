import { Box, Text } from 'ink';
import type { StderrLog } from '../../core/live/stderr-log.js';
import { useLogVersion } from '../hooks/use-log-version.js';
import { useScroll } from '../hooks/use-scroll.js';
import { fit } from '../text.js';

/** Props of {@link StderrPane}. */
export interface StderrPaneProps {
  /** The server's stderr. */
  log: StderrLog;
  /** Columns available; longer lines are cut with `…`. */
  width: number;
  /** Rows available, the exit line included. */
  height: number;
  /** Whether this pane takes the keys. */
  isActive: boolean;
  /** How the server process ended, once it has. */
  exit?: { code: number | null; signal: string | null };
}

/** How a server process ended, in words. */
export function describeExit(exit: { code: number | null; signal: string | null }): string {
  if (exit.signal) return `server stopped by signal ${exit.signal}`;
  return `server exited with code ${exit.code ?? 'unknown'}`;
}

/** A stdio server's stderr, windowed and scrollable, following new lines at the bottom. */
export function StderrPane({ log, width, height, isActive, exit }: StderrPaneProps) {
  useLogVersion(log);
  const lines = log.lines();
  const dropped = log.dropped;
  const rows = Math.max(1, height - (exit ? 1 : 0));
  const { cursor, top } = useScroll<number>({
    count: lines.length,
    height: rows,
    isActive,
    // A line's number counts the evicted ones, so it stays the same as lines go.
    anchorAt: (index) => dropped + index,
    indexOf: (line) =>
      line >= dropped && line < dropped + lines.length ? line - dropped : undefined,
  });

  return (
    <Box flexDirection="column" width={width} height={height}>
      {exit ? (
        <Text color={exit.code === 0 && !exit.signal ? undefined : 'red'} wrap="truncate-end">
          {fit(describeExit(exit), width)}
        </Text>
      ) : null}
      {lines.length === 0 ? (
        <Text dimColor>no stderr yet</Text>
      ) : (
        lines.slice(top, top + rows).map((line, offset) => (
          <Text
            key={dropped + top + offset}
            inverse={isActive && top + offset === cursor}
            wrap="truncate-end"
          >
            {fit(line, width) || ' '}
          </Text>
        ))
      )}
    </Box>
  );
}
