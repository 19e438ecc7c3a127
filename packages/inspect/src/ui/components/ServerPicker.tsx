import { Box, Text, useApp, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { ConfiguredServerSummary } from '@mcpkit/shared/configured-servers';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { fuzzyFilter } from '../../core/fuzzy.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { KEYS } from '../key-bindings.js';
import { fit, pad } from '../text.js';

/** Props of {@link ServerPicker}. */
export interface ServerPickerProps {
  servers: readonly ConfiguredServerSummary[];
  /** Config files that could not be read, shown under the list. */
  problems: readonly { file: string; message: string }[];
  onPick: (server: ConfiguredServerSummary) => void;
  onQuit: () => void;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Choose a server from every known client's config: name, client, command. */
export function ServerPicker({ servers, problems, onPick, onQuit }: ServerPickerProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);
  const [selected, setSelected] = useState(0);
  const filterRef = useRef('');
  const shown = useMemo(
    () => fuzzyFilter(servers, filter, (server) => `${server.name} ${server.client}`),
    [servers, filter],
  );
  const pick = (index: number) => {
    const server = shown[index];
    if (!server) return;
    onPick(server);
    exit();
  };
  useInput((input, key) => {
    if (KEYS.forceQuit(input, key)) {
      onQuit();
      return exit();
    }
    if (filtering) {
      if (key.escape) {
        filterRef.current = '';
        setFiltering(false);
      } else if (key.return) setFiltering(false);
      else if (key.backspace || key.delete) filterRef.current = filterRef.current.slice(0, -1);
      else if (!key.ctrl && !key.meta && !key.upArrow && !key.downArrow) {
        const [typed = '', ...rest] = input.split(/\r\n|\r|\n/);
        filterRef.current += typed.replace(CONTROL, '');
        if (rest.length > 0) setFiltering(false);
      }
      setFilter(filterRef.current);
      setSelected(0);
      return;
    }
    if (KEYS.quit(input, key) || KEYS.back(input, key)) {
      onQuit();
      exit();
    } else if (KEYS.filter(input, key)) setFiltering(true);
    else if (KEYS.up(input, key)) setSelected((i) => Math.max(0, i - 1));
    else if (KEYS.down(input, key)) setSelected((i) => Math.min(shown.length - 1, i + 1));
    else if (KEYS.top(input, key)) setSelected(0);
    else if (KEYS.bottom(input, key)) setSelected(Math.max(0, shown.length - 1));
    else if (KEYS.open(input, key)) pick(selected);
  });
  const width = Math.max(20, columns);
  const listHeight = Math.max(3, rows - 5 - Math.min(3, problems.length));
  const top = Math.max(
    0,
    Math.min(selected - Math.floor(listHeight / 2), shown.length - listHeight),
  );
  const nameWidth = Math.min(24, Math.floor(width * 0.3));
  const clientWidth = 22;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{fit('Choose a server (from your MCP clients’ configs)', width)}</Text>
      <Text color="cyan">
        {fit(filtering || filter ? `/${filter}${filtering ? '▏' : ''}` : ' ', width)}
      </Text>
      {servers.length === 0 ? (
        <Text dimColor>
          {fit(
            'No client config defines a server. Start one directly: mcp-inspect -- <command>, or --url URL.',
            width,
          )}
        </Text>
      ) : (
        shown.slice(top, top + listHeight).map((server, offset) => {
          const index = top + offset;
          const line =
            pad(`${index === selected ? '›' : ' '} ${server.name}`, nameWidth) +
            ' ' +
            pad(
              `${server.client}${server.scope === 'user' ? '' : ` (${server.scope})`}`,
              clientWidth,
            ) +
            ' ' +
            fit(
              `${maskSecretsInText(server.summary)}${server.shadowed ? '  [shadowed]' : ''}`,
              Math.max(0, width - nameWidth - clientWidth - 2),
            );
          return (
            <Text
              key={`${server.client}:${server.file}:${server.name}`}
              inverse={index === selected}
              dimColor={server.shadowed && index !== selected}
            >
              {pad(line, width)}
            </Text>
          );
        })
      )}
      {problems.slice(0, 3).map((problem) => (
        <Text key={problem.file} color="yellow">
          {fit(`${problem.file}: ${problem.message}`, width)}
        </Text>
      ))}
      <Text dimColor>{fit('Enter connect · / filter · ↑↓ move · q quit', width)}</Text>
    </Box>
  );
}
