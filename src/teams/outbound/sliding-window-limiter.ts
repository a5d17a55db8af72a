/** At most `limit` calls may start within any stretch of `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimits {
  /** Each key (a conversation) on its own. */
  readonly perKey: readonly RateWindow[];
  /** All keys together (the app within one tenant). */
  readonly global: readonly RateWindow[];
}

/**
 * Teams' published limits for a bot (learn.microsoft.com, bots/how-to/rate-limit): per bot per
 * conversation, and per app per tenant across all conversations.
 */
export const TEAMS_RATE_LIMITS: RateLimits = {
  perKey: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  global: [{ limit: 50, windowMs: 1_000 }],
};

/**
 * The same limits with every window made `marginMs` longer. Teams counts requests when they
 * arrive, and the time between a call starting here and arriving there varies by a few
 * milliseconds; without a margin two calls planned a window apart can arrive just inside one.
 */
export function withSafetyMargin(limits: RateLimits, marginMs: number): RateLimits {
  const widen = (window: RateWindow): RateWindow => ({ ...window, windowMs: window.windowMs + marginMs });
  return { perKey: limits.perKey.map(widen), global: limits.global.map(widen) };
}

/**
 * Adds an even spacing to the global limit: a sliding window of 50 per second allows all 50 at
 * once, and a burst that takes a while to leave arrives smeared into the next second, where it
 * meets the next burst. Spreading the calls evenly keeps the arrivals within the window too.
 */
export function evenlySpaced(limits: RateLimits): RateLimits {
  const spacing = limits.global.map((window) => ({
    limit: 1,
    windowMs: Math.floor(window.windowMs / window.limit),
  }));
  return { ...limits, global: [...limits.global, ...spacing] };
}

export interface LimiterStats {
  /** Keys the limiter still remembers starts for. */
  readonly keys: number;
  /** Start times remembered for the global windows, past and reserved. */
  readonly globalStarts: number;
}

/**
 * Start times in ascending order. Old times leave from the front without shifting the array on
 * every call; the array is copied only when the dead prefix outgrows the live part.
 */
class SortedTimes {
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  get(index: number): number {
    const time = this.times[this.head + index];
    if (time === undefined) throw new RangeError(`no start at ${index} of ${this.size}`);
    return time;
  }

  last(): number | undefined {
    return this.size === 0 ? undefined : this.times[this.times.length - 1];
  }

  /** How many times are at or before `time`. */
  countUpTo(time: number): number {
    let low = this.head;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.times[middle] ?? Infinity) <= time) low = middle + 1;
      else high = middle;
    }
    return low - this.head;
  }

  insert(time: number): void {
    const last = this.last();
    if (last === undefined || last <= time) this.times.push(time);
    else this.times.splice(this.head + this.countUpTo(time), 0, time);
  }

  dropThrough(cutoff: number): void {
    for (;;) {
      const oldest = this.times[this.head];
      if (oldest === undefined || oldest > cutoff) break;
      this.head++;
    }
    this.compact();
  }

  keepNewest(count: number): void {
    this.head = Math.max(this.head, this.times.length - count);
    this.compact();
  }

  private compact(): void {
    if (this.head > 32 && this.head * 2 >= this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Stretches of time known to admit no further start under the global windows. A stretch once full
 * stays full (starts are only ever added there), so each search jumps over what earlier searches
 * learned instead of re-examining every booked slot.
 */
class FullStretches {
  private starts: number[] = [];
  private ends: number[] = [];

  /** `time`, or the end of the full stretch it falls in. */
  skip(time: number): number {
    const index = firstIndexAbove(this.starts, time) - 1;
    const end = this.ends[index];
    return end !== undefined && time < end ? end : time;
  }

  add(from: number, to: number): void {
    // Stretches that overlap or touch [from, to] merge into one, so skip() needs a single lookup.
    const first = firstIndexAtLeast(this.ends, from);
    const afterLast = firstIndexAbove(this.starts, to);
    const start = Math.min(from, this.starts[first] ?? from);
    const end = Math.max(to, this.ends[afterLast - 1] ?? to);
    const count = Math.max(0, afterLast - first);
    this.starts.splice(first, count, start);
    this.ends.splice(first, count, end);
  }

  dropEndingBy(time: number): void {
    const count = firstIndexAbove(this.ends, time);
    if (count === 0) return;
    this.starts.splice(0, count);
    this.ends.splice(0, count);
  }
}

function firstIndexAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function firstIndexAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function validate(windows: readonly RateWindow[], name: string): void {
  for (const { limit, windowMs } of windows) {
    if (!Number.isInteger(limit) || limit < 1 || !Number.isFinite(windowMs) || windowMs <= 0) {
      throw new RangeError(`${name} window ${limit}/${windowMs} ms: need a whole limit ≥ 1 and a width > 0`);
    }
  }
}

function widest(windows: readonly RateWindow[]): number {
  return Math.max(0, ...windows.map((window) => window.windowMs));
}

/**
 * Hands out start times for outgoing calls so that no window is ever exceeded: for every key and
 * every per-key window, and across all keys for every global window, no stretch of `windowMs`
 * holds more than `limit` starts. Windows slide over the recorded start times themselves (not
 * token buckets), because Teams counts requests in sliding windows and a bucket's burst can put
 * more than the limit into one window.
 *
 * Each reservation gets the earliest time the limits allow and is recorded at once, so concurrent
 * callers get successive slots. A key's calls start in the order they were reserved. A busy key
 * never holds up the others: a later reservation for a quiet key may take a free global slot
 * before an earlier, far-off reservation of the busy key.
 *
 * Memory stays bounded: starts older than the widest window are dropped, a key keeps at most as
 * many starts as its largest limit, and keys with nothing left in any window are forgotten, least
 * recently used first. A reservation costs O(log n) searches plus O(limit) work per global window
 * at each candidate time; stretches found full are remembered, so candidates are not re-examined.
 */
export class SlidingWindowLimiter {
  private readonly keys = new Map<string, SortedTimes>();
  private readonly global = new SortedTimes();
  private readonly full = new FullStretches();
  private readonly keyHorizonMs: number;
  private readonly globalHorizonMs: number;
  private readonly keyDepth: number;
  private latestNow = -Infinity;

  constructor(private readonly limits: RateLimits) {
    validate(limits.perKey, 'per-key');
    validate(limits.global, 'global');
    this.keyHorizonMs = widest(limits.perKey);
    this.globalHorizonMs = widest(limits.global);
    this.keyDepth = Math.max(1, ...limits.perKey.map((window) => window.limit));
  }

  /**
   * Reserves the earliest start at or after `now` (and `notBefore`, for a retry that must wait)
   * for a call on `key`, and returns it. `now` is treated as never going backwards, because
   * forgetting old starts is only safe if time moves forward.
   */
  reserve(key: string, now: number, notBefore: number = now): number {
    const at = Math.max(now, this.latestNow);
    this.latestNow = at;
    this.forget(at);

    // Re-inserting moves the key to the end of the map, so idle keys gather at the front.
    const starts = this.keys.get(key) ?? new SortedTimes();
    this.keys.delete(key);
    this.keys.set(key, starts);
    starts.dropThrough(at - this.keyHorizonMs);

    const start = this.earliestGlobalStart(Math.max(at, notBefore, this.earliestKeyStart(starts)));
    starts.insert(start);
    starts.keepNewest(this.keyDepth);
    if (this.limits.global.length > 0) this.global.insert(start);
    return start;
  }

  stats(): LimiterStats {
    return { keys: this.keys.size, globalStarts: this.global.size };
  }

  /** A key's starts only ever grow, so a new one goes last, past every window it would overfill. */
  private earliestKeyStart(starts: SortedTimes): number {
    let earliest = starts.last() ?? -Infinity;
    for (const { limit, windowMs } of this.limits.perKey) {
      if (starts.size >= limit) earliest = Math.max(earliest, starts.get(starts.size - limit) + windowMs);
    }
    return earliest;
  }

  private earliestGlobalStart(from: number): number {
    if (this.limits.global.length === 0) return from;
    let candidate = from;
    for (;;) {
      candidate = this.full.skip(candidate);
      const escape = this.escapeFrom(candidate);
      if (escape === undefined) return candidate;
      this.full.add(candidate, escape);
      candidate = escape;
    }
  }

  /**
   * Undefined when a start at `time` fits every global window. Otherwise a later time before
   * which nothing fits: `limit` recorded starts that, with `time`, span less than the window would
   * share one window with any start from `time` until their first start plus the window.
   */
  private escapeFrom(time: number): number | undefined {
    const before = this.global.countUpTo(time);
    const total = this.global.size;
    let escape: number | undefined;
    for (const { limit, windowMs } of this.limits.global) {
      // Groups of `limit` consecutive starts around `time`, nearest first: the first that
      // overfills with `time` has the latest first start, and so the furthest escape.
      for (let taken = Math.max(0, before + limit - total); taken <= limit && taken <= before; taken++) {
        const first = this.global.get(before - taken);
        const last = this.global.get(before - taken + limit - 1);
        if (Math.max(last, time) - Math.min(first, time) < windowMs) {
          escape = Math.max(escape ?? -Infinity, first + windowMs);
          break;
        }
      }
    }
    return escape;
  }

  private forget(now: number): void {
    this.global.dropThrough(now - this.globalHorizonMs);
    this.full.dropEndingBy(now);
    for (const [key, starts] of this.keys) {
      if ((starts.last() ?? -Infinity) > now - this.keyHorizonMs) break;
      this.keys.delete(key);
    }
  }
}
