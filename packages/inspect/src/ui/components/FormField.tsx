import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { Box, Text } from 'ink';
import { memo } from 'react';
import { placeholder, truncateEnd, truncateStart, typeLabel } from '../../core/form/display.js';
import type { Field } from '../../core/form/model.js';
import type { FormRow } from '../../core/form/rows.js';

/** A piece of a line, with its style. */
interface Segment {
  text: string;
  dim?: boolean;
  inverse?: boolean;
  bold?: boolean;
}

/** Props of {@link FormField}. */
export interface FormFieldProps {
  /** The row to show. */
  row: FormRow;
  /** It has the focus. */
  focused: boolean;
  /** Width of the label column (indentation included). */
  labelWidth: number;
  /** Width of the type column. */
  typeWidth: number;
  /** Width of the whole line. */
  width: number;
  /** Its error (typed-as-you-go or from the last send), shown in red. */
  error?: string;
  /** Completions offered for its text (the first is taken with →). */
  completions?: readonly string[];
}

/** How many lines a row takes: its line, its description, its error, its completions. */
export function fieldHeight(row: FormRow, error: string | undefined, completions: number): number {
  return 1 + (describe(row) ? 1 : 0) + (error ? 1 : 0) + (completions > 0 ? 1 : 0);
}

/** The dimmed line under a field: its description, else its title. */
function describe(row: FormRow): string | undefined {
  return row.field.schema.description ?? row.title;
}

/** Segments cut to `width` characters, the last one ending in `…` when cut. */
function fit(segments: Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const segment of segments) {
    if (left <= 0) break;
    const length = [...segment.text].length;
    if (length <= left) {
      out.push(segment);
      left -= length;
    } else {
      out.push({ ...segment, text: truncateEnd(segment.text, left) });
      left = 0;
    }
  }
  return out;
}

function optionLabel(field: Field, index: number): string {
  return sanitizeLine(field.schema.options?.[index]?.label ?? '');
}

/** The value part of a field's line. */
function valueSegments(row: FormRow, focused: boolean, width: number): Segment[] {
  const { field } = row;
  switch (field.kind) {
    case 'text': {
      const text = sanitizeLine(field.text);
      if (text === '') {
        const hint = sanitizeLine(placeholder(field));
        return focused
          ? [
              { text: ' ', inverse: true },
              { text: hint, dim: true },
            ]
          : [{ text: hint || '—', dim: true }];
      }
      if (!focused) return [{ text: truncateEnd(text, width) }];
      return [{ text: truncateStart(text, Math.max(width - 1, 1)) }, { text: ' ', inverse: true }];
    }
    case 'boolean':
      if (field.value === undefined) return [{ text: '[ ] not set', dim: true }];
      return [{ text: field.value ? '[x] true' : '[ ] false', inverse: focused }];
    case 'enum':
    case 'choice': {
      const count =
        field.kind === 'enum'
          ? (field.schema.options?.length ?? 0)
          : (field.schema.branches?.length ?? 0);
      const index = field.kind === 'enum' ? field.index : field.branch;
      const label =
        index < 0
          ? 'not set'
          : field.kind === 'enum'
            ? optionLabel(field, index)
            : sanitizeLine(field.schema.branches![index]!.label);
      if (!focused) return [{ text: label, dim: index < 0 }];
      return [
        { text: '‹ ', dim: true },
        { text: label, inverse: true },
        { text: ` ›  ${index + 1}/${count}`, dim: true },
      ];
    }
    case 'multi': {
      const segments: Segment[] = [];
      field.selected.forEach((on, index) => {
        segments.push({
          text: `[${on ? 'x' : ' '}] ${optionLabel(field, index)}`,
          inverse: focused && index === field.cursor,
        });
        segments.push({ text: '  ' });
      });
      // Keep the option under the cursor in view: drop options before it while too wide.
      const length = (list: Segment[]) => list.reduce((sum, s) => sum + [...s.text].length, 0);
      let start = 0;
      while (
        focused &&
        start < field.cursor * 2 &&
        length(segments.slice(start, field.cursor * 2 + 1)) > width - 1
      ) {
        start += 2;
      }
      return start > 0 ? [{ text: '…', dim: true }, ...segments.slice(start)] : segments;
    }
    case 'array': {
      const count = field.items.length;
      return [
        { text: `${count} item${count === 1 ? '' : 's'}`, dim: true },
        ...(focused ? [{ text: '  Ctrl-N adds', dim: true }] : []),
      ];
    }
    case 'null':
      return [{ text: 'null', dim: true }];
    case 'object':
      return [];
  }
}

/** One field of a form: name, `*` if required, type, value, description, error. */
export const FormField = memo(function FormField({
  row,
  focused,
  labelWidth,
  typeWidth,
  width,
  error,
  completions,
}: FormFieldProps) {
  const indent = '  '.repeat(row.depth);
  const name = sanitizeLine(row.label) + (row.required ? '*' : '');
  const label = truncateEnd(indent + name, Math.max(labelWidth, 1)).padEnd(labelWidth);
  const type = truncateEnd(typeLabel(row.field.schema), typeWidth).padEnd(typeWidth);
  const valueWidth = Math.max(width - 2 - labelWidth - 1 - typeWidth - 1, 1);
  const value = fit(valueSegments(row, focused, valueWidth), valueWidth);
  const subIndent = ' '.repeat(Math.min(2 + indent.length + 2, Math.max(width - 8, 0)));
  const description = describe(row);
  const lineWidth = Math.max(width - subIndent.length, 1);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={focused ? 'cyan' : undefined}>{focused ? '› ' : '  '}</Text>
        <Text bold={focused || row.field.kind === 'object'}>{label}</Text>{' '}
        <Text dimColor>{type}</Text>{' '}
        {value.map((segment, index) => (
          <Text key={index} dimColor={segment.dim} inverse={segment.inverse} bold={segment.bold}>
            {segment.text}
          </Text>
        ))}
      </Text>
      {description ? (
        <Text dimColor wrap="truncate-end">
          {subIndent}
          {truncateEnd(sanitizeLine(description), lineWidth)}
        </Text>
      ) : null}
      {error ? (
        <Text color="red" wrap="truncate-end">
          {subIndent}
          {truncateEnd(sanitizeLine(error), lineWidth)}
        </Text>
      ) : null}
      {completions && completions.length > 0 ? (
        <Text dimColor wrap="truncate-end">
          {subIndent}
          {truncateEnd(`→ ${completions.map(sanitizeLine).join('  ')}`, lineWidth)}
        </Text>
      ) : null}
    </Box>
  );
});
