import assert from 'node:assert/strict';

import {
  backoffMs,
  classifyFailure,
  parseRetryAfter,
  type Failure,
} from '../../../../src/teams/proactive/retry-policy';
import { connectorError } from './fake-connector-error';

const NOW = Date.parse('2026-06-01T08:00:00Z');

describe('classifyFailure', () => {
  for (const [status, reason] of [
    [429, 'throttled'],
    [412, 'precondition-failed'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
  ] as const) {
    it(`retries a ${status}`, () => {
      assert.deepEqual(classifyFailure(connectorError(status), NOW), {
        kind: 'retry',
        reason,
        status,
        code: undefined,
        retryAfterMs: undefined,
      } satisfies Failure);
    });
  }

  for (const [status, code, reason] of [
    [403, 'ConversationBlockedByUser', 'blocked'],
    [403, 'BotNotInConversationRoster', 'blocked'],
    [404, 'ConversationNotFound', 'not-found'],
    [400, 'BadArgument', 'bad-request'],
    [401, 'BotNotRegistered', 'unauthorized'],
    [413, 'MessageSizeTooBig', 'too-large'],
    [409, undefined, 'rejected'],
    [500, undefined, 'server-error'],
  ] as const) {
    it(`does not retry a ${status}${code ? ` ${code}` : ''} and calls it ${reason}`, () => {
      assert.deepEqual(classifyFailure(connectorError(status, code), NOW), {
        kind: 'permanent',
        reason,
        status,
        code,
      } satisfies Failure);
    });
  }

  it('reads Retry-After in seconds', () => {
    const failure = classifyFailure(connectorError(429, 'Throttled', { 'Retry-After': '3' }), NOW);

    assert.equal(failure.kind === 'retry' && failure.retryAfterMs, 3_000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const at = new Date(NOW + 90_000).toUTCString();
    const failure = classifyFailure(connectorError(503, undefined, { 'Retry-After': at }), NOW);

    assert.equal(failure.kind === 'retry' && failure.retryAfterMs, 90_000);
  });

  it('prefers an exact retry-after-ms header', () => {
    const failure = classifyFailure(
      connectorError(429, undefined, { 'retry-after-ms': '1250', 'Retry-After': '2' }),
      NOW,
    );

    assert.equal(failure.kind === 'retry' && failure.retryAfterMs, 1_250);
  });

  it('reads headers given as a plain record', () => {
    const error = { statusCode: 429, response: { headers: { 'Retry-After': '4' } } };

    assert.deepEqual(classifyFailure(error, NOW), {
      kind: 'retry',
      reason: 'throttled',
      status: 429,
      code: undefined,
      retryAfterMs: 4_000,
    } satisfies Failure);
  });

  it('falls back to the status on the response when the error has none', () => {
    assert.equal(classifyFailure({ response: { status: 404 } }, NOW).kind, 'permanent');
    assert.equal(classifyFailure({ response: { status: 503 } }, NOW).kind, 'retry');
  });

  it('retries a connection that failed before Teams answered', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      name: 'RestError',
      code: 'ECONNREFUSED',
    });

    assert.deepEqual(classifyFailure(error, NOW), {
      kind: 'retry',
      reason: 'network',
      status: undefined,
      code: 'ECONNREFUSED',
      retryAfterMs: undefined,
    } satisfies Failure);
  });

  it('does not retry an error that is not from Teams at all', () => {
    assert.deepEqual(classifyFailure(new TypeError('card is undefined'), NOW), {
      kind: 'permanent',
      reason: 'unexpected',
      status: undefined,
      code: undefined,
    } satisfies Failure);
    assert.equal(classifyFailure('a string', NOW).kind, 'permanent');
    assert.equal(classifyFailure(undefined, NOW).kind, 'permanent');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('120', NOW), 120_000);
    assert.equal(parseRetryAfter(' 0 ', NOW), 0);
    assert.equal(parseRetryAfter('1.5', NOW), 1_500);
  });

  it('reads all three HTTP-date forms as GMT', () => {
    const now = Date.parse('1994-11-06T08:49:00Z');

    assert.equal(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now), 37_000);
    assert.equal(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now), 37_000);
    assert.equal(parseRetryAfter('Sun Nov  6 08:49:37 1994', now), 37_000);
  });

  it('reads a date already past as no wait', () => {
    assert.equal(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW), 0);
  });

  it('ignores what is neither seconds nor an HTTP date', () => {
    for (const value of ['', 'soon', '-1', '2026-06-01T08:00:10Z', '3 seconds']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, JSON.stringify(value));
    }
  });
});

describe('backoffMs', () => {
  const options = { baseMs: 1_000, capMs: 8_000 };

  it('draws below a ceiling that doubles with each attempt, up to the cap', () => {
    const nearlyOne = (): number => 0.999_999;

    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, undefined, nearlyOne, options)),
      [999, 1_999, 3_999, 7_999, 7_999, 7_999],
    );
    assert.equal(
      backoffMs(3, undefined, () => 0, options),
      0,
    );
  });

  it('spreads retries over the whole range (full jitter)', () => {
    let draw = 0;
    const evenly = (): number => (draw++ % 100) / 100;
    const delays = Array.from({ length: 100 }, () => backoffMs(3, undefined, evenly, options));

    assert.equal(Math.min(...delays), 0);
    assert.equal(Math.max(...delays), 3_960);
    assert.equal(new Set(delays).size, 100);
  });

  it('never retries sooner than Retry-After, even past the cap', () => {
    assert.equal(
      backoffMs(1, 3_000, () => 0.5, options),
      3_000,
    );
    assert.equal(
      backoffMs(1, 60_000, () => 0.999, options),
      60_000,
    );
  });

  it('keeps the jitter when Retry-After asks for less', () => {
    assert.equal(
      backoffMs(4, 0, () => 0.5, options),
      4_000,
    );
  });
});
