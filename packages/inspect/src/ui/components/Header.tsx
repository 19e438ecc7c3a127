import { Box, Text } from 'ink';
import type { LiveState } from '../../core/live/live-session.js';
import { fit } from '../text.js';

/** Props of {@link Header}. */
export interface HeaderProps {
  state: LiveState;
  /** How the server was reached, e.g. `uv run server.py` or `--server weather`. */
  label: string;
  width: number;
}

const WIRE = { stdio: 'stdio', 'streamable-http': 'Streamable HTTP', sse: 'HTTP+SSE' } as const;

/** Server name and version, era and protocol version, transport, connection state. */
export function Header({ state, label, width }: HeaderProps) {
  const { server, status } = state;
  const name = server ? `${server.title ?? server.name} ${server.version}`.trim() : label;
  const era = server
    ? `${server.protocolVersion ?? '?'} (${server.era === 'modern' ? '2026 era' : '2025 era'}${server.eraFallback ? ', fallback' : ''})`
    : '';
  const wire = server ? WIRE[server.wire] : '';
  const [dot, color, words] =
    status.kind === 'connected'
      ? ['●', 'green', 'connected']
      : status.kind === 'connecting'
        ? ['◌', 'yellow', state.starts > 0 ? 'reconnecting…' : 'connecting…']
        : status.kind === 'exited'
          ? [
              '✗',
              'red',
              status.signal ? `killed by ${status.signal}` : `exited (code ${status.code})`,
            ]
          : status.kind === 'failed'
            ? ['✗', 'red', 'failed']
            : ['○', 'gray', 'closed'];
  const right = `${dot} ${words}`;
  const left = [name, era, wire].filter(Boolean).join(' · ');
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold>{fit(left, Math.max(10, width - right.length - 1))}</Text>
      <Text color={color}>{right}</Text>
    </Box>
  );
}
