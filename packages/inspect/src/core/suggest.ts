import { suggestNames } from '@mcpkit/shared/suggest';

/** "Did you mean a, b?" or a list of what exists, for an unknown-name error hint. */
export function describeAlternatives(
  kind: string,
  wanted: string,
  names: readonly string[],
): string {
  if (names.length === 0) return `The server has no ${kind}s.`;
  const close = suggestNames(wanted, names);
  if (close.length > 0) return `Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?`;
  const shown = names
    .slice(0, 10)
    .map((n) => `"${n}"`)
    .join(', ');
  return `The server's ${kind}s: ${shown}${names.length > 10 ? `, and ${names.length - 10} more` : ''}.`;
}
