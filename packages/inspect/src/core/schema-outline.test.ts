import { describe, expect, it } from 'vitest';
import { outlineSchema } from './schema-outline.js';

describe('outlineSchema', () => {
  it('lists properties with types, required marks, notes and nesting', () => {
    const lines = outlineSchema({
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 1, maximum: 10, description: 'How many' },
        mode: { enum: ['fast', 'slow'], default: 'fast' },
        tags: { type: 'array', items: { type: 'string' } },
        options: {
          type: 'object',
          properties: { depth: { type: 'integer' } },
          required: ['depth'],
        },
      },
      required: ['count'],
    });
    expect(lines).toEqual([
      { depth: 0, name: 'count', required: true, type: 'integer 1..10', note: 'How many' },
      { depth: 0, name: 'mode', required: false, type: '"fast" | "slow"', note: 'default "fast"' },
      { depth: 0, name: 'tags', required: false, type: 'array of string', note: '' },
      { depth: 0, name: 'options', required: false, type: 'object', note: '' },
      { depth: 1, name: 'depth', required: true, type: 'integer', note: '' },
    ]);
  });

  it('follows $refs into $defs, nullable anyOf, and stops on recursion', () => {
    const lines = outlineSchema({
      type: 'object',
      $defs: {
        Node: {
          type: 'object',
          properties: { label: { type: 'string' }, child: { $ref: '#/$defs/Node' } },
        },
      },
      properties: {
        root: { $ref: '#/$defs/Node' },
        city: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
      },
    });
    expect(lines.map((l) => `${l.depth}:${l.name}:${l.type}`)).toEqual([
      '0:root:object',
      '1:label:string',
      '1:child:(recursive)',
      '0:city:string | null',
    ]);
  });
});
