import { describe, expect, it } from 'vitest';
import { checkProjectName, deriveProjectName } from './name.js';
import { findTemplate } from './templates.js';

describe('deriveProjectName', () => {
  it.each([
    ['My Weather', 'my-weather'],
    ['Café Météo', 'cafe-meteo'],
    ['weather_server.v2', 'weather_server.v2'],
    ['  --Weird__ Name!!  ', 'weird__-name'],
    ['天气', 'mcp-server'],
    ['.hidden', 'hidden'],
  ])('%j → %j', (folder, expected) => {
    expect(deriveProjectName(folder)).toBe(expected);
    expect(checkProjectName(deriveProjectName(folder))).toBeUndefined();
  });
});

describe('checkProjectName', () => {
  it('accepts package-style names', () => {
    for (const name of ['weather', 'my-weather', 'a', 'w2', 'x.y_z-1'])
      expect(checkProjectName(name)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['My-Weather', /upper-case/],
    ['my weather', /lower-case letters/],
    ['-weather', /lower-case letters/],
    ['weather-', /lower-case letters/],
    ['wéather', /lower-case letters/],
    ['a"b', /lower-case letters/],
    ['x'.repeat(215), /longer than 214/],
  ])('rejects %j', (name, reason) => {
    expect(checkProjectName(name)).toMatch(reason);
  });

  it('rejects names that clash with a dependency of the template', () => {
    expect(checkProjectName('mcp', findTemplate('python'))).toMatch(
      /depend on a package of the same name/,
    );
    expect(checkProjectName('fastmcp', findTemplate('fastmcp'))).toMatch(/same name/);
    expect(checkProjectName('zod', findTemplate('typescript'))).toMatch(/same name/);
    expect(checkProjectName('zod', findTemplate('python'))).toBeUndefined();
  });
});
