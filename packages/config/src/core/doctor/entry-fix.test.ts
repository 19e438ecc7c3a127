import { describe, expect, it } from 'vitest';
import { applyEntryFixes, fixedCommandLine } from './entry-fix.js';

const target = { serversPath: ['mcpServers'], name: 'w', file: 'c.json', allowJsonc: false };

const config = (entry: string, extra = '') =>
  `{\n  "mcpServers": {\n    "other": { "command": "keep", "args": ["a"] },\n    "w": ${entry}${extra}\n  },\n  "x": 1\n}\n`;

describe('applyEntryFixes', () => {
  it('replaces only the command string', () => {
    const before = config('{\n      "command": "uv",\n      "args": ["run", "s.py"]\n    }');
    const after = applyEntryFixes(before, target, [
      { kind: 'set-command', value: '/home/u/.local/bin/uv' },
    ]);
    expect(after).toBe(before.replace('"uv"', '"/home/u/.local/bin/uv"'));
  });

  it('inserts -y into a one-line args array in its own style', () => {
    const before = config('{ "command": "npx", "args": ["@scope/server", "--port", "1"] }');
    const after = applyEntryFixes(before, target, [{ kind: 'insert-arg', index: 0, value: '-y' }]);
    expect(after).toBe(before.replace('["@scope', '["-y", "@scope'));
  });

  it('inserts into a multi-line array with its line breaks and indentation', () => {
    const before = config(
      '{\r\n      "command": "npx",\r\n      "args": [\r\n        "pkg"\r\n      ]\r\n    }',
    );
    const after = applyEntryFixes(before, target, [{ kind: 'insert-arg', index: 0, value: '-y' }]);
    expect(after).toContain('"args": [\r\n        "-y", "pkg"');
    expect(JSON.parse(after).mcpServers.w.args).toEqual(['-y', 'pkg']);
  });

  it('adds an args member when the entry has none, after the command', () => {
    const before = config('{\n      "command": "npx",\n      "env": { "K": "v" }\n    }');
    const after = applyEntryFixes(before, target, [{ kind: 'insert-arg', index: 0, value: '-y' }]);
    expect(after).toContain('"command": "npx",\n      "args": ["-y"],\n      "env"');
    expect(JSON.parse(after).mcpServers.w).toEqual({
      command: 'npx',
      args: ['-y'],
      env: { K: 'v' },
    });
  });

  it('composes several fixes with indices of the original entry', () => {
    const before = config('{ "command": "npx", "args": ["pkg", "./data"] }');
    const fixes = [
      { kind: 'set-arg', index: 1, value: '/p/data' },
      { kind: 'insert-arg', index: 0, value: '-y' },
      { kind: 'wrap-cmd' },
    ] as const;
    const after = applyEntryFixes(before, target, fixes);
    const entry = JSON.parse(after).mcpServers.w;
    expect(entry).toEqual({ command: 'cmd', args: ['/c', 'npx', '-y', 'pkg', '/p/data'] });
    expect(fixedCommandLine('npx', ['pkg', './data'], fixes)).toEqual(entry);
    // Everything outside the entry is byte for byte the same.
    const [head, tail] = before.split('"w": ');
    expect(after.startsWith(`${head}"w": `)).toBe(true);
    expect(after.endsWith(tail!.slice(tail!.indexOf('}') + 1))).toBe(true);
  });

  it('keeps a BOM, comments and trailing commas of a JSONC file', () => {
    const before =
      '\uFEFF{\n  // servers\n  "servers": {\n    "w": { "command": "npx", "args": ["p",], }, // mine\n  },\n}\n';
    const after = applyEntryFixes(
      before,
      { ...target, serversPath: ['servers'], allowJsonc: true },
      [{ kind: 'insert-arg', index: 0, value: '-y' }],
    );
    expect(after).toBe(before.replace('["p",]', '["-y", "p",]'));
  });

  it('refuses an entry that is not there and a text that is not JSON', () => {
    expect(() =>
      applyEntryFixes(config('{ "command": "x" }'), { ...target, name: 'nope' }, [
        { kind: 'wrap-cmd' },
      ]),
    ).toThrow(/no server entry named "nope"/);
    expect(() => applyEntryFixes('{ "mcpServers": { ', target, [{ kind: 'wrap-cmd' }])).toThrow(
      /c.json:1:19: unexpected end of file/,
    );
  });
});
