/**
 * How the dispatcher talks to the store within one run: calls that ride out a short failure, and
 * work spread over a few parallel workers.
 */

/** Store calls of one job are tried this often before the run takes the store to be down. */
const STORE_ATTEMPTS = 3;
/** Failed store calls a run rides out in all; past this the store is down, not slow. */
const STORE_FAILURES_PER_RUN = 20;

/**
 * The run's store calls, each tried again when it fails. Under load a point operation can run
 * past its timeout while the store is fine, and one slow answer must not cost a run or leave a
 * job claimed for the length of its lease. The timeout has already waited, so the next try goes
 * at once; a store that keeps failing stops the run.
 */
export class Store {
  private failures = 0;

  constructor(private readonly report: { storeRetries: number }) {}

  async call<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (attempt >= STORE_ATTEMPTS) throw error;
        this.rideOut(error);
      }
    }
  }

  /** Counts a failure the run goes on after; rethrows it once the store has failed too often. */
  rideOut(error: unknown): void {
    if (++this.failures > STORE_FAILURES_PER_RUN) throw error;
    this.report.storeRetries++;
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
