import { applyPatch, FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addServer } from './edit.js';
import { unifiedDiff } from './diff.js';

const BASE =
  '{\r\n  "mcpServers": {\r\n    "a": {"command": "a", "env": {"TOKEN": "old-secret"}}\r\n  }\r\n}\r\n';
const target = { serversPath: ['mcpServers'], file: 'c.json', allowJsonc: false };

describe('unifiedDiff', () => {
  it('shows an added entry with its secrets masked and no \\r noise', () => {
    const next = addServer(BASE, {
      ...target,
      name: 'b',
      entry: { command: 'b', env: { KEY: 'hunter2' } },
    });
    expect(unifiedDiff('c.json', BASE, next)).toBe(
      [
        '--- c.json',
        '+++ c.json',
        '@@ -1,5 +1,11 @@',
        ' {',
        '   "mcpServers": {',
        '-    "a": {"command": "a", "env": {"TOKEN": "••••(10 chars)"}}',
        '+    "a": {"command": "a", "env": {"TOKEN": "••••(10 chars)"}},',
        '+    "b": {',
        '+      "command": "b",',
        '+      "env": {',
        '+        "KEY": "••••(7 chars)"',
        '+      }',
        '+    }',
        '   }',
        ' }',
        '',
      ].join('\n'),
    );
  });

  it('a changed secret shows as a changed line without revealing either value', () => {
    const next = BASE.replace('old-secret', 'new-secret');
    const diff = unifiedDiff('c.json', BASE, next);
    expect(diff).toContain('-    "a": {"command": "a", "env": {"TOKEN": "••••(10 chars)"}}');
    expect(diff).toContain('+    "a": {"command": "a", "env": {"TOKEN": "••••(10 chars)"}}');
    expect(diff).not.toMatch(/secret/);
    expect(unifiedDiff('c.json', BASE, next, { mask: false })).toContain('new-secret');
  });

  it('is empty for equal texts; marks a missing final newline; shows a changed \\r', () => {
    expect(unifiedDiff('c.json', BASE, BASE)).toBe('');
    expect(unifiedDiff('c.json', '{}', '{"a": 1}')).toContain(
      '-{}\n\\ No newline at end of file\n',
    );
    expect(unifiedDiff('c.json', '{}\r\n', '{}\n')).toContain('-{}␍\n+{}\n');
  });

  it('on a 1 MB config with thousands of secrets, prints exactly the one hunk, masked', () => {
    const servers: string[] = [];
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      const server =
        `    "s${i}": {\n      "command": "node",\n      "args": ["/srv/s${i}/index.js"],\n` +
        `      "env": {"API_KEY": "sk-live-${String(i).padStart(10, '0')}"}\n    }`;
      servers.push(server);
      size += server.length + 2;
    }
    const big = `{\n  "mcpServers": {\n${servers.join(',\n')}\n  }\n}\n`;
    const next = addServer(big, {
      ...target,
      name: 'weather',
      entry: { command: 'uv', env: { TOKEN: 'hunter2' } },
    });
    const lines = big.split('\n').length - 1;
    const last = servers.length - 1;
    expect(unifiedDiff('c.json', big, next)).toBe(
      [
        '--- c.json',
        '+++ c.json',
        // The smallest diff: the old entry's closing line becomes the new entry's.
        `@@ -${lines - 5},6 +${lines - 5},12 @@`,
        '       "command": "node",',
        `       "args": ["/srv/s${last}/index.js"],`,
        '       "env": {"API_KEY": "••••(18 chars)"}',
        '+    },',
        '+    "weather": {',
        '+      "command": "uv",',
        '+      "env": {',
        '+        "TOKEN": "••••(7 chars)"',
        '+      }',
        '     }',
        '   }',
        ' }',
        '',
      ].join('\n'),
    );
  });

  it('changes in the middle keep their context on both sides; two near changes share a hunk', () => {
    const old = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const next = old.replace('line 10\n', 'line ten\n').replace('line 15\n', '');
    expect(unifiedDiff('f', old, next)).toBe(
      [
        '--- f',
        '+++ f',
        '@@ -8,12 +8,11 @@',
        ' line 7',
        ' line 8',
        ' line 9',
        '-line 10',
        '+line ten',
        ' line 11',
        ' line 12',
        ' line 13',
        ' line 14',
        '-line 15',
        ' line 16',
        ' line 17',
        ' line 18',
        '',
      ].join('\n'),
    );
  });

  it("is a correct patch for any edit, and the diff library's own when no line repeats", () => {
    // Few distinct lines, so that trimmed and untrimmed texts can align repeated lines
    // differently; either way the patch must turn the old text into the new one.
    const line = fc.constantFrom('{\n', '}\n', '},\n', '  "a": 1,\n', '\n', 'x\r\n', '  }\n');
    const text = fc.array(line, { maxLength: 25 }).map((lines) => lines.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(line, { maxLength: 4 }),
        fc.nat(),
        fc.nat(6),
        fc.boolean(),
        fc.constantFrom(0, 1, 3),
        (old, inserted, at, removed, unterminated, context) => {
          const base = unterminated ? `${old}end` : old;
          const cut = at % (base.length + 1);
          const next = base.slice(0, cut) + inserted.join('') + base.slice(cut + removed);
          if (next === base || /\r/.test(base + next)) return;
          const diff = unifiedDiff('f', base, next, { mask: false, context });
          expect(applyPatch(base, diff)).toBe(next);
        },
      ),
      { numRuns: 400 },
    );
    const unique = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 });
    fc.assert(
      fc.property(unique, unique, fc.constantFrom(0, 1, 3), (left, right, context) => {
        const old = left.map((n) => `${n}\n`).join('');
        const next = right.map((n) => `${n}\n`).join('');
        if (old === next) return;
        const library = formatPatch(
          structuredPatch('f', 'f', old, next, undefined, undefined, { context }),
          FILE_HEADERS_ONLY,
        );
        expect(unifiedDiff('f', old, next, { mask: false, context })).toBe(library);
      }),
      { numRuns: 400 },
    );
  });
});
