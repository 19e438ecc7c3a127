/** One line of a schema's outline: a property, indented by its depth. */
export interface OutlineLine {
  depth: number;
  name: string;
  required: boolean;
  /** `string`, `integer 1..10`, `"fast" | "slow"`, `array of string`, `object`, `a | b`. */
  type: string;
  /** Its description, default and format, in a few words. */
  note: string;
}

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  description?: string;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  title?: string;
}

const MAX_LINES = 400;

/**
 * A readable outline of an object schema — each property with its type, whether it is
 * required, its description and default — nested properties indented. `$ref`s into `$defs`
 * are followed once per path (a recursive schema stops at its second visit).
 */
export function outlineSchema(schema: unknown): OutlineLine[] {
  const root = (schema ?? {}) as Schema;
  const lines: OutlineLine[] = [];
  const resolve = (node: Schema, seen: Set<string>): [Schema, Set<string>] | undefined => {
    if (!node.$ref) return [node, seen];
    if (seen.has(node.$ref)) return undefined;
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(node.$ref);
    const target = match ? root[match[1] as '$defs']?.[decodeURIComponent(match[2]!)] : undefined;
    return target ? [target, new Set([...seen, node.$ref])] : [node, seen];
  };
  const typeOf = (node: Schema, seen: Set<string>): string => {
    const resolved = resolve(node, seen);
    if (!resolved) return '(recursive)';
    const [n, s] = resolved;
    if (n.enum) return n.enum.map((value) => JSON.stringify(value)).join(' | ');
    if (n.const !== undefined) return JSON.stringify(n.const);
    const variants = n.anyOf ?? n.oneOf;
    if (variants) return variants.map((variant) => typeOf(variant, s)).join(' | ');
    const type = Array.isArray(n.type)
      ? n.type.join(' | ')
      : (n.type ?? (n.properties ? 'object' : 'any'));
    if (type === 'array') return `array of ${n.items ? typeOf(n.items, s) : 'any'}`;
    const range =
      n.minimum !== undefined || n.maximum !== undefined
        ? ` ${n.minimum ?? ''}..${n.maximum ?? ''}`
        : '';
    return `${type}${range}`;
  };
  const walk = (node: Schema, depth: number, seen: Set<string>) => {
    const resolved = resolve(node, seen);
    if (!resolved) return;
    const [n, s] = resolved;
    const required = new Set(n.required ?? []);
    for (const [name, property] of Object.entries(n.properties ?? {})) {
      if (lines.length >= MAX_LINES) return;
      const target = resolve(property, s);
      const p = target?.[0] ?? property;
      const note = [
        p.description ?? property.description,
        p.format && `format ${p.format}`,
        property.default !== undefined || p.default !== undefined
          ? `default ${JSON.stringify(property.default ?? p.default)}`
          : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      lines.push({ depth, name, required: required.has(name), type: typeOf(property, s), note });
      if (target && depth < 6) {
        const [inner, innerSeen] = target;
        if (inner.properties) walk(inner, depth + 1, innerSeen);
        else if (inner.items) {
          const item = resolve(inner.items, innerSeen);
          if (item?.[0].properties) walk(item[0], depth + 1, item[1]);
        }
      }
    }
  };
  walk(root, 0, new Set());
  return lines;
}
