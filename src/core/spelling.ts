/** What a misspelt name was probably meant to be: the suggestion in "did you mean" messages. */

/** Levenshtein distance: the fewest one-character edits that turn a into b. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return d[b.length];
}

/**
 * The candidate closest to `wanted` (both normalised), if it is close enough: at most one edit
 * per `charsPerEdit` characters of `wanted`, and never fewer than two.
 */
export function closestMatch(
  wanted: string,
  candidates: Iterable<string>,
  normalize: (s: string) => string,
  charsPerEdit: number
): string | undefined {
  const w = normalize(wanted);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(w.length / charsPerEdit)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(w, normalize(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
