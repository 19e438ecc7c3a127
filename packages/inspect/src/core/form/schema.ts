import type { FieldSchema, SchemaOption } from './field-schema.js';
import {
  deref,
  isNullSchema,
  isObject,
  mergeAllOf,
  omit,
  resolvePointer,
  type Json,
} from './schema-refs.js';

/**
 * JSON Schema, as servers send it (zod, pydantic, hand-written), turned into the few shapes
 * a form can show: every `$ref`, `allOf`, nullable `anyOf` and `type` array is resolved here
 * once, so the form model never looks at raw schema keywords.
 */

/** Nesting beyond this becomes raw JSON: a bound for hostile or generated schemas. */
const MAX_DEPTH = 24;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Label of a value as shown in an option list. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Normalises an object schema for a form. Local `$ref`s are followed (a reference to a
 * schema already being expanded, i.e. recursion, becomes a raw JSON field); `allOf` is
 * merged; `anyOf`/`oneOf` with one non-null branch is that branch made nullable, with
 * only consts an enum, else a choice. The result is always an `object` (with no
 * properties for a schema that declares none).
 */
export function normalizeSchema(schema: object): FieldSchema {
  const normal = normalize(schema, schema, [], 0);
  if (normal.kind === 'object') return normal;
  // A map at the top (any keys, no names) has no fields: its keys are written as raw JSON.
  const map = 'additionalProperties' in schema && isObject(schema.additionalProperties);
  return { ...normal, kind: 'object', properties: [], additional: map };
}

/** Normalises one (sub)schema; `refs` are the references being expanded above it. */
function normalize(raw: unknown, root: unknown, refs: string[], depth: number): FieldSchema {
  if (!isObject(raw) || depth > MAX_DEPTH) return { ...annotations({}), kind: 'raw' };
  let schema = raw;
  const ref = str(schema.$ref);
  if (ref !== undefined) {
    const siblings = omit(schema, '$ref');
    const target = resolvePointer(root, ref);
    if (!isObject(target) || refs.includes(ref)) {
      return { ...annotations({ ...(isObject(target) ? target : {}), ...siblings }), kind: 'raw' };
    }
    return normalize({ ...target, ...siblings }, root, [...refs, ref], depth + 1);
  }
  if (Array.isArray(schema.allOf)) schema = mergeAllOf(schema, root, refs);

  const base = annotations(schema);
  const variants = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (variants) return normalizeVariants(schema, variants, base, root, refs, depth);

  if ('const' in schema) {
    return {
      ...base,
      kind: 'enum',
      options: [{ value: schema.const, label: valueLabel(schema.const) }],
      hasDefault: true,
      default: schema.const,
    };
  }
  if (Array.isArray(schema.enum)) return enumSchema(schema, base);

  const types = Array.isArray(schema.type)
    ? schema.type.filter((t): t is string => typeof t === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  const nonNull = types.filter((t) => t !== 'null');
  const nullable = types.length > nonNull.length;
  if (nonNull.length > 1) {
    return {
      ...base,
      kind: 'choice',
      nullable,
      branches: nonNull.map((type) => ({
        label: type,
        schema: normalize({ ...schema, type, default: undefined }, root, refs, depth + 1),
      })),
    };
  }
  let type = nonNull[0];
  if (type === undefined && nullable) type = 'null';
  type ??= isObject(schema.properties)
    ? 'object'
    : schema.items !== undefined
      ? 'array'
      : undefined;
  const typed = { ...base, nullable };
  switch (type) {
    case 'string':
      return {
        ...typed,
        kind: 'string',
        format: str(schema.format),
        minLength: num(schema.minLength),
        maxLength: num(schema.maxLength),
        pattern: str(schema.pattern),
      };
    case 'number':
    case 'integer':
      return {
        ...typed,
        kind: type,
        minimum: num(schema.minimum),
        maximum: num(schema.maximum),
        exclusiveMinimum:
          num(schema.exclusiveMinimum) ??
          (schema.exclusiveMinimum === true ? num(schema.minimum) : undefined),
        exclusiveMaximum:
          num(schema.exclusiveMaximum) ??
          (schema.exclusiveMaximum === true ? num(schema.maximum) : undefined),
      };
    case 'boolean':
    case 'null':
      return { ...typed, kind: type };
    case 'array':
      return arraySchema(schema, typed, root, refs, depth);
    case 'object':
      return objectSchema(schema, typed, root, refs, depth);
    default:
      return { ...typed, kind: 'raw' };
  }
}

/** Title, description and default of a schema. */
function annotations(schema: Json): FieldSchema {
  return {
    kind: 'raw',
    title: str(schema.title),
    description: str(schema.description),
    hasDefault: 'default' in schema && schema.default !== undefined,
    default: schema.default,
    nullable: false,
  };
}

/** `anyOf` / `oneOf`: nullable single branch, an enum of consts, or a choice. */
function normalizeVariants(
  schema: Json,
  variants: unknown[],
  base: FieldSchema,
  root: unknown,
  refs: string[],
  depth: number,
): FieldSchema {
  const resolved = variants.map((variant) => deref(variant, root, refs));
  const nonNull = resolved.filter((variant) => !isNullSchema(variant));
  const nullable = nonNull.length < resolved.length;
  const outer = omit(schema, 'anyOf', 'oneOf');
  if (nonNull.length === 0) return { ...base, kind: 'null', nullable: true };
  if (nonNull.length === 1) {
    // Optional[X] as pydantic writes it: X, nullable, with the outer title and default.
    const only = isObject(nonNull[0]) ? nonNull[0] : {};
    const inner = normalize({ ...only, ...outer }, root, refs, depth + 1);
    return { ...inner, nullable: inner.nullable || nullable };
  }
  if (nonNull.every((variant) => isObject(variant) && 'const' in variant)) {
    return {
      ...base,
      kind: 'enum',
      nullable,
      options: nonNull.map((variant) => {
        const { const: value, title } = variant as Json;
        return { value, label: str(title) ?? valueLabel(value) };
      }),
    };
  }
  return {
    ...base,
    kind: 'choice',
    nullable,
    branches: nonNull.map((variant, index) => {
      const branch = normalize(variant, root, refs, depth + 1);
      return { label: branchLabel(variant, branch, index), schema: branch };
    }),
  };
}

function branchLabel(raw: unknown, branch: FieldSchema, index: number): string {
  if (branch.title) return branch.title;
  if (isObject(raw) && 'const' in raw) return valueLabel(raw.const);
  // An object branch is best told apart by its constant discriminator, if it has one.
  const discriminator = branch.properties?.find(
    (property) => property.schema.kind === 'enum' && property.schema.options?.length === 1,
  );
  if (discriminator) return discriminator.schema.options![0]!.label;
  if (isObject(raw) && typeof raw.type === 'string') return raw.type;
  return branch.kind === 'raw' ? `option ${index + 1}` : branch.kind;
}

function enumSchema(schema: Json, base: FieldSchema): FieldSchema {
  const values = schema.enum as unknown[];
  const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
  const options: SchemaOption[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    options.push({ value, label: str(names[index]) ?? valueLabel(value) });
  });
  return { ...base, kind: 'enum', nullable: options.length < values.length, options };
}

function arraySchema(
  schema: Json,
  typed: FieldSchema,
  root: unknown,
  refs: string[],
  depth: number,
): FieldSchema {
  const bounds = { minItems: num(schema.minItems), maxItems: num(schema.maxItems) };
  if (!isObject(schema.items)) return { ...typed, ...bounds, kind: 'raw' };
  const items = normalize(schema.items, root, refs, depth + 1);
  if (items.kind === 'enum' && items.options && items.options.length > 0) {
    // An array of enum values is a set of toggles, sent as an array.
    return { ...typed, ...bounds, kind: 'multi', options: items.options };
  }
  return { ...typed, ...bounds, kind: 'array', items };
}

function objectSchema(
  schema: Json,
  typed: FieldSchema,
  root: unknown,
  refs: string[],
  depth: number,
): FieldSchema {
  const required = Array.isArray(schema.required) ? schema.required : [];
  const properties = Object.entries(isObject(schema.properties) ? schema.properties : {}).map(
    ([name, property]) => ({
      name,
      required: required.includes(name),
      schema: normalize(property, root, refs, depth + 1),
    }),
  );
  const additional = schema.additionalProperties === true || isObject(schema.additionalProperties);
  // A map (no properties, any keys) has nothing to lay out as fields: free JSON.
  if (properties.length === 0 && schema.additionalProperties !== false) {
    return { ...typed, kind: 'raw' };
  }
  return { ...typed, kind: 'object', properties, additional };
}
