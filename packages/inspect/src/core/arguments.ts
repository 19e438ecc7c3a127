import { usageError } from './errors.js';

/** The part of a JSON Schema that argument coercion looks at. */
export interface JsonSchemaLike {
  type?: string | string[];
  properties?: Record<string, JsonSchemaLike>;
  additionalProperties?: boolean | JsonSchemaLike;
  enum?: unknown[];
  required?: string[];
  anyOf?: JsonSchemaLike[];
  oneOf?: JsonSchemaLike[];
}

/** Parse `--args '<json>'`: it must be a JSON object. */
export function parseArgsJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(
      `--args is not valid JSON: ${(error as Error).message}.`,
      `Example: --args '{"city": "Oslo", "days": 3}'`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw usageError('--args must be a JSON object.', `Example: --args '{"city": "Oslo"}'`);
  }
  return value as Record<string, unknown>;
}

function typesOf(schema: JsonSchemaLike | undefined): string[] {
  if (!schema) return [];
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  const variants = schema.anyOf ?? schema.oneOf;
  return variants ? variants.flatMap(typesOf) : [];
}

/**
 * Turn the text of `--arg key=value` into the JSON value the schema asks for: numbers,
 * integers and booleans are parsed, objects and arrays read as JSON, strings kept as
 * they are. With no usable schema, JSON is tried first and text is the fallback.
 */
export function coerceValue(
  key: string,
  text: string,
  schema: JsonSchemaLike | undefined,
): unknown {
  const types = typesOf(schema);
  const fail = (what: string, example: string) =>
    usageError(`--arg ${key}: "${text}" is not ${what}.`, `Example: --arg ${key}=${example}`);
  if (types.length === 0 || types.length > 1) {
    if (types.includes('string') && !types.some((t) => t !== 'string' && t !== 'null')) return text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (types.length === 0 || types.some((t) => matchesType(parsed, t))) return parsed;
    } catch {
      // Not JSON: it is text.
    }
    return text;
  }
  switch (types[0]) {
    case 'string':
      return text;
    case 'integer':
    case 'number': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) throw fail(`a number`, '42');
      if (types[0] === 'integer' && !Number.isInteger(value)) throw fail('an integer', '3');
      return value;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(lower)) return true;
      if (['false', 'no', '0', 'off'].includes(lower)) return false;
      throw fail('true or false', 'true');
    }
    case 'null':
      if (text === 'null' || text === '') return null;
      throw fail('null', 'null');
    case 'object':
    case 'array': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw fail(
          `JSON ${types[0] === 'array' ? 'array' : 'object'}`,
          types[0] === 'array' ? `'["a","b"]'` : `'{"k":1}'`,
        );
      }
      if (!matchesType(parsed, types[0]))
        throw fail(`a JSON ${types[0]}`, types[0] === 'array' ? `'["a"]'` : `'{"k":1}'`);
      return parsed;
    }
    default:
      return text;
  }
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

/**
 * Build the arguments object from `--args` JSON and `--arg key=value` pairs (the pairs
 * win), coercing each pair by the schema of its property.
 */
export function buildArguments(
  pairs: readonly string[],
  json: string | undefined,
  schema: JsonSchemaLike | undefined,
): Record<string, unknown> {
  const args = json === undefined ? {} : parseArgsJson(json);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--arg "${pair}" is not key=value.`, 'Example: --arg city=Oslo');
    const key = pair.slice(0, eq);
    args[key] = coerceValue(key, pair.slice(eq + 1), schema?.properties?.[key]);
  }
  return args;
}
