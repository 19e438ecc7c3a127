import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';

/** What mcp-inspect remembers about one OAuth-protected server between runs. */
export interface OAuthRecord {
  /** The MCP server URL the record belongs to (the file name is its hash). */
  serverUrl: string;
  /** The loopback redirect URL last used, so a registered client keeps matching it. */
  redirectUrl?: string;
  /** A client registered dynamically for this server. */
  client?: StoredOAuthClientInformation;
  /** The latest tokens, and the client they were issued to. */
  tokens?: StoredOAuthTokens;
  tokensClientId?: string;
}

/** Where the store lives: `<homedir>/.mcpkit/oauth`. */
export interface OAuthStoreOptions {
  homedir: string;
}

/** The directory of the token cache under a home directory. */
export function oauthDir(homedir: string): string {
  return join(homedir, '.mcpkit', 'oauth');
}

/**
 * A per-server token cache: one JSON file per server URL, named by the SHA-256 of the URL,
 * readable by the owner only (file 0600, directory 0700). Unreadable or foreign files
 * count as empty, so a damaged cache means a fresh authorization, not an error.
 */
export class OAuthStore {
  readonly file: string;
  private readonly dir: string;
  private readonly serverUrl: string;

  constructor(serverUrl: string, options: OAuthStoreOptions) {
    this.serverUrl = serverUrl;
    this.dir = oauthDir(options.homedir);
    this.file = join(this.dir, `${createHash('sha256').update(serverUrl).digest('hex')}.json`);
  }

  /** The record for this server, or an empty one. */
  async load(): Promise<OAuthRecord> {
    try {
      const record = JSON.parse(await readFile(this.file, 'utf8')) as OAuthRecord;
      if (record && typeof record === 'object' && record.serverUrl === this.serverUrl)
        return record;
    } catch {
      // missing or unreadable: start over
    }
    return { serverUrl: this.serverUrl };
  }

  /** Replace the record; written to a temporary file first so a crash never leaves half a file. */
  async save(record: OAuthRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // mkdir leaves the mode of an existing directory alone.
    await chmod(this.dir, 0o700);
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }

  /** Forget everything about this server; true when there was something to forget. */
  async clear(): Promise<boolean> {
    const existed = (await this.load()).tokens !== undefined;
    await rm(this.file, { force: true });
    return existed;
  }
}
