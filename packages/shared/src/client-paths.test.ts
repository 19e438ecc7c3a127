import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('with a real file system', () => {
  it('finds the existing file in a temp home', () => {
    const root = mkdtempSync(join(tmpdir(), 'mcpkit-paths-'));
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
