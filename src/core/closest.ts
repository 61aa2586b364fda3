/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The candidates nearest to `word`, best first, for "did you mean" hints. Only plausible
 * typos are returned (at most a third of the word's length in edits, minimum 2, or a
 * candidate that contains the word), so an unrelated word gets no misleading suggestion.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const budget = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(word, candidate);
    if (distance <= budget || (lower.length >= 3 && candidate.toLowerCase().includes(lower))) {
      scored.push({ candidate, distance });
    }
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}
