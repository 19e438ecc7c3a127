/**
 * Fuzzy matching for list filters: the query's characters must appear in order (case
 * insensitive). Matches score higher when they are consecutive, start a word (after `_`,
 * `-`, `.`, `/`, `:`, a space or a lower-to-upper case change) or start the text.
 * Returns undefined when the text does not match.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  if (query.length === 0) return 0;
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const index = t.indexOf(char, from);
    if (index < 0) return undefined;
    score += 1;
    if (index === previous + 1) score += 5;
    if (index === 0) score += 8;
    else if (/[\s_\-./:]/.test(t[index - 1]!) || isCaseBoundary(text, index)) score += 4;
    score -= Math.min(index - from, 10) * 0.1;
    previous = index;
    from = index + 1;
  }
  // A shorter text that matches as well is the better match.
  return score - text.length * 0.01;
}

function isCaseBoundary(text: string, index: number): boolean {
  const before = text[index - 1]!;
  const at = text[index]!;
  return before === before.toLowerCase() && at !== at.toLowerCase() && at === at.toUpperCase();
}

/**
 * The items that match `query`, best first (ties keep their order); all of them, in
 * order, for an empty query. `keyOf` gives the text an item is matched on.
 */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  keyOf: (item: T) => string,
): T[] {
  if (query.trim().length === 0) return [...items];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, keyOf(item));
    if (score !== undefined) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((entry) => entry.item);
}
