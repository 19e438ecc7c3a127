import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { defaultResultPath, saveResult } from './save-result.js';

const result = { content: [{ type: 'text', text: 'hi' }], structuredContent: { n: 1 } };

describe('saveResult', () => {
  it('writes the result as pretty JSON and returns the absolute path', async () => {
    const dir = makeTempDir('save');
    const path = await saveResult('out.json', result, { cwd: dir });
    expect(path).toBe(join(dir, 'out.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(result);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(result, null, 2)}\n`);
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('refuses to overwrite a file, naming it, and leaves it as it was', async () => {
    const dir = makeTempDir('save');
    writeFileSync(join(dir, 'taken.json'), 'old');
    await expect(saveResult('taken.json', result, { cwd: dir })).rejects.toThrow(
      `${join(dir, 'taken.json')} exists; choose another name.`,
    );
    expect(readFileSync(join(dir, 'taken.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['taken.json']);
  });

  it('expands ~/ with the home folder given, and says when the folder is missing', async () => {
    const home = makeTempDir('home');
    expect(await saveResult('~/r.json', result, { cwd: '/', homedir: home })).toBe(
      join(home, 'r.json'),
    );
    await expect(saveResult('nope/r.json', result, { cwd: home })).rejects.toThrow(
      `The folder ${join(home, 'nope')} does not exist.`,
    );
  });
});

describe('defaultResultPath', () => {
  it('names the file after the tool and the local time', () => {
    const now = new Date(2026, 11, 7, 3, 15, 0);
    expect(defaultResultPath('tool', 'get_forecast', now)).toBe(
      'get_forecast-result-20261207-031500.json',
    );
  });

  it('makes any name safe for a file system', () => {
    const now = new Date(2026, 0, 2, 13, 4, 5);
    expect(defaultResultPath('resource', 'file:///etc/pass wd', now)).toBe(
      'etc_pass_wd-result-20260102-130405.json',
    );
    expect(defaultResultPath('tool', '../../x\u001b[2J', now)).toBe(
      'x_2J-result-20260102-130405.json',
    );
    expect(defaultResultPath('prompt', '///', now)).toBe('prompt-result-20260102-130405.json');
  });
});
