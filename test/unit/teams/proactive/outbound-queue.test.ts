import assert from 'node:assert/strict';

import sinon from 'sinon';

import {
  createOutbound,
  type Outbound,
  type OutboundOptions,
  type SendResult,
} from '../../../../src/teams/proactive/outbound-queue';
import { TEAMS_RATE_LIMITS } from '../../../../src/teams/proactive/sliding-window-limiter';
import { connectorError } from './fake-connector-error';
import { findOverfull, groupBy, seededRandom } from './rate-window-check';

interface Attempt {
  readonly conversationId: string;
  readonly label: string;
  readonly at: number;
}

describe('createOutbound', () => {
  let timers: sinon.SinonFakeTimers;
  let attempts: Attempt[];

  beforeEach(() => {
    timers = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'], loopLimit: 1e6 });
    attempts = [];
  });

  afterEach(() => {
    timers.restore();
  });

  function outbound(options: Partial<OutboundOptions> = {}): Outbound {
    return createOutbound({
      clock: { now: () => timers.now },
      sleep: (ms) =>
        new Promise((resolve) => {
          setTimeout(resolve, ms);
        }),
      random: () => 0.5,
      // Unpaced and without a margin, so the expected times are plain.
      limits: TEAMS_RATE_LIMITS,
      ...options,
    });
  }

  /** A connector call that records when each attempt starts and fails with `failures` in turn. */
  function connectorCall(conversationId: string, label: string, failures: readonly Error[] = []) {
    let tries = 0;
    return (): Promise<string> => {
      attempts.push({ conversationId, label, at: timers.now });
      const failure = failures[tries++];
      return failure === undefined ? Promise.resolve(`${label} delivered`) : Promise.reject(failure);
    };
  }

  function startsOf(label: string): number[] {
    return attempts.filter((attempt) => attempt.label === label).map((attempt) => attempt.at);
  }

  function failed<T>(result: SendResult<T>): Extract<SendResult<T>, { ok: false }> {
    if (result.ok) assert.fail(`expected a failure, got ${JSON.stringify(result)}`);
    return result;
  }

  async function settled<T>(results: Promise<T>): Promise<T> {
    await timers.runAllAsync();
    return results;
  }

  it('calls once and hands back what the connector returned', async () => {
    const result = await settled(outbound().send('chat', connectorCall('chat', 'card')));

    assert.deepEqual(result, { ok: true, value: 'card delivered', attempts: 1 });
    assert.deepEqual(startsOf('card'), [0]);
  });

  it('starts the eighth send to one chat only when the first second is over', async () => {
    const queue = outbound();
    const results = Promise.all(
      Array.from({ length: 8 }, (_, i) => queue.send('chat', connectorCall('chat', `card ${i}`))),
    );

    await settled(results);

    assert.deepEqual(
      attempts.map((attempt) => attempt.at),
      [0, 0, 0, 0, 0, 0, 0, 1_000],
    );
  });

  it('waits as long as Retry-After says before trying a throttled send again', async () => {
    const throttled = connectorError(429, 'Throttled', { 'Retry-After': '3' });

    const result = await settled(outbound().send('chat', connectorCall('chat', 'card', [throttled])));

    assert.deepEqual(result, { ok: true, value: 'card delivered', attempts: 2 });
    assert.deepEqual(startsOf('card'), [0, 3_000]);
  });

  it('waits until the date in Retry-After', async () => {
    const busy = connectorError(503, undefined, { 'Retry-After': new Date(10_000).toUTCString() });

    const result = await settled(outbound().send('chat', connectorCall('chat', 'card', [busy])));

    assert.equal(result.ok, true);
    assert.deepEqual(startsOf('card'), [0, 10_000]);
  });

  it('backs off further after each failure when Teams gives no Retry-After', async () => {
    const unavailable = connectorError(503);

    const result = await settled(
      outbound().send('chat', connectorCall('chat', 'card', [unavailable, unavailable, unavailable])),
    );

    assert.equal(result.attempts, 4);
    // Half of 1 s, 2 s and 4 s: the injected random draws 0.5 each time.
    assert.deepEqual(startsOf('card'), [0, 500, 1_500, 3_500]);
  });

  it('reports a chat that blocked the bot at once, without trying again', async () => {
    const blocked = connectorError(403, 'ConversationBlockedByUser');

    const result = await settled(outbound().send('chat', connectorCall('chat', 'card', [blocked])));

    assert.deepEqual(result, {
      ok: false,
      reason: 'blocked',
      permanent: true,
      retryAfterMs: undefined,
      attempts: 1,
      failure: { kind: 'permanent', reason: 'blocked', status: 403, code: 'ConversationBlockedByUser' },
      error: blocked,
    } satisfies SendResult<string>);
    assert.deepEqual(startsOf('card'), [0]);
  });

  it('reports a conversation that no longer exists at once, without trying again', async () => {
    const gone = connectorError(404, 'ConversationNotFound');

    const result = await settled(outbound().send('chat', connectorCall('chat', 'card', [gone])));

    assert.equal(failed(result).reason, 'not-found');
    assert.equal(result.attempts, 1);
  });

  it('gives up after maxAttempts retryable failures and says so', async () => {
    const unavailable = connectorError(502);
    const call = connectorCall(
      'chat',
      'card',
      Array.from({ length: 10 }, () => unavailable),
    );

    const result = await settled(outbound({ maxAttempts: 3 }).send('chat', call));

    assert.equal(failed(result).reason, 'too-many-attempts');
    assert.equal(failed(result).permanent, false);
    assert.equal(result.attempts, 3);
    assert.equal(startsOf('card').length, 3);
  });

  it('gives up at once when Retry-After would take it past the retry budget', async () => {
    const throttled = connectorError(429, 'Throttled', { 'Retry-After': '3600' });

    const result = await settled(
      outbound({ maxRetryMs: 60_000 }).send('chat', connectorCall('chat', 'card', [throttled])),
    );

    assert.equal(failed(result).reason, 'out-of-time');
    assert.equal(failed(result).permanent, false, 'a later try may still work');
    assert.equal(failed(result).retryAfterMs, 3_600_000);
    assert.deepEqual(failed(result).failure, {
      kind: 'retry',
      reason: 'throttled',
      status: 429,
      code: 'Throttled',
      retryAfterMs: 3_600_000,
    });
    assert.equal(timers.now, 0, 'no hour spent waiting for a retry that would not be made');
  });

  it('keeps later sends to a throttled chat behind its retry, and lets other chats go on', async () => {
    const queue = outbound();
    const throttled = connectorError(429, 'Throttled', { 'Retry-After': '5' });
    const results: Promise<SendResult<string>>[] = [queue.send('a', connectorCall('a', 'a1', [throttled]))];
    setTimeout(() => {
      results.push(queue.send('a', connectorCall('a', 'a2')), queue.send('b', connectorCall('b', 'b1')));
    }, 100);

    await timers.runAllAsync();
    await Promise.all(results);

    assert.deepEqual(
      attempts.map(({ label, at }) => `${label}@${at}`),
      ['a1@0', 'b1@100', 'a1@5000', 'a2@5000'],
    );
  });

  it('sends a retry before the sends to its chat that were waiting when it failed', async () => {
    const queue = outbound({ limits: { perKey: [{ limit: 1, windowMs: 100 }], global: [] } });
    const throttled = connectorError(429, 'Throttled', { 'Retry-After': '1' });

    await settled(
      Promise.all([
        queue.send('a', connectorCall('a', 'a1', [throttled])),
        queue.send('a', connectorCall('a', 'a2')),
        queue.send('b', connectorCall('b', 'b1')),
      ]),
    );

    assert.deepEqual(
      attempts.map(({ label, at }) => `${label}@${at}`),
      ['a1@0', 'b1@0', 'a1@1000', 'a2@1100'],
    );
  });

  it('keeps each chat in order and lets quiet chats use the free slots while a busy one waits', async () => {
    const queue = outbound();
    const sends = [
      ...Array.from({ length: 120 }, (_, i) => queue.send('busy', connectorCall('busy', `busy ${i}`))),
      ...Array.from({ length: 1_000 }, (_, chat) =>
        queue.send(`quiet-${chat}`, connectorCall(`quiet-${chat}`, `quiet ${chat}`)),
      ),
    ];

    await settled(Promise.all(sends));

    const busy = attempts.filter((attempt) => attempt.conversationId === 'busy');
    assert.deepEqual(
      busy.map((attempt) => attempt.label),
      Array.from({ length: 120 }, (_, i) => `busy ${i}`),
    );
    assert.ok((busy.at(-1)?.at ?? 0) >= 30_000, 'the busy chat needs over 30 s for 120 calls');
    const quiet = attempts.filter((attempt) => attempt.conversationId !== 'busy');
    const lastQuiet = Math.max(...quiet.map((attempt) => attempt.at));
    // The quiet chats and the busy chat's first 60 calls fill 21 whole seconds and a bit: nobody
    // queues behind the busy chat's calls after 30 s.
    assert.ok(lastQuiet < 22_000, `the last quiet chat starts at ${lastQuiet}`);
    assert.equal(
      findOverfull(
        attempts.map((attempt) => attempt.at),
        TEAMS_RATE_LIMITS.global,
      ),
      undefined,
    );
    assert.equal(
      findOverfull(
        busy.map((attempt) => attempt.at),
        TEAMS_RATE_LIMITS.perKey,
      ),
      undefined,
    );
  });

  it('counts a call answered late as if it went out late, since Teams may have seen it late', async () => {
    const queue = outbound({ limits: { perKey: [], global: [{ limit: 2, windowMs: 1_000 }] } });
    const slow = (): Promise<string> => {
      attempts.push({ conversationId: 'b', label: 'b', at: timers.now });
      return new Promise((resolve) => {
        setTimeout(() => {
          resolve('b delivered');
        }, 300);
      });
    };

    await settled(
      Promise.all([
        queue.send('a', connectorCall('a', 'a')),
        queue.send('b', slow),
        queue.send('c', connectorCall('c', 'c')),
        queue.send('d', connectorCall('d', 'd')),
      ]),
    );

    // Counted from its start, b would let d go at 1000 with c; counted from its answer, at 1300.
    assert.deepEqual(
      attempts.map(({ label, at }) => `${label}@${at}`),
      ['a@0', 'b@0', 'c@1000', 'd@1300'],
    );
  });

  it("keeps every request, retries included, within Teams' limits while sends are throttled", async () => {
    const connectorRandom = seededRandom(42);
    const queue = outbound({ random: seededRandom(43) });
    const throttledNow = (): Error | undefined => {
      const draw = connectorRandom();
      if (draw < 0.1) return connectorError(429, 'Throttled', { 'Retry-After': '1' });
      if (draw < 0.15) return connectorError(503);
      return undefined;
    };
    const send = (conversationId: string, label: string): Promise<SendResult<string>> =>
      queue.send(conversationId, () => {
        attempts.push({ conversationId, label, at: timers.now });
        const failure = throttledNow();
        return failure === undefined ? Promise.resolve(label) : Promise.reject(failure);
      });

    const results = await settled(
      Promise.all(Array.from({ length: 2_000 }, (_, i) => send(`chat-${i % 1_000}`, `request ${i}`))),
    );

    assert.deepEqual(
      results.filter((result) => !result.ok),
      [],
    );
    const starts = attempts.map((attempt) => attempt.at);
    assert.equal(findOverfull(starts, TEAMS_RATE_LIMITS.global), undefined);
    for (const [conversationId, ofChat] of groupBy(attempts, (attempt) => attempt.conversationId)) {
      const overfull = findOverfull(
        ofChat.map((attempt) => attempt.at),
        TEAMS_RATE_LIMITS.perKey,
      );
      assert.equal(overfull, undefined, conversationId);
    }
    // Full speed while work is waiting; only the last retries trickle out after their back-off.
    const perSecond = new Map<number, number>();
    for (const at of starts)
      perSecond.set(Math.floor(at / 1_000), (perSecond.get(Math.floor(at / 1_000)) ?? 0) + 1);
    const busySeconds = Math.floor(attempts.length / 50) - 1;
    for (let second = 0; second < busySeconds; second++)
      assert.equal(perSecond.get(second), 50, `second ${second}`);
  });
});
