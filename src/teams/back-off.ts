import type { Clock } from '../domain/clock';

/** One try at something the bot depends on; end it with exactly one of these. */
export interface Attempt {
  succeeded(): void;
  /** Returns how long the pause before the next try is, in milliseconds. */
  failed(): number;
  /** Ended without telling whether the dependency answers (say, a bad token refused before it was needed). */
  inconclusive(): void;
}

/**
 * A pause after something the bot depends on failed: 1 s, doubling up to a minute while it keeps
 * failing, none once a try succeeds. Once it has failed, one try at a time: a burst of requests
 * does not all knock on a door that did not open.
 */
export class BackOff {
  private failures = 0;
  private pauseUntil = 0;
  private probing = false;

  constructor(
    private readonly clock: Clock,
    private readonly firstPauseMs = 1000,
    private readonly longestPauseMs = 60_000,
  ) {}

  /** A try, or undefined while pausing (or while the one try after a failure is under way). */
  begin(): Attempt | undefined {
    let probe = false;
    if (this.failures > 0) {
      if (this.probing || this.remainingMs() > 0) return undefined;
      this.probing = probe = true;
    }
    const end = () => {
      if (probe) this.probing = false;
    };
    return {
      succeeded: () => {
        end();
        this.failures = 0;
        this.pauseUntil = 0;
      },
      failed: () => {
        end();
        return this.failed();
      },
      inconclusive: end,
    };
  }

  /** Milliseconds until the next try may start (0: now). */
  remainingMs(): number {
    return Math.max(0, this.pauseUntil - this.clock.now().getTime());
  }

  /** Failures that end while a pause already runs (tries under way together) count once. */
  private failed(): number {
    const now = this.clock.now().getTime();
    if (now >= this.pauseUntil) {
      this.failures++;
      this.pauseUntil = now + Math.min(this.firstPauseMs * 2 ** (this.failures - 1), this.longestPauseMs);
    }
    return this.pauseUntil - now;
  }
}
