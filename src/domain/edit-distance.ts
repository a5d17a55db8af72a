/**
 * How many single-character edits (insert, delete, replace, or swap two neighbours) turn `a` into
 * `b`: the optimal string alignment form of the Damerau-Levenshtein distance. A swap counts as one
 * edit because that is the typo people make most ("samenvattnig"), and a word should not look
 * twice as far off for it.
 */
export function editDistance(a: string, b: string): number {
  // By code point, so that an ö or an emoji counts as one character; typed commands have no
  // combined characters worth a grapheme segmenter.
  const x = Array.from(a);
  const y = Array.from(b);
  // Three rows are enough: a swap looks back two rows.
  let before = new Array<number>(y.length + 1).fill(0);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * How far off a typed word may be from a known one and still be taken for it: none for a word of
 * three characters or less, one edit up to six, two from seven on. Any looser and "kaas" would
 * pass for "taal"; a wrong guess is worse than saying that nothing was understood.
 */
export function typoAllowance(word: string): number {
  const length = Array.from(word).length;
  if (length <= 3) return 0;
  return length < 7 ? 1 : 2;
}

/**
 * The candidate closest to `typed`, within {@link typoAllowance} of that candidate; the first of
 * equally close ones. Undefined when none is close enough.
 */
export function nearestWord(typed: string, candidates: readonly string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const word of candidates) {
    const distance = editDistance(typed, word);
    if (distance > typoAllowance(word)) continue;
    if (!best || distance < best.distance) best = { word, distance };
  }
  return best?.word;
}
