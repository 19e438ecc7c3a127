import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/paths.js';
import { resolveConfigCandidates, resolveConfigPath } from './client-paths.js';
import type { ResolveConfigOptions } from './client-paths.js';

const WIN_HOME = 'C:\\Users\\Ada';
const WIN_ENV = {
  APPDATA: `${WIN_HOME}\\AppData\\Roaming`,
  LOCALAPPDATA: `${WIN_HOME}\\AppData\\Local`,
};
const PACKAGES = `${WIN_HOME}\\AppData\\Local\\Packages`;

function win(extra: Partial<ResolveConfigOptions> = {}): ResolveConfigOptions {
  return {
    client: 'claude-desktop',
    platform: 'win32',
    env: WIN_ENV,
    homedir: WIN_HOME,
    cwd: 'D:\\work\\app',
    ...extra,
  };
}

const files = (list: readonly string[]) => (f: string) => list.includes(f);

describe('claude-desktop', () => {
  it('macOS: Application Support and Logs', () => {
    const [c, ...rest] = resolveConfigCandidates({
      client: 'claude-desktop',
      platform: 'darwin',
      env: {},
      homedir: '/Users/ada',
      cwd: '/x',
    });
    expect(rest).toEqual([]);
    expect(c?.file).toBe(
      '/Users/ada/Library/Application Support/Claude/claude_desktop_config.json',
    );
    expect(c?.logsDir).toBe('/Users/ada/Library/Logs/Claude');
    expect(c?.exists).toBe(false);
  });

  it('Linux: XDG_CONFIG_HOME, default ~/.config, relative value ignored', () => {
    const base = {
      client: 'claude-desktop',
      platform: 'linux',
      homedir: '/home/ada',
      cwd: '/x',
    } as const;
    expect(resolveConfigPath({ ...base, env: {} }).file).toBe(
      '/home/ada/.config/Claude/claude_desktop_config.json',
    );
    expect(resolveConfigPath({ ...base, env: {} }).logsDir).toBe('/home/ada/.config/Claude/logs');
    expect(resolveConfigPath({ ...base, env: { XDG_CONFIG_HOME: '/cfg' } }).file).toBe(
      '/cfg/Claude/claude_desktop_config.json',
    );
    expect(resolveConfigPath({ ...base, env: { XDG_CONFIG_HOME: 'rel' } }).file).toBe(
      '/home/ada/.config/Claude/claude_desktop_config.json',
    );
  });

  it('Windows classic install only: %APPDATA%, with backslashes whatever the host', () => {
    const list = resolveConfigCandidates(win({ listDir: () => ['Microsoft.Photos_8wekyb'] }));
    expect(list.map((c) => c.file)).toEqual([
      `${WIN_ENV.APPDATA}\\Claude\\claude_desktop_config.json`,
    ]);
    expect(list[0]?.logsDir).toBe(`${WIN_ENV.APPDATA}\\Claude\\logs`);
  });

  it('Windows without APPDATA/LOCALAPPDATA falls back to the profile folders', () => {
    const c = resolveConfigPath(win({ env: {}, listDir: () => [] }));
    expect(c.file).toBe(`${WIN_HOME}\\AppData\\Roaming\\Claude\\claude_desktop_config.json`);
  });

  it('Windows MSIX install is preferred even when only the classic file exists', () => {
    const msix = `${PACKAGES}\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`;
    const classic = `${WIN_ENV.APPDATA}\\Claude\\claude_desktop_config.json`;
    const opts = win({
      listDir: (d) => (d === PACKAGES ? ['Claude_pzs8sxrjxfjjc', 'Other_1'] : []),
      exists: files([classic]),
    });
    const list = resolveConfigCandidates(opts);
    expect(list.map((c) => [c.file, c.exists])).toEqual([
      [msix, false],
      [classic, true],
    ]);
    expect(list[0]?.label).toContain('Microsoft Store');
    expect(list[0]?.logsDir).toBe(
      `${PACKAGES}\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\logs`,
    );
    // Every candidate is reported; the one to use is the first that exists.
    expect(resolveConfigPath(opts).file).toBe(classic);
    expect(resolveConfigPath({ ...opts, exists: files([classic, msix]) }).file).toBe(msix);
  });

  it('several Claude_* packages: the one with a config comes first, all are listed', () => {
    const cfg = (id: string) =>
      `${PACKAGES}\\${id}\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`;
    const opts = win({
      listDir: () => ['Claude_aaa', 'Claude_zzz'],
      exists: files([cfg('Claude_zzz')]),
    });
    expect(resolveConfigCandidates(opts).map((c) => c.file)).toEqual([
      cfg('Claude_zzz'),
      cfg('Claude_aaa'),
      `${WIN_ENV.APPDATA}\\Claude\\claude_desktop_config.json`,
    ]);
    expect(resolveConfigPath({ ...opts, exists: () => false }).file).toBe(cfg('Claude_aaa'));
  });

  it('a listDir that throws (no Packages folder) means no MSIX install', () => {
    const list = resolveConfigCandidates(
      win({
        listDir: () => {
          throw new Error('ENOENT');
        },
      }),
    );
    expect(list).toHaveLength(1);
  });
});

describe('claude-code', () => {
  const base = {
    client: 'claude-code',
    platform: 'linux',
    env: {},
    homedir: '/home/ada',
    cwd: '/home/ada/app',
  } as const;

  it('lists local, project, user in lookup order', () => {
    const list = resolveConfigCandidates(base);
    expect(list.map((c) => [c.scope, c.file, c.serversPath.join('|')])).toEqual([
      ['local', '/home/ada/.claude.json', 'projects|/home/ada/app|mcpServers'],
      ['project', '/home/ada/app/.mcp.json', 'mcpServers'],
      ['user', '/home/ada/.claude.json', 'mcpServers'],
    ]);
  });

  it('filters by scope; Windows paths use the Windows home', () => {
    const c = resolveConfigPath({
      ...base,
      platform: 'win32',
      homedir: WIN_HOME,
      cwd: 'D:\\app',
      scope: 'project',
    });
    expect(c.file).toBe('D:\\app\\.mcp.json');
    expect(
      resolveConfigPath({
        ...base,
        platform: 'win32',
        homedir: WIN_HOME,
        cwd: 'D:\\app',
        scope: 'user',
      }).file,
    ).toBe(`${WIN_HOME}\\.claude.json`);
  });
});

describe('claude-code project key (local scope)', () => {
  const linux = (
    cwd: string,
    exists: string[],
    texts: Record<string, string> = {},
    env: Record<string, string> = {},
  ): ResolveConfigOptions => ({
    client: 'claude-code',
    platform: 'linux',
    env,
    homedir: '/home/ada',
    cwd,
    exists: files(exists),
    readText: (f) => texts[f],
  });
  const local = (o: ResolveConfigOptions) => resolveConfigPath({ ...o, scope: 'local' });

  it('a subfolder of a repository is keyed by the repository root', () => {
    const c = local(linux('/home/ada/repo/pkg/sub', ['/home/ada/repo/.git']));
    expect(c.projectKey).toBe('/home/ada/repo');
    expect(c.serversPath).toEqual(['projects', '/home/ada/repo', 'mcpServers']);
    expect(c.label).toContain('project /home/ada/repo');
  });

  it('outside a repository, the folder itself', () => {
    expect(local(linux('/home/ada/notes/a', [])).projectKey).toBe('/home/ada/notes/a');
  });

  it('a .git file of a submodule makes its folder the root', () => {
    const c = local(
      linux('/home/ada/repo/mod/inner', ['/home/ada/repo/.git', '/home/ada/repo/mod/.git'], {
        '/home/ada/repo/mod/.git': 'gitdir: ../.git/modules/mod\n',
      }),
    );
    expect(c.projectKey).toBe('/home/ada/repo/mod');
  });

  it('a linked worktree is keyed by its main repository; a forged .git file is not', () => {
    const wt = '/home/ada/repo/.git/worktrees/wt';
    const texts = {
      '/home/ada/wt/.git': `gitdir: ${wt}\n`,
      [`${wt}/commondir`]: '../..\n',
      [`${wt}/gitdir`]: '/home/ada/wt/.git\n',
      '/home/ada/fake/.git': `gitdir: ${wt}\n`,
    };
    const exists = ['/home/ada/wt/.git', '/home/ada/fake/.git'];
    expect(local(linux('/home/ada/wt/deep', exists, texts)).projectKey).toBe('/home/ada/repo');
    // The worktree's gitdir names another folder: not that worktree.
    expect(local(linux('/home/ada/fake/x', exists, texts)).projectKey).toBe('/home/ada/fake');
    // Without a way to read files the .git file still marks the root.
    expect(local({ ...linux('/home/ada/wt/deep', exists), readText: undefined }).projectKey).toBe(
      '/home/ada/wt',
    );
  });

  it('Windows: the root in Windows syntax, found on every drive level', () => {
    const c = resolveConfigPath({
      client: 'claude-code',
      platform: 'win32',
      env: {},
      homedir: WIN_HOME,
      cwd: 'D:\\work\\app\\packages\\ui',
      scope: 'local',
      exists: files(['D:\\work\\app\\.git']),
    });
    expect(c.projectKey).toBe('D:\\work\\app');
    expect(c.file).toBe(`${WIN_HOME}\\.claude.json`);
  });
});

describe('claude-code CLAUDE_CONFIG_DIR', () => {
  const at = (env: Record<string, string>, exists: string[] = []) =>
    resolveConfigCandidates({
      client: 'claude-code',
      platform: 'linux',
      env,
      homedir: '/home/ada',
      cwd: '/home/ada/app',
      exists: files(exists),
    });

  it('moves .claude.json (local and user scope) into that folder', () => {
    const list = at({ CLAUDE_CONFIG_DIR: '/cfg' });
    expect(list.filter((c) => c.scope !== 'project').map((c) => [c.scope, c.file])).toEqual([
      ['local', '/cfg/.claude.json'],
      ['user', '/cfg/.claude.json'],
    ]);
    expect(list[2]?.label).toBe('Claude Code user scope (/cfg/.claude.json)');
  });

  it('an empty value means the home folder; a relative one is taken from the folder', () => {
    expect(at({ CLAUDE_CONFIG_DIR: '' })[0]?.file).toBe('/home/ada/.claude.json');
    expect(at({ CLAUDE_CONFIG_DIR: 'cfg' })[0]?.file).toBe('/home/ada/app/cfg/.claude.json');
  });

  it('a legacy .config.json in the config folder (default ~/.claude) is used instead', () => {
    expect(at({}, ['/home/ada/.claude/.config.json'])[0]?.file).toBe(
      '/home/ada/.claude/.config.json',
    );
    expect(at({ CLAUDE_CONFIG_DIR: '/cfg' }, ['/cfg/.config.json'])[0]?.file).toBe(
      '/cfg/.config.json',
    );
    expect(at({ CLAUDE_CONFIG_DIR: '/cfg' }, ['/home/ada/.claude/.config.json'])[0]?.file).toBe(
      '/cfg/.claude.json',
    );
  });
});

describe('claude-code .mcp.json of parent folders', () => {
  it('lists the existing ones nearest first, below the filesystem root', () => {
    const list = resolveConfigCandidates({
      client: 'claude-code',
      platform: 'linux',
      env: {},
      homedir: '/home/ada',
      cwd: '/home/ada/repo/pkg',
      scope: 'project',
      exists: files(['/.mcp.json', '/home/.mcp.json', '/home/ada/repo/.mcp.json']),
    });
    expect(list.map((c) => [c.file, c.exists, c.parentFolder ?? false])).toEqual([
      ['/home/ada/repo/pkg/.mcp.json', false, false],
      ['/home/ada/repo/.mcp.json', true, true],
      ['/home/.mcp.json', true, true],
    ]);
    // The file `claude mcp add --scope project` writes is the folder's own.
    expect(resolveConfigCandidates({ ...base(), scope: 'project' })[0]?.file).toBe(
      '/home/ada/repo/pkg/.mcp.json',
    );
  });

  it('Windows: up to, not including, the drive root', () => {
    const list = resolveConfigCandidates({
      client: 'claude-code',
      platform: 'win32',
      env: {},
      homedir: WIN_HOME,
      cwd: 'D:\\work\\app',
      scope: 'project',
      exists: () => true,
    });
    expect(list.map((c) => c.file)).toEqual(['D:\\work\\app\\.mcp.json', 'D:\\work\\.mcp.json']);
  });

  function base(): ResolveConfigOptions {
    return {
      client: 'claude-code',
      platform: 'linux',
      env: {},
      homedir: '/home/ada',
      cwd: '/home/ada/repo/pkg',
      exists: () => false,
    };
  }
});

describe('cursor and vscode', () => {
  it('cursor: project then global, per platform', () => {
    const list = resolveConfigCandidates({
      client: 'cursor',
      platform: 'darwin',
      env: {},
      homedir: '/Users/ada',
      cwd: '/p',
    });
    expect(list.map((c) => [c.scope, c.file])).toEqual([
      ['project', '/p/.cursor/mcp.json'],
      ['user', '/Users/ada/.cursor/mcp.json'],
    ]);
    expect(
      resolveConfigPath({
        client: 'cursor',
        platform: 'win32',
        env: {},
        homedir: WIN_HOME,
        cwd: 'D:\\p',
        scope: 'user',
      }).file,
    ).toBe(`${WIN_HOME}\\.cursor\\mcp.json`);
  });

  it('vscode: workspace file with "servers" and JSONC, user profile per platform', () => {
    const list = resolveConfigCandidates({
      client: 'vscode',
      platform: 'linux',
      env: {},
      homedir: '/home/ada',
      cwd: '/p',
    });
    expect(list[0]).toMatchObject({
      scope: 'project',
      file: '/p/.vscode/mcp.json',
      serversPath: ['servers'],
      allowJsonc: true,
    });
    expect(list[1]?.file).toBe('/home/ada/.config/Code/User/mcp.json');
    const mac = resolveConfigCandidates({
      client: 'vscode',
      platform: 'darwin',
      env: {},
      homedir: '/Users/a',
      cwd: '/p',
      scope: 'user',
    });
    expect(mac[0]?.file).toBe('/Users/a/Library/Application Support/Code/User/mcp.json');
    const w = resolveConfigCandidates({
      client: 'vscode',
      platform: 'win32',
      env: WIN_ENV,
      homedir: WIN_HOME,
      cwd: 'D:\\p',
      scope: 'user',
    });
    expect(w[0]?.file).toBe(`${WIN_ENV.APPDATA}\\Code\\User\\mcp.json`);
  });
});

describe('windsurf and gemini-cli', () => {
  it('windsurf: one user file under the profile on every platform, strict JSON', () => {
    const linux = resolveConfigCandidates({
      client: 'windsurf',
      platform: 'linux',
      env: { XDG_CONFIG_HOME: '/cfg' },
      homedir: '/home/ada',
      cwd: '/p',
    });
    expect(linux).toEqual([
      expect.objectContaining({
        scope: 'user',
        file: '/home/ada/.codeium/windsurf/mcp_config.json',
        serversPath: ['mcpServers'],
        allowJsonc: false,
      }),
    ]);
    expect(resolveConfigPath(win({ client: 'windsurf' })).file).toBe(
      `${WIN_HOME}\\.codeium\\windsurf\\mcp_config.json`,
    );
    expect(() => resolveConfigPath({ ...win({ client: 'windsurf' }), scope: 'project' })).toThrow(
      /no config file of scope "project"/,
    );
  });

  it('gemini-cli: project then user settings.json, with comments allowed', () => {
    const list = resolveConfigCandidates({
      client: 'gemini-cli',
      platform: 'darwin',
      env: {},
      homedir: '/Users/ada',
      cwd: '/p',
    });
    expect(list.map((c) => [c.scope, c.file, c.allowJsonc])).toEqual([
      ['project', '/p/.gemini/settings.json', true],
      ['user', '/Users/ada/.gemini/settings.json', true],
    ]);
    expect(list[0]?.serversPath).toEqual(['mcpServers']);
    expect(resolveConfigPath(win({ client: 'gemini-cli', scope: 'user' })).file).toBe(
      `${WIN_HOME}\\.gemini\\settings.json`,
    );
  });

  it('gemini-cli in the home folder: the settings file is only the user one', () => {
    const list = resolveConfigCandidates({
      client: 'gemini-cli',
      platform: 'linux',
      env: {},
      homedir: '/home/ada',
      cwd: '/home/ada/',
    });
    expect(list.map((c) => c.scope)).toEqual(['user']);
  });
});

describe('gemini-cli GEMINI_CLI_HOME', () => {
  const at = (cwd: string, env: Record<string, string>) =>
    resolveConfigCandidates({
      client: 'gemini-cli',
      platform: 'linux',
      env,
      homedir: '/home/ada',
      cwd,
    }).map((c) => [c.scope, c.file]);

  it('stands in for the home folder, also for the home-folder check', () => {
    expect(at('/p', { GEMINI_CLI_HOME: '/gh' })).toEqual([
      ['project', '/p/.gemini/settings.json'],
      ['user', '/gh/.gemini/settings.json'],
    ]);
    expect(at('/gh', { GEMINI_CLI_HOME: '/gh' })).toEqual([['user', '/gh/.gemini/settings.json']]);
    expect(at('/home/ada', { GEMINI_CLI_HOME: '/gh' })).toEqual([
      ['project', '/home/ada/.gemini/settings.json'],
      ['user', '/gh/.gemini/settings.json'],
    ]);
    expect(at('/p', { GEMINI_CLI_HOME: '' })[1]).toEqual([
      'user',
      '/home/ada/.gemini/settings.json',
    ]);
  });
});

describe('with a real file system', () => {
  it('finds the existing file in a temp home', () => {
    const root = makeTempDir('paths');
    const home = join(root, 'home');
    const project = join(root, 'project');
    mkdirSync(join(project, '.cursor'), { recursive: true });
    mkdirSync(join(home, '.cursor'), { recursive: true });
    writeFileSync(join(home, '.cursor', 'mcp.json'), '{}');
    const opts = {
      client: 'cursor',
      platform: 'linux',
      env: {},
      homedir: home,
      cwd: project,
      exists: existsSync,
      listDir: readdirSync,
    } as const;
    expect(resolveConfigPath(opts).file).toBe(join(home, '.cursor', 'mcp.json'));
    writeFileSync(join(project, '.cursor', 'mcp.json'), '{}');
    expect(resolveConfigPath(opts).file).toBe(join(project, '.cursor', 'mcp.json'));
  });
});
