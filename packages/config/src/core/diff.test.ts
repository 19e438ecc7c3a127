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
});
