/** `$ref` and `allOf` resolution for `normalizeSchema`: local references only. */

/** A JSON Schema object, as parsed. */
export type Json = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A copy of `schema` without `keys`. */
export const omit = (schema: Json, ...keys: string[]): Json =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));

/** Resolves a local JSON pointer (`#/$defs/X`, `#/definitions/X`, `#`) against the root. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref
    .slice(1)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const unescaped = part.replace(/~1/g, '/').replace(/~0/g, '~');
      try {
        return decodeURIComponent(unescaped);
      } catch {
        return unescaped;
      }
    });
  let node: unknown = root;
  for (const part of parts) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[part];
  }
  return node;
}

/** Follows a `$ref` one step (for allOf members and anyOf branches); a cycle stays as is. */
export function deref(schema: unknown, root: unknown, refs: string[]): unknown {
  if (!isObject(schema) || typeof schema.$ref !== 'string' || refs.includes(schema.$ref)) {
    return schema;
  }
  const target = resolvePointer(root, schema.$ref);
  if (!isObject(target)) return schema;
  const siblings = omit(schema, '$ref');
  return deref({ ...target, ...siblings }, root, [...refs, schema.$ref]);
}

/** `allOf` merged simply: properties and required are unioned, other keywords overwritten. */
export function mergeAllOf(schema: Json, root: unknown, refs: string[]): Json {
  const { allOf, ...rest } = schema;
  let merged: Json = {};
  for (const member of [...(allOf as unknown[]), rest]) {
    const part = deref(member, root, refs);
    if (!isObject(part)) continue;
    const inner = Array.isArray(part.allOf) ? mergeAllOf(part, root, refs) : part;
    merged = {
      ...merged,
      ...inner,
      properties: {
        ...(isObject(merged.properties) ? merged.properties : {}),
        ...(isObject(inner.properties) ? inner.properties : {}),
      },
      required: [
        ...(Array.isArray(merged.required) ? merged.required : []),
        ...(Array.isArray(inner.required) ? inner.required : []),
      ],
    };
  }
  if (Object.keys(merged.properties as Json).length === 0) delete merged.properties;
  if ((merged.required as unknown[]).length === 0) delete merged.required;
  return merged;
}

/** A branch that only allows null (`{type: "null"}` or `{const: null}`). */
export const isNullSchema = (schema: unknown): boolean =>
  isObject(schema) && (schema.type === 'null' || ('const' in schema && schema.const === null));
