/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * The names closest to `wanted`: those containing it (or contained in it), then those
 * within a third of its length in edit distance; at most `limit`, closest first.
 */
export function closeMatches(wanted: string, names: readonly string[], limit = 3): string[] {
  const lower = wanted.toLowerCase();
  return names
    .map((name) => {
      const candidate = name.toLowerCase();
      const contains = candidate.includes(lower) || lower.includes(candidate);
      return { name, score: contains ? 0 : distance(lower, candidate) };
    })
    .filter(({ score }) => score <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

/** "Did you mean a, b?" or a list of what exists, for an unknown-name error hint. */
export function describeAlternatives(
  kind: string,
  wanted: string,
  names: readonly string[],
): string {
  if (names.length === 0) return `The server has no ${kind}s.`;
  const close = closeMatches(wanted, names);
  if (close.length > 0) return `Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?`;
  const shown = names
    .slice(0, 10)
    .map((n) => `"${n}"`)
    .join(', ');
  return `The server's ${kind}s: ${shown}${names.length > 10 ? `, and ${names.length - 10} more` : ''}.`;
}
