import type { FieldSchema } from './field-schema.js';

/** A text input: strings, numbers and integers as typed, raw JSON as its text. */
export interface TextField {
  kind: 'text';
  schema: FieldSchema;
  /** What is typed (numbers are parsed only when the value is taken). */
  text: string;
}

/** A boolean; undefined until set, for an optional one without a default. */
export interface BooleanField {
  kind: 'boolean';
  schema: FieldSchema;
  value: boolean | undefined;
}

/** One value of `schema.options`; -1 when none is chosen. */
export interface EnumField {
  kind: 'enum';
  schema: FieldSchema;
  index: number;
}

/** A set of toggles over `schema.options`, sent as the array of the chosen values. */
export interface MultiField {
  kind: 'multi';
  schema: FieldSchema;
  /** One flag per option. */
  selected: boolean[];
  /** The option under the cursor (← → move it, Space toggles it). */
  cursor: number;
}

/** An array whose items are sub-forms. */
export interface ArrayField {
  kind: 'array';
  schema: FieldSchema;
  items: Field[];
}

/** Nested fields, one per property of `schema.properties`, in the same order. */
export interface ObjectField {
  kind: 'object';
  schema: FieldSchema;
  fields: Field[];
  /** Keys of the initial value the schema does not list, kept and sent back as they were. */
  extra: Record<string, unknown>;
}

/** An anyOf / oneOf: the chosen branch's sub-form. Branches keep their input when left. */
export interface ChoiceField {
  kind: 'choice';
  schema: FieldSchema;
  /** Index in `schema.branches`; -1 when none is chosen (an optional choice). */
  branch: number;
  /** Sub-forms of the branches built so far. */
  branches: (Field | undefined)[];
}

/** A branch that can only be null. */
export interface NullField {
  kind: 'null';
  schema: FieldSchema;
}

/** A node of the form's field tree. */
export type Field =
  | TextField
  | BooleanField
  | EnumField
  | MultiField
  | ArrayField
  | ObjectField
  | ChoiceField
  | NullField;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Deep equality of JSON values (enum options against values). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => jsonEqual(a[key], b[key]));
  }
  return false;
}

/**
 * Builds the field for `schema`, pre-filled with `value` (undefined: absent), else with the
 * schema's default. A required boolean starts false and a required choice on its first
 * branch: a toggle is always in some state.
 */
export function buildField(schema: FieldSchema, value: unknown, required: boolean): Field {
  if (value === undefined && schema.hasDefault) value = schema.default;
  switch (schema.kind) {
    case 'string':
      return { kind: 'text', schema, text: typeof value === 'string' ? value : textOf(value) };
    case 'number':
    case 'integer':
      return {
        kind: 'text',
        schema,
        text: typeof value === 'number' ? String(value) : textOf(value),
      };
    case 'raw':
      return { kind: 'text', schema, text: value === undefined ? '' : JSON.stringify(value) };
    case 'boolean':
      return {
        kind: 'boolean',
        schema,
        value: typeof value === 'boolean' ? value : required ? false : undefined,
      };
    case 'enum': {
      const options = schema.options ?? [];
      const index = options.findIndex((option) => jsonEqual(option.value, value));
      return {
        kind: 'enum',
        schema,
        index: index < 0 && required && options.length === 1 ? 0 : index,
      };
    }
    case 'multi':
      return {
        kind: 'multi',
        schema,
        cursor: 0,
        selected: (schema.options ?? []).map(
          (option) => Array.isArray(value) && value.some((item) => jsonEqual(item, option.value)),
        ),
      };
    case 'array':
      return {
        kind: 'array',
        schema,
        items: Array.isArray(value)
          ? value.map((item) => buildField(schema.items!, item, true))
          : [],
      };
    case 'object':
      return buildObject(schema, value);
    case 'choice':
      return buildChoice(schema, value, required);
    case 'null':
      return { kind: 'null', schema };
  }
}

/** Null (a nullable's empty value) and absence show as an empty text. */
function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function buildObject(schema: FieldSchema, value: unknown): ObjectField {
  const given = isObject(value) ? value : {};
  const properties = schema.properties ?? [];
  const extra: Record<string, unknown> = {};
  if (schema.additional) {
    for (const [key, item] of Object.entries(given)) {
      if (!properties.some((property) => property.name === key)) extra[key] = item;
    }
  }
  return {
    kind: 'object',
    schema,
    extra,
    fields: properties.map((property) =>
      buildField(property.schema, given[property.name], property.required),
    ),
  };
}

function buildChoice(schema: FieldSchema, value: unknown, required: boolean): ChoiceField {
  const branches = schema.branches ?? [];
  let branch =
    value === undefined || value === null
      ? -1
      : branches.findIndex((b) => fitsShape(b.schema, value) === undefined);
  if (branch < 0 && required && branches.length > 0) branch = 0;
  const built: (Field | undefined)[] = branches.map(() => undefined);
  if (branch >= 0) {
    const fits = fitsShape(branches[branch]!.schema, value) === undefined;
    built[branch] = buildField(branches[branch]!.schema, fits ? value : undefined, true);
  }
  return { kind: 'choice', schema, branch, branches: built };
}

/** Builds the root field of a form from an object schema and the values to pre-fill. */
export function buildRoot(schema: FieldSchema, initial?: Record<string, unknown>): ObjectField {
  return buildObject(schema, initial ?? {});
}

/**
 * Whether `value` has the shape `schema` lays out, so a form built from it loses nothing:
 * undefined when it does, else the first mismatch (`days: expected an integer`). Bounds and
 * patterns are not checked here; the final validation does that.
 */
export function fitsShape(schema: FieldSchema, value: unknown, path = ''): string | undefined {
  const at = (message: string) => (path ? `${path}: ${message}` : message);
  if (value === null && (schema.nullable || schema.kind === 'null' || schema.kind === 'raw')) {
    return undefined;
  }
  switch (schema.kind) {
    case 'raw':
      return undefined;
    case 'null':
      return at('expected null');
    case 'string':
      return typeof value === 'string' ? undefined : at('expected a string');
    case 'number':
      return typeof value === 'number' ? undefined : at('expected a number');
    case 'integer':
      return Number.isInteger(value) ? undefined : at('expected an integer');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : at('expected true or false');
    case 'enum':
      return schema.options?.some((option) => jsonEqual(option.value, value))
        ? undefined
        : at(
            `expected one of ${schema.options?.map((option) => JSON.stringify(option.value)).join(', ')}`,
          );
    case 'multi':
      return Array.isArray(value) &&
        value.every((item) => schema.options?.some((option) => jsonEqual(option.value, item)))
        ? undefined
        : at('expected an array of the listed values');
    case 'array': {
      if (!Array.isArray(value)) return at('expected an array');
      for (const [index, item] of value.entries()) {
        const problem = fitsShape(schema.items!, item, path ? `${path}.${index}` : String(index));
        if (problem) return problem;
      }
      return undefined;
    }
    case 'object': {
      if (!isObject(value)) return at('expected an object');
      for (const [key, item] of Object.entries(value)) {
        const property = schema.properties?.find((p) => p.name === key);
        const inner = path ? `${path}.${key}` : key;
        if (!property) {
          if (!schema.additional) return `${inner}: not in the schema`;
          continue;
        }
        const problem = fitsShape(property.schema, item, inner);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'choice':
      return schema.branches?.some((branch) => fitsShape(branch.schema, value) === undefined)
        ? undefined
        : at(`matches none of ${schema.branches?.map((branch) => branch.label).join(', ')}`);
  }
}
