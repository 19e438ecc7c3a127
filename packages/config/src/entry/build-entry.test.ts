import { describe, expect, it } from 'vitest';
import { buildEntry, type BuildEntryOptions, type LocalMachine } from './build-entry.js';
import { describeToolDir, envShebang, needsCmdWrapper } from './resolve-command.js';
import { parseEnvFlags, parseHeaderFlags } from './entry-args.js';

/** A fake machine: `files` maps paths to their first bytes; all of them are executable. */
function machine(files: Record<string, string>, path = '/usr/bin'): LocalMachine {
  return {
    platform: 'linux',
    env: { PATH: path },
    homedir: '/home/zoë',
    cwd: '/home/zoë/proj',
    exists: (f) => f in files || Object.keys(files).some((k) => k.startsWith(`${f}/`)),
    isExecutable: (f) => f in files,
    readHead: (f) => files[f] ?? '',
  };
}

const base = (over: Partial<BuildEntryOptions>): BuildEntryOptions => ({
  client: 'claude-desktop',
  scope: 'user',
  headers: {},
  env: {},
  platform: 'linux',
  resolveCommand: true,
  machine: machine({ '/usr/bin/npx': '#!/usr/bin/env node' }),
  ...over,
});

describe('buildEntry shapes', () => {
  it('claude-desktop and cursor: {command, args, env?}', () => {
    for (const client of ['claude-desktop', 'cursor'] as const) {
      expect(buildEntry(base({ client, command: ['npx', '-y', 'pkg'] })).entry).toEqual({
        command: '/usr/bin/npx',
        args: ['-y', 'pkg'],
      });
    }
  });

  it('claude-code: type stdio and env always, as `claude mcp add` writes; remote type http', () => {
    expect(
      buildEntry(base({ client: 'claude-code', scope: 'local', command: ['npx'] })).entry,
    ).toEqual({ type: 'stdio', command: 'npx', args: [], env: {} });
    expect(
      buildEntry(
        base({
          client: 'claude-code',
          scope: 'project',
          url: 'https://x/mcp',
          headers: { A: 'b' },
        }),
      ).entry,
    ).toEqual({ type: 'http', url: 'https://x/mcp', headers: { A: 'b' } });
  });

  it('vscode: type on both kinds; cursor remote: url only', () => {
    expect(
      buildEntry(base({ client: 'vscode', scope: 'project', command: ['srv'], env: { K: 'v' } }))
        .entry,
    ).toEqual({
      type: 'stdio',
      command: 'srv',
      args: [],
      env: { K: 'v' },
    });
    expect(buildEntry(base({ client: 'vscode', url: 'https://x/mcp' })).entry).toEqual({
      type: 'http',
      url: 'https://x/mcp',
    });
    expect(buildEntry(base({ client: 'cursor', url: 'https://x/mcp' })).entry).toEqual({
      url: 'https://x/mcp',
    });
  });

  it('windsurf: {command, args, env?}, remote serverUrl; gemini-cli: remote httpUrl', () => {
    expect(
      buildEntry(base({ client: 'windsurf', command: ['npx', 'pkg'], env: { K: 'v' } })).entry,
    ).toEqual({ command: '/usr/bin/npx', args: ['pkg'], env: { K: 'v' } });
    expect(
      buildEntry(base({ client: 'windsurf', url: 'https://x/mcp', headers: { A: 'b' } })).entry,
    ).toEqual({ serverUrl: 'https://x/mcp', headers: { A: 'b' } });
    expect(
      buildEntry(base({ client: 'gemini-cli', scope: 'project', command: ['srv', 'a'] })).entry,
    ).toEqual({ command: 'srv', args: ['a'] });
    expect(
      buildEntry(base({ client: 'gemini-cli', url: 'https://x/mcp', headers: { A: 'b' } })).entry,
    ).toEqual({ httpUrl: 'https://x/mcp', headers: { A: 'b' } });
  });

  it('claude-desktop --url: the mcp-remote bridge, header values through env', () => {
    const built = buildEntry(base({ url: 'https://x/mcp', headers: { 'X-Api-Key': 'k 1' } }));
    expect(built.entry).toEqual({
      command: '/usr/bin/npx',
      args: ['-y', 'mcp-remote', 'https://x/mcp', '--header', 'X-Api-Key:${MCP_REMOTE_X_API_KEY}'],
      env: { MCP_REMOTE_X_API_KEY: 'k 1' },
    });
    expect(built.notes[0]).toMatch(/mcp-remote bridge/);
  });

  it('rejects a command and --url together, neither, and mismatched --env/--header', () => {
    expect(() => buildEntry(base({ command: ['x'], url: 'https://x' }))).toThrow(/not both/);
    expect(() => buildEntry(base({}))).toThrow(/No server given/);
    expect(() => buildEntry(base({ client: 'cursor', url: 'https://x', env: { A: '1' } }))).toThrow(
      /--env/,
    );
    expect(() => buildEntry(base({ command: ['x'], headers: { A: '1' } }))).toThrow(/--header/);
  });
});

describe('buildEntry: runnable by a GUI client', () => {
  const nvm = '/home/zoë/.nvm/versions/node/v22.1.0/bin';
  const nvmMachine = machine(
    {
      [`${nvm}/npx`]: '#!/usr/bin/env node\n',
      [`${nvm}/node`]: '\x7fELF',
      '/home/zoë/proj/server.py': '',
    },
    `${nvm}:/usr/bin`,
  );

  it('an nvm command becomes absolute, with its folder first on PATH, and says why', () => {
    const built = buildEntry(
      base({ command: ['npx', 'pkg', 'server.py', './missing.txt'], machine: nvmMachine }),
    );
    expect(built.entry).toEqual({
      command: `${nvm}/npx`,
      args: ['pkg', '/home/zoë/proj/server.py', './missing.txt'],
      env: { PATH: `${nvm}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin` },
    });
    expect(built.notes.join('\n')).toContain(
      `Wrote ${nvm}/npx because Claude Desktop does not see your shell's PATH (npx comes from nvm).`,
    );
  });

  it('an explicit --env PATH is kept', () => {
    const built = buildEntry(base({ command: ['npx'], env: { PATH: '/x' }, machine: nvmMachine }));
    expect(built.entry.env).toEqual({ PATH: '/x' });
  });

  it('claude-code and gemini-cli keep the command as typed; project scope keeps relative args', () => {
    for (const client of ['claude-code', 'gemini-cli'] as const) {
      expect(
        buildEntry(base({ client, scope: 'user', command: ['npx'], machine: nvmMachine })).entry
          .command,
      ).toBe('npx');
    }
    expect(
      buildEntry(base({ client: 'windsurf', command: ['npx'], machine: nvmMachine })).entry.command,
    ).toBe(`${nvm}/npx`);
    expect(
      buildEntry(
        base({
          client: 'cursor',
          scope: 'project',
          command: ['python', 'server.py'],
          machine: nvmMachine,
        }),
      ).entry.args,
    ).toEqual(['server.py']);
  });

  it('--no-resolve and a foreign --platform leave the command alone', () => {
    expect(
      buildEntry(base({ command: ['npx'], resolveCommand: false, machine: nvmMachine })).entry
        .command,
    ).toBe('npx');
    const foreign = buildEntry(base({ command: ['npx'], platform: 'darwin', machine: nvmMachine }));
    expect(foreign.entry.command).toBe('npx');
    expect(foreign.notes[0]).toMatch(/--platform darwin is not this machine/);
  });

  it('win32: npm shims run through cmd /c; real executables do not', () => {
    const win = (command: string[]) => buildEntry(base({ command, platform: 'win32' })).entry;
    expect(win(['npx', '-y', 'pkg'])).toEqual({ command: 'cmd', args: ['/c', 'npx', '-y', 'pkg'] });
    expect(win(['uvx', 'mcp-server-fetch'])).toEqual({
      command: 'uvx',
      args: ['mcp-server-fetch'],
    });
    expect(win(['cmd', '/c', 'npx'])).toEqual({ command: 'cmd', args: ['/c', 'npx'] });
  });
});

describe('an entry that depends on the folder add runs in', () => {
  const cwd = '/home/zoë/proj';
  const build = (command: string[], over: Partial<BuildEntryOptions> = {}, files = {}) =>
    buildEntry(base({ command, resolveCommand: false, machine: machine(files), ...over }));

  it('uv run gets --directory <cwd>, and says so', () => {
    const built = build(['uv', 'run', 'my-weather']);
    expect(built.entry).toEqual({
      command: 'uv',
      args: ['--directory', cwd, 'run', 'my-weather'],
    });
    expect(built.notes).toEqual([
      `Wrote "uv --directory ${cwd} run …": Claude Desktop starts servers in a folder of its own, not in ${cwd}, where "uv run" would not find this project.`,
    ]);
    expect(built.warnings).toEqual([]);
  });

  it('leaves uv alone when it already names its project, or runs without one', () => {
    for (const command of [
      ['uv', '--directory', '/srv/w', 'run', 'w'],
      ['uv', 'run', '--project', '/srv/w', 'w'],
      ['uv', 'run', '--directory=/srv/w', 'w'],
      ['uv', 'run', '--no-project', '/srv/w/server.py'],
      ['uv', 'tool', 'run', 'w'],
    ]) {
      const built = build(command);
      expect(built.entry.args).toEqual(command.slice(1));
      expect([...built.notes, ...built.warnings]).toEqual([]);
    }
  });

  it('pnpm run gets --dir <cwd>; npm run and yarn start get a warning with the exact command', () => {
    expect(build(['pnpm', 'run', 'start']).entry.args).toEqual(['--dir', cwd, 'run', 'start']);
    const npm = build(['npm', 'run', 'start']);
    expect(npm.entry.args).toEqual(['run', 'start']);
    expect(npm.warnings).toEqual([
      `Warning: "npm run" looks for the project in the folder it starts in, and Claude Desktop starts servers in a folder of its own, not in ${cwd}. Add it with: npm --prefix ${cwd} run start`,
    ]);
    expect(build(['yarn', 'start']).warnings[0]).toContain(`yarn --cwd ${cwd} start`);
    expect(build(['npm', '--prefix', '/srv/w', 'start']).warnings).toEqual([]);
  });

  it('a shared project file is not anchored to this folder, but the warning says how', () => {
    const built = build(['uv', 'run', 'w'], { client: 'cursor', scope: 'project' });
    expect(built.entry.args).toEqual(['run', 'w']);
    expect(built.notes).toEqual([]);
    expect(built.warnings[0]).toContain(`Add it with: uv --directory ${cwd} run w`);
  });

  it('npx of a bin installed in this folder, python -m of a module here: warnings', () => {
    const npx = build(
      ['npx', 'my-server', '--port', '1'],
      {},
      {
        [`${cwd}/node_modules/.bin/my-server`]: '',
      },
    );
    expect(npx.warnings).toEqual([
      `Warning: "npx my-server" runs the my-server installed in ${cwd}/node_modules only when started there, and Claude Desktop starts servers in a folder of its own, not in ${cwd}. Add it with: ${cwd}/node_modules/.bin/my-server --port 1`,
    ]);
    expect(build(['npx', '-y', '@scope/server']).warnings).toEqual([]);
    const python = build(
      ['python3', '-m', 'weather.server'],
      {},
      {
        [`${cwd}/weather/__init__.py`]: '',
      },
    );
    expect(python.warnings[0]).toContain(`Add it with --env PYTHONPATH=${cwd}`);
    expect(build(['python3', '-m', 'http.server']).warnings).toEqual([]);
  });

  it('relative paths: made absolute when they exist (also after --opt=), a warning when not', () => {
    const built = build(['uvx', '--from=.', 'w'], {}, { [`${cwd}/pyproject.toml`]: '' });
    expect(built.entry.args).toEqual([`--from=${cwd}`, 'w']);
    const missing = build(['node', 'build/index.js']);
    expect(missing.entry.args).toEqual(['build/index.js']);
    expect(missing.warnings).toEqual([
      `Warning: "build/index.js" is a relative path and does not exist in ${cwd}; Claude Desktop would look for it in the folder it starts in. Create it first, or pass its absolute path.`,
    ]);
  });

  it("for another platform, suggests the fix without this machine's folder", () => {
    const built = build(['uv', 'run', 'w'], { platform: 'darwin' });
    expect(built.entry.args).toEqual(['run', 'w']);
    expect(built.warnings[0]).toContain(
      "Add it with: uv --directory '<the project folder on that machine>' run w",
    );
  });
});

describe('command helpers', () => {
  it('describeToolDir names managers and user folders, not system ones', () => {
    expect(describeToolDir('/Users/z/.volta/bin/node', '/Users/z')).toBe('Volta');
    expect(describeToolDir('/opt/homebrew/bin/uv', '/Users/z')).toBe('Homebrew');
    expect(describeToolDir('/Users/z/.local/bin/uvx', '/Users/z')).toBe('~/.local/bin');
    expect(describeToolDir('/run/user/1000/fnm_multishells/1_2/bin/npx', '/home/z')).toBe('fnm');
    expect(describeToolDir('/usr/bin/npx', '/home/z')).toBeUndefined();
  });

  it('envShebang and needsCmdWrapper', () => {
    expect(envShebang('#!/usr/bin/env node\n')).toBe('node');
    expect(envShebang('#!/usr/bin/env -S node --no-warnings')).toBe('node');
    expect(envShebang('#!/bin/sh')).toBeUndefined();
    expect(needsCmdWrapper('pnpm')).toBe(true);
    expect(needsCmdWrapper('tool', 'C:\\x\\tool.bat')).toBe(true);
    expect(needsCmdWrapper('node')).toBe(false);
  });
});

describe('flag parsing', () => {
  it('--env KEY=VALUE, KEY from the environment, bad names', () => {
    expect(parseEnvFlags(['A=1=2', 'B', 'C='], { B: 'from env' })).toEqual({
      A: '1=2',
      B: 'from env',
      C: '',
    });
    expect(() => parseEnvFlags(['MISSING'], {})).toThrow(/MISSING is not set/);
    expect(() => parseEnvFlags(['=x'], {})).toThrow(/not a variable name/);
  });

  it('--header Name: value', () => {
    expect(parseHeaderFlags(['Authorization: Bearer a:b'])).toEqual({
      Authorization: 'Bearer a:b',
    });
    expect(() => parseHeaderFlags(['no colon'])).toThrow(/Bad --header/);
  });
});
