import { checkAgainstSchema } from '../validate.js';
import type { Field, TextField } from './model.js';
import type { FormState } from './form-state.js';

/** A problem with one value; `path` as in {@link FormRow.dataPath}, '' for the whole form. */
export interface FormError {
  path: string;
  message: string;
}

/** The arguments a form holds, or why they cannot be sent. */
export type FormValueResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; errors: FormError[] };

const join = (base: string, key: string | number) => (base === '' ? String(key) : `${base}.${key}`);

/**
 * What is wrong with the text typed so far, checked as it is typed: "not a number",
 * "must be ≥ 1", "not valid JSON", a length or a pattern. Empty text is never wrong here
 * (whether it may be empty is the form's question, at send time).
 */
export function textProblem(field: TextField): string | undefined {
  const { schema, text } = field;
  if (text === '') return undefined;
  switch (schema.kind) {
    case 'number':
    case 'integer': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) return 'not a number';
      if (schema.kind === 'integer' && !Number.isInteger(value)) return 'not a whole number';
      if (schema.minimum !== undefined && value < schema.minimum)
        return `must be ≥ ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum)
        return `must be ≤ ${schema.maximum}`;
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
        return `must be > ${schema.exclusiveMinimum}`;
      }
      if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
        return `must be < ${schema.exclusiveMaximum}`;
      }
      return undefined;
    }
    case 'string': {
      const length = [...text].length;
      if (schema.minLength !== undefined && length < schema.minLength) {
        return `at least ${schema.minLength} characters`;
      }
      if (schema.maxLength !== undefined && length > schema.maxLength) {
        return `at most ${schema.maxLength} characters`;
      }
      if (schema.pattern !== undefined) {
        try {
          if (!new RegExp(schema.pattern, 'u').test(text)) return `must match ${schema.pattern}`;
        } catch {
          // A pattern JavaScript cannot compile is left to the final check.
        }
      }
      return undefined;
    }
    default:
      try {
        JSON.parse(text);
        return undefined;
      } catch (error) {
        return `not valid JSON (${(error as Error).message})`;
      }
  }
}

/**
 * Collects the value of a field: undefined means "omit it". `loose` never fails (text that
 * does not parse is kept as text): it is the form's content shown as raw JSON.
 */
export function collectValue(
  field: Field,
  required: boolean,
  path: string,
  errors: FormError[],
  loose = false,
): unknown {
  const missing = () => {
    // An empty nullable that must be given is null (pydantic's Optional[X] without default).
    if (required && field.schema.nullable) return null;
    if (required && !loose) errors.push({ path, message: 'required' });
    return undefined;
  };
  switch (field.kind) {
    case 'text': {
      if (field.text === '') return missing();
      const problem = textProblem(field);
      if (problem) {
        if (!loose) errors.push({ path, message: problem });
        return field.text;
      }
      if (field.schema.kind === 'string') return field.text;
      if (field.schema.kind === 'raw') return JSON.parse(field.text) as unknown;
      return Number(field.text);
    }
    case 'boolean':
      return field.value === undefined ? missing() : field.value;
    case 'enum':
      return field.index < 0 ? missing() : field.schema.options![field.index]!.value;
    case 'multi': {
      const values = field.schema.options!.filter((_, i) => field.selected[i]).map((o) => o.value);
      return values.length === 0 && !required ? undefined : values;
    }
    case 'array':
      if (field.items.length === 0 && !required) return undefined;
      return field.items.map((item, index) =>
        collectValue(item, true, join(path, index), errors, loose),
      );
    case 'object': {
      const inner: FormError[] = [];
      const value: Record<string, unknown> = { ...field.extra };
      field.fields.forEach((child, index) => {
        const property = field.schema.properties![index]!;
        const item = collectValue(
          child,
          property.required,
          join(path, property.name),
          inner,
          loose,
        );
        if (item !== undefined) value[property.name] = item;
      });
      // An optional object left empty is omitted, and its required fields are not asked for.
      if (!required && Object.keys(value).length === 0) return undefined;
      errors.push(...inner);
      return value;
    }
    case 'choice': {
      const chosen = field.branch >= 0 ? field.branches[field.branch] : undefined;
      if (!chosen) return missing();
      return collectValue(chosen, required, path, errors, loose);
    }
    case 'null':
      return null;
  }
}

/** Splits the validator's one-line message into errors by field. */
function validatorErrors(message: string): FormError[] {
  return message.split('; ').map((part) => {
    const text = part.trim().replace(/^\(top level\)\s*/, '');
    const match = /^([\w.$-]+): (.*)$/.exec(text);
    const path = match ? match[1]! : '';
    const rest = match ? match[2]! : text;
    const missing = /^must have required property '(.+)'$/.exec(rest);
    if (missing) return { path: join(path, missing[1]!), message: 'required' };
    return { path, message: rest };
  });
}

/**
 * The arguments the form holds: empty optional fields omitted, numbers parsed, required
 * ones that are missing reported, then the whole value checked against the schema.
 */
export function formValue(state: FormState): FormValueResult {
  let value: Record<string, unknown>;
  if (state.mode === 'raw') {
    const parsed = parseRaw(state.raw.text);
    if (typeof parsed === 'string') return { ok: false, errors: [{ path: '', message: parsed }] };
    value = parsed;
  } else {
    const errors: FormError[] = [];
    value = collectValue(state.root, true, '', errors) as Record<string, unknown>;
    if (errors.length > 0) return { ok: false, errors };
  }
  const problem = checkAgainstSchema(value, state.schema);
  if (problem !== undefined) return { ok: false, errors: validatorErrors(problem) };
  return { ok: true, value };
}

/** Raw JSON text as an arguments object, or what is wrong with it. */
export function parseRaw(text: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'the arguments must be a JSON object';
  }
  return parsed as Record<string, unknown>;
}
