import type { Field } from './model.js';
import type { FieldSchema } from './schema.js';

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
