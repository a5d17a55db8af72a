import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createOutbound } from '../../../../src/teams/proactive/outbound-queue';
import {
  evenlySpaced,
  TEAMS_RATE_LIMITS,
  withSafetyMargin,
} from '../../../../src/teams/proactive/sliding-window-limiter';
import { findOverfull, seededRandom } from './rate-window-check';

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

  it('paces after the safety margin, so the spacing matches the widened window', () => {
    assert.deepEqual(evenlySpaced(withSafetyMargin(TEAMS_RATE_LIMITS, 30)).spacing, {
      intervalMs: 20.6,
      burst: 3,
    });
  });

  describe('through the outbound path', () => {
    let timers: sinon.SinonFakeTimers;

    beforeEach(() => {
      timers = sinon.useFakeTimers({
        now: 0,
        toFake: ['setTimeout', 'clearTimeout', 'Date'],
        loopLimit: 1e6,
      });
    });

    afterEach(() => {
      timers.restore();
    });

    /** Sends `count` calls to as many conversations at once and says when each started, from 0. */
    async function startsOf(count: number, lateBy: (wakeUp: number) => number): Promise<number[]> {
      const begin = timers.now;
      let wakeUps = 0;
      const starts: number[] = [];
      const outbound = createOutbound({
        clock: { now: () => timers.now },
        sleep: (ms) =>
          new Promise((resolve) => {
            setTimeout(resolve, ms + lateBy(++wakeUps));
          }),
        limits: evenlySpaced(TEAMS_RATE_LIMITS),
      });
      const sends = Promise.all(
        Array.from({ length: count }, (_, i) =>
          outbound.send(`conversation-${i}`, () => {
            starts.push(timers.now - begin);
            return Promise.resolve(i);
          }),
        ),
      );
      await timers.runAllAsync();
      await sends;
      assert.equal(starts.length, count);
      return starts;
    }

    it('spaces calls evenly instead of letting 50 go at once', async () => {
      const starts = await startsOf(120, () => 0);

      assert.ok(mostAtOnce(starts) <= 3, `${mostAtOnce(starts)} calls started at once`);
      assert.deepEqual(
        starts.slice(3, 10),
        [20, 40, 60, 80, 100, 120, 140],
        'after the first burst, one call per 20 ms',
      );
      assert.equal(findOverfull(starts, TEAMS_RATE_LIMITS.global), undefined);
    });

    it('keeps every window when a wake-up comes 200 ms late, without sending the backlog at once', async () => {
      // The event loop was busy once: the fifth wake-up comes 200 ms late.
      const starts = await startsOf(300, (wakeUp) => (wakeUp === 5 ? 200 : 0));

      const overfull = findOverfull(starts, TEAMS_RATE_LIMITS.global);
      assert.equal(overfull, undefined, `a window held too many calls: ${JSON.stringify(overfull)}`);
      assert.ok(mostAtOnce(starts) <= 3, `${mostAtOnce(starts)} calls started at once`);
    });

    it('catches up after late wake-ups instead of losing the slots they missed', async () => {
      const random = seededRandom(11);
      const punctual = await startsOf(500, () => 0);
      // Every wake-up comes up to 30 ms late, as on a loaded machine.
      const late = await startsOf(500, () => Math.floor(random() * 30));

      assert.equal(findOverfull(late, TEAMS_RATE_LIMITS.global), undefined);
      assert.ok(mostAtOnce(late) <= 3, `${mostAtOnce(late)} calls started at once`);
      // Spacing each call from when the one before really went would lose about 15 ms per call,
      // 7.5 s in all. What is lost is the lateness of calls the window holds back: a call due a
      // window after one that went late is due late too.
      const lastPunctual = Math.max(...punctual);
      const lastLate = Math.max(...late);
      assert.ok(
        lastLate - lastPunctual <= 250,
        `500 calls took ${lastLate} ms instead of ${lastPunctual} ms`,
      );
    });
  });
});

/** The most calls that started at the same instant. */
function mostAtOnce(starts: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const start of starts) counts.set(start, (counts.get(start) ?? 0) + 1);
  return Math.max(...counts.values());
}
