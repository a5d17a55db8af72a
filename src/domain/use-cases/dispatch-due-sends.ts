import { awaitsAnswer } from '../review';
import type { Clock } from '../clock';
import {
  isChannelTarget,
  isReachable,
  type Contact,
  type DigestChannel,
  type Round,
  type StatusUpdate,
} from '../model';
import type {
  ContactRepository,
  DigestChannelRepository,
  LeaseRepository,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
  Versioned,
} from '../repositories';
import { sendJobId, type SendJob } from '../send-job';
import { progressOf, type RoundProgress } from './weekly-digest';

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

/**
 * What one kind of job's message needs beyond the job, its round and its recipient: a project's
 * status update for the messages about one project, the round's figures for the digests.
 */
export type DeliveryContent =
  | {
      readonly kind: 'ask' | 'reminder' | 'answered' | 'reviewed' | 'sentBack' | 'ownership';
      readonly update: StatusUpdate;
    }
  /** The projects still without an answer, and how many projects the round has. */
  | { readonly kind: 'digest'; readonly missing: readonly StatusUpdate[]; readonly total: number }
  /** How many answers wait for a reviewer now. */
  | { readonly kind: 'reviewDigest'; readonly waiting: number }
  /** How far the round is, read when the digest is posted in a team channel. */
  | { readonly kind: 'weekly'; readonly progress: RoundProgress }
  | { readonly kind: 'digestStopped' };

/** Everything needed to render and deliver one job, keyed by the job's kind. */
export type Delivery = {
  readonly job: SendJob;
  readonly round: Round;
  readonly contact: Contact;
} & DeliveryContent;

export interface JobSender {
  send(delivery: Delivery): Promise<SendOutcome>;
}

export interface DispatchDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly digestChannels: DigestChannelRepository;
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
  /**
   * With leases, one instance at a time sends: Teams' 50 requests per second are per app and
   * tenant, so instances that each sent at full speed would together overrun the limit. The
   * others stand by and take over when the sender's lease runs out.
   */
  readonly leases?: LeaseRepository;
  readonly sendLeaseMs?: number;
  /**
   * Aborted (shutdown): no more jobs are taken, jobs claimed but not started are given back,
   * and sends already under way are finished and recorded, so nothing is lost or sent twice.
   */
  readonly signal?: AbortSignal;
}

export interface DispatchReport {
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  /** Jobs another instance claimed between our read and our claim. */
  lostRaces: number;
  /** Jobs claimed but given back unsent because the run was stopped. */
  released: number;
  /** Store calls that failed (a timeout under load) and were tried again. */
  storeRetries: number;
  /** True when another instance holds the send lease, so this one sent nothing. */
  standby: boolean;
}

/** The lease that makes one instance at a time the sender. */
export const SEND_LEASE = 'send-dispatcher';
/** Short, so a dead sender is replaced within a minute; renewed every third of it. */
const DEFAULT_SEND_LEASE_MS = 60_000;

const MIN_RETRY_DELAY_MS = 5_000;

/**
 * Sends every job that is due, each exactly once across all instances: a job is claimed by
 * replacing it with a lease under its ETag, so of two instances only one wins; a lease that runs
 * out (its instance died) lets another instance take the job over. A reminder for a project
 * answered in the meantime is skipped, as is a weekly digest for a channel that switched it off;
 * an owner the bot cannot reach is marked with the reason instead of being retried for ever.
 */
export async function dispatchDueSends(deps: DispatchDeps): Promise<DispatchReport> {
  const report: DispatchReport = {
    sent: 0,
    skipped: 0,
    failed: 0,
    retried: 0,
    lostRaces: 0,
    released: 0,
    storeRetries: 0,
    standby: false,
  };
  if (deps.signal?.aborted) return report;
  const lease = deps.leases ? await holdSendLease(deps.leases, deps) : undefined;
  if (deps.leases && !lease) return { ...report, standby: true };
  const signal = lease ? anySignal(deps.signal, lease.lost) : deps.signal;
  try {
    for (const round of await deps.rounds.listOpen()) {
      if (signal?.aborted) break;
      await dispatchRound(round, deps, report, signal);
    }
  } finally {
    await lease?.release();
  }
  return report;
}

interface HeldLease {
  /** Aborts if the lease could not be renewed: another instance may be sending now. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/** Takes the send lease and keeps renewing it until released; undefined when another instance has it. */
async function holdSendLease(leases: LeaseRepository, deps: DispatchDeps): Promise<HeldLease | undefined> {
  const leaseMs = deps.sendLeaseMs ?? DEFAULT_SEND_LEASE_MS;
  const take = () => {
    const now = deps.clock.now();
    return leases.acquire(SEND_LEASE, deps.instanceId, new Date(now.getTime() + leaseMs), now);
  };
  if (!(await take())) return undefined;
  const lost = new AbortController();
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = take().then(
      (kept) => {
        if (!kept) lost.abort();
      },
      () => {
        lost.abort();
      },
    );
  }, leaseMs / 3);
  timer.unref();
  return {
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      await renewing;
      if (!lost.signal.aborted) await leases.release(SEND_LEASE, deps.instanceId);
    },
  };
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((signal) => signal !== undefined));
}

/**
 * Keeps `concurrency` workers busy with a buffer of claimed jobs that is topped up before it
 * runs dry, so the pace is set by the sender's rate limiter and not by batch boundaries. Jobs
 * are claimed when they enter the buffer: a claimed job is never listed again, so no job can
 * enter the buffer twice. A store call that fails once is tried again (see `Store`); when the
 * store keeps failing, every worker stops taking jobs, and what was claimed but not sent goes
 * back, so the next run sends it at once instead of waiting for its lease to run out.
 */
async function dispatchRound(
  round: Round,
  deps: DispatchDeps,
  report: DispatchReport,
  signal: AbortSignal | undefined,
): Promise<void> {
  const concurrency = deps.concurrency ?? 100;
  const batchSize = deps.batchSize ?? 200;
  const store = new Store(report);
  const buffer: Versioned<SendJob>[] = [];
  let exhausted = false;
  let failure: Error | undefined;
  let refilling: Promise<void> | undefined;
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
  };

  const refill = (): Promise<void> =>
    (refilling ??= (async () => {
      try {
        const listed = await store.call(() =>
          deps.sendJobs.listClaimable(round.id, deps.clock.now(), batchSize),
        );
        if (listed.length === 0) exhausted = true;
        await inParallel(listed, CLAIMS_IN_PARALLEL, async (job) => {
          const claimed = await claim(job, deps, store);
          if (claimed) buffer.push(claimed);
          else report.lostRaces++;
        });
      } catch (error) {
        fail(error);
      } finally {
        refilling = undefined;
      }
    })());

  const take = async (): Promise<Versioned<SendJob> | undefined> => {
    for (;;) {
      if (signal?.aborted) return undefined;
      if (failure) throw failure;
      if (!exhausted && buffer.length < concurrency) void refill();
      const job = buffer.shift();
      if (job) return job;
      if (exhausted) return undefined;
      await refill();
    }
  };

  // Settled, not raced: one failing worker must not leave the others running unwatched.
  const outcomes = await Promise.allSettled(
    Array.from({ length: concurrency }, async () => {
      for (let job = await take(); job; job = await take()) {
        try {
          await deliver(job, round, deps, report, store);
        } catch (error) {
          // The others stop too: the store is down, and each of them would only fail the same way.
          fail(error);
          throw error;
        }
      }
    }),
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (!signal?.aborted && !failed) return;
  // Stopped, or the store failed mid-run: what was claimed but not started goes back, so the
  // next run sends it at once instead of waiting for these leases to run out.
  await refilling;
  await inParallel(buffer.splice(0), CLAIMS_IN_PARALLEL, async (claimed) => {
    if (await giveBack(claimed, deps).catch(() => undefined)) report.released++;
  });
  if (failed) throw failed.reason;
}

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
class Store {
  private failures = 0;

  constructor(private readonly report: DispatchReport) {}

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

function giveBack(claimed: Versioned<SendJob>, deps: DispatchDeps): Promise<Versioned<SendJob> | undefined> {
  const { leaseOwner: _owner, leaseUntil: _until, ...job } = claimed.value;
  return deps.sendJobs.replace(
    { ...job, state: 'pending', attempts: job.attempts - 1, updatedAt: deps.clock.now().toISOString() },
    claimed.etag,
  );
}

const CLAIMS_IN_PARALLEL = 16;

/**
 * Longer than the outbound path may spend on one send (retries included, 5 minutes) plus the
 * time a job waits in the buffer, so a live instance never loses a job it is still sending.
 */
const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Takes a job for this instance: only one of several instances racing for it succeeds. When the
 * store's answer is lost (a timeout), the claim may have been stored all the same; then it is
 * read back, and the job is ours only if it carries this very claim. Without that, a claim that
 * was stored but not answered would hold the job unsent until its lease ran out.
 */
async function claim(
  listed: Versioned<SendJob>,
  deps: DispatchDeps,
  store: Store,
): Promise<Versioned<SendJob> | undefined> {
  const now = deps.clock.now();
  const claimed: SendJob = {
    ...listed.value,
    state: 'sending',
    attempts: listed.value.attempts + 1,
    leaseOwner: deps.instanceId,
    leaseUntil: new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
    updatedAt: now.toISOString(),
  };
  try {
    return await deps.sendJobs.replace(claimed, listed.etag);
  } catch (error) {
    store.rideOut(error);
    const stored = await store.call(() => deps.sendJobs.get(claimed.roundId, claimed.id));
    const ours =
      stored?.value.state === 'sending' &&
      stored.value.leaseOwner === claimed.leaseOwner &&
      stored.value.leaseUntil === claimed.leaseUntil;
    return ours ? stored : undefined;
  }
}

async function deliver(
  claimed: Versioned<SendJob>,
  round: Round,
  deps: DispatchDeps,
  report: DispatchReport,
  store: Store,
): Promise<void> {
  const job = claimed.value;
  const finish = async (change: Partial<SendJob>) => {
    const { leaseOwner: _owner, leaseUntil: _until, ...unleased } = job;
    // Tried again when the answer is lost: an etag that no longer matches then means the first
    // try was stored, so a conflict is not an error here.
    await store.call(() =>
      deps.sendJobs.replace(
        { ...unleased, ...change, updatedAt: deps.clock.now().toISOString() },
        claimed.etag,
      ),
    );
  };

  let prepared: Prepared;
  try {
    prepared = await prepare(job, round, deps, store);
  } catch (error) {
    // Nothing was sent: the job goes back, to be sent at once by the next run.
    await giveBack(claimed, deps).catch(() => undefined);
    throw error;
  }
  if ('skip' in prepared) {
    const failed = prepared.skip === 'no-contact' || prepared.skip === 'no-project';
    report[failed ? 'failed' : 'skipped']++;
    await finish({ state: failed ? 'failed' : 'skipped', reason: prepared.skip });
    return;
  }
  const { delivery, channel } = prepared;

  let outcome: SendOutcome;
  try {
    outcome = await deps.sender.send(delivery);
  } catch (error) {
    outcome = {
      ok: false,
      permanent: false,
      reason: error instanceof Error ? error.message : 'send failed',
      retryAt: new Date(deps.clock.now().getTime() + 60_000),
    };
  }
  // The outcome is stored before anything else is done with it: a card Teams accepted but that
  // is not recorded as sent would be sent again once the lease ran out.
  if (outcome.ok) {
    report.sent++;
    await finish({ state: 'sent', activityId: outcome.activityId, reason: undefined });
    if (outcome.newAddress) await rememberNewAddress(delivery.contact, outcome.newAddress, deps, store);
  } else if (outcome.permanent || job.attempts >= (deps.maxAttempts ?? 5)) {
    report.failed++;
    await finish({ state: 'failed', reason: outcome.reason });
    if (channel && outcome.permanent) {
      await stopDigest(job, channel, delivery.contact, outcome.reason, deps, store);
    }
  } else {
    report.retried++;
    // Never straight back into this run's loop: a "retry now" would spin through every attempt.
    const retryAt = Math.max(outcome.retryAt.getTime(), deps.clock.now().getTime() + MIN_RETRY_DELAY_MS);
    await finish({ state: 'pending', reason: outcome.reason, dueAt: new Date(retryAt).toISOString() });
  }
}

type Prepared =
  | { readonly skip: 'answered' | 'nothing-waiting' | 'switched-off' | 'no-contact' | 'no-project' }
  | { readonly delivery: Delivery; readonly channel: DigestChannel | undefined };

/** Reads what the job's message needs, or says why it is not to be sent (any more). */
async function prepare(job: SendJob, round: Round, deps: DispatchDeps, store: Store): Promise<Prepared> {
  // Two independent point reads: in parallel, since every millisecond here is a millisecond
  // the rate limiter's slot may go unused.
  const [stored, contact] = await Promise.all([
    job.projectId ? store.call(() => deps.statusUpdates.get(round.id, job.projectId ?? '')) : undefined,
    store.call(() => recipientOf(job, deps.contacts)),
  ]);
  const update = stored?.value;
  // A reminder, or the news of a send-back, about an answer that came in meanwhile is old news.
  if ((job.kind === 'reminder' || job.kind === 'sentBack') && update && !awaitsAnswer(update)) {
    return { skip: 'answered' };
  }
  const waiting =
    job.kind === 'reviewDigest'
      ? await store.call(() => deps.statusUpdates.countAwaitingReview(round.id, {}))
      : undefined;
  if (waiting === 0) return { skip: 'nothing-waiting' };
  const channel =
    job.kind === 'weekly' ? await store.call(() => digestChannelOf(job, deps.digestChannels)) : undefined;
  if (job.kind === 'weekly' && !channel) return { skip: 'switched-off' };
  if (!contact || !isReachable(contact)) return { skip: 'no-contact' };
  const base = { job, round, contact };
  const { kind } = job;
  switch (kind) {
    case 'digest': {
      const all = await store.call(() => deps.statusUpdates.listLatestByRound(round.id));
      const missing = all.filter((u) => awaitsAnswer(u));
      return { delivery: { ...base, kind, missing, total: all.length }, channel };
    }
    case 'weekly': {
      const progress = progressOf(await store.call(() => deps.statusUpdates.listLatestByRound(round.id)));
      return { delivery: { ...base, kind, progress }, channel };
    }
    case 'reviewDigest':
      return { delivery: { ...base, kind, waiting: waiting ?? 0 }, channel };
    case 'digestStopped':
      return { delivery: { ...base, kind }, channel };
    case 'ask':
    case 'reminder':
    case 'answered':
    case 'reviewed':
    case 'sentBack':
    case 'ownership':
      // A job about a project whose status update is gone can never be sent: not retried.
      return update ? { delivery: { ...base, kind, update }, channel } : { skip: 'no-project' };
  }
}

/**
 * A team channel gets the weekly digest and nothing else, and the weekly digest goes to channels
 * only: whatever a register names as an owner, a status card never lands in a team channel.
 */
function recipientOf(job: SendJob, contacts: ContactRepository): Promise<Contact | undefined> {
  const toChannel = job.kind === 'weekly';
  if (toChannel !== isChannelTarget(job.recipientId)) return Promise.resolve(undefined);
  return toChannel ? contacts.get(job.recipientId) : contacts.find(job.recipientId);
}

/** The channel's entry; none when it was switched off after the digest was planned (`weekoverzicht uit`). */
async function digestChannelOf(
  job: SendJob,
  digestChannels: DigestChannelRepository,
): Promise<DigestChannel | undefined> {
  return (await digestChannels.list()).find((channel) => channel.channelId === job.recipientId);
}

/**
 * A channel the digest can never reach again (the bot was removed from the team, the channel was
 * deleted) is switched off, instead of failing silently every week, and whoever switched it on is
 * told, in their 1:1 chat, as a send job of its own.
 */
async function stopDigest(
  job: SendJob,
  channel: DigestChannel,
  contact: Contact,
  reason: string,
  deps: DispatchDeps,
  store: Store,
): Promise<void> {
  await store.call(() => deps.digestChannels.remove(channel.channelId));
  const now = deps.clock.now().toISOString();
  await store.call(() =>
    deps.sendJobs.createMany([
      {
        id: sendJobId(`digest-stopped-${job.stepKey}`, undefined, channel.by),
        roundId: job.roundId,
        stepKey: `digest-stopped-${job.stepKey}`,
        kind: 'digestStopped',
        recipientId: channel.by,
        channelName: contact.name,
        reason,
        dueAt: now,
        state: 'pending',
        attempts: 0,
        updatedAt: now,
      },
    ]),
  );
}

/**
 * Stores the 1:1 chat the sender started. Read again first: the person may have opened the app
 * meanwhile, and that address is as good as ours.
 */
async function rememberNewAddress(
  contact: Contact,
  address: Readonly<Record<string, unknown>>,
  deps: DispatchDeps,
  store: Store,
): Promise<void> {
  const current = (await store.call(() => deps.contacts.get(contact.userId))) ?? contact;
  if (current.address) return;
  await store.call(() =>
    deps.contacts.upsert({ ...current, address, updatedAt: deps.clock.now().toISOString() }),
  );
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
