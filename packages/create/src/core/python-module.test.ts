import { describe, expect, it } from 'vitest';
import { pythonModuleName } from './python-module.js';

describe('pythonModuleName', () => {
  it.each([
    ['weather', 'weather'],
    ['my-mcp-server', 'my_mcp_server'],
    ['weather.app_2', 'weather_app_2'],
    ['3d-maps', 'mcp_3d_maps'],
    ['email', 'email_server'],
    ['json', 'json_server'],
    ['class', 'class_server'],
    ['pydantic', 'pydantic_server'],
    ['tests', 'tests_server'],
    ['email-tools', 'email_tools'],
  ])('%s → %s', (name, module) => {
    expect(pythonModuleName(name)).toBe(module);
  });

  it('always gives an identifier', () => {
    for (const name of ['0', '9.9', 'a-b.c_d', 'import', 'x']) {
      expect(pythonModuleName(name)).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
  });
});
