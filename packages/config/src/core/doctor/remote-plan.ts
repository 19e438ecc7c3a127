// How a client would connect to a remote (url) entry: the URL and headers it sends and how
// long it waits. Claude Desktop's config file runs no url entries (static checks say so).
import type { ClientId } from '@mcpkit/shared/client-paths';
import type { RemoteServerEntry } from '@mcpkit/shared/server-entries';
import { clientTimeoutMs } from './client-env.js';
import type { DoctorHost } from './host.js';
import type { RemotePlan } from './types.js';

/** Whether `client` connects to the url entries of its config file. */
export function connectsToUrls(client: ClientId): boolean {
  return client !== 'claude-desktop';
}

/**
 * How `client` would connect to the (variable-expanded) `entry`: its URL, its headers as
 * written, and the client's timeout; undefined for a client that does not connect to url
 * entries at all.
 */
export function planRemote(
  entry: RemoteServerEntry,
  client: ClientId,
  host: DoctorHost,
): RemotePlan | undefined {
  if (!connectsToUrls(client)) return undefined;
  return {
    client,
    name: entry.name,
    transport: entry.transport,
    url: entry.url,
    headers: { ...entry.headers },
    timeoutMs: clientTimeoutMs(client, host, entry),
  };
}
