import { describe, expect, it } from 'vitest';
import { prettyJsonLines } from './pretty-json.js';

describe('prettyJsonLines', () => {
  it('indents like JSON.stringify with two spaces', () => {
    const value = { a: [1, { b: 'x, "y": [z]' }], c: {}, d: [], e: null, f: 'é\\"' };
    expect(prettyJsonLines(JSON.stringify(value))).toEqual(
      JSON.stringify(value, null, 2).split('\n'),
    );
  });

  it('indents text cut in the middle', () => {
    expect(prettyJsonLines('{"a":[1,2],"b":"unfinish')).toEqual([
      '{',
      '  "a": [',
      '    1,',
      '    2',
      '  ],',
      '  "b": "unfinish',
    ]);
  });

  it('stops after maxLines', () => {
    expect(prettyJsonLines('[1,2,3,4,5]', 3)).toEqual(['[', '  1,', '  2,']);
  });
});
