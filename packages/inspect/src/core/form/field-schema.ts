/** The shapes a form can show, as `normalizeSchema` makes them out of a JSON Schema. */

/** What kind of input a schema asks for. */
export type SchemaKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'null'
  | 'enum'
  | 'multi'
  | 'array'
  | 'object'
  | 'choice'
  | 'raw';

/** One value of an enum or multi-select, with what the person sees. */
export interface SchemaOption {
  /** The value sent. */
  value: unknown;
  /** Its label: the option's `title`, else the value itself. */
  label: string;
}

/** A property of an object schema. */
export interface SchemaProperty {
  /** The property's key in the value. */
  name: string;
  /** Listed in the object's `required`. */
  required: boolean;
  /** Its normalised schema. */
  schema: FieldSchema;
}

/** A branch of an `anyOf` / `oneOf` that the person chooses. */
export interface SchemaBranch {
  /** From the branch's `title`, `const` or `type`. */
  label: string;
  /** Its normalised schema. */
  schema: FieldSchema;
}

/** A normalised schema: one kind plus the constraints and annotations the form uses. */
export interface FieldSchema {
  /** The input this schema asks for. */
  kind: SchemaKind;
  /** `title`, when the schema has one. */
  title?: string;
  /** `description`, when the schema has one. */
  description?: string;
  /** Whether the schema declares a `default` (which may be null). */
  hasDefault: boolean;
  /** The declared `default` (or the `const`). */
  default?: unknown;
  /** `null` is accepted besides the kind (`type: [x, "null"]`, a nullable `anyOf`). */
  nullable: boolean;
  /** `format` of a string (`email`, `date-time`, `uri`, …). */
  format?: string;
  /** String length bounds. */
  minLength?: number;
  maxLength?: number;
  /** `pattern` of a string (an ECMAScript regular expression, unanchored). */
  pattern?: string;
  /** Number bounds; the exclusive ones in their draft-6+ numeric form. */
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Values of an enum (`enum`, `const`, an `anyOf` of consts) or of a multi-select. */
  options?: SchemaOption[];
  /** Schema of an array's items. */
  items?: FieldSchema;
  /** Array length bounds. */
  minItems?: number;
  maxItems?: number;
  /** Properties of an object, in the schema's order. */
  properties?: SchemaProperty[];
  /**
   * An object declares keys beyond `properties` (`additionalProperties` true or a schema).
   * Only then are unknown keys of the values to pre-fill kept and sent back: stale arguments
   * of an older version of a tool are not re-sent unseen.
   */
  additional?: boolean;
  /** Branches of a choice. */
  branches?: SchemaBranch[];
}
