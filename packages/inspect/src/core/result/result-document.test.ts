import { describe, expect, it } from 'vitest';
import { formatBase64Size } from './content-sections.js';
import { buildResultDocument, type ResultInput } from './result-document.js';
import { lineText } from './styled-line.js';

const WIDTH = 80;
const all = (input: ResultInput, width = WIDTH) => {
  const document = buildResultDocument(input);
  return document.lines(0, document.lineCount(width), width).map(lineText);
};
const tool = (result: object, extra: Partial<Extract<ResultInput, { kind: 'tool' }>> = {}) =>
  ({ kind: 'tool', name: 'get_forecast', result, durationMs: 12.4, ...extra }) as ResultInput;
const base64Of = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');

describe('buildResultDocument: tool results', () => {
  it('says ok, names the tool and the time, then shows the text', () => {
    expect(all(tool({ content: [{ type: 'text', text: 'Sunny, 21°C' }] }))).toEqual([
      '✓ ok  get_forecast  12 ms',
      'Sunny, 21°C',
    ]);
  });

  it('marks a tool error in red', () => {
    const document = buildResultDocument(
      tool({ content: [{ type: 'text', text: 'no such city' }], isError: true }),
    );
    const [status] = document.lines(0, 1, WIDTH);
    expect(status![0]).toEqual({ text: '✗ tool error', style: 'error' });
    expect(lineText(document.lines(1, 1, WIDTH)[0]!)).toBe('no such city');
  });

  it('summarises images and audio with their decoded size', () => {
    const lines = all(
      tool({
        content: [
          { type: 'image', mimeType: 'image/png', data: base64Of(12_595) },
          { type: 'audio', mimeType: 'audio/wav', data: base64Of(500) },
        ],
      }),
    );
    expect(lines[1]).toBe('1/2 [image] image/png 12.3 KB');
    expect(lines[2]).toBe('2/2 [audio] audio/wav 500 B');
    expect(formatBase64Size(base64Of(1))).toBe('1 B');
    expect(formatBase64Size(base64Of(3 * 1024 * 1024))).toBe('3.0 MB');
  });

  it('shows resource links and embedded resources', () => {
    const lines = all(
      tool({
        content: [
          { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt' },
          {
            type: 'resource',
            resource: { uri: 'file:///b.txt', mimeType: 'text/plain', text: 'hello' },
          },
          {
            type: 'resource',
            resource: {
              uri: 'file:///c.bin',
              mimeType: 'application/octet-stream',
              blob: base64Of(2048),
            },
          },
        ],
      }),
    );
    expect(lines.slice(1)).toEqual([
      '1/3 [resource link] file:///a.txt  a.txt',
      '2/3 [resource] file:///b.txt  text/plain',
      '  hello',
      '3/3 [resource] file:///c.bin  application/octet-stream  blob 2.0 KB',
    ]);
  });

  it('shows text that is JSON as a foldable tree', () => {
    const document = buildResultDocument(
      tool({ content: [{ type: 'text', text: '{"a":[1,2]}' }] }),
    );
    expect(document.lines(0, 10, WIDTH).map(lineText)).toEqual([
      '✓ ok  get_forecast  12 ms',
      '{',
      '  "a": [',
      '    1,',
      '    2',
      '  ]',
      '}',
    ]);
    expect(document.toggleFold(2, WIDTH)).toBe(2);
    expect(document.lineCount(WIDTH)).toBe(4);
    expect(lineText(document.lines(2, 1, WIDTH)[0]!)).toBe('  "a": […] 2 items');
    expect(document.toggleFold(0, WIDTH)).toBeUndefined();
  });

  it('checks structuredContent against the outputSchema', () => {
    const outputSchema = {
      type: 'object',
      properties: { temp: { type: 'number' } },
      required: ['temp'],
    };
    const ok = all(tool({ content: [], structuredContent: { temp: 21 } }, { outputSchema }));
    expect(ok).toEqual([
      '✓ ok  get_forecast  12 ms',
      'structuredContent  ✓ matches outputSchema',
      '{',
      '  "temp": 21',
      '}',
    ]);
    const bad = all(tool({ content: [], structuredContent: { temp: 'warm' } }, { outputSchema }));
    expect(bad[1]).toMatch(
      /^structuredContent {2}✗ does not match outputSchema: temp: must be number/,
    );
  });

  it('a tool with an outputSchema and no structuredContent does not match; errors are not checked', () => {
    const outputSchema = { type: 'object' };
    const missing = all(tool({ content: [{ type: 'text', text: 'x' }] }, { outputSchema }));
    expect(missing[2]).toBe(
      'structuredContent  ✗ does not match outputSchema: the tool declares an outputSchema but returned no structuredContent',
    );
    const failed = all(
      tool({ content: [{ type: 'text', text: 'x' }], isError: true }, { outputSchema }),
    );
    expect(failed.join('\n')).not.toContain('outputSchema');
  });

  it('says when a tool returned nothing, and shows a block of an unknown type as JSON', () => {
    expect(all(tool({ content: [] }))).toEqual(['✓ ok  get_forecast  12 ms', '(no content)']);
    expect(all(tool({ content: [{ type: 'tool_use', id: 'u1' }] })).slice(1)).toEqual([
      '[tool_use]',
      '{',
      '  "type": "tool_use",',
      '  "id": "u1"',
      '}',
    ]);
  });

  it('shows structuredContent without a check when there is no outputSchema', () => {
    expect(all(tool({ content: [], structuredContent: { a: 1 } })).slice(1, 2)).toEqual([
      'structuredContent',
    ]);
  });

  it('renders a server string with an escape sequence sanitised', () => {
    const evil = 'before\u001b]0;evil\u0007after\u001b[2J';
    const lines = all(
      tool(
        {
          content: [
            { type: 'text', text: evil },
            { type: 'image', mimeType: `image/png${evil}`, data: '' },
            { type: 'text', text: JSON.stringify({ [evil]: evil }) },
          ],
        },
        { name: `x${evil}` },
      ),
    );
    const joined = lines.join('\n');
    // eslint-disable-next-line no-control-regex
    expect(joined).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(lines[0]).toBe('✓ ok  xbeforeafter  12 ms');
    expect(lines[2]).toBe('beforeafter');
  });
});

describe('buildResultDocument: wrapping', () => {
  it('wraps long text to the width and rewraps when the width changes', () => {
    const text = `${'a'.repeat(25)}\n${'b'.repeat(5)}`;
    const document = buildResultDocument(tool({ content: [{ type: 'text', text }] }));
    expect(document.lineCount(10)).toBe(1 + 3 + 1);
    expect(document.lines(1, 4, 10).map(lineText)).toEqual([
      'aaaaaaaaaa',
      'aaaaaaaaaa',
      'aaaaa',
      'bbbbb',
    ]);
    expect(document.lineCount(20)).toBe(1 + 2 + 1);
    expect(document.lines(2, 2, 20).map(lineText)).toEqual(['aaaaa', 'bbbbb']);
  });

  it('wraps wide characters by the columns they take', () => {
    const text = `${'天'.repeat(12)}\nab😀cd\n${'x'.repeat(12)}`;
    const document = buildResultDocument(tool({ content: [{ type: 'text', text }] }));
    expect(document.lines(1, 10, 10).map(lineText)).toEqual([
      '天天天天天',
      '天天天天天',
      '天天',
      'ab😀cd',
      'xxxxxxxxxx',
      'xx',
    ]);
    // Twelve wide characters take two rows of 20 columns.
    expect(document.lines(1, 4, 20).map(lineText)).toEqual([
      '天'.repeat(10),
      '天天',
      'ab😀cd',
      'x'.repeat(12),
    ]);
  });

  it('builds a 5 MB result quickly and shows a window of it', () => {
    const items = Array.from({ length: 40_000 }, (_, i) => ({
      id: i,
      name: `item ${i}`,
      tags: ['x', 'y'],
      score: i / 3,
    }));
    const text = JSON.stringify(items);
    const prose = 'word '.repeat(1_000_000);
    expect(text.length).toBeGreaterThan(2_500_000);
    const started = performance.now();
    const document = buildResultDocument(
      tool({
        content: [
          { type: 'text', text },
          { type: 'text', text: prose },
        ],
      }),
    );
    const built = performance.now() - started;
    const count = document.lineCount(WIDTH);
    expect(count).toBeGreaterThan(40_000 * 9);
    const window = document.lines(count - 3, 10, WIDTH).map(lineText);
    expect(window).toHaveLength(3);
    expect(window[2]).toMatch(/^(word )+$/);
    // A sanity bound for a slow shared machine; the budget is 300 ms on a laptop.
    expect(built).toBeLessThan(2_000);
  });
});

describe('buildResultDocument: resources, prompts, failures, raw', () => {
  it('shows each content of a resource: text, JSON, blob', () => {
    const lines = all({
      kind: 'resource',
      uri: 'file:///x',
      durationMs: 3,
      result: {
        contents: [
          { uri: 'file:///x/a.txt', mimeType: 'text/plain', text: 'hi' },
          { uri: 'file:///x/b.json', mimeType: 'application/json', text: '{"k":true}' },
          { uri: 'file:///x/c.png', mimeType: 'image/png', blob: base64Of(100) },
        ],
      },
    });
    expect(lines).toEqual([
      '✓ ok  file:///x  3 ms',
      'file:///x/a.txt  text/plain',
      '  hi',
      'file:///x/b.json  application/json',
      '  {',
      '    "k": true',
      '  }',
      'file:///x/c.png  image/png  blob 100 B',
    ]);
  });

  it('shows a prompt description, then each message with its role', () => {
    const lines = all({
      kind: 'prompt',
      name: 'review',
      durationMs: 5,
      result: {
        description: 'Review code',
        messages: [
          { role: 'user', content: { type: 'text', text: 'Please review' } },
          {
            role: 'assistant',
            content: { type: 'image', mimeType: 'image/jpeg', data: base64Of(10) },
          },
        ],
      },
    });
    expect(lines).toEqual([
      '✓ ok  review  5 ms',
      'Review code',
      'user:',
      '  Please review',
      'assistant:',
      '  [image] image/jpeg 10 B',
    ]);
  });

  it('reads a prompt message holding a list of blocks', () => {
    const lines = all({
      kind: 'prompt',
      name: 'p',
      durationMs: 1,
      result: {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'one' },
              { type: 'text', text: 'two' },
            ],
          },
        ],
      } as never,
    });
    expect(lines.slice(1)).toEqual(['user:', '  1/2', '  one', '  2/2', '  two']);
  });

  it('shows a failed or cancelled call', () => {
    expect(
      all({
        kind: 'error',
        title: 'timed out',
        message: 'no answer in 1000 ms',
        hint: 'raise --timeout',
        durationMs: 1000,
      }),
    ).toEqual(['✗ timed out  1000 ms', 'no answer in 1000 ms', 'raise --timeout']);
    expect(all({ kind: 'error', title: 'stopped', message: 'by you', cancelled: true })[0]).toBe(
      '⊘ cancelled',
    );
  });

  it('raw shows the whole result as one JSON tree, and toJSON is what is saved', () => {
    const result = { content: [{ type: 'text', text: 'hi' }], isError: false };
    const document = buildResultDocument(tool(result));
    expect(document.toJSON()).toBe(result);
    document.toggleRaw();
    expect(document.raw).toBe(true);
    const lines = document.lines(0, document.lineCount(WIDTH), WIDTH).map(lineText);
    expect(lines.slice(1).join('\n')).toBe(JSON.stringify(result, null, 2));
    document.toggleRaw();
    expect(document.lineCount(WIDTH)).toBe(2);
    expect(buildResultDocument({ kind: 'error', title: 't', message: 'm' }).toJSON()).toEqual({
      error: 't',
      message: 'm',
    });
  });
});
