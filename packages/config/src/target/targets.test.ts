import { describe, expect, it } from 'vitest';
import type { TargetFs } from './host-fs.js';
import { toHostPath } from './host-fs.js';
import { localServersPath } from './project-key.js';
import { readTargets, writeTarget, type TargetOptions } from './targets.js';

function fakeFs(files: string[], dirs: Record<string, string[]> = {}): TargetFs {
  return {
    host: (f) => f,
    exists: (f) => files.includes(f),
    listDir: (d) => dirs[d] ?? [],
    readText: () => undefined,
  };
}

const win = (fs: TargetFs, over: Partial<TargetOptions> = {}): TargetOptions => ({
  client: 'claude-desktop',
  platform: 'win32',
  env: { APPDATA: 'C:\\Users\\z\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\z\\AppData\\Local' },
  homedir: 'C:\\Users\\z',
  cwd: 'C:\\src\\proj',
  fs,
  ...over,
});

const CLASSIC = 'C:\\Users\\z\\AppData\\Roaming\\Claude\\claude_desktop_config.json';
const MSIX =
  'C:\\Users\\z\\AppData\\Local\\Packages\\Claude_abc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json';

describe('targets', () => {
  it('an installed Store build wins even when only the classic file exists', () => {
    const fs = fakeFs([CLASSIC], { 'C:\\Users\\z\\AppData\\Local\\Packages': ['Claude_abc'] });
    expect(writeTarget(win(fs)).file).toBe(MSIX);
    expect(readTargets(win(fs)).map((c) => c.file)).toEqual([MSIX]);
  });

  it('without a Store build, the classic file', () => {
    expect(writeTarget(win(fakeFs([]))).file).toBe(CLASSIC);
  });

  it('claude-code reads local, project and user; add defaults to local', () => {
    const o = win(fakeFs([]), { client: 'claude-code' });
    expect(readTargets(o).map((c) => c.scope)).toEqual(['local', 'project', 'user']);
    expect(writeTarget(o).scope).toBe('local');
    expect(writeTarget({ ...o, client: 'vscode' }).file).toBe('C:\\src\\proj\\.vscode\\mcp.json');
  });

  it('a scope the client lacks is a usage error naming the ones it has', () => {
    expect(() => writeTarget(win(fakeFs([]), { scope: 'project' }))).toThrow(
      /Claude Desktop has no "project" scope/,
    );
  });

  it('--config takes the shape of the client file it names', () => {
    const o = win(fakeFs([]), { client: 'claude-code', config: '/tmp/x/.mcp.json' });
    expect(writeTarget(o)).toMatchObject({
      file: '/tmp/x/.mcp.json',
      scope: 'project',
      serversPath: ['mcpServers'],
    });
  });

  it('windsurf writes its one user file; gemini-cli defaults to the project, as `gemini mcp add`', () => {
    const o = win(fakeFs([]), { client: 'windsurf' });
    expect(writeTarget(o).file).toBe('C:\\Users\\z\\.codeium\\windsurf\\mcp_config.json');
    const gemini = win(fakeFs([]), { client: 'gemini-cli' });
    expect(writeTarget(gemini).file).toBe('C:\\src\\proj\\.gemini\\settings.json');
    expect(readTargets(gemini).map((c) => c.scope)).toEqual(['project', 'user']);
    expect(() => writeTarget({ ...gemini, cwd: 'C:\\Users\\z' })).toThrow(
      /Gemini CLI has no "project" scope/,
    );
  });
});

describe('claude-code in a subfolder of a repository', () => {
  const fs = fakeFs(['/r/.git', '/r/.mcp.json', '/.mcp.json']);
  const o: TargetOptions = {
    client: 'claude-code',
    platform: 'linux',
    env: { CLAUDE_CONFIG_DIR: '/cfg' },
    homedir: '/home/z',
    cwd: '/r/pkg',
    fs,
  };

  it('add writes the local section of the repository root, in $CLAUDE_CONFIG_DIR', () => {
    expect(writeTarget(o)).toMatchObject({
      file: '/cfg/.claude.json',
      serversPath: ['projects', '/r', 'mcpServers'],
      projectKey: '/r',
    });
    expect(writeTarget({ ...o, scope: 'project' }).file).toBe('/r/pkg/.mcp.json');
  });

  it("reads the folder's .mcp.json and the existing ones of its parents", () => {
    expect(readTargets(o).map((c) => [c.scope, c.file])).toEqual([
      ['local', '/cfg/.claude.json'],
      ['project', '/r/pkg/.mcp.json'],
      ['project', '/r/.mcp.json'],
      ['user', '/cfg/.claude.json'],
    ]);
  });

  it('a .git file that cannot be read still marks the root', () => {
    const throwing: TargetFs = {
      ...fs,
      readText: () => {
        throw new Error('EISDIR');
      },
    };
    expect(writeTarget({ ...o, fs: throwing }).projectKey).toBe('/r');
  });
});

describe('toHostPath', () => {
  it('maps backslashed POSIX paths back, not drive paths', () => {
    expect(toHostPath('\\home\\z\\AppData\\x.json', 'win32', 'linux')).toBe(
      '/home/z/AppData/x.json',
    );
    expect(toHostPath('C:\\Users\\z\\x.json', 'win32', 'linux')).toBeUndefined();
    expect(toHostPath('/tmp/x.json', 'win32', 'darwin')).toBe('/tmp/x.json');
    expect(toHostPath('/a/b', 'linux', 'linux')).toBe('/a/b');
  });
});

describe('localServersPath', () => {
  it('reuses the existing key of the same folder; new Windows keys use forward slashes', () => {
    const text = '{"projects": {"c:/src/proj": {}}}';
    expect(localServersPath(text, 'C:\\src\\proj', 'win32')).toEqual([
      'projects',
      'c:/src/proj',
      'mcpServers',
    ]);
    expect(localServersPath('{}', 'C:\\src\\other', 'win32')).toEqual([
      'projects',
      'C:/src/other',
      'mcpServers',
    ]);
    expect(localServersPath('', '/home/z/p', 'linux')).toEqual([
      'projects',
      '/home/z/p',
      'mcpServers',
    ]);
  });
});
