// "Did you mean": the known name nearest to a misspelt one by edit distance (Levenshtein over
// UTF-16 units, which is per character for Chinese). Only close matches are offered.

/** Levenshtein distance between two strings (per UTF-16 unit) or two lists of characters (per code point). */
export function editDistance(a: string | readonly string[], b: string | readonly string[]): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The nearest candidates within ⌊len/2⌋ edits, joined by "、" when several are equally near
 * (户藉 → "户主、户籍": a typo of either), or undefined. A one-letter name gets no guess.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.floor(name.length / 2);
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = [c];
      bestDistance = d;
    } else if (d === bestDistance) best.push(c);
  }
  if (best.length === 0 || (bestDistance > limit && bestDistance > 0)) return undefined;
  return best.slice(0, 3).join('、');
}
