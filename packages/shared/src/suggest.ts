/**
 * Names close to `name` (case-insensitive), closest first, at most 3: those containing it
 * (`forecast` → `get_forecast`), then those within a small edit distance.
 */
export function suggestNames(name: string, names: readonly string[]): string[] {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((n) => {
      const candidate = n.toLowerCase();
      const contains = wanted.length > 1 && candidate.includes(wanted);
      return { n, d: contains ? 0 : editDistance(wanted, candidate) };
    })
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map(({ n }) => n);
}

/** Levenshtein distance between two strings, counted in code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[y.length] ?? 0;
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
