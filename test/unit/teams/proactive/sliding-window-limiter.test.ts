import assert from 'node:assert/strict';

import {
  evenlySpaced,
  SlidingWindowLimiter,
  TEAMS_RATE_LIMITS,
  type RateLimits,
} from '../../../../src/teams/proactive/sliding-window-limiter';
import { findOverfull, groupBy, seededRandom } from './rate-window-check';

interface Start {
  readonly key: string;
  readonly at: number;
}

function assertWithinLimits(starts: readonly Start[], limits: RateLimits): void {
  const global = findOverfull(
    starts.map((start) => start.at),
    limits.global,
  );
  assert.equal(global, undefined, `all conversations together: ${JSON.stringify(global)}`);
  for (const [key, ofKey] of groupBy(starts, (start) => start.key)) {
    const overfull = findOverfull(
      ofKey.map((start) => start.at),
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

/** Starts a call on `key` as soon as the limiter allows from `now` on, and says when. */
function startWhenReady(limiter: SlidingWindowLimiter, key: string, now: number): number {
  const at = Math.max(limiter.keyReadyAt(key, now), limiter.globalReadyAt(now));
  limiter.record(key, at);
  return at;
}

describe('SlidingWindowLimiter', () => {
  it("never lets more than Teams' limits through in any window over a long busy run", () => {
    const random = seededRandom(20240611);
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const starts: Start[] = [];
    let now = 1_700_000_000_000;
    for (let i = 0; i < 5_000; i++) {
      // A third of the calls go to ten busy chats, so per-conversation windows bind too.
      const key =
        random() < 0.3 ? `busy-${Math.floor(random() * 10)}` : `chat-${Math.floor(random() * 1_000)}`;
      now += Math.floor(random() * 30);
      const at = startWhenReady(limiter, key, now);
      assert.ok(at >= now, `start ${at} before ${now}`);
      starts.push({ key, at });
      now = at;
    }

    assertWithinLimits(starts, TEAMS_RATE_LIMITS);
  });

  it('spreads one very busy conversation over the hour', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const starts: number[] = [];
    for (let i = 0, now = 0; i < 2_000; i++) starts.push((now = startWhenReady(limiter, 'busy', now)));

    assertWithinLimits(
      starts.map((at) => ({ key: 'busy', at })),
      TEAMS_RATE_LIMITS,
    );
    assert.ok((starts[1_799] ?? Infinity) < 900_000, '1,800 fit in 15 minutes at 60 per 30 s');
    assert.equal(starts[1_800], 3_600_000, 'the 1,801st waits for the hour to slide past');
  });

  it('answers with the earliest time the windows allow', () => {
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
    for (const seed of [7, 8, 9]) {
      const random = seededRandom(seed);
      const limiter = new SlidingWindowLimiter(limits);
      const starts: Start[] = [];
      let now = 0;
      for (let i = 0; i < 500; i++) {
        const key = `chat-${Math.floor(random() * 6)}`;
        now += Math.floor(random() * 6);
        const keyReady = limiter.keyReadyAt(key, now);
        const globalReady = limiter.globalReadyAt(now);
        const ofKey = starts.filter((start) => start.key === key).map((start) => start.at);
        const all = starts.map((start) => start.at);
        const fitsKey = (t: number): boolean => findOverfull([...ofKey, t], limits.perKey) === undefined;
        const fitsGlobal = (t: number): boolean => findOverfull([...all, t], limits.global) === undefined;
        assert.ok(fitsKey(keyReady) && fitsGlobal(globalReady), `seed ${seed}, call ${i} overfills a window`);
        for (let earlier = now; earlier < keyReady; earlier++) {
          assert.ok(
            !fitsKey(earlier),
            `seed ${seed}, call ${i}: ${key} ready at ${keyReady}, ${earlier} fits`,
          );
        }
        for (let earlier = now; earlier < globalReady; earlier++) {
          assert.ok(
            !fitsGlobal(earlier),
            `seed ${seed}, call ${i}: ready at ${globalReady}, ${earlier} fits`,
          );
        }
        // Sometimes the call goes late, as when the event loop was busy.
        now = Math.max(keyReady, globalReady) + (random() < 0.2 ? Math.floor(random() * 8) : 0);
        limiter.record(key, now);
        starts.push({ key, at: now });
      }
    }
  });

  it('keeps the whole tenant at 50 calls a second when many conversations are busy', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    const starts: Start[] = [];
    let now = 0;
    for (let round = 0; round < 3; round++) {
      for (let chat = 0; chat < 5_000; chat++) {
        now = startWhenReady(limiter, `chat-${chat}`, now);
        starts.push({ key: `chat-${chat}`, at: now });
      }
    }

    assertWithinLimits(starts, TEAMS_RATE_LIMITS);
    const perSecond = countPerSecond(starts.map((start) => start.at));
    assert.equal(perSecond.size, 300, '15,000 calls at 50 a second take 300 seconds');
    for (const [second, count] of perSecond) assert.equal(count, 50, `second ${second}`);
  });

  it('paces calls one interval apart when asked to space them evenly', () => {
    const limiter = new SlidingWindowLimiter(evenlySpaced(TEAMS_RATE_LIMITS, 1));
    const starts: number[] = [];
    for (let i = 0, now = 0; i < 100; i++) starts.push((now = startWhenReady(limiter, `chat-${i}`, now)));

    assert.deepEqual(
      starts,
      Array.from({ length: 100 }, (_, i) => i * 20),
    );
  });

  it('lets calls that went late catch up with the spacing, at most a burst at once', () => {
    const limiter = new SlidingWindowLimiter(evenlySpaced(TEAMS_RATE_LIMITS, 3));
    limiter.record('a', 0);
    assert.equal(limiter.globalReadyAt(0), 0, 'a quiet limiter allows a burst');
    limiter.record('b', 0);
    limiter.record('c', 0);
    assert.equal(limiter.globalReadyAt(0), 20);
    limiter.record('d', 20);

    // The call due at 40 only goes at 65: the one due at 60 may follow at once, the next is due at 80.
    assert.equal(limiter.globalReadyAt(65), 65);
    limiter.record('e', 65);
    assert.equal(limiter.globalReadyAt(65), 65);
    limiter.record('f', 65);
    assert.equal(limiter.globalReadyAt(65), 80);

    // Far behind: three at once, then the schedule goes on from there.
    limiter.record('g', 500);
    limiter.record('h', 500);
    limiter.record('i', 500);
    assert.equal(limiter.globalReadyAt(500), 520);
  });

  it('treats a clock that steps back as standing still', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    limiter.record('a', 10_000);

    assert.equal(limiter.globalReadyAt(9_000), 10_000);
    assert.equal(limiter.keyReadyAt('b', 9_000), 10_000);
  });

  it('forgets conversations and starts that no window can see any more', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS);
    for (let chat = 0, now = 0; chat < 1_000; chat++) now = startWhenReady(limiter, `chat-${chat}`, now);
    assert.deepEqual(limiter.stats(), { keys: 1_000, globalStarts: 50 });

    limiter.record('chat-late', 20_000 + 3_600_000);

    assert.deepEqual(limiter.stats(), { keys: 1, globalStarts: 1 });
  });

  it('refuses a window that could never admit a call, and a spacing without a burst', () => {
    assert.throws(
      () => new SlidingWindowLimiter({ perKey: [{ limit: 0, windowMs: 1_000 }], global: [] }),
      RangeError,
    );
    assert.throws(
      () => new SlidingWindowLimiter({ perKey: [], global: [{ limit: 5, windowMs: 0 }] }),
      RangeError,
    );
    assert.throws(() => new SlidingWindowLimiter(evenlySpaced(TEAMS_RATE_LIMITS, 0)), RangeError);
  });
});
