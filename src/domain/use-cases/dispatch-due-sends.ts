import type { Clock } from '../clock';
import { isReachable, type Contact, type Round, type StatusUpdate } from '../model';
import type {
  ContactRepository,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
  Versioned,
} from '../repositories';
import type { SendJob } from '../send-job';

/** What the chat platform made of one send. */
export type SendOutcome =
  | {
      readonly ok: true;
      readonly activityId?: string;
      /** A 1:1 chat the sender had to start first; kept so the next send goes straight there. */
      readonly newAddress?: Readonly<Record<string, unknown>>;
    }
  | { readonly ok: false; readonly permanent: true; readonly reason: string }
  | { readonly ok: false; readonly permanent: false; readonly reason: string; readonly retryAt: Date };

/** Everything needed to render and deliver one job. */
export interface Delivery {
  readonly job: SendJob;
  readonly round: Round;
  readonly contact: Contact;
  /** The project asked about; absent for a digest. */
  readonly update?: StatusUpdate;
  /** For a digest: the projects still without an answer, and how many projects the round has. */
  readonly missing?: readonly StatusUpdate[];
  readonly total?: number;
}

export interface JobSender {
  send(delivery: Delivery): Promise<SendOutcome>;
}

export interface DispatchDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly sendJobs: SendJobRepository;
  readonly clock: Clock;
  readonly sender: JobSender;
  /** Names this process in leases, so a job is taken over only when its owner stopped. */
  readonly instanceId: string;
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** Jobs in flight at once; the sender's limiter decides the real pace. */
  readonly concurrency?: number;
  readonly maxAttempts?: number;
}

export interface DispatchReport {
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  /** Jobs another instance claimed between our read and our claim. */
  lostRaces: number;
}

const MIN_RETRY_DELAY_MS = 5_000;

/**
 * Sends every job that is due, each exactly once across all instances: a job is claimed by
 * replacing it with a lease under its ETag, so of two instances only one wins; a lease that runs
 * out (its instance died) lets another instance take the job over. A reminder for a project
 * answered in the meantime is skipped; an owner the bot cannot reach is marked with the reason
 * instead of being retried for ever.
 */
export async function dispatchDueSends(deps: DispatchDeps): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, skipped: 0, failed: 0, retried: 0, lostRaces: 0 };
  for (const round of await deps.rounds.listOpen()) await dispatchRound(round, deps, report);
  return report;
}

/**
 * Keeps `concurrency` workers busy with a buffer of claimed jobs that is topped up before it
 * runs dry, so the pace is set by the sender's rate limiter and not by batch boundaries. Jobs
 * are claimed when they enter the buffer: a claimed job is never listed again, so no job can
 * enter the buffer twice.
 */
async function dispatchRound(round: Round, deps: DispatchDeps, report: DispatchReport): Promise<void> {
  const concurrency = deps.concurrency ?? 100;
  const batchSize = deps.batchSize ?? 200;
  const buffer: Versioned<SendJob>[] = [];
  let exhausted = false;
  let failure: Error | undefined;
  let refilling: Promise<void> | undefined;

  const refill = (): Promise<void> =>
    (refilling ??= (async () => {
      try {
        const listed = await deps.sendJobs.listClaimable(round.id, deps.clock.now(), batchSize);
        if (listed.length === 0) exhausted = true;
        await inParallel(listed, CLAIMS_IN_PARALLEL, async (job) => {
          const claimed = await claim(job, deps);
          if (claimed) buffer.push(claimed);
          else report.lostRaces++;
        });
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      } finally {
        refilling = undefined;
      }
    })());

  const take = async (): Promise<Versioned<SendJob> | undefined> => {
    for (;;) {
      if (failure) throw failure;
      if (!exhausted && buffer.length < concurrency) void refill();
      const job = buffer.shift();
      if (job) return job;
      if (exhausted) return undefined;
      await refill();
    }
  };

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let job = await take(); job; job = await take()) await deliver(job, round, deps, report);
    }),
  );
}

const CLAIMS_IN_PARALLEL = 16;

/**
 * Longer than the outbound path may spend on one send (retries included, 5 minutes) plus the
 * time a job waits in the buffer, so a live instance never loses a job it is still sending.
 */
const DEFAULT_LEASE_MS = 10 * 60_000;

/** Takes a job for this instance: only one of several instances racing for it succeeds. */
function claim(listed: Versioned<SendJob>, deps: DispatchDeps): Promise<Versioned<SendJob> | undefined> {
  const now = deps.clock.now();
  return deps.sendJobs.replace(
    {
      ...listed.value,
      state: 'sending',
      attempts: listed.value.attempts + 1,
      leaseOwner: deps.instanceId,
      leaseUntil: new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
      updatedAt: now.toISOString(),
    },
    listed.etag,
  );
}

async function deliver(
  claimed: Versioned<SendJob>,
  round: Round,
  deps: DispatchDeps,
  report: DispatchReport,
): Promise<void> {
  const finish = async (change: Partial<SendJob>) => {
    const { leaseOwner: _owner, leaseUntil: _until, ...job } = claimed.value;
    await deps.sendJobs.replace(
      { ...job, ...change, updatedAt: deps.clock.now().toISOString() },
      claimed.etag,
    );
  };

  const job = claimed.value;
  // Two independent point reads: in parallel, since every millisecond here is a millisecond
  // the rate limiter's slot may go unused.
  const [stored, contact] = await Promise.all([
    job.projectId ? deps.statusUpdates.get(round.id, job.projectId) : undefined,
    deps.contacts.find(job.recipientId),
  ]);
  const update = stored?.value;
  if (job.kind === 'reminder' && update && update.versions.length > 0) {
    report.skipped++;
    await finish({ state: 'skipped', reason: 'answered' });
    return;
  }
  if (!contact || !isReachable(contact)) {
    report.failed++;
    await finish({ state: 'failed', reason: 'no-contact' });
    return;
  }
  const all = job.kind === 'digest' ? await deps.statusUpdates.listByRound(round.id) : undefined;
  const missing = all?.filter((u) => u.versions.length === 0);

  let outcome: SendOutcome;
  try {
    outcome = await deps.sender.send({ job, round, contact, update, missing, total: all?.length });
  } catch (error) {
    outcome = {
      ok: false,
      permanent: false,
      reason: error instanceof Error ? error.message : 'send failed',
      retryAt: new Date(deps.clock.now().getTime() + 60_000),
    };
  }
  if (outcome.ok) {
    report.sent++;
    if (outcome.newAddress) await rememberNewAddress(contact, outcome.newAddress, deps);
    await finish({ state: 'sent', activityId: outcome.activityId, reason: undefined });
  } else if (outcome.permanent || job.attempts >= (deps.maxAttempts ?? 5)) {
    report.failed++;
    await finish({ state: 'failed', reason: outcome.reason });
  } else {
    report.retried++;
    // Never straight back into this run's loop: a "retry now" would spin through every attempt.
    const retryAt = Math.max(outcome.retryAt.getTime(), deps.clock.now().getTime() + MIN_RETRY_DELAY_MS);
    await finish({ state: 'pending', reason: outcome.reason, dueAt: new Date(retryAt).toISOString() });
  }
}

/**
 * Stores the 1:1 chat the sender started. Read again first: the person may have opened the app
 * meanwhile, and that address is as good as ours.
 */
async function rememberNewAddress(
  contact: Contact,
  address: Readonly<Record<string, unknown>>,
  deps: DispatchDeps,
): Promise<void> {
  const current = (await deps.contacts.get(contact.userId)) ?? contact;
  if (current.address) return;
  await deps.contacts.upsert({ ...current, address, updatedAt: deps.clock.now().toISOString() });
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(
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
