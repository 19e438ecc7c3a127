import { describe, expect, it } from 'vitest';
import {
  countOf,
  firstLine,
  formatColumns,
  formatContentBlock,
  formatJson,
  truncateForHumans,
} from './format.js';

const ESC = '\x1b';

describe('truncateForHumans', () => {
  it('keeps text within the limit and cuts longer text, saying how much is left out', () => {
    expect(truncateForHumans('abc', 3)).toBe('abc');
    expect(truncateForHumans('abcdef', 4)).toBe(
      'abcd\n… 2 more characters not shown (use --json for the whole result)',
    );
  });
});

describe('formatColumns', () => {
  it('aligns names, cuts long summaries to the width, and trims trailing space', () => {
    const text = formatColumns(
      [
        ['echo', 'Echo the text back.'],
        ['get_forecast', 'x'.repeat(200)],
        ['quiet', ''],
      ],
      60,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('echo          Echo the text back.');
    expect(lines[1]!.startsWith('get_forecast  xxx')).toBe(true);
    expect(lines[1]!.length).toBe(60);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(lines[2]).toBe('quiet');
  });

  it('shows no terminal escapes from server names or summaries', () => {
    const text = formatColumns([[`evil${ESC}]0;title\x07`, `red ${ESC}[31mtext${ESC}[0m`]]);
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\x07');
  });
});

describe('firstLine, countOf', () => {
  it('takes the first line of a description, trimmed', () => {
    expect(firstLine('  One.\nTwo.')).toBe('One.');
    expect(firstLine(undefined)).toBe('');
  });

  it('counts with the plural where it belongs', () => {
    expect(countOf(1, 'tool')).toBe('1 tool');
    expect(countOf(0, 'tool')).toBe('0 tools');
    expect(countOf(3, 'prompt')).toBe('3 prompts');
  });
});

describe('formatJson', () => {
  it('pretty-prints and keeps escapes out of string values', () => {
    const text = formatJson({ a: 1, b: `x${ESC}[2Jy` });
    expect(text.startsWith('{\n  "a": 1,')).toBe(true);
    expect(text).not.toContain(ESC);
  });
});

describe('formatContentBlock', () => {
  it.each<[string, Parameters<typeof formatContentBlock>[0], string]>([
    ['text', { type: 'text', text: 'hello\nworld' }, 'hello\nworld'],
    [
      'an image',
      { type: 'image', mimeType: 'image/png', data: 'A'.repeat(4096) },
      '[image image/png, 3.0 KB]',
    ],
    ['audio', { type: 'audio', mimeType: 'audio/wav', data: 'AAAA' }, '[audio audio/wav, 3 B]'],
    [
      'a resource link',
      { type: 'resource_link', uri: 'file:///a.txt', name: 'a' },
      '[resource link file:///a.txt "a"]',
    ],
    [
      'an embedded text resource',
      { type: 'resource', resource: { uri: 'test://x', text: 'body' } },
      '[resource test://x]\nbody',
    ],
    [
      'an embedded binary resource',
      {
        type: 'resource',
        resource: { uri: 'test://b', mimeType: 'application/pdf', blob: 'AAAA' },
      },
      '[resource test://b: application/pdf, 3 B]',
    ],
    ['an unknown kind', { type: 'hologram' }, '[hologram content]'],
  ])('shows %s', (_label, block, expected) => {
    expect(formatContentBlock(block)).toBe(expected);
  });

  it('sanitises every part that comes from the server', () => {
    const shown = [
      formatContentBlock({ type: 'text', text: `a${ESC}[31mb` }),
      formatContentBlock({ type: 'image', mimeType: `image/${ESC}]8;;x\x07`, data: '' }),
      formatContentBlock({ type: 'resource_link', uri: `u${ESC}c`, name: `n${ESC}c` }),
      formatContentBlock({ type: `t${ESC}c` }),
    ].join('\n');
    expect(shown).not.toContain(ESC);
    expect(shown).not.toContain('\x07');
  });
});
