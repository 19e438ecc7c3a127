import { Box, Text } from 'ink';
import type { Lists } from '../../core/live/live-session.js';
import type { ListKind } from '../../core/lists.js';
import { TAB_TITLES, TABS } from '../app-state.js';
import { fit } from '../text.js';

/** Props of {@link TabBar}. */
export interface TabBarProps {
  lists: Lists;
  tab: ListKind;
  /** The current tab's filter text, and whether it is being typed. */
  filter: string;
  filtering: boolean;
  width: number;
}

/** `1 Tools 12  2 Resources 3 …` with the current tab highlighted, and the filter. */
export function TabBar({ lists, tab, filter, filtering, width }: TabBarProps) {
  const filterText = filtering || filter ? ` /${filter}${filtering ? '▏' : ''}` : '';
  return (
    <Box width={width}>
      {TABS.map((kind, index) => {
        const list = lists[kind];
        const count =
          list.status === 'loading'
            ? '…'
            : list.status === 'unsupported'
              ? '–'
              : String(list.items.length);
        const label = ` ${index + 1} ${TAB_TITLES[kind]} ${count} `;
        return kind === tab ? (
          <Text key={kind} inverse bold>
            {label}
          </Text>
        ) : (
          <Text key={kind} dimColor={list.status === 'unsupported'}>
            {label}
          </Text>
        );
      })}
      {filterText ? <Text color="cyan">{fit(filterText, Math.max(0, width - 56))}</Text> : null}
    </Box>
  );
}
