import { describe, expect, it } from 'vitest';
import type { FieldSchema } from './field-schema.js';
import { normalizeSchema } from './schema.js';

const prop = (schema: FieldSchema, name: string) =>
  schema.properties!.find((property) => property.name === name)!;

describe('normalizeSchema', () => {
  it('lays out the properties of server-everything tools with their required flags', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: { a: { type: 'number', description: 'First number' }, b: { type: 'number' } },
      required: ['a'],
    });
    expect(schema.kind).toBe('object');
    expect(schema.properties!.map((p) => [p.name, p.schema.kind, p.required])).toEqual([
      ['a', 'number', true],
      ['b', 'number', false],
    ]);
    expect(prop(schema, 'a').schema.description).toBe('First number');
  });

  it('makes a pydantic Optional[str] a nullable string with its outer default and title', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: {
        unit: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Unit' },
      },
    });
    const unit = prop(schema, 'unit').schema;
    expect(unit).toMatchObject({ kind: 'string', nullable: true, title: 'Unit', hasDefault: true });
    expect(unit.default).toBeNull();
  });

  it('turns a type array into a nullable kind, or a choice when several types remain', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: {
        name: { type: ['string', 'null'] },
        id: { type: ['string', 'integer'] },
      },
    });
    expect(prop(schema, 'name').schema).toMatchObject({ kind: 'string', nullable: true });
    const id = prop(schema, 'id').schema;
    expect(id.kind).toBe('choice');
    expect(id.branches!.map((b) => [b.label, b.schema.kind])).toEqual([
      ['string', 'string'],
      ['integer', 'integer'],
    ]);
  });

  it('follows $defs and definitions references and keeps sibling annotations', () => {
    const schema = normalizeSchema({
      type: 'object',
      $defs: { Unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      definitions: {
        Place: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      properties: {
        unit: { $ref: '#/$defs/Unit', description: 'Temperature unit' },
        place: { $ref: '#/definitions/Place' },
      },
    });
    const unit = prop(schema, 'unit').schema;
    expect(unit.kind).toBe('enum');
    expect(unit.options!.map((o) => o.value)).toEqual(['celsius', 'fahrenheit']);
    expect(unit.description).toBe('Temperature unit');
    const place = prop(schema, 'place').schema;
    expect(place.kind).toBe('object');
    expect(place.properties![0]).toMatchObject({ name: 'city', required: true });
  });

  it('stops a recursive reference with a raw JSON field instead of looping', () => {
    const schema = normalizeSchema({
      type: 'object',
      $defs: {
        Node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/Node' } },
          },
        },
      },
      properties: { tree: { $ref: '#/$defs/Node' } },
    });
    const tree = prop(schema, 'tree').schema;
    expect(tree.kind).toBe('object');
    const children = prop(tree, 'children').schema;
    expect(children.kind).toBe('array');
    expect(children.items!.kind).toBe('raw');
  });

  it('merges allOf members, $refs included', () => {
    const schema = normalizeSchema({
      $defs: {
        Base: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
      },
      allOf: [{ $ref: '#/$defs/Base' }, { properties: { note: { type: 'string' } } }],
    });
    expect(schema.properties!.map((p) => [p.name, p.required])).toEqual([
      ['id', true],
      ['note', false],
    ]);
  });

  it('labels anyOf branches from title, const discriminator or type', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: {
        shape: {
          anyOf: [
            { type: 'object', title: 'Circle', properties: { r: { type: 'number' } } },
            { type: 'object', properties: { kind: { const: 'square' }, side: { type: 'number' } } },
            { type: 'string' },
          ],
        },
      },
    });
    expect(prop(schema, 'shape').schema.branches!.map((b) => b.label)).toEqual([
      'Circle',
      'square',
      'string',
    ]);
  });

  it('reads an anyOf of titled consts (elicitation) as an enum with labels', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: {
        size: {
          oneOf: [
            { const: 's', title: 'Small' },
            { const: 'l', title: 'Large' },
          ],
        },
      },
    });
    expect(prop(schema, 'size').schema).toMatchObject({
      kind: 'enum',
      options: [
        { value: 's', label: 'Small' },
        { value: 'l', label: 'Large' },
      ],
    });
  });

  it('makes an array of enum values a multi-select and other arrays item lists', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: {
        days: { type: 'array', items: { type: 'string', enum: ['mon', 'tue'] } },
        points: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' } } } },
      },
    });
    expect(prop(schema, 'days').schema).toMatchObject({
      kind: 'multi',
      options: [{ value: 'mon' }, { value: 'tue' }],
    });
    expect(prop(schema, 'points').schema.items!.kind).toBe('object');
  });

  it('keeps string and number constraints, and reads a map as raw JSON', () => {
    const schema = normalizeSchema({
      type: 'object',
      properties: {
        code: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[A-Z]+$', format: 'iata' },
        days: { type: 'integer', minimum: 1, exclusiveMaximum: 8 },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
    expect(prop(schema, 'code').schema).toMatchObject({
      minLength: 2,
      maxLength: 3,
      pattern: '^[A-Z]+$',
      format: 'iata',
    });
    expect(prop(schema, 'days').schema).toMatchObject({
      kind: 'integer',
      minimum: 1,
      exclusiveMaximum: 8,
    });
    expect(prop(schema, 'labels').schema.kind).toBe('raw');
  });

  it('gives an empty object for a schema without properties', () => {
    expect(normalizeSchema({ type: 'object' })).toMatchObject({ kind: 'object', properties: [] });
    expect(normalizeSchema({})).toMatchObject({ kind: 'object', properties: [] });
  });

  it('lets a top-level map keep any key', () => {
    const map = normalizeSchema({ type: 'object', additionalProperties: { type: 'string' } });
    expect(map).toMatchObject({ kind: 'object', properties: [], additional: true });
  });
});
