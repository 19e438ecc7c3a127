import { createHash } from 'node:crypto';
import { posix, win32 } from 'node:path';

/** What locating the state folder needs from the OS, passed in. */
export interface StateDirOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
}

/**
 * State dir: Linux `$XDG_STATE_HOME` (when absolute) or `~/.local/state`; macOS
 * `~/Library/Application Support`; Windows `%LOCALAPPDATA%` (else `~\AppData\Local`).
 */
export function stateDir({ env, platform, homedir }: StateDirOptions): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    return local ? local : win32.join(homedir, 'AppData', 'Local');
  }
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support');
  // The XDG spec ignores relative paths.
  const xdg = env.XDG_STATE_HOME;
  return xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.local', 'state');
}

/**
 * A server key without credentials: for `url:` keys, the URL's user and password, query
 * and fragment are removed (tokens often ride there); other keys are kept as they are.
 */
export function publicServerKey(serverKey: string): string {
  if (!serverKey.startsWith('url:')) return serverKey;
  const raw = serverKey.slice(4);
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return `url:${url.href}`;
  } catch {
    // Not a URL the parser takes: cut by hand what would be userinfo, query and fragment.
    return `url:${raw.replace(/[?#].*$/s, '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')}`;
  }
}

/** Where history is kept: `<state dir>/mcpkit/inspect/history/<slug>-<hash>.json`. */
export function historyFile(options: StateDirOptions & { serverKey: string }): string {
  const key = publicServerKey(options.serverKey);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  const slug =
    key
      .replace(/^(stdio|url|server):/, '$1-')
      .replace(/^url-https?:\/\//, 'url-')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 48)
      .replace(/[-.]+$/, '') || 'server';
  const join = options.platform === 'win32' ? win32.join : posix.join;
  return join(stateDir(options), 'mcpkit', 'inspect', 'history', `${slug}-${hash}.json`);
}
