import type { RateWindow } from '../../../../src/teams/proactive/sliding-window-limiter';

export interface Overfull {
  readonly window: RateWindow;
  readonly from: number;
  readonly count: number;
}

/**
 * The first window that holds more starts than its limit, found the slow and obvious way: a
 * fullest stretch always begins at a start, so count the starts in [start, start + width) for every
 * start. Deliberately shares no code or method with the limiter.
 */
export function findOverfull(
  starts: readonly number[],
  windows: readonly RateWindow[],
): Overfull | undefined {
  const sorted = [...starts].sort((a, b) => a - b);
  for (const window of windows) {
    for (const from of sorted) {
      const count = countInRange(sorted, from, from + window.windowMs);
      if (count > window.limit) return { window, from, count };
    }
  }
  return undefined;
}

/** How many of the sorted starts lie in [from, to). */
function countInRange(sorted: readonly number[], from: number, to: number): number {
  return firstAtLeast(sorted, to) - firstAtLeast(sorted, from);
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Groups values by key, keeping their order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
