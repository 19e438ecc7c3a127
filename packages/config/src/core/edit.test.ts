import { readFileSync } from 'node:fs';
import { ConfigError, parseConfigText } from '@mcpkit/shared/config-text';
import { describe, expect, it } from 'vitest';
import { addServer, removeServer } from './edit.js';
import type { AddServerOptions } from './edit.js';
import { editErrorCode } from './errors.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8');

const DESKTOP = {
  serversPath: ['mcpServers'],
  file: 'claude_desktop_config.json',
  allowJsonc: false,
};
const VSCODE = { serversPath: ['servers'], file: '.vscode/mcp.json', allowJsonc: true };
const ENTRY = {
  command: 'C:\\Program Files\\nodejs\\node.exe',
  args: ['C:\\Users\\Zoë\\weather\\build\\index.js', 'naïve'],
  env: { API_KEY: 'sk-ë' },
};

function add(text: string, extra: Partial<AddServerOptions> = {}): string {
  return addServer(text, { ...DESKTOP, name: 'wëather', entry: ENTRY, ...extra });
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('addServer and removeServer on real-world layouts', () => {
  const cases: [string, typeof DESKTOP][] = [
    ['desktop-4space.json', DESKTOP],
    ['desktop-tabs-crlf-bom.json', DESKTOP],
    ['desktop-2space-empty-servers-no-final-newline.json', DESKTOP],
    ['vscode-jsonc.json', VSCODE],
    ['claude.json', DESKTOP],
    ['claude.json', { ...DESKTOP, serversPath: ['projects', '/home/zoë/proj', 'mcpServers'] }],
  ];
  it.each(cases)('%s: add then remove gives back the same bytes', (name, target) => {
    const original = fixture(name);
    const added = addServer(original, { ...target, name: 'wëather', entry: ENTRY });
    expect(added).not.toBe(original);
    expect(added.startsWith(original.slice(0, 10))).toBe(true);
    expect(removeServer(added, { ...target, name: 'wëather' })).toBe(original);
  });

  it('writes the entry in the file’s indent, line breaks, BOM and final newline', () => {
    const added = add(fixture('desktop-tabs-crlf-bom.json'));
    expect(added.startsWith('\uFEFF{\r\n')).toBe(true);
    expect(added.replace(/\r\n/g, '')).not.toContain('\n');
    expect(added).toContain(
      '\t\t},\r\n\t\t"wëather": {\r\n\t\t\t"command": "C:\\\\Program Files\\\\nodejs\\\\node.exe",\r\n\t\t\t"args": [\r\n\t\t\t\t"C:\\\\Users\\\\Zoë\\\\weather\\\\build\\\\index.js",',
    );
    expect(added.endsWith('}\r\n')).toBe(true);
  });

  it('keeps non-ASCII as written: ë stays ë and \\u00eb stays escaped', () => {
    const original = fixture('desktop-4space.json');
    const added = add(original);
    expect(added).toContain('"Grüße, Zoë"');
    expect(added).toContain('"Zo\\u00eb"');
    expect(added).toContain('"naïve"');
    expect(added).not.toMatch(/\\u00ef/);
  });

  it('appends after the last entry with a comma, in a 4-space file', () => {
    const added = add(fixture('desktop-4space.json'));
    expect(added).toContain(
      '            "x-unknown": {"nested": [1, {"deep": true}]}\n        },\n        "wëather": {\n            "command"',
    );
    expect(added).toContain('        }\n    },\n    "preferences": {');
  });

  it('fills an empty servers object as a block and empties it back to {}', () => {
    const original = fixture('desktop-2space-empty-servers-no-final-newline.json');
    const added = add(original, { entry: { command: 'uvx', args: ['x'] } });
    expect(added).toBe(
      '{\n  "mcpServers": {\n    "wëather": {\n      "command": "uvx",\n      "args": [\n        "x"\n      ]\n    }\n  },\n  "preferences": {"sidebarMode": "chat"}\n}',
    );
  });

  it('JSONC: keeps comments and the trailing-comma style', () => {
    const original = fixture('vscode-jsonc.json');
    const added = addServer(original, {
      ...VSCODE,
      name: 'time',
      entry: { type: 'stdio', command: 'uvx', args: ['mcp-server-time'] },
    });
    expect(added).toContain('// trailing comma ok\n    "time": {\n      "type": "stdio",');
    expect(added).toContain('      ]\n    },\n  },\n}\n');
    expect(added).toContain('// the memory server');
    expect(removeServer(added, { ...VSCODE, name: 'time' })).toBe(original);
  });

  it('JSONC: removing an entry keeps the comments of its neighbours', () => {
    const original = fixture('vscode-jsonc.json');
    const removed = removeServer(original, { ...VSCODE, name: 'github' });
    expect(removed).toContain(
      '"args": ["-y", "@modelcontextprotocol/server-memory"], // pinned later',
    );
    expect(removed).not.toContain('github');
    expect(removed).not.toContain('trailing comma ok');
    expect(parseConfigText(removed, { file: 'x', allowJsonc: true }).value).toMatchObject({
      servers: { memory: { command: 'npx' } },
    });
  });

  it('removes a first or middle entry line by line', () => {
    const original =
      '{\n  "mcpServers": {\n    "a": {"command": "a"},\n    "b": {"command": "b"},\n    "c": {"command": "c"}\n  }\n}\n';
    expect(removeServer(original, { ...DESKTOP, name: 'a' })).toBe(
      '{\n  "mcpServers": {\n    "b": {"command": "b"},\n    "c": {"command": "c"}\n  }\n}\n',
    );
    expect(removeServer(original, { ...DESKTOP, name: 'b' })).toBe(
      '{\n  "mcpServers": {\n    "a": {"command": "a"},\n    "c": {"command": "c"}\n  }\n}\n',
    );
    expect(removeServer(original, { ...DESKTOP, name: 'c' })).toBe(
      '{\n  "mcpServers": {\n    "a": {"command": "a"},\n    "b": {"command": "b"}\n  }\n}\n',
    );
  });

  it('a minified file stays on one line', () => {
    const original = '{"preferences":{"a":1},"mcpServers":{"x":{"command":"x"}}}';
    const added = add(original, { entry: { command: 'y' } });
    expect(added).toBe(
      '{"preferences":{"a":1},"mcpServers":{"x":{"command":"x"},"wëather":{"command":"y"}}}',
    );
    expect(removeServer(added, { ...DESKTOP, name: 'wëather' })).toBe(original);
    expect(removeServer(original, { ...DESKTOP, name: 'x' })).toBe(
      '{"preferences":{"a":1},"mcpServers":{}}',
    );
  });
});

describe('creating what is missing', () => {
  it('an empty or blank file is a new file: {} with the default layout', () => {
    for (const text of ['', '\n', '  \n\n']) {
      expect(add(text, { entry: { command: 'x' } })).toBe(
        '{\n  "mcpServers": {\n    "wëather": {\n      "command": "x"\n    }\n  }\n}\n',
      );
    }
    expect(add('\r\n', { entry: { command: 'x' } })).toBe(
      '{\r\n  "mcpServers": {\r\n    "wëather": {\r\n      "command": "x"\r\n    }\r\n  }\r\n}\r\n',
    );
  });

  it('creates the servers object at the end of the top level, leaving it {} after remove', () => {
    const original = '{\n    "globalShortcut": "Ctrl+Space"\n}\n';
    const added = add(original, { entry: { command: 'x' } });
    expect(added).toBe(
      '{\n    "globalShortcut": "Ctrl+Space",\n    "mcpServers": {\n        "wëather": {\n            "command": "x"\n        }\n    }\n}\n',
    );
    expect(removeServer(added, { ...DESKTOP, name: 'wëather' })).toBe(
      '{\n    "globalShortcut": "Ctrl+Space",\n    "mcpServers": {}\n}\n',
    );
  });

  it('~/.claude.json: creates projects[cwd].mcpServers for the local scope', () => {
    const original = fixture('claude.json');
    const serversPath = ['projects', '/home/new', 'mcpServers'];
    const added = addServer(original, {
      ...DESKTOP,
      serversPath,
      name: 's',
      entry: { command: 'x' },
    });
    const value = parseConfigText(added, { file: 'x', allowJsonc: false }).value;
    expect(value.projects).toMatchObject({
      '/home/zoë/proj': { mcpServers: {} },
      '/home/new': { mcpServers: { s: { command: 'x' } } },
    });
    expect(added).toContain(
      '    },\n    "/home/new": {\n      "mcpServers": {\n        "s": {\n          "command": "x"\n        }\n      }\n    }\n  },\n  "oauthAccount"',
    );
    // A project without mcpServers gets one, after its other keys.
    const other = addServer(original, {
      ...DESKTOP,
      serversPath: ['projects', '/home/zoë/other', 'mcpServers'],
      name: 's',
      entry: { command: 'x' },
    });
    expect(other).toContain('"display": "héllo"\n        }\n      ],\n      "mcpServers": {\n');
  });

  it('with force, replaces the entry whole (no merge) and leaves the rest alone', () => {
    const original = fixture('desktop-4space.json');
    const replaced = addServer(original, {
      ...DESKTOP,
      name: 'filesystem',
      entry: { command: 'npx' },
      force: true,
    });
    expect(replaced).toBe(
      original.replace(
        /"filesystem": \{[\s\S]*?\n {8}\}/,
        '"filesystem": {\n            "command": "npx"\n        }',
      ),
    );
  });
});

describe('refusals', () => {
  it('an existing name needs force', () => {
    const error = thrown(() =>
      addServer(fixture('desktop-4space.json'), { ...DESKTOP, name: 'filesystem', entry: {} }),
    );
    expect(editErrorCode(error)).toBe('exists');
    expect(error.message).toMatch(
      /claude_desktop_config\.json:4:9: a server named "filesystem" already exists/,
    );
  });

  it('an unknown name lists the names and close matches', () => {
    const error = thrown(() =>
      removeServer(fixture('desktop-4space.json'), { ...DESKTOP, name: 'filesytem' }),
    );
    expect(error.code).toBe('unknown-server');
    expect(error.reason).toBe(
      'no server named "filesytem". Available: filesystem. Did you mean "filesystem"?',
    );
    expect(thrown(() => removeServer('{}', { ...DESKTOP, name: 'x' })).reason).toMatch(
      /the file defines no servers/,
    );
  });

  it.each([
    ['truncated.json', 'syntax', /:6:\d+: unexpected end of file — the file looks truncated/],
    ['trailing-comma.json', 'trailing-comma', /:3:26: trailing comma before "}"/],
    ['duplicate-keys.json', 'duplicate-key', /:4:5: duplicate key "a"/],
    ['comment-strict.json', 'comment', /:2:3: comments are not allowed/],
  ])('%s is refused with its line and column (strict client)', (name, code, message) => {
    for (const fn of [
      () => add(fixture(name)),
      () => removeServer(fixture(name), { ...DESKTOP, name: 'a' }),
    ]) {
      const error = thrown(fn);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
  });

  it('a servers path through a non-object is refused', () => {
    const error = thrown(() => add('{\n  "mcpServers": []\n}\n'));
    expect(error.code).toBe('invalid-shape');
    expect(error.message).toMatch(/:2:17: "mcpServers" must be an object, found an array/);
  });

  it('an entry must be an object', () => {
    const entry = [] as unknown as Record<string, unknown>;
    expect(thrown(() => add('{}', { entry })).code).toBe('invalid-shape');
  });
});
