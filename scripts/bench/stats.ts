/** Figures the benches compute from their samples. */

/** The nearest-rank percentile (`p` from 0 to 1): of 100 samples, p 0.99 is the second slowest. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The most intervals that follow one another without overlapping: how many round trips a set of
 * requests took one after another, those under way at the same time counted once. (Taking, of the
 * intervals that start after the last one taken ends, the one that ends first gives the longest
 * such chain.)
 */
export function longestChain(intervals: readonly { readonly start: number; readonly end: number }[]): number {
  let chain = 0;
  let free = Number.NEGATIVE_INFINITY;
  for (const interval of [...intervals].sort((a, b) => a.end - b.end)) {
    if (interval.start < free) continue;
    chain += 1;
    free = interval.end;
  }
  return chain;
}
