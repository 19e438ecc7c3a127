import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../../../../test/support/fake-doctor-host.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { checkConfigFiles } from './file-checks.js';
import { createDoctorHost } from './host.js';
import type { Finding } from './types.js';

const MAC_FILE = '/Users/ann/Library/Application Support/Claude/claude_desktop_config.json';

function macWith(text: string | undefined) {
  return fakeHost({
    platform: 'darwin',
    homedir: '/Users/ann',
    cwd: '/Users/ann',
    files: text === undefined ? {} : { [MAC_FILE]: { text } },
  });
}

function only(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  expect(found, `${code} in ${findings.map((f) => f.code).join(', ')}`).toHaveLength(1);
  return found[0]!;
}

describe('config file checks', () => {
  it('no file: says where the client looks', () => {
    const { findings, readable } = checkConfigFiles('claude-desktop', macWith(undefined));
    expect(only(findings, 'no-config-file').message).toBe(
      `no Claude Desktop config file: looked for ${MAC_FILE}`,
    );
    expect(readable).toEqual([]);
  });

  it('a valid file: which file is read, ok, and the text for the entry checks', () => {
    const text = '{"mcpServers": {"a": {"command": "node"}}}';
    const { findings, readable } = checkConfigFiles('claude-desktop', macWith(text));
    expect(only(findings, 'config-file').message).toBe(`reads ${MAC_FILE} (Claude Desktop)`);
    expect(only(findings, 'json-valid').severity).toBe('ok');
    expect(readable.map((r) => r.text)).toEqual([text]);
  });

  it('a BOM: Claude Desktop cannot parse it, at 1:1', () => {
    const { findings } = checkConfigFiles(
      'claude-desktop',
      macWith('\uFEFF{"mcpServers": {"a": {"command": "node"}}}'),
    );
    const f = only(findings, 'invalid-json');
    expect(f.message).toContain('byte-order mark');
    expect(f.location).toEqual({ file: MAC_FILE, line: 1, column: 1 });
    expect(findings.map((x) => x.code)).not.toContain('json-valid');
  });

  it('a trailing comma, with line:column', () => {
    const text = '{\n  "mcpServers": {\n    "a": {"command": "node"},\n  }\n}\n';
    const f = only(checkConfigFiles('claude-desktop', macWith(text)).findings, 'invalid-json');
    expect(f.location).toEqual({ file: MAC_FILE, line: 3, column: 29 });
    expect(f.fix).toBe('remove the comma before the closing bracket');
  });

  it('unescaped Windows backslashes: write \\\\ or /', () => {
    const text = '{\n  "mcpServers": {\n    "a": {"command": "C:\\Users\\ann\\node.exe"}\n  }\n}\n';
    const f = only(checkConfigFiles('claude-desktop', macWith(text)).findings, 'invalid-json');
    expect(f.location?.line).toBe(3);
    expect(f.fix).toContain('backslash doubled');
    expect(f.fix).toContain('forward slashes');
  });

  it('a comment in a strict-JSON file', () => {
    const text = '{\n  // mine\n  "mcpServers": {}\n}\n';
    const f = only(checkConfigFiles('claude-desktop', macWith(text)).findings, 'invalid-json');
    expect(f.location).toEqual({ file: MAC_FILE, line: 2, column: 3 });
    expect(f.fix).toContain('strict JSON');
  });

  it('a duplicate server name, at the second one', () => {
    const text = '{"mcpServers": {\n  "a": {"command": "node"},\n  "a": {"command": "uvx"}\n}}';
    const f = only(checkConfigFiles('claude-desktop', macWith(text)).findings, 'invalid-json');
    expect(f.location).toEqual({ file: MAC_FILE, line: 3, column: 3 });
    expect(f.fix).toContain('keep one of the two');
  });

  it('a bad entry is reported, the file still readable', () => {
    const text = '{"mcpServers": {"a": {"command": 5}, "b": {"command": "node"}}}';
    const { findings, readable } = checkConfigFiles('claude-desktop', macWith(text));
    expect(only(findings, 'invalid-entry').message).toMatch(/^server "a": /);
    expect(readable).toHaveLength(1);
  });

  it('servers emptied since a backup: restore; no servers ever: a plain warning', () => {
    const empty = '{"mcpServers": {}}';
    const before = '{"mcpServers": {"a": {"command": "node"}, "b": {"command": "uvx"}}}';
    const emptied = checkConfigFiles('claude-desktop', macWith(empty), {
      history: () => ['not json', empty, before],
    });
    const f = only(emptied.findings, 'servers-emptied');
    expect(f.message).toContain('had 2');
    expect(f.fix).toContain('mcp-config restore');
    const never = checkConfigFiles('claude-desktop', macWith(empty), { history: () => [empty] });
    expect(only(never.findings, 'no-servers').severity).toBe('warning');
  });

  it('Windows Store and classic installs both with a file: the Store copy shadows the other', () => {
    const local = 'C:\\Users\\ann\\AppData\\Local';
    const msix = `${local}\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`;
    const classic = 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json';
    const host = fakeHost({
      platform: 'win32',
      homedir: 'C:\\Users\\ann',
      cwd: 'C:\\Users\\ann',
      env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', LOCALAPPDATA: local },
      files: { [msix]: { text: '{"mcpServers": {}}' }, [classic]: { text: '{"mcpServers": {}}' } },
    });
    const { findings } = checkConfigFiles('claude-desktop', host);
    const f = only(findings, 'desktop-msix-shadow');
    expect(f.message).toContain(msix);
    expect(f.message).toContain(classic);
    expect(findings.filter((x) => x.code === 'config-file')).toHaveLength(2);
  });

  it('Claude Code: ~/.claude.json is read once for its local and user scopes', () => {
    const home = '/home/ann';
    const host = fakeHost({
      platform: 'linux',
      homedir: home,
      cwd: `${home}/proj`,
      files: {
        [`${home}/.claude.json`]: {
          text: JSON.stringify({
            mcpServers: { u: { command: 'node' } },
            projects: { [`${home}/proj`]: { mcpServers: { l: { command: 'uvx' } } } },
          }),
        },
      },
    });
    const { findings, readable } = checkConfigFiles('claude-code', host);
    expect(findings.filter((f) => f.code === 'config-file')).toHaveLength(1);
    expect(readable.map((r) => r.candidate.scope)).toEqual(['local', 'user']);
  });

  it('comments are fine where the client reads JSONC (VS Code)', () => {
    const host = fakeHost({
      platform: 'linux',
      homedir: '/home/ann',
      cwd: '/home/ann/proj',
      files: { '/home/ann/proj/.vscode/mcp.json': { text: '{\n  // mine\n  "servers": {}\n}' } },
    });
    const { findings } = checkConfigFiles('vscode', host);
    expect(findings.map((f) => f.code)).toContain('json-valid');
    expect(findings.map((f) => f.code)).not.toContain('invalid-json');
  });

  it('--config on a real file (Linux)', () => {
    const dir = makeTempDir('doctor-files');
    mkdirSync(join(dir, 'x'));
    const file = join(dir, 'x', 'mcp.json');
    writeFileSync(file, '{"mcpServers": {"a": {"command": "node"}}}');
    const host = createDoctorHost({ platform: 'linux', env: {}, homedir: dir, cwd: dir });
    const { findings, readable } = checkConfigFiles('cursor', host, { configFile: file });
    expect(only(findings, 'json-valid').message).toBe(`${file} is valid JSON`);
    expect(readable[0]?.candidate.file).toBe(file);
  });
});
