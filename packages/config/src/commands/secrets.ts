import { maskSecrets } from '@mcpkit/shared/mask';

/** A copy of an entry (or entry view) with env, header and credential-like values masked. */
export function maskEntry<T>(entry: T): T {
  return maskSecrets(entry);
}
