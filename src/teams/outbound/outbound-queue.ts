import {
  backoffMs,
  classifyFailure,
  DEFAULT_BACKOFF,
  type BackoffOptions,
  type Failure,
  type PermanentReason,
} from './retry-policy';
import { SlidingWindowLimiter, TEAMS_RATE_LIMITS, type RateLimits } from './sliding-window-limiter';

export interface OutboundOptions {
  /** Milliseconds since the epoch. */
  readonly clock: { now(): number };
  readonly sleep: (ms: number) => Promise<void>;
  readonly limits?: RateLimits;
  /** Calls per send, the first included. */
  readonly maxAttempts?: number;
  /** No retry is planned to start later than this after the first attempt started. */
  readonly maxRetryMs?: number;
  readonly backoff?: BackoffOptions;
  /** Uniform in [0, 1); injected so tests can pin the jitter. */
  readonly random?: () => number;
}

export type GiveUpReason =
  | PermanentReason
  /** Every attempt failed with something retryable. */
  | 'too-many-attempts'
  /** The next try would start past the retry budget (a long Retry-After, or many back-offs). */
  | 'out-of-time';

export type SendResult<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | {
      readonly ok: false;
      readonly reason: GiveUpReason;
      /** True when trying again later cannot help (blocked, gone, refused). */
      readonly permanent: boolean;
      /** What Teams last asked us to wait, for whoever schedules the next try. */
      readonly retryAfterMs: number | undefined;
      readonly attempts: number;
      /** How the last attempt failed, with Teams' status and error code. */
      readonly failure: Failure;
      /** The last error itself, for the log; not for users. */
      readonly error: unknown;
    };

export interface Outbound {
  send<T>(conversationId: string, call: () => Promise<T>): Promise<SendResult<T>>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const LATE_TOLERANCE_MS = 5;
const MAX_LATE_RESERVATIONS = 3;
export const DEFAULT_MAX_RETRY_MS = 5 * 60_000;

/**
 * Every call to Teams' connector goes through here, so the bot stays inside Teams' rate limits
 * however many sends run at once. Each attempt (retries included, since Teams counts every request)
 * waits for a slot from one shared limiter, then runs. Retryable failures are tried again after a
 * back-off that honours Retry-After; a retry keeps its conversation's later sends behind it, so a
 * throttled chat slows down as a whole and keeps its order. Permanent failures (blocked, gone)
 * are not retried. Nothing is thrown: the result says what happened, and why if it failed, so the
 * caller can report it to a coordinator.
 *
 * One instance serves one process and one tenant; instances that share a tenant must share its
 * global limit between them.
 */
export function createOutbound(options: OutboundOptions): Outbound {
  const { clock, sleep } = options;
  const limiter = new SlidingWindowLimiter(options.limits ?? TEAMS_RATE_LIMITS);
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;

  /**
   * Waits for a reserved start. A wake-up much later than planned (the event loop was busy)
   * would send several calls at once into a window planned for fewer, so a late caller takes a
   * fresh slot instead; the one it missed stays counted, which only errs on the safe side.
   */
  const waitForSlot = async (conversationId: string, notBefore: number): Promise<number> => {
    let now = clock.now();
    let start = limiter.reserve(conversationId, now, notBefore);
    for (let late = 0; ; late++) {
      if (start > now) await sleep(start - now);
      now = clock.now();
      if (now - start <= LATE_TOLERANCE_MS || late >= MAX_LATE_RESERVATIONS) return start;
      start = limiter.reserve(conversationId, now, now);
    }
  };

  return {
    async send<T>(conversationId: string, call: () => Promise<T>): Promise<SendResult<T>> {
      let notBefore = clock.now();
      let firstStart: number | undefined;
      for (let attempt = 1; ; attempt++) {
        // Reserved before the first await, so concurrent sends get slots in the order they came.
        const start = await waitForSlot(conversationId, notBefore);
        firstStart ??= start;
        let failure: Failure;
        let error: unknown;
        try {
          return { ok: true, value: await call(), attempts: attempt };
        } catch (caught) {
          error = caught;
          failure = classifyFailure(caught, clock.now());
        }
        if (failure.kind === 'permanent') return giveUp(failure.reason, attempt, failure, error);
        if (attempt >= maxAttempts) return giveUp('too-many-attempts', attempt, failure, error);
        notBefore = clock.now() + backoffMs(attempt, failure.retryAfterMs, random, backoff);
        if (notBefore - firstStart > maxRetryMs) return giveUp('out-of-time', attempt, failure, error);
      }
    },
  };
}

function giveUp(
  reason: GiveUpReason,
  attempts: number,
  failure: Failure,
  error: unknown,
): Extract<SendResult<never>, { ok: false }> {
  const permanent = failure.kind === 'permanent';
  const retryAfterMs = failure.kind === 'retry' ? failure.retryAfterMs : undefined;
  return { ok: false, reason, permanent, retryAfterMs, attempts, failure, error };
}
