import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy.js';

describe('fuzzy filter', () => {
  const names = [
    'get_forecast',
    'get_weather',
    'echo',
    'get-sum',
    'longRunningOperation',
    'printEnv',
  ];

  it('keeps the characters in order, case insensitive', () => {
    expect(fuzzyScore('gwe', 'get_weather')).toBeDefined();
    expect(fuzzyScore('ewg', 'get_weather')).toBeUndefined();
    expect(fuzzyScore('LRO', 'longRunningOperation')).toBeDefined();
  });

  it('ranks word starts and runs above scattered matches', () => {
    expect(fuzzyFilter(names, 'fore', (n) => n)).toEqual(['get_forecast']);
    expect(fuzzyFilter(names, 'sum', (n) => n)[0]).toBe('get-sum');
    expect(fuzzyFilter(names, 'we', (n) => n)[0]).toBe('get_weather');
    expect(fuzzyFilter(names, 'lro', (n) => n)).toEqual(['longRunningOperation']);
  });

  it('an empty query keeps every item in order', () => {
    expect(fuzzyFilter(names, '  ', (n) => n)).toEqual(names);
  });
});
