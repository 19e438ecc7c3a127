import { homedir } from 'node:os';
import { EXIT } from '../core/errors.js';
import { OAuthStore } from '../core/oauth-store.js';
import { reportError } from './common.js';
import { usageError } from '../core/errors.js';

/** `mcp-inspect logout --url URL`: delete the server's entry in the OAuth token cache. */
export async function runLogout(
  url: string,
  io: { stdout: (text: string) => void; stderr: (text: string) => void; homedir?: string },
): Promise<number> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    return reportError(usageError(`--url "${url}" is not an http(s) URL.`), {}, io);
  const href = new URL(url).href;
  const store = new OAuthStore(href, { homedir: io.homedir ?? homedir() });
  const forgot = await store.clear();
  io.stdout(
    forgot
      ? `Forgot the OAuth tokens for ${href}.\n`
      : `No OAuth tokens were stored for ${href}.\n`,
  );
  return EXIT.ok;
}
