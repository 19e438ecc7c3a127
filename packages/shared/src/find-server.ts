import { ConfigError } from './config-text.js';
import { suggestNames } from './suggest.js';

// Re-exported for callers that already import from here.
export { editDistance, suggestNames } from './suggest.js';
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

/** "no server named x. Available: a, b. Did you mean "a"?" — for every unknown-name error. */
export function unknownServerMessage(name: string, names: readonly string[]): string {
  if (names.length === 0)
    return `no server named ${JSON.stringify(name)}: the file defines no servers`;
  const close = suggestNames(name, names);
  const hint =
    close.length > 0 ? ` Did you mean ${close.map((n) => JSON.stringify(n)).join(' or ')}?` : '';
  return `no server named ${JSON.stringify(name)}. Available: ${names.join(', ')}.${hint}`;
}

function isResult(
  source: ServerEntriesResult | readonly ServerEntry[],
): source is ServerEntriesResult {
  return !Array.isArray(source);
}
