import assert from 'node:assert/strict';
import { BackOff } from '../../../src/teams/back-off';
import { FixedClock } from '../../support/fixed-clock';

describe('BackOff', function () {
  let clock: FixedClock;
  let backOff: BackOff;

  beforeEach(function () {
    clock = new FixedClock('2021-06-01T08:00:00Z');
    backOff = new BackOff(clock);
  });

  /** Fails one try, which must be allowed, and returns the pause it started. */
  function failOnce(): number {
    const attempt = backOff.begin();
    assert.ok(attempt, 'a try is allowed');
    return attempt.failed();
  }

  it('lets every request try while nothing failed, together too', function () {
    assert.ok(backOff.begin());
    assert.ok(backOff.begin());
  });

  it('pauses 1 s after a failure, doubling while it keeps failing, up to a minute', function () {
    const pauses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const pause = failOnce();
      pauses.push(pause);
      assert.equal(backOff.begin(), undefined, 'no try during the pause');
      clock.advance({ seconds: pause / 1000 });
    }

    assert.deepEqual(pauses, [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('says how long the pause still lasts', function () {
    failOnce();
    clock.advance({ seconds: 0.25 });

    assert.equal(backOff.remainingMs(), 750);
  });

  it('allows one try at a time once the pause is over', function () {
    failOnce();
    clock.advance({ seconds: 1 });

    const probe = backOff.begin();
    assert.ok(probe);
    assert.equal(backOff.begin(), undefined, 'a second request waits for the first');
    probe.inconclusive();
    assert.ok(backOff.begin(), 'a try that told nothing frees the way');
  });

  it('counts tries that fail together once', function () {
    const first = backOff.begin();
    const second = backOff.begin();
    assert.ok(first && second);

    assert.equal(first.failed(), 1000);
    assert.equal(second.failed(), 1000);
    clock.advance({ seconds: 1 });
    assert.equal(failOnce(), 2000);
  });

  it('forgets the failures once a try succeeds', function () {
    failOnce();
    clock.advance({ seconds: 1 });
    failOnce();
    clock.advance({ seconds: 2 });
    backOff.begin()?.succeeded();

    assert.ok(backOff.begin());
    assert.ok(backOff.begin(), 'every request may try again');
    assert.equal(failOnce(), 1000, 'the next outage starts from 1 s');
  });

  it('keeps a request that started before the failure from freeing the one try', function () {
    const early = backOff.begin();
    assert.ok(early);
    failOnce();
    clock.advance({ seconds: 1 });
    const probe = backOff.begin();
    assert.ok(probe);

    early.inconclusive();
    assert.equal(backOff.begin(), undefined, 'still one try at a time');
  });
});
