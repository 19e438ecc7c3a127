import type { Field } from './model.js';
import type { FieldSchema } from './field-schema.js';

/** Cuts `text` to `width` characters, ending with `…` when something was cut. */
export function truncateEnd(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** Cuts `text` to its last `width` characters, starting with `…` when something was cut. */
export function truncateStart(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `…${chars.slice(chars.length - width + 1).join('')}`;
}

/** Short name of what a field takes: `string`, `integer`, `email`, `one of`, `JSON`, … */
export function typeLabel(schema: FieldSchema): string {
  switch (schema.kind) {
    case 'string':
      return schema.format ? `string/${schema.format}` : 'string';
    case 'multi':
      return 'multi';
    case 'choice':
      return 'one of';
    case 'raw':
      return 'JSON';
    default:
      return schema.kind;
  }
}

/** The dimmed hint of an empty field: its default, else what it expects. */
export function placeholder(field: Field): string {
  const { schema } = field;
  if (schema.hasDefault && schema.default !== null && schema.default !== undefined) {
    return `default: ${typeof schema.default === 'string' ? schema.default : JSON.stringify(schema.default)}`;
  }
  if (schema.nullable) return 'null';
  switch (schema.kind) {
    case 'number':
    case 'integer': {
      const low = schema.minimum ?? schema.exclusiveMinimum;
      const high = schema.maximum ?? schema.exclusiveMaximum;
      if (low !== undefined && high !== undefined) return `${low}…${high}`;
      if (low !== undefined) return `≥ ${low}`;
      if (high !== undefined) return `≤ ${high}`;
      return '';
    }
    default:
      // The type column already says `string/email` or `JSON`.
      return '';
  }
}

/**
 * Widths of the label and type columns, from the schema rather than from the rows, so they
 * cost nothing per keystroke and stay put while the form scrolls. Array items are counted
 * as `#999`.
 */
export function columnWidths(schema: FieldSchema): { label: number; type: number } {
  const widths = { label: 0, type: 0 };
  const seen = new Set<FieldSchema>();
  const walk = (node: FieldSchema, depth: number) => {
    if (seen.has(node) || depth > 12) return;
    seen.add(node);
    for (const property of node.properties ?? []) {
      const required = property.required ? 1 : 0;
      widths.label = Math.max(widths.label, depth * 2 + [...property.name].length + required);
      widths.type = Math.max(widths.type, [...typeLabel(property.schema)].length);
      walk(property.schema, depth + 1);
    }
    if (node.items) {
      widths.label = Math.max(widths.label, depth * 2 + 4);
      widths.type = Math.max(widths.type, [...typeLabel(node.items)].length);
      walk(node.items, depth + 1);
    }
    for (const branch of node.branches ?? []) {
      widths.label = Math.max(widths.label, depth * 2 + [...branch.label].length);
      widths.type = Math.max(widths.type, [...typeLabel(branch.schema)].length);
      walk(branch.schema, depth + 1);
    }
  };
  walk(schema, 0);
  return widths;
}
