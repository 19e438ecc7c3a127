import path from 'node:path';
import { claudeProjectKey } from './git-root.js';

/** The MCP clients whose config files mcpkit knows how to find and read. */
export type ClientId =
  'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'windsurf' | 'gemini-cli';

/** Every client id, in the order help texts list them. */
export const CLIENT_IDS: readonly ClientId[] = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'gemini-cli',
];

/**
 * Where a server entry lives. `user` is the per-user file (Cursor calls it "global"),
 * `project` a file inside the project, `local` Claude Code's per-project section of
 * `~/.claude.json`.
 */
export type ConfigScope = 'user' | 'project' | 'local';

/** One file a client may read its servers from. */
export interface ConfigCandidate {
  /** Client the file belongs to. */
  client: ClientId;
  /** Scope of the servers in this file. */
  scope: ConfigScope;
  /** Absolute path of the file, in the target platform's syntax. */
  file: string;
  /** Human-readable description, e.g. "Claude Desktop (Microsoft Store install)". */
  label: string;
  /** Whether the file exists (only known when `exists` was passed; false otherwise). */
  exists: boolean;
  /** JSON path of the object that maps server names to entries. */
  serversPath: readonly string[];
  /** Whether the client accepts comments and trailing commas in this file. */
  allowJsonc: boolean;
  /** Claude Desktop only: the folder holding its `mcp*.log` files. */
  logsDir?: string;
  /** Claude Code local scope: the `projects` key (the git repository root, else the folder). */
  projectKey?: string;
  /**
   * Claude Code project scope: a `.mcp.json` of a parent folder, read in addition to the
   * nearer ones of the same scope (which win on a name clash).
   */
  parentFolder?: boolean;
}

/** Inputs of {@link resolveConfigCandidates}; everything OS-related is passed in. */
export interface ResolveConfigOptions {
  /** Client whose files to list. */
  client: ClientId;
  /** Only list files of this scope (default: every scope, in lookup order). */
  scope?: ConfigScope;
  /** Target platform (`process.platform` values); decides path syntax and locations. */
  platform: NodeJS.Platform;
  /** Environment variables of the target user (APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME…). */
  env: Readonly<Record<string, string | undefined>>;
  /** Home directory of the target user. */
  homedir: string;
  /** Project directory (absolute): where project files are looked for. */
  cwd: string;
  /** Tells whether a file exists; without it every candidate reports `exists: false`. */
  exists?: (file: string) => boolean;
  /** Lists the entry names of a directory, or `[]`/throws when it is missing. Used to find MSIX installs. */
  listDir?: (dir: string) => readonly string[];
  /** A file's text, undefined when unreadable. Used to map a git worktree to its main repository. */
  readText?: (file: string) => string | undefined;
}

/** Path functions for the target platform, never the host's. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

const DESKTOP_FILE = 'claude_desktop_config.json';
// The Store/MSIX package family is "Claude_<publisher hash>"; the hash is not hard-coded.
const MSIX_PACKAGE = /^Claude_/;

type Draft = Omit<ConfigCandidate, 'client' | 'exists'>;

/**
 * Lists the files `client` reads its servers from, in the order the client looks them up
 * (the first one that defines a name wins), each with whether it exists.
 */
export function resolveConfigCandidates(options: ResolveConfigOptions): ConfigCandidate[] {
  const drafts = draftsFor(options).filter((d) => !options.scope || d.scope === options.scope);
  return drafts.map((d) => ({
    client: options.client,
    ...d,
    exists: options.exists ? options.exists(d.file) : false,
  }));
}

/**
 * Picks the file to use: the first existing candidate, else the first candidate (the file
 * the client would create). Throws when no candidate fits the scope.
 */
export function resolveConfigPath(options: ResolveConfigOptions): ConfigCandidate {
  const candidates = resolveConfigCandidates(options);
  const chosen = candidates.find((c) => c.exists) ?? candidates[0];
  if (!chosen) {
    throw new Error(`${options.client} has no config file of scope "${options.scope ?? ''}"`);
  }
  return chosen;
}

function draftsFor(o: ResolveConfigOptions): Draft[] {
  const p = pathFor(o.platform);
  const home = (...parts: string[]) => p.join(o.homedir, ...parts);
  switch (o.client) {
    case 'claude-desktop':
      return claudeDesktopDrafts(o);
    case 'claude-code':
      return claudeCodeDrafts(o);
    case 'cursor':
      // Assumption: a project file overrides the global one on a name clash.
      return [
        {
          scope: 'project',
          file: p.join(o.cwd, '.cursor', 'mcp.json'),
          label: 'Cursor project (.cursor/mcp.json)',
          serversPath: ['mcpServers'],
          allowJsonc: false,
        },
        {
          scope: 'user',
          file: home('.cursor', 'mcp.json'),
          label: 'Cursor global (~/.cursor/mcp.json)',
          serversPath: ['mcpServers'],
          allowJsonc: false,
        },
      ];
    case 'vscode':
      return [
        {
          scope: 'project',
          file: p.join(o.cwd, '.vscode', 'mcp.json'),
          label: 'VS Code workspace (.vscode/mcp.json)',
          serversPath: ['servers'],
          allowJsonc: true,
        },
        {
          scope: 'user',
          file: p.join(appConfigDir(o), 'Code', 'User', 'mcp.json'),
          label: 'VS Code user profile (User/mcp.json)',
          serversPath: ['servers'],
          allowJsonc: true,
        },
      ];
    case 'windsurf':
      // One file on every platform, under the user profile (%USERPROFILE% on Windows).
      return [
        {
          scope: 'user',
          file: home('.codeium', 'windsurf', 'mcp_config.json'),
          label: 'Windsurf (~/.codeium/windsurf/mcp_config.json)',
          serversPath: ['mcpServers'],
          allowJsonc: false,
        },
      ];
    case 'gemini-cli':
      return geminiDrafts(o);
  }
}

/**
 * Claude Code resolves a name clash local > project > user. Its `.claude.json` sits in
 * $CLAUDE_CONFIG_DIR (else the home folder), unless a legacy `.config.json` exists in
 * $CLAUDE_CONFIG_DIR (else ~/.claude). Local-scope servers live under `projects[<git root
 * or folder>]`; project-scope servers in the `.mcp.json` of the folder and of every parent
 * folder below the filesystem root, the nearer file winning.
 */
function claudeCodeDrafts(o: ResolveConfigOptions): Draft[] {
  const p = pathFor(o.platform);
  const configDir = nonEmpty(o.env.CLAUDE_CONFIG_DIR);
  const dir = configDir === undefined ? undefined : p.resolve(o.cwd, configDir);
  const legacy = p.join(dir ?? p.join(o.homedir, '.claude'), '.config.json');
  const userFile = o.exists?.(legacy) ? legacy : p.join(dir ?? o.homedir, '.claude.json');
  const shown = dir === undefined && userFile === p.join(o.homedir, '.claude.json');
  const fileName = shown ? '~/.claude.json' : userFile;
  const projectKey = claudeProjectKey(o.cwd, o.platform, {
    exists: o.exists ?? (() => false),
    readText: o.readText,
  });
  const project = (folder: string): Draft => ({
    scope: 'project',
    file: p.join(folder, '.mcp.json'),
    label:
      folder === o.cwd
        ? 'Claude Code project scope (.mcp.json, and those of parent folders)'
        : 'Claude Code project scope (.mcp.json of a parent folder)',
    serversPath: ['mcpServers'],
    allowJsonc: false,
    ...(folder === o.cwd ? {} : { parentFolder: true }),
  });
  // Parent folders' files are listed only when they exist: the client skips missing ones.
  const parents = parentFolders(o.cwd, o.platform)
    .filter((folder) => o.exists?.(p.join(folder, '.mcp.json')))
    .map(project);
  return [
    {
      scope: 'local',
      file: userFile,
      label: `Claude Code local scope (${fileName}, project ${projectKey})`,
      serversPath: ['projects', projectKey, 'mcpServers'],
      allowJsonc: false,
      projectKey,
    },
    project(o.cwd),
    ...parents,
    {
      scope: 'user',
      file: userFile,
      label: `Claude Code user scope (${fileName})`,
      serversPath: ['mcpServers'],
      allowJsonc: false,
    },
  ];
}

/** The parents of `cwd`, nearest first, without the filesystem root. */
function parentFolders(cwd: string, platform: NodeJS.Platform): string[] {
  const p = pathFor(platform);
  const folders: string[] = [];
  for (let dir = p.dirname(cwd); p.dirname(dir) !== dir; dir = p.dirname(dir)) {
    folders.push(dir);
  }
  return folders;
}

/**
 * Gemini CLI reads settings.json through strip-json-comments, so comments are fine (trailing
 * commas are not, but JSONC is the closest mode). Project settings override user settings;
 * in the home folder the project file is the user file, and Gemini CLI reads it only once.
 */
function geminiDrafts(o: ResolveConfigOptions): Draft[] {
  const p = pathFor(o.platform);
  // $GEMINI_CLI_HOME stands in for the home folder, for the user file and the check below.
  const geminiHome = nonEmpty(o.env.GEMINI_CLI_HOME);
  const home = geminiHome === undefined ? o.homedir : p.resolve(o.cwd, geminiHome);
  const user: Draft = {
    scope: 'user',
    file: p.join(home, '.gemini', 'settings.json'),
    label: `Gemini CLI user settings (${geminiHome === undefined ? '~/.gemini/settings.json' : p.join(home, '.gemini', 'settings.json')})`,
    serversPath: ['mcpServers'],
    allowJsonc: true,
  };
  if (p.resolve(o.cwd) === p.resolve(home)) return [user];
  return [
    {
      scope: 'project',
      file: p.join(o.cwd, '.gemini', 'settings.json'),
      label: 'Gemini CLI project settings (.gemini/settings.json)',
      serversPath: ['mcpServers'],
      allowJsonc: true,
    },
    user,
  ];
}

/** Per-user application data folder: Application Support, %APPDATA% or $XDG_CONFIG_HOME. */
function appConfigDir(o: ResolveConfigOptions): string {
  const p = pathFor(o.platform);
  if (o.platform === 'darwin') return p.join(o.homedir, 'Library', 'Application Support');
  if (o.platform === 'win32')
    return nonEmpty(o.env.APPDATA) ?? p.join(o.homedir, 'AppData', 'Roaming');
  const xdg = nonEmpty(o.env.XDG_CONFIG_HOME);
  // The XDG spec says relative values are invalid and must be ignored.
  return xdg && p.isAbsolute(xdg) ? xdg : p.join(o.homedir, '.config');
}

function claudeDesktopDrafts(o: ResolveConfigOptions): Draft[] {
  const p = pathFor(o.platform);
  const base = { scope: 'user' as const, serversPath: ['mcpServers'], allowJsonc: false };
  if (o.platform === 'darwin') {
    return [
      {
        ...base,
        file: p.join(appConfigDir(o), 'Claude', DESKTOP_FILE),
        label: 'Claude Desktop',
        logsDir: p.join(o.homedir, 'Library', 'Logs', 'Claude'),
      },
    ];
  }
  if (o.platform !== 'win32') {
    const dir = p.join(appConfigDir(o), 'Claude');
    return [
      {
        ...base,
        file: p.join(dir, DESKTOP_FILE),
        label: 'Claude Desktop',
        logsDir: p.join(dir, 'logs'),
      },
    ];
  }
  const classicDir = p.join(appConfigDir(o), 'Claude');
  const classic: Draft = {
    ...base,
    file: p.join(classicDir, DESKTOP_FILE),
    label: 'Claude Desktop (classic install, %APPDATA%)',
    logsDir: p.join(classicDir, 'logs'),
  };
  // The MSIX app reads a virtualised copy of %APPDATA% and never sees the classic file,
  // so when a package folder exists its copy comes first.
  const packages = p.join(
    nonEmpty(o.env.LOCALAPPDATA) ?? p.join(o.homedir, 'AppData', 'Local'),
    'Packages',
  );
  const msix = listSafely(o.listDir, packages)
    .filter((name) => MSIX_PACKAGE.test(name))
    .sort()
    .map((name): Draft => {
      const dir = p.join(packages, name, 'LocalCache', 'Roaming', 'Claude');
      return {
        ...base,
        file: p.join(dir, DESKTOP_FILE),
        label: `Claude Desktop (Microsoft Store install, ${name})`,
        logsDir: p.join(dir, 'logs'),
      };
    });
  // With several packages (e.g. a stale one left behind), one that has a config wins.
  const withFile = msix.filter((d) => o.exists?.(d.file));
  const ordered = [...withFile, ...msix.filter((d) => !withFile.includes(d))];
  return [...ordered, classic];
}

function listSafely(listDir: ResolveConfigOptions['listDir'], dir: string): readonly string[] {
  if (!listDir) return [];
  try {
    return listDir(dir);
  } catch {
    return [];
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
