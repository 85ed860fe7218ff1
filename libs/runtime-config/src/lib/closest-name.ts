/**
 * Edit distance (Levenshtein) of two names. Written out because the installed implementations (leven,
 * fast-levenshtein) are only transitive dev dependencies, absent from an app folder's production install.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The known name nearest to `name` (ties: the first in `known`). */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(name, k);
    if (!best || distance < best.distance) best = { name: k, distance };
  }
  return best?.name;
}
