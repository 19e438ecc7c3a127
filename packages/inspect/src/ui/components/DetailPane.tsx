import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { ListKind } from '../../core/lists.js';
import { outlineSchema } from '../../core/schema-outline.js';
import { fit, wrap } from '../text.js';

/** A line of the detail pane. */
export interface DetailLine {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

/** Props of {@link DetailPane}. */
export interface DetailPaneProps {
  kind: ListKind;
  /** The selected tool, resource, template or prompt, as the server sent it. */
  item: Record<string, unknown> | undefined;
  width: number;
  height: number;
  /** Show the item's raw JSON instead. */
  raw: boolean;
  /** First line shown. */
  scroll: number;
}

const MAX_RAW_LINES = 5000;

/** The lines that describe `item` readably (or its raw JSON), laid out for `width`. */
export function detailLines(
  kind: ListKind,
  item: Record<string, unknown>,
  width: number,
  raw: boolean,
): DetailLine[] {
  if (raw)
    return JSON.stringify(item, null, 2)
      .split('\n')
      .slice(0, MAX_RAW_LINES)
      .map((text) => ({ text: fit(text, width) }));
  const lines: DetailLine[] = [];
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const name = str(item.name) ?? str(item.uri) ?? '';
  lines.push({ text: fit(name, width), bold: true, color: 'cyan' });
  if (str(item.title)) lines.push({ text: fit(str(item.title)!, width) });
  if (kind === 'resources' || kind === 'templates') {
    const where = str(item.uri) ?? str(item.uriTemplate) ?? '';
    lines.push({
      text: fit(`${where}${str(item.mimeType) ? `  (${str(item.mimeType)})` : ''}`, width),
      dim: true,
    });
  }
  const description = str(item.description);
  if (description) for (const line of wrap(description, width, 12)) lines.push({ text: line });
  const annotations = item.annotations as Record<string, unknown> | undefined;
  if (annotations && typeof annotations === 'object') {
    const flags = Object.entries(annotations)
      .filter(([key]) => key !== 'title')
      .map(([key, value]) => {
        const name = key.replace(/Hint$/, '');
        if (value === true) return name;
        return value === false ? `not ${name}` : `${name}=${JSON.stringify(value)}`;
      });
    if (flags.length > 0)
      lines.push({ text: fit(`annotations: ${flags.join(' · ')}`, width), color: 'magenta' });
  }
  const schemaLines = (title: string, schema: unknown) => {
    const outline = outlineSchema(schema);
    lines.push({ text: '' }, { text: title, bold: true });
    if (outline.length === 0) lines.push({ text: '  (none)', dim: true });
    for (const entry of outline) {
      const head = `${'  '.repeat(entry.depth + 1)}${entry.name}${entry.required ? '*' : ''}  ${entry.type}`;
      lines.push({ text: fit(head, width) });
      if (entry.note)
        lines.push({ text: fit(`${'  '.repeat(entry.depth + 2)}${entry.note}`, width), dim: true });
    }
  };
  if (kind === 'tools') {
    schemaLines('Arguments (* required)', item.inputSchema);
    if (item.outputSchema) schemaLines('Output schema', item.outputSchema);
  }
  if (kind === 'prompts') {
    const args =
      (item.arguments as { name: string; description?: string; required?: boolean }[]) ?? [];
    schemaLines('Arguments (* required)', {
      properties: Object.fromEntries(
        args.map((a) => [a.name, { type: 'string', description: a.description }]),
      ),
      required: args.filter((a) => a.required).map((a) => a.name),
    });
  }
  lines.push({ text: '' });
  const action = kind === 'resources' ? 'Enter reads it' : 'Enter opens the form';
  lines.push({ text: fit(`${action} · v raw JSON`, width), dim: true });
  return lines;
}

/** Description, annotations and schemas of the selected item, scrollable; raw JSON on `v`. */
export function DetailPane({ kind, item, width, height, raw, scroll }: DetailPaneProps) {
  const lines = useMemo(
    () => (item ? detailLines(kind, item, width, raw) : [{ text: 'Nothing selected.', dim: true }]),
    [kind, item, width, raw],
  );
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(top, top + height).map((line, index) => (
        <Text key={top + index} color={line.color} bold={line.bold} dimColor={line.dim}>
          {/* Not padded: Ink tokenises every character of a frame on every key. An empty
              Text takes no row, hence the space. */}
          {fit(line.text, width) || ' '}
        </Text>
      ))}
    </Box>
  );
}
