import { describe, expect, it } from 'vitest';
import { buildArguments, coerceValue, type JsonSchemaLike } from './arguments.js';
import { InspectError } from './errors.js';
import { checkAgainstSchema } from './validate.js';

const schema: JsonSchemaLike = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    days: { type: 'integer' },
    ratio: { type: 'number' },
    flag: { type: 'boolean' },
    tags: { type: 'array' },
    options: { type: 'object' },
    either: { type: ['number', 'string'] },
    loose: {},
  },
};

describe('coerceValue', () => {
  it.each<[string, string, unknown]>([
    ['city', '007', '007'],
    ['days', '3', 3],
    ['ratio', '-0.5', -0.5],
    ['flag', 'true', true],
    ['flag', 'no', false],
    ['tags', '["a","b"]', ['a', 'b']],
    ['options', '{"depth":2}', { depth: 2 }],
    ['either', '12', 12],
    ['either', 'twelve', 'twelve'],
    ['loose', '{"x":1}', { x: 1 }],
    ['loose', 'plain text', 'plain text'],
  ])('%s=%s', (key, text, expected) => {
    expect(coerceValue(key, text, schema.properties?.[key])).toEqual(expected);
  });

  it.each([
    ['days', '3.5', /not an integer/],
    ['days', 'three', /not a number/],
    ['flag', 'maybe', /not true or false/],
    ['tags', '{"a":1}', /not a JSON array/],
    ['options', 'nope', /not JSON object/],
  ])('refuses %s=%s with an example', (key, text, message) => {
    try {
      coerceValue(key, text, schema.properties?.[key]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InspectError);
      expect((error as InspectError).message).toMatch(message);
      expect((error as InspectError).hint).toMatch(new RegExp(`--arg ${key}=`));
      expect((error as InspectError).exitCode).toBe(2);
    }
  });
});

describe('buildArguments', () => {
  it('lets --arg pairs override --args JSON, and keeps = inside values', () => {
    expect(buildArguments(['days=5', 'city=a=b'], '{"days": 1, "flag": true}', schema)).toEqual({
      days: 5,
      flag: true,
      city: 'a=b',
    });
  });

  it('refuses --args that is not a JSON object, and pairs without =', () => {
    expect(() => buildArguments([], '[1]', schema)).toThrow(/must be a JSON object/);
    expect(() => buildArguments([], '{bad', schema)).toThrow(/not valid JSON/);
    expect(() => buildArguments(['city'], undefined, schema)).toThrow(/not key=value/);
  });
});

describe('checkAgainstSchema', () => {
  const strict = {
    type: 'object',
    properties: {
      count: { type: 'integer', minimum: 1, maximum: 10 },
      nested: { type: 'object', properties: { depth: { type: 'integer' } } },
    },
    required: ['count'],
  };

  it('accepts conforming values', () => {
    expect(checkAgainstSchema({ count: 3 }, strict)).toBeUndefined();
  });

  it('names the field that fails', () => {
    expect(checkAgainstSchema({ count: 11 }, strict)).toMatch(/^count: must be <= 10/);
    expect(checkAgainstSchema({ count: 1, nested: { depth: 'x' } }, strict)).toMatch(
      /^nested\.depth: must be integer/,
    );
    expect(checkAgainstSchema({}, strict)).toMatch(/must have required property 'count'/);
  });
});

describe('coerceValue with unions and null', () => {
  it('reads an anyOf/oneOf of types like a type list', () => {
    const anyOf: JsonSchemaLike = { anyOf: [{ type: 'integer' }, { type: 'boolean' }] };
    expect(coerceValue('x', '4', anyOf)).toBe(4);
    expect(coerceValue('x', 'true', anyOf)).toBe(true);
    expect(coerceValue('x', 'word', anyOf)).toBe('word');
    expect(coerceValue('x', '7', { oneOf: [{ type: 'string' }, { type: 'null' }] })).toBe('7');
  });

  it('takes an empty value or "null" as null for a null type, and refuses others', () => {
    expect(coerceValue('x', '', { type: 'null' })).toBeNull();
    expect(coerceValue('x', 'null', { type: 'null' })).toBeNull();
    expect(() => coerceValue('x', 'nil', { type: 'null' })).toThrow(/not null/);
  });

  it('refuses an empty number instead of sending 0', () => {
    expect(() => coerceValue('days', '', { type: 'integer' })).toThrow(/not a number/);
    expect(() => coerceValue('days', 'Infinity', { type: 'number' })).toThrow(/not a number/);
  });
});
