// How each client starts a stdio server: the PATH it searches, the environment it passes,
// the folder it starts in and how long it waits for the handshake. Each rule names where
// it comes from; where nothing was found, the rule says it is assumed.
import type { ClientId } from '@mcpkit/shared/client-paths';
import { pathFor } from '@mcpkit/shared/client-paths';
import type { ServerEntry, StdioServerEntry } from '@mcpkit/shared/server-entries';
import { findOnPath } from '@mcpkit/shared/which';
import type { LaunchPlan } from './types.js';
import { GEMINI_BLOCKED_ENV, geminiRedacts } from './gemini-env.js';
import type { DoctorHost } from './host.js';

/** The folders a client searches for a command, and where that model comes from. */
export interface ClientPath {
  /** The folders, in search order. */
  dirs: string[];
  /** One line: where the client gets this PATH (shown to the user). */
  source: string;
}

// launchd starts GUI apps with this PATH (`launchctl getenv PATH` is unset; the default is
// compiled into launchd, see `man launchd.plist`, "PATH").
const LAUNCHD_PATH = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];
// What Claude Desktop on macOS puts before launchd's PATH, as its own log prints it
// ("Using MCP server command: … with args and path: { paths: [...] }", directus/mcp#2,
// 2025-07): every ~/.nvm/versions/node/*/bin in directory-listing order, then these two.
const DESKTOP_MAC_EXTRA = ['/usr/local/bin', '/opt/homebrew/bin'];
// A Linux desktop session (systemd's default user PATH, which GNOME and KDE sessions keep).
const LINUX_SESSION_PATH = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

/**
 * The variables the MCP SDK's stdio transport passes when it is given no environment
 * (`getDefaultEnvironment`, @modelcontextprotocol/sdk 1.x `client/stdio.ts`, "inspired by the
 * default env inheritance of sudo"); the entry's `env` is merged over them. Claude Desktop
 * launches through it: servers it starts lack PROGRAMDATA on Windows (modelcontextprotocol/
 * servers#2943, 2025-11), which the 1.x list omits and SDK 2 added.
 */
export const DESKTOP_ENV_NAMES: Readonly<Record<'posix' | 'win32', readonly string[]>> = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'],
  win32: [
    'APPDATA',
    'HOMEDRIVE',
    'HOMEPATH',
    'LOCALAPPDATA',
    'PATH',
    'PROCESSOR_ARCHITECTURE',
    'SYSTEMDRIVE',
    'SYSTEMROOT',
    'TEMP',
    'USERNAME',
    'USERPROFILE',
    'PROGRAMFILES',
  ],
};

/** Claude Desktop waits 60 s for a server's initialize answer ("Request timed out" after). */
export const DESKTOP_TIMEOUT_MS = 60_000;
/**
 * Claude Code's connection timeout: `MCP_TIMEOUT` (ms) when a positive number, else 30 s
 * (its bundle: `function t(n){return n&&n>0?Math.min(n,2147483647):30000}` over MCP_TIMEOUT).
 */
export const CLAUDE_CODE_TIMEOUT_MS = 30_000;
/** Gemini CLI: the entry's `timeout`, else `MCP_DEFAULT_TIMEOUT_MSEC = 10 * 60 * 1e3`. */
export const GEMINI_TIMEOUT_MS = 600_000;
/** Cursor, VS Code, Windsurf: no documented connect timeout was found; 60 s is assumed. */
export const EDITOR_TIMEOUT_MS = 60_000;

/**
 * The `~/.nvm/versions/node/*` folders in the order Claude Desktop puts them on its PATH:
 * plain string order (its log lists v20.11.1, v20.12.1, v20.9.0, v22.12.0), so the first —
 * usually the OLDEST version — wins. It reads neither `nvm alias default` nor $NVM_DIR
 * (DollhouseMCP/mcp-server#1902, modelcontextprotocol/mcpb#130).
 */
export function nvmVersionDirs(host: DoctorHost): string[] {
  const p = pathFor(host.platform);
  const root = p.join(host.homedir, '.nvm', 'versions', 'node');
  return host
    .listDir(root)
    .filter((name) => /^v\d/.test(name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => p.join(root, name));
}

/**
 * The PATH `client` searches on `host.platform`:
 * - Claude Desktop, macOS: a GUI app started by launchd; it does not read the login shell
 *   (nvm, volta, asdf, `~/.local/bin` set up in ~/.zshrc are absent) but adds nvm's versions
 *   and the two Homebrew folders itself (see {@link nvmVersionDirs}).
 * - Claude Desktop, Windows: a normal desktop app, it gets the user's PATH from the registry,
 *   which the shell's PATH stands for here.
 * - Claude Desktop, Linux (unofficial builds): the desktop session's PATH, plus `~/.local/bin`
 *   and `~/bin` when they exist (Debian and Ubuntu's ~/.profile, which display managers
 *   source, adds them); nvm set up in ~/.bashrc is absent (aaddrick/claude-desktop-debian#247).
 * - Claude Code, Gemini CLI: started from the user's shell; its PATH.
 * - Cursor, VS Code, Windsurf: GUI apps that read the login shell's environment at start on
 *   macOS and Linux (VS Code's `resolveShellEnv`, which the other two inherit as forks);
 *   modelled as the shell's PATH, which differs only for what ~/.zshrc adds in interactive
 *   shells alone.
 */
export function clientPath(client: ClientId, host: DoctorHost): ClientPath {
  const shell = splitPath(pathOf(host.env), host.platform);
  const p = pathFor(host.platform);
  if (client === 'claude-desktop' && host.platform === 'darwin') {
    const nvm = nvmVersionDirs(host).map((dir) => p.join(dir, 'bin'));
    return {
      dirs: unique([...nvm, ...DESKTOP_MAC_EXTRA, ...LAUNCHD_PATH]),
      source:
        "launchd's PATH for GUI apps, plus what Claude Desktop adds: every nvm version (oldest first), /usr/local/bin and /opt/homebrew/bin; your shell profile is not read",
    };
  }
  if (client === 'claude-desktop' && host.platform !== 'win32') {
    const personal = [p.join(host.homedir, '.local', 'bin'), p.join(host.homedir, 'bin')];
    return {
      dirs: unique([...personal.filter((dir) => host.exists(dir)), ...LINUX_SESSION_PATH]),
      source:
        "the desktop session's PATH (what ~/.profile sets, not ~/.bashrc or ~/.zshrc, where nvm and most version managers are set up)",
    };
  }
  if (client === 'claude-desktop') {
    return { dirs: shell, source: 'your Windows user PATH (as this shell has it)' };
  }
  if (client === 'claude-code' || client === 'gemini-cli') {
    return { dirs: shell, source: 'the PATH of the shell it is started from (this one)' };
  }
  return {
    dirs: shell,
    source:
      host.platform === 'win32'
        ? 'your Windows user PATH (as this shell has it)'
        : 'your login shell PATH, which the editor reads when it starts (restart it after changing your profile)',
  };
}

/**
 * How `client` would start `entry` (already variable-expanded) on `host`: the command found
 * on the client's PATH and on the shell's, the complete environment it passes (its base plus
 * `entry.env`, PATH set to {@link clientPath}), the folder it starts in and its timeout.
 */
export function planLaunch(
  entry: StdioServerEntry,
  client: ClientId,
  host: DoctorHost,
): LaunchPlan {
  const { dirs } = clientPath(client, host);
  const p = pathFor(host.platform);
  const base = baseEnv(client, host);
  setPath(base, dirs.join(p.delimiter));
  const env: Record<string, string> = { ...base };
  for (const [key, value] of Object.entries(entry.env)) {
    // Gemini CLI drops these from an entry's env (BLOCKED_EXECUTION_ENVS in its bundle).
    if (client === 'gemini-cli' && GEMINI_BLOCKED_ENV.has(key.toUpperCase())) continue;
    // An entry's PATH replaces the client's (the SDK merges the entry's env last).
    if (/^path$/i.test(key) && host.platform === 'win32') setPath(env, value);
    else env[key] = value;
  }
  const lookup = { platform: host.platform, isExecutable: (f: string) => host.isExecutable(f) };
  const cwd = entry.cwd ?? clientCwd(client, host);
  // `./server.sh` is looked up from the folder each side starts in, not from this process's.
  const relative = /[/\\]/.test(entry.command) && !p.isAbsolute(entry.command);
  const from = (dir: string) => (relative ? p.resolve(dir, entry.command) : entry.command);
  return {
    client,
    command: entry.command,
    resolved: findOnPath(from(cwd), { ...lookup, env }),
    shellResolved: findOnPath(from(host.cwd), { ...lookup, env: host.env }),
    args: [...entry.args],
    env,
    cwd,
    timeoutMs: clientTimeoutMs(client, host, entry),
  };
}

/**
 * The folder a client starts servers in when the entry sets none:
 * - Claude Desktop, macOS and Linux: `/` (launchd and the desktop start apps there;
 *   modelcontextprotocol.io's debugging guide warns that servers from
 *   claude_desktop_config.json may start in an undefined folder such as `/` on macOS).
 * - Claude Desktop, Windows: the app's own folder, `%LOCALAPPDATA%\AnthropicClaude\app-<version>`
 *   — npm run from a Claude Desktop server resolved files there (anthropics/claude-code#1254,
 *   "lstat 'C:\Users\user\AppData\Local\AnthropicClaude\app-0.12.28…'"). The newest app-*
 *   folder is named when it exists, else the home folder (the Store build's folder cannot be
 *   listed). Never the user's project: relative paths break alike.
 * - Claude Code, Gemini CLI, the editors: the project (workspace) folder, here `host.cwd`.
 */
export function clientCwd(client: ClientId, host: DoctorHost): string {
  if (client !== 'claude-desktop') return host.cwd;
  if (host.platform !== 'win32') return '/';
  const p = pathFor('win32');
  const local =
    lookupEnv(host.env, 'LOCALAPPDATA', 'win32') ?? p.join(host.homedir, 'AppData', 'Local');
  const root = p.join(local, 'AnthropicClaude');
  const versions = host
    .listDir(root)
    .filter((name) => /^app-\d/.test(name))
    .sort(compareVersionNames);
  const newest = versions[versions.length - 1];
  // The Store build's folder under WindowsApps cannot be listed: the home folder stands in.
  return newest === undefined ? host.homedir : p.join(root, newest);
}

/** How long `client` waits for the handshake, in ms (see the constants above). */
export function clientTimeoutMs(client: ClientId, host: DoctorHost, entry?: ServerEntry): number {
  if (client === 'claude-desktop') return DESKTOP_TIMEOUT_MS;
  if (client === 'claude-code') {
    const value = Number.parseInt(host.env.MCP_TIMEOUT ?? '', 10);
    return value > 0 ? Math.min(value, 2_147_483_647) : CLAUDE_CODE_TIMEOUT_MS;
  }
  if (client === 'gemini-cli') {
    const raw = entry?.raw as { timeout?: unknown } | undefined;
    return typeof raw?.timeout === 'number' && raw.timeout > 0 ? raw.timeout : GEMINI_TIMEOUT_MS;
  }
  return EDITOR_TIMEOUT_MS;
}

/** The variables a client passes to every server, before the entry's `env`. */
function baseEnv(client: ClientId, host: DoctorHost): Record<string, string> {
  if (client === 'claude-desktop') {
    const names = DESKTOP_ENV_NAMES[host.platform === 'win32' ? 'win32' : 'posix'];
    const env: Record<string, string> = {};
    for (const name of names) {
      const value = lookupEnv(host.env, name, host.platform);
      // The SDK skips values that look like exported shell functions.
      if (value !== undefined && !value.startsWith('()')) env[name] = value;
    }
    return env;
  }
  const env = definedOnly(host.env);
  if (client !== 'gemini-cli') return env;
  // Gemini CLI redacts the environment it gives stdio servers (sanitizeEnvironment with
  // enableEnvironmentVariableRedaction forced on) and adds GEMINI_CLI=1.
  const kept = Object.fromEntries(Object.entries(env).filter(([k, v]) => !geminiRedacts(k, v)));
  return { GEMINI_CLI: '1', ...kept };
}

/** The PATH of an environment (Windows names are case-insensitive: `Path`). */
export function pathOf(env: Readonly<Record<string, string | undefined>>): string {
  if (env.PATH !== undefined) return env.PATH;
  const key = Object.keys(env).find((k) => /^path$/i.test(k));
  return (key && env[key]) ?? '';
}

function setPath(env: Record<string, string>, value: string): void {
  for (const key of Object.keys(env)) if (/^path$/i.test(key)) delete env[key];
  env.PATH = value;
}

function lookupEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  platform: NodeJS.Platform,
): string | undefined {
  if (env[name] !== undefined || platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

function splitPath(value: string, platform: NodeJS.Platform): string[] {
  return value.split(pathFor(platform).delimiter).filter((dir) => dir !== '');
}

function unique(dirs: string[]): string[] {
  return [...new Set(dirs)];
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined),
  );
}

/** `app-1.2.10` after `app-1.2.9`. */
function compareVersionNames(a: string, b: string): number {
  const parts = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
