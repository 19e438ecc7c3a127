import { describe, expect, it } from 'vitest';
import { checkAgainstSchema } from '../validate.js';
import {
  expandUriTemplate,
  promptArgumentsSchema,
  templateVariables,
  templateVariablesSchema,
} from './synthesize.js';

describe('promptArgumentsSchema', () => {
  it('makes every argument a string, required ones required', () => {
    const schema = promptArgumentsSchema([
      { name: 'city', description: 'City to plan for', required: true },
      { name: 'style' },
    ]);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City to plan for' },
        style: { type: 'string' },
      },
      required: ['city'],
    });
    expect(checkAgainstSchema({ style: 'short' }, schema)).toContain("required property 'city'");
  });
});

describe('templateVariablesSchema', () => {
  it('lists the variables of simple and query expressions as required strings', () => {
    expect(templateVariablesSchema('weather://{city}/forecast{?days,unit}')).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'string' }, unit: { type: 'string' } },
      required: ['city', 'days', 'unit'],
    });
  });

  it('names each variable once and none for a plain URI', () => {
    expect(templateVariables('file:///{+path}/{name}{#name}')).toEqual(['path', 'name']);
    expect(templateVariables('config://app')).toEqual([]);
  });
});

describe('expandUriTemplate', () => {
  it('encodes simple values, keeps reserved ones for {+x}, and adds query, path and fragment parts', () => {
    expect(
      expandUriTemplate('weather://{city}/forecast{?days}', { city: 'São Paulo', days: 3 }),
    ).toBe('weather://S%C3%A3o%20Paulo/forecast?days=3');
    expect(expandUriTemplate('file:///{+path}', { path: 'src/a b.ts' })).toBe(
      'file:///src/a%20b.ts',
    );
    expect(
      expandUriTemplate('repo://x{/owner,name}{#line}', { owner: 'me', name: 'r', line: 'L1' }),
    ).toBe('repo://x/me/r#L1');
  });

  it('leaves out what was not given', () => {
    expect(expandUriTemplate('weather://{city}/forecast{?days}', { city: 'Oslo' })).toBe(
      'weather://Oslo/forecast',
    );
  });
});
