import { describe, expect, it } from 'vitest';
import { claudeCodeCacheDir, claudeCodeSlug, desktopLogDirs, locateLogs } from './sources.js';
import type { LogFileStat, LogFs } from './types.js';

/** A fake disk: paths of files (with mtimes); folders are implied by them. */
function fakeFs(files: Record<string, number>, sep = '/'): LogFs {
  const stat = (path: string): LogFileStat | undefined => {
    if (path in files) {
      return { size: 1, ino: 1, mtimeMs: files[path]!, isFile: true, isDirectory: false };
    }
    const isDir = Object.keys(files).some((f) => f.startsWith(path + sep));
    return isDir ? { size: 0, ino: 2, mtimeMs: 0, isFile: false, isDirectory: true } : undefined;
  };
  return {
    stat,
    listDir: (dir) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith(dir + sep))
          .map((f) => f.slice(dir.length + 1).split(sep)[0]!),
      ),
    ],
    open: () => {
      throw new Error('not in this test');
    },
  };
}

const base = { env: {}, homedir: '/home/me', cwd: '/home/me/project' };

describe('desktopLogDirs', () => {
  it('knows each platform', () => {
    const fs = fakeFs({});
    expect(desktopLogDirs({ ...base, platform: 'darwin', fs })).toEqual([
      '/home/me/Library/Logs/Claude',
    ]);
    expect(desktopLogDirs({ ...base, platform: 'linux', fs })).toEqual([
      '/home/me/.config/Claude/logs',
    ]);
    expect(
      desktopLogDirs({
        platform: 'win32',
        env: {
          APPDATA: 'C:\\Users\\me\\AppData\\Roaming',
          LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
        },
        homedir: 'C:\\Users\\me',
        cwd: 'C:\\p',
        fs: fakeFs({ 'C:\\Users\\me\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\x': 1 }, '\\'),
      }),
    ).toEqual([
      'C:\\Users\\me\\AppData\\Local\\Claude\\Logs',
      'C:\\Users\\me\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\logs',
      'C:\\Users\\me\\AppData\\Roaming\\Claude\\logs',
    ]);
  });
});

describe('locateLogs', () => {
  it("reads mcp.log and every server's file, or one server's", () => {
    const fs = fakeFs({
      '/home/me/.config/Claude/logs/mcp.log': 1,
      '/home/me/.config/Claude/logs/main.log': 1,
      '/home/me/.config/Claude/logs/mcp-server-weather.log': 1,
      '/home/me/.config/Claude/logs/mcp-server-Git Hub.log': 1,
    });
    const all = locateLogs({ ...base, platform: 'linux', client: 'claude-desktop', fs });
    expect(
      'files' in all && all.files.map((f) => [f.path.split('/').pop(), f.order, f.server]),
    ).toEqual([
      ['mcp.log', 'level-first', undefined],
      ['mcp-server-Git Hub.log', 'server-first', 'Git Hub'],
      ['mcp-server-weather.log', 'server-first', 'weather'],
    ]);
    const one = locateLogs({
      ...base,
      platform: 'linux',
      client: 'claude-desktop',
      fs,
      name: 'git hub',
    });
    expect('files' in one && one.files.map((f) => f.path.split('/').pop())).toEqual([
      'mcp.log',
      'mcp-server-Git Hub.log',
    ]);
  });

  it('on Windows reads the log folder written last', () => {
    const fs = fakeFs(
      {
        'C:\\Users\\me\\AppData\\Roaming\\Claude\\logs\\mcp.log': 100,
        'C:\\Users\\me\\AppData\\Local\\Claude\\Logs\\mcp.log': 200,
      },
      '\\',
    );
    const o = {
      platform: 'win32' as const,
      env: {
        APPDATA: 'C:\\Users\\me\\AppData\\Roaming',
        LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
      },
      homedir: 'C:\\Users\\me',
      cwd: 'C:\\p',
      client: 'claude-desktop' as const,
    };
    const newer = locateLogs({ ...o, fs });
    expect('dirs' in newer && newer.dirs).toEqual(['C:\\Users\\me\\AppData\\Local\\Claude\\Logs']);
    const older = locateLogs({
      ...o,
      fs: fakeFs(
        {
          'C:\\Users\\me\\AppData\\Roaming\\Claude\\logs\\mcp.log': 300,
          'C:\\Users\\me\\AppData\\Local\\Claude\\Logs\\mcp.log': 200,
        },
        '\\',
      ),
    });
    expect('dirs' in older && older.dirs).toEqual([
      'C:\\Users\\me\\AppData\\Roaming\\Claude\\logs',
    ]);
  });

  it("finds Claude Code's session files for the current folder", () => {
    const project = '/home/me/.cache/claude-cli-nodejs/-home-me-project';
    const fs = fakeFs({
      [`${project}/mcp-logs-weather/2026-01-02T00-00-00-000Z.jsonl`]: 1,
      [`${project}/mcp-logs-weather/2026-01-01T00-00-00-000Z.jsonl`]: 1,
      [`${project}/mcp-logs-my-db/2026-01-01T00-00-00-000Z.jsonl`]: 1,
      [`${project}/errors/x.jsonl`]: 1,
    });
    const all = locateLogs({ ...base, platform: 'linux', client: 'claude-code', fs });
    expect(
      'files' in all &&
        all.files.map((f) => [
          f.path.slice(project.length),
          f.server,
          f.stream.slice(project.length),
        ]),
    ).toEqual([
      ['/mcp-logs-my-db/2026-01-01T00-00-00-000Z.jsonl', 'my-db', '/mcp-logs-my-db'],
      ['/mcp-logs-weather/2026-01-01T00-00-00-000Z.jsonl', 'weather', '/mcp-logs-weather'],
      ['/mcp-logs-weather/2026-01-02T00-00-00-000Z.jsonl', 'weather', '/mcp-logs-weather'],
    ]);
    const one = locateLogs({
      ...base,
      platform: 'linux',
      client: 'claude-code',
      fs,
      name: 'my.db',
    });
    expect('files' in one && one.files.map((f) => f.server)).toEqual(['my.db']);
  });

  it('says where other clients keep their MCP output', () => {
    for (const client of ['cursor', 'vscode', 'windsurf', 'gemini-cli'] as const) {
      const result = locateLogs({ ...base, platform: 'linux', client, fs: fakeFs({}) });
      expect(result).toMatchObject({
        unreadable: true,
        message: `${client} keeps no MCP log file mcp-config can read.`,
      });
      expect('hint' in result && result.hint).toMatch(/Output|--debug/);
    }
  });
});

describe('claudeCodeCacheDir', () => {
  it('is env-paths("claude-cli").cache on each platform', () => {
    expect(claudeCodeCacheDir({ platform: 'darwin', env: {}, homedir: '/Users/me' })).toBe(
      '/Users/me/Library/Caches/claude-cli-nodejs',
    );
    expect(
      claudeCodeCacheDir({ platform: 'linux', env: { XDG_CACHE_HOME: '/c' }, homedir: '/h' }),
    ).toBe('/c/claude-cli-nodejs');
    expect(
      claudeCodeCacheDir({ platform: 'linux', env: { XDG_CACHE_HOME: '' }, homedir: '/h' }),
    ).toBe('/h/.cache/claude-cli-nodejs');
    expect(
      claudeCodeCacheDir({
        platform: 'win32',
        env: { LOCALAPPDATA: 'D:\\L' },
        homedir: 'C:\\Users\\me',
      }),
    ).toBe('D:\\L\\claude-cli-nodejs\\Cache');
    expect(claudeCodeCacheDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\me' })).toBe(
      'C:\\Users\\me\\AppData\\Local\\claude-cli-nodejs\\Cache',
    );
  });
});

describe('claudeCodeSlug', () => {
  it('replaces every character but ASCII letters and digits', () => {
    expect(claudeCodeSlug('/home/me/my project')).toBe('-home-me-my-project');
    expect(claudeCodeSlug('C:\\Users\\me\\p.q')).toBe('C--Users-me-p-q');
    expect(claudeCodeSlug('/tmp/é😀')).toBe('-tmp----');
  });

  it('cuts a long path and appends its hash', () => {
    const long = `/${'a'.repeat(250)}`;
    const slug = claudeCodeSlug(long);
    expect(slug.startsWith(`-${'a'.repeat(199)}-`)).toBe(true);
    // The hash Claude Code 2.1.332 appends (its function Nle, run on this path).
    expect(slug).toBe(`-${'a'.repeat(199)}-feo44x`);
    expect(claudeCodeSlug(`/${'a'.repeat(199)}`)).toHaveLength(200);
  });
});
