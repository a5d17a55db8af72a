import assert from 'node:assert/strict';

import {
  SlidingWindowLimiter,
  TEAMS_RATE_LIMITS,
  type RateLimits,
} from '../../../../src/teams/outbound/sliding-window-limiter';
import { findOverfull, groupBy, seededRandom } from './rate-window-check';

interface Reservation {
  readonly key: string;
  readonly now: number;
  readonly start: number;
}

function assertWithinLimits(reservations: readonly Reservation[], limits: RateLimits): void {
  const global = findOverfull(
    reservations.map((r) => r.start),
    limits.global,
  );
  assert.equal(global, undefined, `all conversations together: ${JSON.stringify(global)}`);
  for (const [key, ofKey] of groupBy(reservations, (r) => r.key)) {
    const overfull = findOverfull(
      ofKey.map((r) => r.start),
      limits.perKey,
    );
    assert.equal(overfull, undefined, `conversation ${key}: ${JSON.stringify(overfull)}`);
  }
}

function countPerSecond(starts: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const start of starts) {
    const second = Math.floor(start / 1_000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return counts;
}

describe('SlidingWindowLimiter', () => {
  it("never lets more than Teams' limits through in any window over a long busy run", () => {
    const random = seededRandom(20240611);
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const reservations: Reservation[] = [];
    let now = 1_700_000_000_000;
    for (let i = 0; i < 5_000; i++) {
      // A third of the calls go to ten busy chats, so per-conversation windows bind too.
      const key =
        random() < 0.3 ? `busy-${Math.floor(random() * 10)}` : `chat-${Math.floor(random() * 1_000)}`;
      now += Math.floor(random() * 30);
      reservations.push({ key, now, start: limiter.reserve(key, now) });
    }

    assertWithinLimits(reservations, TEAMS_RATE_LIMITS);
    for (const { now: at, start } of reservations) assert.ok(start >= at, `start ${start} before ${at}`);
    for (const [key, ofKey] of groupBy(reservations, (r) => r.key)) {
      const starts = ofKey.map((r) => r.start);
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
        `${key} starts out of order`,
      );
    }
  });

  it('spreads one very busy conversation over the hour', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const reservations = Array.from({ length: 2_000 }, () => ({
      key: 'busy',
      now: 0,
      start: limiter.reserve('busy', 0),
    }));

    assertWithinLimits(reservations, TEAMS_RATE_LIMITS);
    assert.ok((reservations[1_799]?.start ?? Infinity) < 900_000, '1,800 fit in 15 minutes at 60 per 30 s');
    assert.equal(reservations[1_800]?.start, 3_600_000, 'the 1,801st waits for the hour to slide past');
  });

  it('gives each call the earliest start the limits allow', () => {
    const limits: RateLimits = {
      perKey: [
        { limit: 2, windowMs: 10 },
        { limit: 3, windowMs: 35 },
      ],
      global: [
        { limit: 4, windowMs: 10 },
        { limit: 9, windowMs: 40 },
      ],
    };
    let backfilled = 0;
    for (const seed of [7, 8, 9]) {
      const random = seededRandom(seed);
      const limiter = new SlidingWindowLimiter(limits);
      const reservations: Reservation[] = [];
      let now = 0;
      let latest = -Infinity;
      for (let i = 0; i < 500; i++) {
        const key = `chat-${Math.floor(random() * 6)}`;
        now += Math.floor(random() * 10);
        const start = limiter.reserve(key, now);
        // A start a window's width before `now` can no longer share a window with anything from now on.
        const recent = reservations.filter((r) => r.start > now - 40);
        const ofKey = recent.filter((r) => r.key === key).map((r) => r.start);
        const all = recent.map((r) => r.start);
        const fits = (t: number): boolean =>
          findOverfull([...ofKey, t], limits.perKey) === undefined &&
          findOverfull([...all, t], limits.global) === undefined;
        assert.ok(fits(start), `seed ${seed}, call ${i} at ${start} overfills a window`);
        for (let earlier = now; earlier < start; earlier++) {
          assert.ok(!fits(earlier), `seed ${seed}, call ${i} got ${start} but ${earlier} would have fit`);
        }
        if (start < latest) backfilled++;
        latest = Math.max(latest, start);
        reservations.push({ key, now, start });
      }
    }
    assert.ok(backfilled > 0, 'no call ever took a slot before one reserved earlier');
  });

  it('keeps the whole tenant at 50 calls a second when many conversations are busy', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const reservations: Reservation[] = [];
    for (let round = 0; round < 3; round++) {
      for (let chat = 0; chat < 5_000; chat++) {
        reservations.push({ key: `chat-${chat}`, now: 0, start: limiter.reserve(`chat-${chat}`, 0) });
      }
    }

    assertWithinLimits(reservations, TEAMS_RATE_LIMITS);
    const perSecond = countPerSecond(reservations.map((r) => r.start));
    assert.equal(perSecond.size, 300, '15,000 calls at 50 a second take 300 seconds');
    for (const [second, count] of perSecond) assert.equal(count, 50, `second ${second}`);
  });

  it('lets quiet conversations use the free slots while a busy one waits for its own limits', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const busy = Array.from({ length: 120 }, () => ({
      key: 'busy',
      now: 0,
      start: limiter.reserve('busy', 0),
    }));
    const quiet = Array.from({ length: 1_000 }, (_, chat) => ({
      key: `quiet-${chat}`,
      now: 0,
      start: limiter.reserve(`quiet-${chat}`, 0),
    }));

    assertWithinLimits([...busy, ...quiet], TEAMS_RATE_LIMITS);
    assert.ok((busy.at(-1)?.start ?? 0) >= 30_000, 'the busy chat needs over 30 s for 120 calls');
    const lastQuiet = Math.max(...quiet.map((r) => r.start));
    // The quiet chats and the busy chat's first 60 calls fill 21 whole seconds and a bit: nobody
    // queues behind the busy chat's calls after 30 s.
    assert.ok(lastQuiet < 22_000, `the last quiet chat starts at ${lastQuiet}`);
    const perSecond = countPerSecond([...busy, ...quiet].map((r) => r.start));
    for (let second = 0; second < 21; second++) assert.equal(perSecond.get(second), 50, `second ${second}`);
  });

  it('waits until notBefore and keeps later calls of that conversation behind it', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);

    assert.equal(limiter.reserve('throttled', 0, 5_000), 5_000);
    assert.equal(limiter.reserve('throttled', 10), 5_000);
    assert.equal(limiter.reserve('other', 10), 10);
  });

  it('treats a clock that steps back as standing still', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);

    assert.equal(limiter.reserve('a', 10_000), 10_000);
    assert.equal(limiter.reserve('b', 9_000), 10_000);
  });

  it('forgets conversations and starts that no window can see any more', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    for (let chat = 0; chat < 1_000; chat++) limiter.reserve(`chat-${chat}`, 0);
    assert.deepEqual(limiter.stats(), { keys: 1_000, globalStarts: 1_000 });

    limiter.reserve('chat-late', 20_000 + 3_600_000);

    assert.deepEqual(limiter.stats(), { keys: 1, globalStarts: 1 });
  });

  it('refuses a window that could never admit a call', () => {
    assert.throws(
      () => new SlidingWindowLimiter({ perKey: [{ limit: 0, windowMs: 1_000 }], global: [] }),
      RangeError,
    );
    assert.throws(
      () => new SlidingWindowLimiter({ perKey: [], global: [{ limit: 5, windowMs: 0 }] }),
      RangeError,
    );
  });
});
