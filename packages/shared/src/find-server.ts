import { ConfigError } from './config-text.js';
import { unknownServerMessage } from './suggest.js';
import type { ServerEntriesResult, ServerEntry } from './server-entries.js';

/**
 * Returns the entry called `name`. Throws the entry's own {@link ConfigError} when it exists
 * but is invalid, and otherwise an `unknown-server` error listing the available names and
 * the closest ones (by edit distance, case-insensitive) as suggestions.
 */
export function findServer(
  source: ServerEntriesResult | readonly ServerEntry[],
  name: string,
): ServerEntry {
  const result = isResult(source) ? source : undefined;
  const entries = result ? result.entries : (source as readonly ServerEntry[]);
  const found = entries.find((e) => e.name === name);
  if (found) return found;
  const invalid = result?.invalid.find((e) => e.name === name);
  if (invalid) throw invalid.error;

  const file = result?.file ?? entries[0]?.location.file ?? 'config';
  const names = [...entries.map((e) => e.name), ...(result?.invalid.map((e) => e.name) ?? [])];
  throw new ConfigError('unknown-server', file, unknownServerMessage(name, names));
}

function isResult(
  source: ServerEntriesResult | readonly ServerEntry[],
): source is ServerEntriesResult {
  return !Array.isArray(source);
}
