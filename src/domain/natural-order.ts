/** One collator for every comparison: making one per call cost more than the sort itself. */
const collator = new Intl.Collator('nl', { numeric: true });

/**
 * Orders project numbers as a reader expects them in the report: 2 < 4.2.3 < 4.10 < 10.
 * Plain string order would put 10 before 2 and 4.10 before 4.2.
 */
export function compareProjectNumbers(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i];
    const r = right[i];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    // Most parts are equal (the speerpunt's 4 in 4.2.3 and 4.2.4): nothing to compare.
    if (l === r) continue;
    const byNumber = Number.parseInt(l, 10) - Number.parseInt(r, 10);
    if (Number.isFinite(byNumber) && byNumber !== 0) return byNumber;
    const byText = collator.compare(l, r);
    if (byText !== 0) return byText;
  }
  return 0;
}

/**
 * `items` in the order of `compareProjectNumbers`, each number taken apart once rather than at
 * every comparison: a summary sorts a whole round on every page, and comparing strings again and
 * again cost about a millisecond for 300 projects (docs/benchmarks.md, bench:turn).
 */
export function sortByProjectNumber<T>(items: readonly T[], numberOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, number: numberOf(item), parts: partsOf(numberOf(item)) }));
  keyed.sort((a, b) => compareParts(a.parts, b.parts) || compareProjectNumbers(a.number, b.number));
  return keyed.map(({ item }) => item);
}

/** Each part of a number as a number, or NaN where it is none (then the full comparison decides). */
function partsOf(number: string): number[] {
  return number.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
}

/** By the numeric parts alone; 0 when they do not decide (equal, or a part that is no number). */
function compareParts(left: readonly number[], right: readonly number[]): number {
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i];
    const r = right[i];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    if (Number.isNaN(l) || Number.isNaN(r)) return 0;
    if (l !== r) return l - r;
  }
  return 0;
}
