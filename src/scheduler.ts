import type { Clock } from './domain/clock';
import type { Repositories } from './domain/repositories';
import { dispatchDueSends, type DispatchReport, type JobSender } from './domain/use-cases/dispatch-due-sends';
import { planDueSends } from './domain/use-cases/plan-due-sends';
import type { Logger } from './logger';

export interface TickReport extends DispatchReport {
  readonly planned: number;
}

export interface SchedulerDeps {
  readonly repositories: Repositories;
  readonly clock: Clock;
  readonly sender: JobSender;
  readonly instanceId: string;
  readonly log: Logger;
  /** 0: no timer; ticks come only from kicks and the external trigger. */
  readonly intervalMs: number;
}

/**
 * Runs "plan what is due, then send it" on a timer and on demand. Ticks of one instance run one
 * after another; a tick asked for while one runs is run right after it, so no kick is lost.
 * Every instance plans (idempotently); one at a time sends, holding the send lease, and each
 * job is claimed with an ETag besides, so no message goes out twice.
 */
export class Scheduler {
  private chain: Promise<unknown> = Promise.resolve();
  private queued?: Promise<TickReport>;
  private timer?: NodeJS.Timeout;
  private readonly stopping = new AbortController();
  /** Steps this instance planned already: a tick plans only what is new (see planDueSends). */
  private readonly planned = new Set<string>();

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (this.deps.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
    this.timer.unref();
  }

  /**
   * Stops the timer and any run under way: sends already started finish and are recorded,
   * claimed jobs not yet started are given back, and the send lease is released, so another
   * instance carries on at once and nothing is sent twice.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.chain;
  }

  tick(): Promise<TickReport> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      return this.runOnce();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runOnce(): Promise<TickReport> {
    const { repositories, clock, sender, instanceId, log } = this.deps;
    try {
      const { created } = await planDueSends({ ...repositories, clock, planned: this.planned });
      const report = await dispatchDueSends({
        ...repositories,
        clock,
        sender,
        instanceId,
        signal: this.stopping.signal,
        onFailure: ({ jobId, kind, roundId, recipientId, reason, attempts, retryAt }) => {
          log.warn(
            { job: jobId, kind, round: roundId, recipient: recipientId, reason, attempts, retryAt },
            retryAt ? 'send failed, tried again later' : 'send failed, given up',
          );
        },
      });
      if (this.stopping.signal.aborted && report.released > 0) {
        log.info({ released: report.released }, 'stopped: unsent jobs given back');
      }
      if (created + report.sent + report.failed + report.retried > 0) {
        log.info({ planned: created, ...report }, 'scheduler tick');
      }
      return { planned: created, ...report };
    } catch (error) {
      log.error({ err: error }, 'scheduler tick failed');
      throw error;
    }
  }
}
