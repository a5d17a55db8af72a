/** At most `limit` calls may start within any stretch of `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * A soft target rather than a limit: calls follow a schedule one `intervalMs` apart, and a call
 * that could not go on time (the process was busy) may catch up, up to `burst` calls at once.
 */
export interface Spacing {
  readonly intervalMs: number;
  readonly burst: number;
}

export interface RateLimits {
  /** Each key (a conversation) on its own. */
  readonly perKey: readonly RateWindow[];
  /** All keys together (the app within one tenant). */
  readonly global: readonly RateWindow[];
  /** How all keys together are paced within the global windows; without it they go as soon as allowed. */
  readonly spacing?: Spacing;
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

/** Calls a late pacer may send at once to catch up with its schedule. */
export const DEFAULT_BURST = 3;

/**
 * The same limits with every window made `marginMs` longer. Teams counts requests when they
 * arrive, and the time between a call starting here and arriving there varies by a few
 * milliseconds; without a margin two calls started a window apart can arrive just inside one.
 */
export function withSafetyMargin(limits: RateLimits, marginMs: number): RateLimits {
  const widen = (window: RateWindow): RateWindow => ({ ...window, windowMs: window.windowMs + marginMs });
  return { ...limits, perKey: limits.perKey.map(widen), global: limits.global.map(widen) };
}

/**
 * Paces all keys together at the rate of the tightest global window: a sliding window of 50 per
 * second allows all 50 at once, and a burst that takes a while to leave arrives smeared into the
 * next second, where it meets the next burst. Calls one interval apart arrive within the window
 * too. The spacing is only a target: a call that starts late lets the next ones catch up, at most
 * `burst` at once, so a busy event loop does not cost throughput; the windows still bind.
 */
export function evenlySpaced(limits: RateLimits, burst: number = DEFAULT_BURST): RateLimits {
  const intervalMs = Math.max(0, ...limits.global.map((window) => window.windowMs / window.limit));
  return { ...limits, spacing: { intervalMs, burst } };
}

export interface LimiterStats {
  /** Keys the limiter still remembers starts for. */
  readonly keys: number;
  /** Start times remembered for the global windows. */
  readonly globalStarts: number;
}

/**
 * Start times in ascending order. Old times leave from the front without shifting the array on
 * every call; the array is copied only when the dead prefix outgrows the live part. New times
 * nearly always go last, so keeping the order costs a push.
 */
class SortedStarts {
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  last(): number | undefined {
    return this.size === 0 ? undefined : this.times[this.times.length - 1];
  }

  /** The `count`th latest start: 1 is the latest. */
  fromEnd(count: number): number {
    const time = this.times[this.times.length - count];
    if (count > this.size || time === undefined)
      throw new RangeError(`no start ${count} back of ${this.size}`);
    return time;
  }

  insert(time: number): void {
    const last = this.last();
    if (last === undefined || last <= time) this.times.push(time);
    else this.times.splice(this.firstAbove(time), 0, time);
  }

  /** Removes one start at `time`; false if there is none (it was forgotten). */
  remove(time: number): boolean {
    const index = this.firstAbove(time) - 1;
    if (index < this.head || this.times[index] !== time) return false;
    this.times.splice(index, 1);
    return true;
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

  private firstAbove(time: number): number {
    let low = this.head;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.times[middle] ?? Infinity) <= time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private compact(): void {
    if (this.head > 32 && this.head * 2 >= this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * The schedule behind `Spacing`: `next` is when the next call is due. A call that goes late moves
 * the schedule on from where it was, not from when the call went, so the calls after it may catch
 * up; the schedule never lags more than `burst - 1` intervals behind, so catching up never sends
 * more than `burst` at once.
 */
class Pacer {
  private next = -Infinity;

  constructor(private readonly spacing: Spacing) {}

  readyAt(now: number): number {
    return Math.max(now, this.next);
  }

  record(now: number): void {
    const { intervalMs, burst } = this.spacing;
    this.next = Math.max(this.next, now - (burst - 1) * intervalMs) + intervalMs;
  }
}

function validate(windows: readonly RateWindow[], name: string): void {
  for (const { limit, windowMs } of windows) {
    if (!Number.isInteger(limit) || limit < 1 || !Number.isFinite(windowMs) || windowMs <= 0) {
      throw new RangeError(`${name} window ${limit}/${windowMs} ms: need a whole limit ≥ 1 and a width > 0`);
    }
  }
}

function validateSpacing(spacing: Spacing | undefined): void {
  if (spacing === undefined) return;
  const { intervalMs, burst } = spacing;
  if (!Number.isInteger(burst) || burst < 1 || !Number.isFinite(intervalMs) || intervalMs < 0) {
    throw new RangeError(
      `spacing ${intervalMs} ms, burst ${burst}: need a whole burst ≥ 1 and an interval ≥ 0`,
    );
  }
}

function widest(windows: readonly RateWindow[]): number {
  return Math.max(0, ...windows.map((window) => window.windowMs));
}

function deepest(windows: readonly RateWindow[]): number {
  return Math.max(1, ...windows.map((window) => window.limit));
}

/** The earliest time from `from` on at which one more start fits every window over `starts`. */
function readyAt(starts: SortedStarts, windows: readonly RateWindow[], from: number): number {
  let ready = from;
  for (const { limit, windowMs } of windows) {
    // Two starts share a window when they are less than its width apart, so the new one must
    // wait a whole width after the `limit`th latest.
    if (starts.size >= limit) ready = Math.max(ready, starts.fromEnd(limit) + windowMs);
  }
  return ready;
}

/** A call the limiter counts, and when it counts it. */
export interface CountedStart {
  readonly key: string;
  readonly at: number;
}

/**
 * Keeps outgoing calls within sliding windows: for every key and every per-key window, and across
 * all keys for every global window, no stretch of `windowMs` holds more than `limit` starts.
 * Windows slide over the times calls really started (not token buckets, and not slots booked in
 * advance), because Teams counts requests in sliding windows and a bucket's burst can put more than
 * the limit into one window; and because a call that starts later than planned must be counted
 * when it went, or the margin meant for the network is eaten by the delay.
 *
 * The caller asks when a key may go (`keyReadyAt`, `globalReadyAt`), says when a call went
 * (`record`), and may later count it as having gone later still (`countFrom`), when it learns the
 * call could have reached Teams late. Deciding who goes first is the caller's. Time is treated as
 * never going backwards, because forgetting old starts is only safe if time moves forward.
 *
 * Memory stays bounded: each key and the global record keep only as many starts as their largest
 * limit and none older than their widest window, and keys with nothing left in any window are
 * forgotten, least recently used first. Questions cost O(windows); recording costs O(1) unless it
 * moves a start, which costs O(limit).
 */
export class SlidingWindowLimiter {
  private readonly keys = new Map<string, SortedStarts>();
  private readonly global = new SortedStarts();
  private readonly pacer: Pacer | undefined;
  private readonly keyHorizonMs: number;
  private readonly globalHorizonMs: number;
  private readonly keyDepth: number;
  private readonly globalDepth: number;
  private latestNow = -Infinity;

  constructor(private readonly limits: RateLimits) {
    validate(limits.perKey, 'per-key');
    validate(limits.global, 'global');
    validateSpacing(limits.spacing);
    this.pacer = limits.spacing && new Pacer(limits.spacing);
    this.keyHorizonMs = widest(limits.perKey);
    this.globalHorizonMs = widest(limits.global);
    this.keyDepth = deepest(limits.perKey);
    this.globalDepth = deepest(limits.global);
  }

  /** The earliest time from `now` on at which a call on `key` fits that key's windows. */
  keyReadyAt(key: string, now: number): number {
    const at = this.advance(now);
    const starts = this.keys.get(key);
    return starts ? readyAt(starts, this.limits.perKey, at) : at;
  }

  /** The earliest time from `now` on at which any call fits the global windows and the spacing. */
  globalReadyAt(now: number): number {
    const at = this.advance(now);
    return Math.max(readyAt(this.global, this.limits.global, at), this.pacer?.readyAt(at) ?? at);
  }

  /** Counts a call on `key` that starts now. */
  record(key: string, now: number): CountedStart {
    const at = this.advance(now);
    this.forget(at);
    // Re-inserting moves the key to the end of the map, so idle keys gather at the front.
    const starts = this.keys.get(key) ?? new SortedStarts();
    this.keys.delete(key);
    this.keys.set(key, starts);
    starts.insert(at);
    starts.keepNewest(this.keyDepth);
    if (this.limits.global.length > 0) {
      this.global.insert(at);
      this.global.keepNewest(this.globalDepth);
    }
    this.pacer?.record(at);
    return { key, at };
  }

  /**
   * Counts a recorded call from `at` instead, if that is later: the windows then keep later calls
   * a full width behind the moment it may really have arrived. A start already forgotten stays so.
   */
  countFrom(start: CountedStart, at: number): CountedStart {
    if (at <= start.at) return start;
    const ofKey = this.keys.get(start.key);
    if (ofKey?.remove(start.at)) ofKey.insert(at);
    if (this.global.remove(start.at)) this.global.insert(at);
    return { key: start.key, at };
  }

  stats(): LimiterStats {
    return { keys: this.keys.size, globalStarts: this.global.size };
  }

  private advance(now: number): number {
    this.latestNow = Math.max(now, this.latestNow);
    return this.latestNow;
  }

  private forget(now: number): void {
    this.global.dropThrough(now - this.globalHorizonMs);
    for (const [key, starts] of this.keys) {
      if ((starts.last() ?? -Infinity) > now - this.keyHorizonMs) break;
      this.keys.delete(key);
    }
  }
}
