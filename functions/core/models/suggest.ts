/**
 * "Did you mean …?" for a misspelt field or type name: the candidate equal to it ignoring
 * case, `_`/`-` and `x:`, else the nearest one within two edits.
 */

const fold = (s: string): string => s.replace(/^x:/, "").replace(/[-_]/g, "").toLowerCase();

/** Levenshtein distance, stopping early once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(word);
  let found: string | undefined;
  let best = 3;
  for (const candidate of candidates) {
    const c = fold(candidate);
    if (c === folded) return candidate;
    const d = distance(folded, c, 2);
    if (d < best) {
      best = d;
      found = candidate;
    }
  }
  return found;
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const found = closest(word, candidates);
  return found === undefined ? "" : ` (did you mean "${found}"?)`;
}
