import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Sanitize from '@mcpkit/shared/sanitize';
import { JsonTree, MAX_STRING_CHARS } from './json-tree.js';
import { lineText } from './styled-line.js';

// Counts the lines made sanitised, to show that a window never renders the whole document.
const sanitized = vi.hoisted(() => ({ calls: 0 }));
vi.mock('@mcpkit/shared/sanitize', async (importOriginal) => {
  const actual = await importOriginal<typeof Sanitize>();
  return {
    ...actual,
    sanitizeLine: (text: string) => {
      sanitized.calls++;
      return actual.sanitizeLine(text);
    },
  };
});

const text = (tree: JsonTree) => tree.lines(0, tree.lineCount).map(lineText);

beforeEach(() => {
  sanitized.calls = 0;
});

describe('JsonTree', () => {
  it('pretty-prints like JSON.stringify with two spaces', () => {
    const value = { name: 'x', list: [1, true, null, { a: [] }], empty: {} };
    const tree = new JsonTree(value);
    expect(text(tree).join('\n')).toBe(JSON.stringify(value, null, 2));
  });

  it('styles keys, strings, numbers, literals and punctuation', () => {
    const [, line] = new JsonTree({ k: 'v', n: 1, b: false }).lines(0, 2);
    expect(line).toEqual([
      { text: '  ', style: 'plain' },
      { text: '"k"', style: 'key' },
      { text: ': ', style: 'punctuation' },
      { text: '"v"', style: 'string' },
      { text: ',', style: 'punctuation' },
    ]);
    const styles = new JsonTree({ k: 'v', n: 1, b: false })
      .lines(2, 2)
      .map((l) => l.find((s) => s.text !== '  ' && s.style !== 'key' && s.style !== 'punctuation'));
    expect(styles.map((s) => s?.style)).toEqual(['number', 'literal']);
  });

  it('folds an object to one summary line and unfolds it back', () => {
    const tree = new JsonTree({ a: { x: 1, y: 2, z: 3 }, b: [1, 2] });
    expect(tree.lineCount).toBe(11);
    expect(tree.toggleFold(1)).toBe(1);
    expect(tree.lineCount).toBe(7);
    expect(lineText(tree.line(1))).toBe('  "a": {…} 3 keys,');
    expect(lineText(tree.line(2))).toBe('  "b": [');
    expect(tree.isFolded(1)).toBe(true);
    tree.toggleFold(1);
    expect(tree.lineCount).toBe(11);
    expect(lineText(tree.line(2))).toBe('    "x": 1,');
  });

  it('folds an array from its closing line and says how many items it holds', () => {
    const tree = new JsonTree({ list: [1, 2, 3], after: 1 });
    // Line 5 is the closing bracket of "list".
    expect(lineText(tree.line(5))).toBe('  ],');
    expect(tree.toggleFold(5)).toBe(1);
    expect(lineText(tree.line(1))).toBe('  "list": […] 3 items,');
    expect(lineText(tree.line(2))).toBe('  "after": 1');
  });

  it('singular summaries, and plain values do not fold', () => {
    const tree = new JsonTree([[1], { a: 1 }]);
    expect(tree.toggleFold(2)).toBeUndefined();
    tree.toggleFold(1);
    expect(lineText(tree.line(1))).toBe('  […] 1 item,');
    tree.toggleFold(2);
    expect(lineText(tree.line(2))).toBe('  {…} 1 key');
  });

  it('keeps nested folds while the outer one is folded, and maps lines after them', () => {
    const value = { outer: { inner: [1, 2, 3], x: 1 }, tail: [4, 5] };
    const tree = new JsonTree(value);
    tree.toggleFold(2); // inner
    expect(tree.lineCount).toBe(14 - 4);
    tree.toggleFold(1); // outer
    expect(text(tree)).toEqual([
      '{',
      '  "outer": {…} 2 keys,',
      '  "tail": [',
      '    4,',
      '    5',
      '  ]',
      '}',
    ]);
    tree.toggleFold(1);
    expect(lineText(tree.line(2))).toBe('    "inner": […] 3 items,');
    expect(lineText(tree.line(3))).toBe('    "x": 1');
  });

  it('folds all below the top level, and unfolds all', () => {
    const tree = new JsonTree({ a: { b: { c: 1 } }, d: [1], e: 2 });
    tree.foldAll();
    expect(text(tree)).toEqual(['{', '  "a": {…} 1 key,', '  "d": […] 1 item,', '  "e": 2', '}']);
    // Unfolding one shows its children folded, one level at a time.
    tree.toggleFold(1);
    expect(lineText(tree.line(2))).toBe('    "b": {…} 1 key');
    tree.unfoldAll();
    expect(tree.lineCount).toBe(new JsonTree({ a: { b: { c: 1 } }, d: [1], e: 2 }).totalLines);
  });

  it('cuts long strings and says how much was left out', () => {
    const tree = new JsonTree({ long: 'x'.repeat(MAX_STRING_CHARS + 500) });
    const line = lineText(tree.line(1));
    expect(line).toContain(`"${'x'.repeat(MAX_STRING_CHARS)}… (500 more chars)`);
    expect(line.length).toBeLessThan(MAX_STRING_CHARS + 40);
  });

  it('shows control and bidirectional characters from a server harmlessly', () => {
    const tree = new JsonTree({ 'k\u202e': '\u001b]0;evil\u0007\u009b31m' });
    const line = lineText(tree.line(1));
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(line).toContain('evil');
  });

  it('handles deep nesting without recursion', () => {
    let value: unknown = 1;
    for (let i = 0; i < 50_000; i++) value = [value];
    const tree = new JsonTree(value);
    expect(tree.lineCount).toBe(100_001);
    expect(lineText(tree.line(50_000)).trim()).toBe('1');
  });

  it('shows a window of 100k items without rendering the rest', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `item ${i}` }));
    const started = performance.now();
    const tree = new JsonTree(items);
    const built = performance.now() - started;
    expect(tree.lineCount).toBe(2 + 100_000 * 4);
    sanitized.calls = 0;
    // Line 1 + 4k is the opener of item k; 50,001 is the opener of item 12,500.
    const window = tree.lines(50_001, 20).map(lineText);
    expect(window[0]).toBe('  {');
    expect(window[1]).toBe('    "id": 12500,');
    expect(window[2]).toBe('    "name": "item 12500"');
    expect(window).toHaveLength(20);
    // Two strings per line at most: a key and a value.
    expect(sanitized.calls).toBeLessThanOrEqual(40);
    // Fold an item far down: line counts and the lines after it move, nothing else is built.
    tree.toggleFold(50_001);
    expect(tree.lineCount).toBe(2 + 100_000 * 4 - 3);
    expect(lineText(tree.line(50_002))).toBe('  {');
    expect(lineText(tree.line(50_003))).toBe('    "id": 12501,');
    // A sanity bound only; the call count above is the real check.
    expect(built).toBeLessThan(3_000);
  });

  it('folds all of 100k items and pages through them by bisection', () => {
    const tree = new JsonTree(Array.from({ length: 100_000 }, (_, i) => [i]));
    tree.foldAll();
    expect(tree.lineCount).toBe(100_002);
    sanitized.calls = 0;
    expect(lineText(tree.line(99_999))).toBe('  […] 1 item,');
    tree.toggleFold(99_999);
    expect(tree.lines(99_999, 3).map(lineText)).toEqual(['  [', '    99998', '  ],']);
    expect(sanitized.calls).toBe(0);
  });
});
