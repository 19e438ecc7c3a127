import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedModules } from './support/bundle-trace.js';
import { BIN, makeTempDir, ROOT } from './support/paths.js';
import { run, testEnv } from './support/run.js';
import { makeSandbox, REALISTIC_DESKTOP_CONFIG } from './support/config-sandbox.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
type Servers = Record<string, Record<string, unknown>>;
const servers = (text: string, key = 'mcpServers') => json(text)[key] as Servers;

describe('mcp-config --help', () => {
  it('lists the commands and loads only commander and the sanitiser', async () => {
    const trace = join(makeTempDir('trace'), 'imports.txt');
    const result = await run(
      process.execPath,
      ['--import', join(ROOT, 'test/support/trace-imports.mjs'), BIN.config, '--help'],
      { env: testEnv({ MCPKIT_TRACE_IMPORTS: trace }) },
    );
    expect(result.code).toBe(0);
    for (const command of [
      'path',
      'list',
      'get',
      'add',
      'remove',
      'backup',
      'restore',
      'doctor',
      'logs',
    ]) {
      expect(result.stdout).toContain(`  ${command} `);
    }
    expect(result.stdout).toContain('mcp-config doctor weather --fix');
    expect(result.stdout).toContain('mcp-config logs weather -f');
    const loaded = loadedModules('config', trace);
    // Of node_modules, commander only: no jsonc-parser, no diff.
    expect(loaded.packages).toEqual(['commander']);
    expect(loaded.sources).toContain('packages/config/src/cli.ts');
    // The sanitiser guards every write, help included; nothing else of shared loads, and no
    // command module (each is its own chunk, loaded when its command runs).
    expect(loaded.sources).toContain('packages/shared/build/sanitize.js');
    expect(
      loaded.sources.filter(
        (s) =>
          /packages\/shared\/|\/commands\/|\/core\//.test(s) &&
          s !== 'packages/shared/build/sanitize.js',
      ),
    ).toEqual([]);
  });

  it('a usage error exits 2 with one line and a hint', async () => {
    const box = makeSandbox();
    const result = await box.cli(['add', 'x', '--client', 'nope', '--', 'node']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: option '--client <client>' argument 'nope' is invalid/);
  });
});

describe('mcp-config path', () => {
  it('linux: $XDG_CONFIG_HOME, missing file said so', async () => {
    const box = makeSandbox();
    const result = await box.cli(['path', '--platform', 'linux']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(box.desktopFile);
    expect(result.stdout).toContain('does not exist yet');
  });

  it('darwin: Application Support, and --json', async () => {
    const box = makeSandbox();
    const file = box.write(
      join(box.home, 'Library/Application Support/Claude/claude_desktop_config.json'),
      '{}\n',
    );
    const result = await box.cli(['path', '--platform', 'darwin', '--json']);
    expect(result.code).toBe(0);
    const out = json(result.stdout);
    expect(out).toMatchObject({ client: 'claude-desktop', platform: 'darwin', file, exists: true });
  });

  it('win32: prefers the Microsoft Store copy and reports the classic one as not read', async () => {
    const box = makeSandbox();
    // With --platform win32 on a POSIX host, paths are joined with backslashes; files
    // below the (POSIX) home are still found, which lets this test use real files.
    box.write(join(box.home, 'AppData/Roaming/Claude/claude_desktop_config.json'), '{}\n');
    mkdirSync(join(box.home, 'AppData/Local/Packages/Claude_pzs8sxrjxfjjc'), { recursive: true });
    mkdirSync(join(box.home, 'AppData/Local/Packages/Microsoft.Other_1'), { recursive: true });
    const result = await box.cli(['path', '--platform', 'win32', '--json']);
    expect(result.code).toBe(0);
    const out = json(result.stdout) as { file: string; candidates: Record<string, unknown>[] };
    const win = box.home.replace(/\//g, '\\');
    expect(out.file).toBe(
      `${win}\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`,
    );
    expect(out.candidates).toEqual([
      expect.objectContaining({ file: out.file, read: true, exists: false }),
      expect.objectContaining({
        file: `${win}\\AppData\\Roaming\\Claude\\claude_desktop_config.json`,
        read: false,
        exists: true,
      }),
    ]);
    const human = await box.cli(['path', '--platform', 'win32']);
    expect(human.stdout).toContain('the Microsoft Store install reads only its own copy');
    expect(human.stdout).toMatch(/exists but Claude Desktop does not read it/);
  });

  it('win32 without a Store install: the classic %APPDATA% file', async () => {
    const box = makeSandbox();
    const result = await box.cli(['path', '--platform', 'win32'], {
      APPDATA: 'C:\\Users\\Zoë\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\Zoë\\AppData\\Local',
    });
    expect(result.stdout.split('\n')[0]).toBe(
      'C:\\Users\\Zoë\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
  });

  it('claude-code: local, project and user, with the section of the local scope', async () => {
    const box = makeSandbox();
    const result = await box.cli(['path', '--client', 'claude-code']);
    expect(result.stdout.split('\n')[0]).toBe(join(box.home, '.claude.json'));
    expect(result.stdout).toContain(`("projects" → "${box.project}" → "mcpServers")`);
    expect(result.stdout).toContain(join(box.project, '.mcp.json'));
  });
});

describe('mcp-config add / remove on real files', () => {
  it('keeps every other byte of a realistic config, and add then remove is the identity', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const added = await box.cli(['add', 'notes', '--no-resolve', '--', 'notes-server', '--flag']);
    expect(added.code, added.stderr).toBe(0);
    const text = box.read(box.desktopFile);
    expect(text).toBe(
      REALISTIC_DESKTOP_CONFIG.replace(
        '            "env": { "API_KEY": "sk-très-secret" }\n        }\n',
        '            "env": { "API_KEY": "sk-très-secret" }\n        },\n        "notes": {\n            "command": "notes-server",\n            "args": [\n                "--flag"\n            ]\n        }\n',
      ),
    );
    const removed = await box.cli(['remove', 'notes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(box.read(box.desktopFile)).toBe(REALISTIC_DESKTOP_CONFIG);
  });

  it('CRLF and BOM survive add then remove byte for byte', async () => {
    const box = makeSandbox();
    const original = `\uFEFF${REALISTIC_DESKTOP_CONFIG.replace(/\n/g, '\r\n')}`;
    box.write(box.desktopFile, original);
    expect((await box.cli(['add', 'a', '--env', 'K=v', '--', 'node', 'x.js'])).code).toBe(0);
    const mid = box.read(box.desktopFile);
    expect(mid.startsWith('\uFEFF')).toBe(true);
    expect(mid.replace(/\r\n/g, '')).not.toContain('\n');
    expect((await box.cli(['remove', 'a'])).code).toBe(0);
    expect(box.read(box.desktopFile)).toBe(original);
  });

  it('creates a missing file and folder', async () => {
    const box = makeSandbox();
    const result = await box.cli(['add', 'x', '--no-resolve', '--', 'server']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${box.desktopFile} (created)`);
    expect(servers(box.read(box.desktopFile))).toEqual({ x: { command: 'server', args: [] } });
  });

  it('an existing name fails; --force replaces the entry instead of merging', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const before = box.read(box.desktopFile);
    const clash = await box.cli(['add', 'météo', '--no-resolve', '--', 'other']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(
      /^Error: .*claude_desktop_config\.json:\d+:\d+: a server named "météo" already exists/,
    );
    expect(box.read(box.desktopFile)).toBe(before);
    const forced = await box.cli(['add', 'météo', '--force', '--no-resolve', '--', 'other', 'arg']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Replaced "météo"');
    expect(servers(box.read(box.desktopFile))['météo']).toEqual({
      command: 'other',
      args: ['arg'],
    });
  });

  it('--dry-run prints a masked diff and writes nothing; --show-secrets reveals', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const args = [
      'add',
      'gh',
      '--env',
      'GITHUB_TOKEN=ghp_supersecret',
      '--dry-run',
      '--no-resolve',
      '--',
      'gh-server',
    ];
    const result = await box.cli(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`--- ${box.desktopFile}`);
    expect(result.stdout).toContain('+        "gh": {');
    expect(result.stdout).toContain('"GITHUB_TOKEN": "••••(15 chars)"');
    expect(result.stdout).not.toContain('ghp_supersecret');
    expect(result.stdout).not.toContain('sk-très-secret');
    expect(result.stdout).toContain('Dry run: nothing was written');
    expect(box.read(box.desktopFile)).toBe(REALISTIC_DESKTOP_CONFIG);
    expect(existsSync(join(box.home, '.mcpkit'))).toBe(false);
    const shown = await box.cli(['add', '--show-secrets', ...args.slice(1)]);
    expect(shown.stdout).toContain('ghp_supersecret');
  });

  it('--dry-run on a 3 MB config with thousands of secrets prints the one hunk', async () => {
    const box = makeSandbox();
    const entries: string[] = [];
    for (let i = 0, size = 0; size < 3_000_000; i++) {
      const entry =
        `        "s${i}": {\n            "command": "node",\n            "args": ["/srv/s${i}/index.js"],\n` +
        `            "env": {"API_KEY": "sk-live-${String(i).padStart(10, '0')}"}\n        }`;
      entries.push(entry);
      size += entry.length + 2;
    }
    const big = `{\n    "mcpServers": {\n${entries.join(',\n')}\n    }\n}\n`;
    box.write(box.desktopFile, big);
    const result = await box.cli(['add', 'weather', '--dry-run', '--no-resolve', '--', 'srv']);
    expect(result.code, result.stderr).toBe(0);
    const hunks = result.stdout.match(/^@@ .* @@$/gm) ?? [];
    expect(hunks).toHaveLength(1);
    expect(result.stdout).toContain('+        "weather": {');
    expect(result.stdout).toContain('"API_KEY": "••••(18 chars)"');
    expect(result.stdout).not.toContain('sk-live-');
    expect(result.stdout).toContain('Dry run: nothing was written');
    expect(box.read(box.desktopFile)).toBe(big);
  });

  it('uv run without --directory is anchored to the project, said the same with --dry-run', async () => {
    const box = makeSandbox();
    const args = ['add', 'weather', '--no-resolve', '--', 'uv', 'run', 'my-weather'];
    const note = `Wrote "uv --directory ${box.project} run …": Claude Desktop starts servers in a folder of its own, not in ${box.project}, where "uv run" would not find this project.`;
    const dry = await box.cli([...args.slice(0, 2), '--dry-run', ...args.slice(2)]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(note);
    expect(dry.stdout).toContain(`"--directory",`);
    expect(existsSync(box.desktopFile)).toBe(false);
    const added = await box.cli(args);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(note);
    expect(added.stderr).toBe('');
    expect(servers(box.read(box.desktopFile)).weather).toEqual({
      command: 'uv',
      args: ['--directory', box.project, 'run', 'my-weather'],
    });
  });

  it('warns on stderr, with the exact fix, about what else depends on the current folder', async () => {
    const box = makeSandbox();
    const args = ['add', 'web', '--no-resolve', '--', 'npm', 'run', 'start'];
    const warning = `Warning: "npm run" looks for the project in the folder it starts in, and Claude Desktop starts servers in a folder of its own, not in ${box.project}. Add it with: npm --prefix ${box.project} run start\n`;
    const dry = await box.cli([...args.slice(0, 2), '--dry-run', ...args.slice(2)]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toBe(warning);
    const added = await box.cli(args);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toBe(warning);
    // A path from the command line reaches the terminal only through the sanitiser.
    const odd = await box.cli(['add', 'odd', '--no-resolve', '--', 'node', 'b\u001b[2Juild/x.js']);
    expect(odd.stderr).toContain('"build/x.js" is a relative path and does not exist in');
    expect(odd.stderr).not.toContain('\u001b');
  });

  it('--env KEY takes the value from the environment; unset is a usage error', async () => {
    const box = makeSandbox();
    const ok = await box.cli(['add', 's', '--env', 'MY_TOKEN', '--no-resolve', '--', 'srv'], {
      MY_TOKEN: 'from-env',
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).not.toContain('from-env');
    expect(servers(box.read(box.desktopFile)).s?.env).toEqual({ MY_TOKEN: 'from-env' });
    const unset = await box.cli(['add', 't', '--env', 'NOT_SET_XYZ', '--', 'srv']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toBe(
      'Error: --env NOT_SET_XYZ: NOT_SET_XYZ is not set in your environment.\nExport it first (export NOT_SET_XYZ=...) or pass --env NOT_SET_XYZ=value.\n',
    );
  });

  it('list and get mask env values unless --show-secrets', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const list = await box.cli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/météo\s+stdio\s+uv run weather\.py {2}env: API_KEY=••••/);
    expect(list.stdout).not.toContain('sk-très-secret');
    const listJson = json((await box.cli(['list', '--json'])).stdout) as { servers: unknown[] };
    expect(listJson.servers).toHaveLength(2);
    expect(JSON.stringify(listJson)).not.toContain('sk-très-secret');
    const get = await box.cli(['get', 'météo', '--json']);
    expect(json(get.stdout)).toMatchObject({
      name: 'météo',
      command: 'uv',
      env: { API_KEY: '••••(14 chars)' },
    });
    const shown = await box.cli(['get', 'météo', '--show-secrets']);
    expect(shown.stdout).toContain('API_KEY=sk-très-secret');
    const unknown = await box.cli(['get', 'meteo']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Did you mean "météo"?');
  });

  it('a file that is not valid JSON is refused with file:line:col and left untouched', async () => {
    const box = makeSandbox();
    const broken = '{\n  "mcpServers": {\n    "a": {"command": "x",}\n  }\n}\n';
    box.write(box.desktopFile, broken);
    for (const args of [['add', 'b', '--', 'y'], ['remove', 'a'], ['list']]) {
      const result = await box.cli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^Error: ${box.desktopFile.replace(/[.]/g, '\\.')}:3:\\d+: .*trailing comma`),
      );
      expect(result.stderr.split('\n')[1]).toMatch(/not changed/);
    }
    expect(box.read(box.desktopFile)).toBe(broken);
  });
});

describe('entries the client can run', () => {
  it('claude-desktop: a command from nvm becomes absolute, said so, with PATH for its node', async () => {
    const box = makeSandbox();
    const bin = join(box.home, '.nvm/versions/node/v22.1.0/bin');
    box.write(join(bin, 'npx'), '#!/usr/bin/env node\n');
    box.write(join(bin, 'node'), '#!/bin/sh\n');
    chmodSync(join(bin, 'npx'), 0o755);
    chmodSync(join(bin, 'node'), 0o755);
    box.write(join(box.project, 'data', 'notes.txt'), 'x');
    const result = await box.cli(
      ['add', 'fs', '--', 'npx', '-y', '@modelcontextprotocol/server-filesystem', './data'],
      { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `Wrote ${bin}/npx because Claude Desktop does not see your shell's PATH (npx comes from nvm).`,
    );
    expect(servers(box.read(box.desktopFile)).fs).toEqual({
      command: join(bin, 'npx'),
      args: ['-y', '@modelcontextprotocol/server-filesystem', join(box.project, 'data')],
      env: { PATH: `${bin}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin` },
    });
  });

  it('a command not on PATH is written as typed, with a warning', async () => {
    const box = makeSandbox();
    const result = await box.cli(['add', 'x', '--', 'no-such-cmd-xyz']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Warning: "no-such-cmd-xyz" is not on your PATH');
    expect(servers(box.read(box.desktopFile)).x?.command).toBe('no-such-cmd-xyz');
  });

  it('--url for claude-desktop writes the mcp-remote bridge with headers through env', async () => {
    const box = makeSandbox();
    const result = await box.cli([
      'add',
      'docs',
      '--no-resolve',
      '--url',
      'https://example.com/mcp',
      '--header',
      'Authorization: Bearer abc def',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('mcp-remote bridge');
    expect(result.stdout).not.toContain('abc def');
    expect(servers(box.read(box.desktopFile)).docs).toEqual({
      command: 'npx',
      args: [
        '-y',
        'mcp-remote',
        'https://example.com/mcp',
        '--header',
        'Authorization:${MCP_REMOTE_AUTHORIZATION}',
      ],
      env: { MCP_REMOTE_AUTHORIZATION: 'Bearer abc def' },
    });
  });

  it('--platform win32: npx goes through cmd /c and backslashes are JSON-escaped', async () => {
    const box = makeSandbox();
    const file = join(box.root, 'win.json');
    const result = await box.cli([
      'add',
      'fs',
      '--platform',
      'win32',
      '--config',
      file,
      '--',
      'npx',
      '-y',
      'pkg',
      'C:\\Users\\Zoë\\My Docs',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Wrote "cmd /c npx …"');
    const text = box.read(file);
    expect(text).toContain('"C:\\\\Users\\\\Zoë\\\\My Docs"');
    expect(servers(text).fs).toEqual({
      command: 'cmd',
      args: ['/c', 'npx', '-y', 'pkg', 'C:\\Users\\Zoë\\My Docs'],
    });
  });

  it('cursor remote and vscode shapes', async () => {
    const box = makeSandbox();
    expect(
      (await box.cli(['add', 'r', '--client', 'cursor', '--url', 'https://x.dev/mcp'])).code,
    ).toBe(0);
    expect(servers(box.read(join(box.home, '.cursor/mcp.json'))).r).toEqual({
      url: 'https://x.dev/mcp',
    });
    expect(
      (
        await box.cli([
          'add',
          'r',
          '--client',
          'vscode',
          '--url',
          'https://x.dev/mcp',
          '--header',
          'X-Key: 1',
        ])
      ).code,
    ).toBe(0);
    expect(servers(box.read(join(box.project, '.vscode/mcp.json')), 'servers').r).toEqual({
      type: 'http',
      url: 'https://x.dev/mcp',
      headers: { 'X-Key': '1' },
    });
  });
});

describe('other clients', () => {
  it('claude-code: local scope under projects[cwd], user at the top, project in .mcp.json', async () => {
    const box = makeSandbox();
    const claudeJson = box.write(
      join(box.home, '.claude.json'),
      `{"numStartups": 3, "projects": {"${box.project}": {"allowedTools": []}}}`,
    );
    const local = await box.cli(['add', 'l', '--client', 'claude-code', '--', 'srv', 'a']);
    expect(local.code, local.stderr).toBe(0);
    const user = await box.cli([
      'add',
      'u',
      '--client',
      'claude-code',
      '--scope',
      'user',
      '--',
      'srv',
    ]);
    expect(user.code, user.stderr).toBe(0);
    const project = await box.cli([
      'add',
      'p',
      '--client',
      'claude-code',
      '--scope',
      'project',
      '--url',
      'https://x.dev/mcp',
    ]);
    expect(project.code, project.stderr).toBe(0);
    const data = json(box.read(claudeJson)) as {
      numStartups: number;
      mcpServers: Servers;
      projects: Record<string, { allowedTools: unknown[]; mcpServers: Servers }>;
    };
    expect(data.numStartups).toBe(3);
    expect(data.projects[box.project]?.mcpServers.l).toEqual({
      type: 'stdio',
      command: 'srv',
      args: ['a'],
      env: {},
    });
    expect(data.projects[box.project]?.allowedTools).toEqual([]);
    expect(data.mcpServers.u).toMatchObject({ type: 'stdio', command: 'srv' });
    expect(servers(box.read(join(box.project, '.mcp.json'))).p).toEqual({
      type: 'http',
      url: 'https://x.dev/mcp',
    });
    const list = json((await box.cli(['list', '--client', 'claude-code', '--json'])).stdout) as {
      servers: { name: string; scope: string }[];
    };
    expect(list.servers.map((s) => `${s.scope}:${s.name}`)).toEqual([
      'local:l',
      'project:p',
      'user:u',
    ]);
    const removed = await box.cli(['remove', 'u', '--client', 'claude-code']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('(user scope)');
  });

  it('vscode: a JSONC file keeps its comments and trailing commas', async () => {
    const box = makeSandbox();
    const original = `// workspace servers
{
\t"inputs": [],
\t"servers": {
\t\t/* the old one */
\t\t"old": { "type": "stdio", "command": "old" }, // keep me
\t},
}
`;
    const file = box.write(join(box.project, '.vscode/mcp.json'), original);
    const added = await box.cli(['add', 'new', '--client', 'vscode', '--', 'srv']);
    expect(added.code, added.stderr).toBe(0);
    const text = box.read(file);
    expect(text).toContain('/* the old one */');
    expect(text).toContain('// keep me');
    expect(text).toContain('"type": "stdio"');
    expect((await box.cli(['remove', 'new', '--client', 'vscode'])).code).toBe(0);
    expect(box.read(file)).toBe(original);
  });
});

describe('remove: a name the client reads from more than one file', () => {
  it('names each file; --config removes it from the one given', async () => {
    const box = makeSandbox();
    const entry = (cmd: string) => JSON.stringify({ mcpServers: { dup: { command: cmd } } });
    const near = box.write(join(box.project, '.mcp.json'), entry('near'));
    const far = box.write(join(box.root, '.mcp.json'), entry('far'));
    const ambiguous = await box.cli(['remove', 'dup', '--client', 'claude-code']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`${near} (project scope)`);
    expect(ambiguous.stderr).toContain(`${far} (project scope, a parent folder)`);
    expect(ambiguous.stderr).toContain('--config <file>');
    expect(ambiguous.stderr).not.toContain('--scope project or --scope project');
    expect(box.read(far)).toBe(entry('far'));

    const removed = await box.cli(['remove', 'dup', '--client', 'claude-code', '--config', far]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(box.read(far))).toEqual({ mcpServers: {} });
    expect(box.read(near)).toBe(entry('near'));
  });
});

describe('windsurf and gemini-cli', () => {
  it('windsurf: path, add (local and serverUrl), list and remove in ~/.codeium/windsurf', async () => {
    const box = makeSandbox();
    const file = join(box.home, '.codeium/windsurf/mcp_config.json');
    const path = await box.cli(['path', '--client', 'windsurf']);
    expect(path.code, path.stderr).toBe(0);
    expect(path.stdout.split('\n')[0]).toBe(file);
    expect(path.stdout).toContain('does not exist yet');
    const local = await box.cli(['add', 'l', '--client', 'windsurf', '--no-resolve', '--', 'srv']);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toContain('MCP servers panel of Windsurf');
    const remote = await box.cli([
      'add',
      'r',
      '--client',
      'windsurf',
      '--url',
      'https://x.dev/mcp',
      '--header',
      'Authorization: Bearer s3cret',
    ]);
    expect(remote.code, remote.stderr).toBe(0);
    expect(servers(box.read(file))).toEqual({
      l: { command: 'srv', args: [] },
      r: { serverUrl: 'https://x.dev/mcp', headers: { Authorization: 'Bearer s3cret' } },
    });
    const list = json((await box.cli(['list', '--client', 'windsurf', '--json'])).stdout) as {
      servers: { name: string; transport: string; scope: string }[];
    };
    expect(list.servers.map((s) => `${s.scope}:${s.name}:${s.transport}`)).toEqual([
      'user:l:stdio',
      'user:r:http',
    ]);
    expect(JSON.stringify(list)).not.toContain('s3cret');
    expect((await box.cli(['remove', 'r', '--client', 'windsurf'])).code).toBe(0);
    expect((await box.cli(['remove', 'l', '--client', 'windsurf'])).code).toBe(0);
    expect(servers(box.read(file))).toEqual({});
  });

  it('gemini-cli: project by default, user with --scope; settings and comments keep every byte', async () => {
    const box = makeSandbox();
    const projectFile = join(box.project, '.gemini/settings.json');
    const userFile = join(box.home, '.gemini/settings.json');
    const original = `{
  // Gemini CLI settings, edited by hand
  "theme": "GitHub",
  "mcp": { "allowed": ["docs"] },
  "mcpServers": {
    /* the docs server */
    "docs": { "httpUrl": "https://docs.example/mcp", "timeout": 5000 }
  },
  "general": { "vimMode": true }
}
`;
    box.write(userFile, original);
    const path = await box.cli(['path', '--client', 'gemini-cli', '--json']);
    expect(path.code, path.stderr).toBe(0);
    expect(json(path.stdout)).toMatchObject({
      client: 'gemini-cli',
      file: projectFile,
      scope: 'project',
      exists: false,
      candidates: [
        { scope: 'project', file: projectFile, exists: false },
        { scope: 'user', file: userFile, exists: true },
      ],
    });

    const project = await box.cli(['add', 'p', '--client', 'gemini-cli', '--', 'srv', 'a']);
    expect(project.code, project.stderr).toBe(0);
    expect(project.stdout).toContain('(project scope)');
    expect(servers(box.read(projectFile))).toEqual({ p: { command: 'srv', args: ['a'] } });

    const user = await box.cli([
      'add',
      'u',
      '--client',
      'gemini-cli',
      '--scope',
      'user',
      '--url',
      'https://x.dev/mcp',
    ]);
    expect(user.code, user.stderr).toBe(0);
    const text = box.read(userFile);
    expect(text).toContain('// Gemini CLI settings, edited by hand');
    expect(text).toContain('/* the docs server */');
    expect(text).toContain('"general": { "vimMode": true }');
    const list = json((await box.cli(['list', '--client', 'gemini-cli', '--json'])).stdout) as {
      servers: { name: string; scope: string; transport: string }[];
    };
    expect(list.servers.map((s) => `${s.scope}:${s.name}:${s.transport}`)).toEqual([
      'project:p:stdio',
      'user:docs:http',
      'user:u:http',
    ]);
    const removed = await box.cli(['remove', 'u', '--client', 'gemini-cli', '--scope', 'user']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(box.read(userFile)).toBe(original);
  });
});

describe('backups', () => {
  it('every change is backed up; restore puts the newest back and backs up the current file', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    expect((await box.cli(['add', 'a', '--no-resolve', '--', 'x'])).code).toBe(0);
    const afterAdd = box.read(box.desktopFile);
    const list = json((await box.cli(['backup', 'list', '--json'])).stdout) as {
      backups: { file: string }[];
    };
    expect(list.backups).toHaveLength(1);
    expect(readFileSync(list.backups[0]?.file ?? '', 'utf8')).toBe(REALISTIC_DESKTOP_CONFIG);
    expect(list.backups[0]?.file.startsWith(join(box.home, '.mcpkit', 'backups'))).toBe(true);

    const dry = await box.cli(['restore', '--dry-run']);
    expect(dry.stdout).toContain('-        "a": {');
    expect(box.read(box.desktopFile)).toBe(afterAdd);

    const restored = await box.cli(['restore']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .* from .*\.bak\nBackup of the replaced version: /);
    expect(box.read(box.desktopFile)).toBe(REALISTIC_DESKTOP_CONFIG);
    const human = await box.cli(['backup', 'list']);
    expect(human.stdout.match(/\.bak/g)).toHaveLength(2);
  });

  it('restore without backups fails with a hint', async () => {
    const box = makeSandbox();
    const result = await box.cli(['restore']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: No backups of .* yet\.\n/);
  });
});

describe('concurrency', () => {
  it('concurrent mcp-config add processes all land', async () => {
    const box = makeSandbox();
    box.write(box.desktopFile, REALISTIC_DESKTOP_CONFIG);
    const names = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const results = await Promise.all(
      names.map((n) => box.cli(['add', n, '--no-resolve', '--', 'srv', n])),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const final = servers(box.read(box.desktopFile));
    for (const n of names) expect(final[n]).toEqual({ command: 'srv', args: [n] });
    expect(Object.keys(final)).toHaveLength(names.length + 2);
    expect(
      readdirSync(join(box.desktopFile, '..')).filter(
        (f) => f.endsWith('.lock') || f.endsWith('.tmp'),
      ),
    ).toEqual([]);
  });
});

describe('--config and read-only', () => {
  it('refuses a read-only file cleanly and leaves it as it was', async () => {
    const box = makeSandbox();
    const file = box.write(join(box.root, 'ro.json'), '{}\n');
    chmodSync(file, 0o444);
    // Root ignores file modes, so as root the file is made immutable instead.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('chattr', ['+i', file]);
    try {
      const result = await box.cli(['add', 'x', '--config', file, '--', 'y']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Error: .*ro\.json/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(file, 'utf8')).toBe('{}\n');
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', file]);
    }
  });
});
