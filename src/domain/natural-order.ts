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
    const byNumber = Number.parseInt(l, 10) - Number.parseInt(r, 10);
    if (Number.isFinite(byNumber) && byNumber !== 0) return byNumber;
    const byText = collator.compare(l, r);
    if (byText !== 0) return byText;
  }
  return 0;
}
