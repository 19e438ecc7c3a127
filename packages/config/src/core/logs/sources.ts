// Where each client keeps its MCP logs, per platform. Sources:
// - Claude Desktop: macOS ~/Library/Logs/Claude/, Windows %APPDATA%\Claude\logs\ (and the
//   Microsoft Store install's %LOCALAPPDATA%\Packages\Claude_*\LocalCache\Roaming\Claude\logs),
//   Linux ~/.config/Claude/logs (ConfigCandidate.logsDir; modelcontextprotocol.io "Debugging",
//   github.com/modelcontextprotocol/docs/pull/79). Builds from 2026 write Windows logs to
//   %LOCALAPPDATA%\Claude\Logs instead (github.com/wonderwhy-er/DesktopCommanderMCP/pull/656):
//   of the folders that exist, the one written last is read.
// - Claude Code: env-paths("claude-cli").cache, i.e. ~/Library/Caches/claude-cli-nodejs,
//   %LOCALAPPDATA%\claude-cli-nodejs\Cache, $XDG_CACHE_HOME/claude-cli-nodejs (default
//   ~/.cache/claude-cli-nodejs); then <folder slug>/mcp-logs-<name slug>/<start time>.jsonl,
//   a file per session (@anthropic-ai/claude-code 2.1.332; anthropics/claude-code#72, #69427).
// - Cursor, VS Code, Windsurf and Gemini CLI keep MCP output in their own UI or in per-session
//   folders whose layout is not documented: mcp-config does not read them.
import { resolveConfigCandidates, pathFor, type ClientId } from '@mcpkit/shared/client-paths';
import type { FieldOrder } from './parse.js';
import type { LogFs } from './types.js';

/** One log file to read. */
export interface LogSource {
  /** The file, in the target platform's syntax. */
  path: string;
  /** `desktop` files are text lines in one of two orders; `code` files are JSON lines. */
  format: 'desktop' | 'code';
  /** Field order of a Claude Desktop file. */
  order?: FieldOrder;
  /** The server a file is about, when the file name says it (`mcp-server-<name>.log`). */
  server?: string;
  /**
   * Files of one stream follow each other in time (Claude Code's session files of a server),
   * so the tail reads the newest first and stops when it has enough. Sorted oldest first.
   */
  stream: string;
}

/** The logs of a client found on this machine. */
export interface LogLocation {
  /** Folders to watch for new files while following. */
  dirs: string[];
  /** Files present now. */
  files: LogSource[];
  /** Where the files were looked for (for the message when there are none). */
  lookedIn: string[];
  /** Only records about this server are wanted. */
  name?: string;
}

/** A client whose MCP logs mcp-config cannot read, and where its logs are instead. */
export interface UnreadableLogs {
  unreadable: true;
  /** One line: which client, and that it keeps no readable log. */
  message: string;
  /** Where to look instead. */
  hint: string;
}

/** Inputs of {@link locateLogs}; all OS access is passed in. */
export interface LocateLogsOptions {
  /** Whose logs. */
  client: ClientId;
  /** One server's logs only. */
  name?: string;
  /** Target platform: decides locations and path syntax. */
  platform: NodeJS.Platform;
  /** Environment (APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME, XDG_CACHE_HOME). */
  env: Readonly<Record<string, string | undefined>>;
  /** Home folder of the user. */
  homedir: string;
  /** The folder Claude Code was started in (its logs are kept per folder). */
  cwd: string;
  /** File access. */
  fs: LogFs;
}

const ELSEWHERE: Partial<Record<ClientId, string>> = {
  cursor: 'Cursor shows it in the Output panel: View → Output, then "MCP Logs" (or "MCP: <name>").',
  vscode: 'VS Code shows it in the Output panel: "MCP: <name>" (MCP: List Servers → Show Output).',
  windsurf: 'Windsurf shows it in the Output panel (Windsurf / MCP channels).',
  'gemini-cli': 'Gemini CLI prints server errors in its session; run it with --debug for more.',
};

/** Finds a client's MCP log files, or says why mcp-config cannot read that client's logs. */
export function locateLogs(o: LocateLogsOptions): LogLocation | UnreadableLogs {
  if (o.client === 'claude-desktop') return desktopLogs(o);
  if (o.client === 'claude-code') return codeLogs(o);
  return {
    unreadable: true,
    message: `${o.client} keeps no MCP log file mcp-config can read.`,
    hint: ELSEWHERE[o.client] ?? '',
  };
}

/** The folders Claude Desktop may log to on this platform, in lookup order. */
export function desktopLogDirs(o: Omit<LocateLogsOptions, 'client' | 'name'>): string[] {
  const p = pathFor(o.platform);
  const dirs = resolveConfigCandidates({
    client: 'claude-desktop',
    platform: o.platform,
    env: o.env,
    homedir: o.homedir,
    cwd: o.cwd,
    exists: (file) => o.fs.stat(file) !== undefined,
    listDir: (dir) => o.fs.listDir(dir),
  }).flatMap((c) => (c.logsDir ? [c.logsDir] : []));
  if (o.platform === 'win32') {
    const local = o.env.LOCALAPPDATA || p.join(o.homedir, 'AppData', 'Local');
    dirs.unshift(p.join(local, 'Claude', 'Logs'));
  }
  return [...new Set(dirs)];
}

const SERVER_FILE = /^mcp-server-(.+)\.log$/;

function desktopLogs(o: LocateLogsOptions): LogLocation {
  const p = pathFor(o.platform);
  const lookedIn = desktopLogDirs(o);
  const newest = (dir: string) =>
    Math.max(
      -1,
      ...o.fs
        .listDir(dir)
        .filter((f) => /^mcp.*\.log$/.test(f))
        .map((f) => o.fs.stat(p.join(dir, f))?.mtimeMs ?? -1),
    );
  const existing = lookedIn.filter((d) => o.fs.stat(d)?.isDirectory);
  // The folder written last wins: a Windows update leaves the old folder behind, stale.
  const dir = existing.map((d) => ({ d, t: newest(d) })).sort((a, b) => b.t - a.t)[0]?.d;
  if (dir === undefined) return { dirs: [], files: [], lookedIn, name: o.name };
  return { dirs: [dir], files: desktopFiles(dir, o), lookedIn, name: o.name };
}

/** The MCP log files now in a Claude Desktop log folder (one server's, with `name`). */
export function desktopFiles(dir: string, o: Pick<LocateLogsOptions, 'platform' | 'fs' | 'name'>) {
  const p = pathFor(o.platform);
  const entries = o.fs.listDir(dir);
  const files: LogSource[] = [];
  if (entries.includes('mcp.log')) {
    const path = p.join(dir, 'mcp.log');
    files.push({ path, format: 'desktop', order: 'level-first', stream: path });
  }
  const servers = entries.flatMap((f) => {
    const m = SERVER_FILE.exec(f);
    return m ? [{ file: f, server: m[1]! }] : [];
  });
  const wanted =
    o.name === undefined
      ? servers
      : servers.filter((s) => s.server === o.name).length > 0
        ? servers.filter((s) => s.server === o.name)
        : servers.filter((s) => s.server.toLowerCase() === o.name!.toLowerCase());
  for (const s of wanted.sort((a, b) => a.file.localeCompare(b.file))) {
    const path = p.join(dir, s.file);
    files.push({ path, format: 'desktop', order: 'server-first', server: s.server, stream: path });
  }
  return files;
}

/** Claude Code's cache folder (env-paths' `cache` for the name `claude-cli`). */
export function claudeCodeCacheDir(
  o: Pick<LocateLogsOptions, 'platform' | 'env' | 'homedir'>,
): string {
  const p = pathFor(o.platform);
  if (o.platform === 'darwin') return p.join(o.homedir, 'Library', 'Caches', 'claude-cli-nodejs');
  if (o.platform === 'win32') {
    const local = o.env.LOCALAPPDATA || p.join(o.homedir, 'AppData', 'Local');
    return p.join(local, 'claude-cli-nodejs', 'Cache');
  }
  return p.join(o.env.XDG_CACHE_HOME || p.join(o.homedir, '.cache'), 'claude-cli-nodejs');
}

const MAX_SLUG = 200;

/**
 * Claude Code's folder name for a path or a server name: every character but ASCII letters
 * and digits becomes `-`; past 200 characters it is cut and a hash of the whole is appended.
 */
export function claudeCodeSlug(text: string): string {
  const slug = text.replace(/[^a-zA-Z0-9]/g, '-');
  if (slug.length <= MAX_SLUG) return slug;
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
  return `${slug.slice(0, MAX_SLUG)}-${Math.abs(hash).toString(36)}`;
}

function codeLogs(o: LocateLogsOptions): LogLocation {
  const p = pathFor(o.platform);
  const project = p.join(claudeCodeCacheDir(o), claudeCodeSlug(o.cwd));
  const folders =
    o.name === undefined
      ? o.fs.listDir(project).filter((f) => f.startsWith('mcp-logs-'))
      : [`mcp-logs-${claudeCodeSlug(o.name)}`];
  const lookedIn = o.name === undefined ? [project] : folders.map((f) => p.join(project, f));
  const dirs = folders.map((f) => p.join(project, f)).filter((d) => o.fs.stat(d)?.isDirectory);
  if (o.fs.stat(project)?.isDirectory) dirs.unshift(project);
  return { dirs, files: codeFiles(project, o), lookedIn, name: o.name };
}

/** The JSONL files now under a Claude Code project folder (one server's, with `name`). */
export function codeFiles(project: string, o: Pick<LocateLogsOptions, 'platform' | 'fs' | 'name'>) {
  const p = pathFor(o.platform);
  const folders =
    o.name === undefined
      ? o.fs.listDir(project).filter((f) => f.startsWith('mcp-logs-'))
      : [`mcp-logs-${claudeCodeSlug(o.name)}`];
  const files: LogSource[] = [];
  for (const folder of folders.sort()) {
    const dir = p.join(project, folder);
    const server = o.name ?? folder.slice('mcp-logs-'.length);
    // Names are start times (`2026-01-17T10-23-45-123Z`), so name order is time order.
    for (const f of o.fs
      .listDir(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      files.push({ path: p.join(dir, f), format: 'code', server, stream: dir });
    }
  }
  return files;
}

/** Lists the files of a location again (while following, new files appear). */
export function refreshFiles(location: LogLocation, o: LocateLogsOptions): LogSource[] {
  if (o.client === 'claude-desktop') {
    return location.dirs.flatMap((dir) => desktopFiles(dir, o));
  }
  const project = location.dirs[0];
  return project === undefined ? [] : codeFiles(project, o);
}
