import { describe, expect, it } from 'vitest';
import { expandEntry } from './expand-variables.js';
import type { RemoteServerEntry, StdioServerEntry } from './server-entries.js';

const location = { file: '/p/x.json', line: 1, column: 1, offset: 0 };

function stdio(fields: Partial<StdioServerEntry>): StdioServerEntry {
  return {
    name: 's',
    client: 'claude-code',
    scope: 'project',
    raw: {},
    location,
    transport: 'stdio',
    command: 'node',
    args: [],
    env: {},
    ...fields,
  };
}

function remote(fields: Partial<RemoteServerEntry>): RemoteServerEntry {
  return {
    name: 'r',
    client: 'claude-code',
    scope: 'project',
    raw: {},
    location,
    transport: 'http',
    url: 'https://x.test',
    headers: {},
    ...fields,
  };
}

describe('expandEntry', () => {
  it('Claude Desktop expands nothing', () => {
    const entry = stdio({ command: '${HOME}/bin/srv', args: ['${env:X}'], env: { A: '${A:-b}' } });
    const { entry: out, unresolved } = expandEntry(entry, 'claude-desktop', {
      env: { HOME: '/h', X: 'x', A: 'a' },
      cwd: '/p',
    });
    expect(out).toEqual(entry);
    expect(unresolved).toEqual([]);
  });

  it('Claude Code: ${VAR} and ${VAR:-default} in command, args, env, url, headers', () => {
    const env = { ROOT: '/srv', TOKEN: 'sekret', EMPTY: '' };
    const s = expandEntry(
      stdio({
        command: '${ROOT}/bin/node',
        args: ['--port=${PORT:-8080}', '${ROOT}/a ${ROOT}/b', '$ROOT', '${EMPTY:-x}'],
        env: { KEY: '${TOKEN}' },
      }),
      'claude-code',
      { env, cwd: '/p' },
    );
    expect(s.entry).toMatchObject({
      command: '/srv/bin/node',
      args: ['--port=8080', '/srv/a /srv/b', '$ROOT', ''],
      env: { KEY: 'sekret' },
    });
    expect(s.unresolved).toEqual([]);
    const r = expandEntry(
      remote({ url: '${BASE:-https://d.test}/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } }),
      'claude-code',
      { env, cwd: '/p' },
    );
    expect(r.entry).toMatchObject({
      url: 'https://d.test/mcp',
      headers: { Authorization: 'Bearer sekret' },
    });
  });

  it('Claude Code: an unset variable without default stays literal and is reported', () => {
    const { entry, unresolved } = expandEntry(
      stdio({ args: ['${MISSING}'], env: { K: 'x${NOPE}y' } }),
      'claude-code',
      { env: {}, cwd: '/p' },
    );
    expect(entry).toMatchObject({ args: ['${MISSING}'], env: { K: 'x${NOPE}y' } });
    expect(unresolved).toEqual([
      { reference: '${MISSING}', field: 'args[0]', reason: 'unset' },
      { reference: '${NOPE}', field: 'env.K', reason: 'unset' },
    ]);
  });

  it('environment names are case-insensitive on Windows only', () => {
    const entry = stdio({ args: ['${Path}'] });
    expect(
      expandEntry(entry, 'claude-code', {
        env: { PATH: 'C:\\bin' },
        cwd: 'C:\\p',
        platform: 'win32',
      }).entry.args,
    ).toEqual(['C:\\bin']);
    expect(
      expandEntry(entry, 'claude-code', { env: { PATH: '/bin' }, cwd: '/p', platform: 'linux' })
        .unresolved,
    ).toHaveLength(1);
  });

  it('VS Code: env, workspace, home and separator variables', () => {
    const entry = stdio({
      client: 'vscode',
      command: '${userHome}${/}bin${pathSeparator}srv',
      args: ['${workspaceFolder}/srv.js', '${workspaceFolderBasename}', '${env:TOKEN}'],
      cwd: '${workspaceFolder}',
      envFile: '${workspaceFolder}/.env',
      env: { K: '${env:TOKEN}' },
    });
    const { entry: out, unresolved } = expandEntry(entry, 'vscode', {
      env: { TOKEN: 't' },
      cwd: '/work/app',
      homedir: '/home/ada',
      platform: 'linux',
    });
    expect(out).toMatchObject({
      command: '/home/ada/bin/srv',
      args: ['/work/app/srv.js', 'app', 't'],
      cwd: '/work/app',
      envFile: '/work/app/.env',
      env: { K: 't' },
    });
    expect(unresolved).toEqual([]);
    const win = expandEntry(stdio({ args: ['${workspaceFolder}${/}srv.js'] }), 'vscode', {
      env: {},
      cwd: 'D:\\app',
      platform: 'win32',
    });
    expect(win.entry.args).toEqual(['D:\\app\\srv.js']);
  });

  it('VS Code: inputs, editor-only and unknown variables are reported; unset env gives ""', () => {
    const entry = remote({
      client: 'vscode',
      url: 'https://x.test/${env:MISSING}',
      headers: { A: 'Bearer ${input:token}', B: '${command:pick}', C: '${bogus}', D: '${MISSING}' },
    });
    const { entry: out, unresolved } = expandEntry(entry, 'vscode', { env: {}, cwd: '/p' });
    expect(out).toMatchObject({
      url: 'https://x.test/',
      headers: { A: 'Bearer ${input:token}', B: '${command:pick}', C: '${bogus}', D: '${MISSING}' },
    });
    expect(unresolved.map((u) => [u.field, u.reference, u.reason])).toEqual([
      ['url', '${env:MISSING}', 'unset'],
      ['headers.A', '${input:token}', 'input'],
      ['headers.B', '${command:pick}', 'unsupported'],
      ['headers.C', '${bogus}', 'unknown'],
      ['headers.D', '${MISSING}', 'unknown'],
    ]);
  });

  it('Cursor: ${env:NAME} and workspace variables, Claude Code syntax not understood', () => {
    const entry = stdio({
      client: 'cursor',
      args: ['${env:HOME}', '${workspaceFolder}', '${HOME}'],
    });
    const { entry: out, unresolved } = expandEntry(entry, 'cursor', {
      env: { HOME: '/h' },
      cwd: '/p',
    });
    expect(out.args).toEqual(['/h', '/p', '${HOME}']);
    expect(unresolved).toEqual([{ reference: '${HOME}', field: 'args[2]', reason: 'unknown' }]);
  });

  it('Windsurf: ${env:NAME} everywhere; ${file:...} and other names stay literal', () => {
    const { entry: out, unresolved } = expandEntry(
      remote({
        client: 'windsurf',
        url: 'https://${env:HOST}/mcp',
        headers: { A: 'Bearer ${env:TOKEN}', B: '${file:/run/secret}', C: '${workspaceFolder}' },
      }),
      'windsurf',
      { env: { HOST: 'x.test' }, cwd: '/p' },
    );
    expect(out).toMatchObject({
      url: 'https://x.test/mcp',
      headers: { A: 'Bearer ', B: '${file:/run/secret}', C: '${workspaceFolder}' },
    });
    expect(unresolved.map((u) => [u.field, u.reference, u.reason])).toEqual([
      ['headers.A', '${env:TOKEN}', 'unset'],
      ['headers.B', '${file:/run/secret}', 'unsupported'],
      ['headers.C', '${workspaceFolder}', 'unknown'],
    ]);
  });

  it('Gemini CLI: $VAR and ${VAR} in every field, cwd too; unset and defaults stay literal', () => {
    const { entry: out, unresolved } = expandEntry(
      stdio({
        client: 'gemini-cli',
        command: '$HOME/bin/srv',
        args: ['--dir=${DATA}', '$MISSING', '${A:-b}', 'cost $5'],
        cwd: '${DATA}/srv',
        env: { API_KEY: '$TOKEN' },
      }),
      'gemini-cli',
      { env: { HOME: '/h', DATA: '/d', TOKEN: 't' }, cwd: '/p' },
    );
    expect(out).toMatchObject({
      command: '/h/bin/srv',
      args: ['--dir=/d', '$MISSING', '${A:-b}', 'cost $5'],
      cwd: '/d/srv',
      env: { API_KEY: 't' },
    });
    expect(unresolved.map((u) => [u.field, u.reference])).toEqual([
      ['args[1]', '$MISSING'],
      ['args[2]', '${A:-b}'],
      ['args[3]', '$5'],
    ]);
    const win = expandEntry(remote({ url: 'https://$host/mcp' }), 'gemini-cli', {
      env: { HOST: 'x.test' },
      cwd: 'C:\\p',
      platform: 'win32',
    });
    expect(win.entry.url).toBe('https://x.test/mcp');
  });

  it('does not modify the entry it was given', () => {
    const entry = stdio({ args: ['${A}'] });
    expandEntry(entry, 'claude-code', { env: { A: 'a' }, cwd: '/p' });
    expect(entry.args).toEqual(['${A}']);
  });
});
