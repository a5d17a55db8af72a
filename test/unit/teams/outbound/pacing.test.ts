import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createOutbound } from '../../../../src/teams/outbound/outbound-queue';
import {
  evenlySpaced,
  TEAMS_RATE_LIMITS,
  withSafetyMargin,
} from '../../../../src/teams/outbound/sliding-window-limiter';
import { findOverfull } from './rate-window-check';

describe('pacing calls as Teams sees them', () => {
  it('widens every window by the safety margin and keeps the limits', () => {
    const widened = withSafetyMargin(TEAMS_RATE_LIMITS, 30);

    assert.deepEqual(
      widened.global.map((window) => [window.limit, window.windowMs]),
      [[50, 1030]],
    );
    assert.deepEqual(
      widened.perKey.map((window) => [window.limit, window.windowMs]),
      [
        [7, 1030],
        [8, 2030],
        [60, 30030],
        [1800, 3600030],
      ],
    );
  });

  it('spaces calls evenly instead of letting 50 go at once', async () => {
    const timers = sinon.useFakeTimers({
      now: 0,
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
      loopLimit: 1e6,
    });
    try {
      const starts: number[] = [];
      const outbound = createOutbound({
        clock: { now: () => timers.now },
        sleep: (ms) =>
          new Promise((resolve) => {
            setTimeout(resolve, ms);
          }),
        limits: evenlySpaced(TEAMS_RATE_LIMITS),
      });

      const sends = Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          outbound.send(`conversation-${i}`, () => {
            starts.push(timers.now);
            return Promise.resolve(i);
          }),
        ),
      );
      await timers.runAllAsync();
      await sends;

      const gaps = starts.slice(1).map((start, i) => start - (starts[i] ?? 0));
      assert.equal(starts.length, 60);
      assert.ok(Math.min(...gaps) >= 20, `the closest two calls were ${Math.min(...gaps)} ms apart`);
    } finally {
      timers.restore();
    }
  });

  it('takes a fresh slot when it wakes up late, so late calls do not crowd into one window', async () => {
    const timers = sinon.useFakeTimers({
      now: 0,
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
      loopLimit: 1e6,
    });
    try {
      let sleeps = 0;
      const starts: number[] = [];
      const outbound = createOutbound({
        clock: { now: () => timers.now },
        // The event loop was busy once: the fifth wake-up comes 200 ms late.
        sleep: (ms) =>
          new Promise((resolve) => {
            setTimeout(resolve, ms + (++sleeps === 5 ? 200 : 0));
          }),
        limits: evenlySpaced(TEAMS_RATE_LIMITS),
      });

      const sends = Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          outbound.send(`conversation-${i}`, () => {
            starts.push(timers.now);
            return Promise.resolve(i);
          }),
        ),
      );
      await timers.runAllAsync();
      await sends;

      assert.equal(starts.length, 300);
      const overfull = findOverfull(starts, TEAMS_RATE_LIMITS.global);
      assert.equal(overfull, undefined, `a window held too many calls: ${JSON.stringify(overfull)}`);
    } finally {
      timers.restore();
    }
  });
});
