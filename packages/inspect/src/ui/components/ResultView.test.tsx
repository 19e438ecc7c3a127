import chalk from 'chalk';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { buildResultDocument } from '../../core/result/result-document.js';
import { ResultView } from './ResultView.js';

const DOWN = '\u001b[B';
const PG_DOWN = '\u001b[6~';
const PG_UP = '\u001b[5~';

/** A tool result whose text is a JSON array of `count` numbers: lines "  0," … */
function numbers(count: number) {
  return buildResultDocument({
    kind: 'tool',
    name: 'count',
    durationMs: 3,
    result: {
      content: [{ type: 'text', text: JSON.stringify(Array.from({ length: count }, (_, i) => i)) }],
    },
  });
}

/** The rows of a frame without the position line. */
const rows = (frame: string | undefined) =>
  (frame ?? '')
    .split('\n')
    .slice(0, -1)
    .map((row) => row.trimEnd());
describe('ResultView', () => {
  it('shows only the rows that fit, and where they are', async () => {
    const app = await renderInk(
      <ResultView document={numbers(1_000)} width={40} height={6} isActive />,
    );
    const frame = app.lastFrame()!;
    expect(frame.split('\n')).toHaveLength(6);
    expect(frame).toContain('✓ ok  count  3 ms');
    expect(frame).toContain('lines 1–5 of 1,003');
    expect(frame).not.toContain('  10,');
  });

  it('moves the cursor with j and ↓, pages with PgDn and PgUp, jumps with G and g', async () => {
    const app = await renderInk(
      <ResultView document={numbers(1_000)} width={40} height={6} isActive />,
    );
    await app.type('j', 'j', DOWN);
    expect(rows(app.lastFrame())[3]).toContain('  1,');
    expect(app.lastFrame()).toContain('lines 1–5 of 1,003');
    await app.type(PG_DOWN);
    // The cursor went 5 lines down, to line 9 ("  6,"), which is now the last row shown.
    expect(app.lastFrame()).toContain('lines 5–9 of 1,003');
    expect(rows(app.lastFrame())[4]).toBe('  6,');
    await app.type(PG_UP);
    expect(app.lastFrame()).toContain('lines 4–8 of 1,003');
    await app.type('G');
    expect(app.lastFrame()).toContain('lines 999–1,003 of 1,003');
    expect(rows(app.lastFrame())).toEqual(
      expect.arrayContaining([expect.stringContaining('  999')]),
    );
    await app.type('g');
    expect(app.lastFrame()).toContain('lines 1–5 of 1,003');
    expect(app.lastFrame()).toContain('✓ ok');
  });

  it('takes a burst of j as that many moves', async () => {
    const app = await renderInk(
      <ResultView document={numbers(100)} width={40} height={6} isActive />,
    );
    await app.burst('jjjjjj');
    expect(app.lastFrame()).toContain('lines 3–7 of 103');
  });

  it('folds the array under the cursor with Space, and unfolds it', async () => {
    const app = await renderInk(
      <ResultView document={numbers(1_000)} width={40} height={6} isActive />,
    );
    await app.type('j', ' ');
    expect(app.lastFrame()).toContain('[…] 1,000 items');
    expect(app.lastFrame()).toContain('lines 1–2 of 2');
    await app.type(' ');
    expect(app.lastFrame()).toContain('lines 1–5 of 1,003');
  });

  it('folds from the closing bracket and puts the cursor on the opening line', async () => {
    const document = buildResultDocument({
      kind: 'tool',
      name: 't',
      durationMs: 1,
      result: {
        content: [
          {
            type: 'text',
            text: JSON.stringify({ list: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], after: 1 }),
          },
        ],
      },
    });
    const app = await renderInk(<ResultView document={document} width={40} height={20} isActive />);
    expect(app.lastFrame()).toContain('lines 1–16 of 16');
    // G, k, k: the line "  ]," that closes the list.
    await app.type('G', 'k', 'k', ' ');
    expect(app.lastFrame()).toContain('"list": […] 10 items,');
    expect(app.lastFrame()).toContain('lines 1–5 of 5');
    // Space again unfolds the list: the cursor is on its line, not on the object's end.
    await app.type(' ');
    expect(app.lastFrame()).toContain('lines 1–16 of 16');
  });

  it('switches to the raw JSON of the result with v, and back', async () => {
    const app = await renderInk(
      <ResultView document={numbers(2)} width={50} height={12} isActive />,
    );
    expect(app.lastFrame()).not.toContain('"content"');
    await app.type('v');
    expect(app.lastFrame()).toContain('"content": [');
    expect(app.lastFrame()).toContain('"type": "text"');
    expect(app.lastFrame()).toContain('raw JSON');
    await app.type('v');
    expect(app.lastFrame()).not.toContain('"content"');
  });

  it('asks to save with w, and ignores keys when not active', async () => {
    const onSave = vi.fn();
    const document = numbers(100);
    const app = await renderInk(
      <ResultView document={document} width={40} height={6} isActive onSave={onSave} />,
    );
    await app.type('w');
    expect(onSave).toHaveBeenCalledTimes(1);
    await act(async () => {
      app.rerender(
        <ResultView document={document} width={40} height={6} isActive={false} onSave={onSave} />,
      );
    });
    await app.type('j', 'G', 'w');
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(app.lastFrame()).toContain('lines 1–5 of 103');
  });

  it('cuts lines to the width and rewraps text when the width changes', async () => {
    const document = buildResultDocument({
      kind: 'tool',
      name: 't',
      durationMs: 1,
      result: { content: [{ type: 'text', text: 'x'.repeat(100) }] },
    });
    const app = await renderInk(<ResultView document={document} width={20} height={10} isActive />);
    expect(app.lastFrame()).toContain('lines 1–6 of 6');
    await act(async () => {
      app.rerender(<ResultView document={document} width={50} height={10} isActive />);
    });
    expect(app.lastFrame()).toContain('lines 1–3 of 3');
    expect(rows(app.lastFrame()).slice(1, 3)).toEqual(['x'.repeat(50), 'x'.repeat(50)]);
  });

  it('after the text rewraps shorter, k moves up from the last line', async () => {
    const document = buildResultDocument({
      kind: 'tool',
      name: 't',
      durationMs: 1,
      result: { content: [{ type: 'text', text: 'x'.repeat(200) }] },
    });
    const app = await renderInk(<ResultView document={document} width={20} height={4} isActive />);
    await app.type('G');
    expect(app.lastFrame()).toContain('lines 9–11 of 11');
    await act(async () => {
      app.rerender(<ResultView document={document} width={50} height={4} isActive />);
    });
    expect(app.lastFrame()).toContain('lines 3–5 of 5');
    // The cursor is on the last line (5): three lines up is line 2, above the page.
    await app.type('k', 'k', 'k');
    expect(app.lastFrame()).toContain('lines 2–4 of 5');
  });

  it('starts at the top of a new document', async () => {
    const app = await renderInk(
      <ResultView document={numbers(100)} width={40} height={6} isActive />,
    );
    await app.type('G');
    await act(async () => {
      app.rerender(<ResultView document={numbers(50)} width={40} height={6} isActive />);
    });
    expect(app.lastFrame()).toContain('lines 1–5 of 53');
  });

  it('colours keys cyan, strings green, numbers yellow and a tool error red', async () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const document = buildResultDocument({
        kind: 'tool',
        name: 't',
        durationMs: 1,
        result: { content: [{ type: 'text', text: '{"k":"v","n":1}' }], isError: true },
      });
      const app = await renderInk(
        <ResultView document={document} width={40} height={8} isActive={false} />,
      );
      const frame = app.lastFrame()!;
      expect(frame).toContain(`${chalk.red('✗ tool error')}`);
      expect(frame).toContain(`${chalk.cyan('"k"')}: ${chalk.green('"v"')},`);
      expect(frame).toContain(`${chalk.cyan('"n"')}: ${chalk.yellow('1')}`);
    } finally {
      chalk.level = level;
    }
  });
});
