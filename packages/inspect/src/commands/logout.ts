import { homedir } from 'node:os';
import { EXIT, InspectError } from '../core/errors.js';
import { OAuthStore } from '../core/oauth-store.js';
import { reportError } from './common.js';
import { parseServerUrl } from './options.js';

/** `mcp-inspect logout --url URL`: delete the server's entry in the OAuth token cache. */
export async function runLogout(
  url: string,
  io: { stdout: (text: string) => void; stderr: (text: string) => void; homedir?: string },
): Promise<number> {
  let href: string;
  try {
    href = parseServerUrl(url);
  } catch (error) {
    if (error instanceof InspectError) return reportError(error, { json: false }, io);
    throw error;
  }
  const store = new OAuthStore(href, { homedir: io.homedir ?? homedir() });
  const forgot = await store.clear();
  io.stdout(
    forgot
      ? `Forgot the OAuth tokens for ${href}.\n`
      : `No OAuth tokens were stored for ${href}.\n`,
  );
  return EXIT.ok;
}
