import {
  backoffMs,
  classifyFailure,
  DEFAULT_BACKOFF,
  type BackoffOptions,
  type Failure,
  type PermanentReason,
} from './retry-policy';
import {
  evenlySpaced,
  SlidingWindowLimiter,
  TEAMS_RATE_LIMITS,
  withSafetyMargin,
  type CountedStart,
  type RateLimits,
} from './sliding-window-limiter';

export interface OutboundOptions {
  /** Milliseconds since the epoch. */
  readonly clock: { now(): number };
  readonly sleep: (ms: number) => Promise<void>;
  /** `DEFAULT_LIMITS` unless given. */
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

/**
 * Teams' limits, paced, with the safety margin the fan-out bench showed to be enough
 * (docs/benchmarks.md). Unpaced, all of a window's calls would go in one instant, and a crash
 * then would leave that many accepted but unrecorded.
 */
export const DEFAULT_LIMITS: RateLimits = evenlySpaced(withSafetyMargin(TEAMS_RATE_LIMITS, 30));
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_RETRY_MS = 5 * 60_000;

/** A call waiting for its turn. */
interface Waiting {
  /** When its send first came in; a retry keeps it, so it stays ahead of its conversation's later sends. */
  readonly order: number;
  readonly conversationId: string;
  /** A retry's back-off: it waits at least until then, and so do its conversation's later sends. */
  readonly notBefore: number;
  /** Lets the call go; says when it started. */
  readonly go: (start: CountedStart) => void;
}

/** How many of the latest round trips the fastest is taken from. */
const ROUND_TRIPS_KEPT = 64;

/**
 * The latest round trips to Teams, to tell a call that was held up from a normal one. The first
 * calls are slow (connections, caches) and tell nothing, so until there are enough the fastest is
 * taken as 0: a call counts from its answer.
 */
class RoundTrips {
  private readonly latest: number[] = [0];
  private next = 1;

  /** Adds one and returns the fastest of the latest. */
  add(ms: number): number {
    this.latest[this.next] = ms;
    this.next = (this.next + 1) % ROUND_TRIPS_KEPT;
    return Math.min(...this.latest);
  }
}

/**
 * Decides, at the moment a call would go, whether the rate limits let it: waiting calls sit in the
 * order their sends came in, and each time the pump runs it sends, from the front, every call the
 * windows admit now, then sleeps until the earliest time the next one could go. A conversation
 * that must wait (its own windows are full, or a retry is backing off) holds up only its own later
 * calls; the others go past.
 *
 * Because the windows are checked against the clock when a call really starts, and its start is
 * recorded then, a wake-up that comes late (the event loop was busy) costs nothing but the delay:
 * the calls it held up go at once as far as the windows and the spacing's catch-up allow.
 */
class Pump {
  /** Sorted by `order`. */
  private readonly waiting: Waiting[] = [];
  private readonly roundTrips = new RoundTrips();
  private wakeAt: number | undefined;
  private latestNow = -Infinity;

  constructor(
    private readonly limiter: SlidingWindowLimiter,
    private readonly clock: { now(): number },
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Resolves when the call may go, with when it went. */
  turn(conversationId: string, order: number, notBefore: number): Promise<CountedStart> {
    return new Promise((go) => {
      this.enqueue({ order, conversationId, notBefore, go });
      const now = this.now();
      // Nothing can go before the global windows let it; a wake-up due by then will see this call.
      if (this.wakeAt !== undefined && this.wakeAt <= Math.max(notBefore, this.limiter.globalReadyAt(now))) {
        return;
      }
      this.run(now);
    });
  }

  /**
   * Teams counts a call when it arrives, which is some time between its start and its answer. A
   * call whose round trip took longer than the fastest of late may have been held up on its way
   * out (the event loop was busy, a connection was slow), so it is counted from that much later:
   * the safety margin covers the usual spread of arrivals, not a hold-up of hundreds of ms.
   */
  ended(start: CountedStart): void {
    const now = this.now();
    const fastest = this.roundTrips.add(now - start.at);
    this.limiter.countFrom(start, now - fastest);
  }

  private enqueue(call: Waiting): void {
    const last = this.waiting.at(-1);
    if (last === undefined || last.order < call.order) {
      this.waiting.push(call);
      return;
    }
    let low = 0;
    let high = this.waiting.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.waiting[middle]?.order ?? Infinity) < call.order) low = middle + 1;
      else high = middle;
    }
    this.waiting.splice(low, 0, call);
  }

  private now(): number {
    this.latestNow = Math.max(this.latestNow, this.clock.now());
    return this.latestNow;
  }

  private run(now: number): void {
    const held = new Set<string>();
    let wake = Infinity;
    for (let index = 0; index < this.waiting.length;) {
      const call = this.waiting[index];
      if (call === undefined) break;
      if (held.has(call.conversationId)) {
        index++;
        continue;
      }
      const keyReady = Math.max(call.notBefore, this.limiter.keyReadyAt(call.conversationId, now));
      if (keyReady > now) {
        // Its conversation's later calls stay behind it.
        held.add(call.conversationId);
        wake = Math.min(wake, keyReady);
        index++;
        continue;
      }
      const globalReady = this.limiter.globalReadyAt(now);
      if (globalReady > now) {
        wake = globalReady;
        break;
      }
      this.waiting.splice(index, 1);
      call.go(this.limiter.record(call.conversationId, now));
    }
    if (wake !== Infinity) this.wakeUpAt(Math.max(wake, this.limiter.globalReadyAt(now)), now);
  }

  private wakeUpAt(at: number, now: number): void {
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.wakeAt = at;
    // Timers count whole milliseconds; waking a fraction early would only mean sleeping again.
    void this.sleep(Math.ceil(at - now)).then(() => {
      if (this.wakeAt === at) this.wakeAt = undefined;
      this.run(this.now());
    });
  }
}

/**
 * Every call to Teams' connector goes through here, so the bot stays inside Teams' rate limits
 * however many sends run at once. Each attempt (retries included, since Teams counts every request)
 * waits its turn in one shared pump, which lets it go when the limiter's windows admit it. Retryable
 * failures are tried again after a back-off that honours Retry-After; a retry keeps its place
 * before its conversation's later sends, so a throttled chat slows down as a whole and keeps its
 * order. Permanent failures (blocked, gone) are not retried. Nothing is thrown: the result says
 * what happened, and why if it failed, so the caller can report it to a coordinator.
 *
 * One instance serves one process and one tenant; instances that share a tenant must share its
 * global limit between them.
 */
export function createOutbound(options: OutboundOptions): Outbound {
  const { clock } = options;
  const pump = new Pump(new SlidingWindowLimiter(options.limits ?? DEFAULT_LIMITS), clock, options.sleep);
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  let sends = 0;

  return {
    async send<T>(conversationId: string, call: () => Promise<T>): Promise<SendResult<T>> {
      const order = sends++;
      let notBefore = clock.now();
      let firstStart: number | undefined;
      for (let attempt = 1; ; attempt++) {
        // Queued before the first await: concurrent sends, and a retry, take their place at once.
        const start = await pump.turn(conversationId, order, notBefore);
        firstStart ??= start.at;
        let failure: Failure;
        let error: unknown;
        try {
          return { ok: true, value: await call(), attempts: attempt };
        } catch (caught) {
          error = caught;
          failure = classifyFailure(caught, clock.now());
        } finally {
          pump.ended(start);
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
