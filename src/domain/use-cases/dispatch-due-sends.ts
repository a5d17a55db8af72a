import type { Clock } from '../clock';
import type { Contact, DigestChannel, Round } from '../model';
import type {
  ContactRepository,
  DigestChannelRepository,
  LeaseRepository,
  ReminderTallyRepository,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
  Versioned,
} from '../repositories';
import {
  countsAsReminder,
  decideCap,
  goesWithOtherRounds,
  reminderWeek,
  type ReminderTally,
} from '../reminder-bundle';
import { isDelegatedAsk, sendJobId, type SendJob } from '../send-job';
import {
  prepare,
  type Delivery,
  type JobSender,
  type Prepared,
  type RoundUpdates,
  type SendOutcome,
} from './delivery';
import { inParallel, Store } from './dispatch-store';

export type { Delivery, DeliveryContent, JobSender, RoundUpdates, SendOutcome } from './delivery';

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
  /** Each person's reminders this week, for the weekly cap; without it, reminders are not capped. */
  readonly reminderTallies?: ReminderTallyRepository;
  /**
   * Aborted (shutdown): no more jobs are taken, jobs claimed but not started are given back,
   * and sends already under way are finished and recorded, so nothing is lost or sent twice.
   */
  readonly signal?: AbortSignal;
  /**
   * Told of every send that failed, given up or to be tried again, so the caller can log it:
   * a failure must be findable by job and recipient, not only counted in the run's report.
   */
  readonly onFailure?: (failure: SendFailure) => void;
}

/** One send that failed: which job, to whom, and why. */
export interface SendFailure {
  readonly jobId: string;
  readonly kind: SendJob['kind'];
  readonly roundId: string;
  readonly recipientId: string;
  readonly reason: string;
  readonly attempts: number;
  /** When it is tried again; absent when the job was given up. */
  readonly retryAt?: string;
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
    const open = await deps.rounds.listOpen();
    for (const round of open) {
      if (signal?.aborted) break;
      const others = open.filter((other) => other.id !== round.id);
      await dispatchRound(round, others, deps, report, signal);
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
  others: readonly Round[],
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
        await inParallel(spreadByRecipient(listed), CLAIMS_IN_PARALLEL, async (job) => {
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
          await deliver(job, round, others, deps, report, store);
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

/** Back to pending, unsent and not counted as an attempt; due at `dueAt` if given, else as it was. */
function giveBack(
  claimed: Versioned<SendJob>,
  deps: DispatchDeps,
  dueAt?: string,
): Promise<Versioned<SendJob> | undefined> {
  const { leaseOwner: _owner, leaseUntil: _until, ...job } = claimed.value;
  return deps.sendJobs.replace(
    {
      ...job,
      state: 'pending',
      attempts: job.attempts - 1,
      ...(dueAt ? { dueAt } : {}),
      updatedAt: deps.clock.now().toISOString(),
    },
    claimed.etag,
  );
}

const CLAIMS_IN_PARALLEL = 16;

/**
 * The jobs in turns per recipient: everyone's first, then everyone's second, and so on, each in
 * the order listed. An owner's cards are listed side by side, and taken side by side they would
 * hold several workers waiting on one conversation (its own limits, a retry's back-off) while
 * other people's cards wait behind them.
 */
export function spreadByRecipient<T extends { readonly value: { readonly recipientId: string } }>(
  jobs: readonly T[],
): T[] {
  const turns: T[][] = [];
  const seen = new Map<string, number>();
  for (const job of jobs) {
    const turn = seen.get(job.value.recipientId) ?? 0;
    seen.set(job.value.recipientId, turn + 1);
    (turns[turn] ??= []).push(job);
  }
  return turns.flat();
}

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
  others: readonly Round[],
  deps: DispatchDeps,
  report: DispatchReport,
  store: Store,
): Promise<void> {
  const job = claimed.value;
  const failed = (reason: string, retryAt?: string) =>
    deps.onFailure?.({
      jobId: job.id,
      kind: job.kind,
      roundId: job.roundId,
      recipientId: job.recipientId,
      reason,
      attempts: job.attempts,
      ...(retryAt ? { retryAt } : {}),
    });
  const finish = (change: Partial<SendJob>) => record(claimed, change, deps, store);

  let prepared: Prepared;
  let counted: ReminderTally | 'capped' | undefined;
  try {
    prepared = await prepare(job, round, deps, store);
    if (!('skip' in prepared)) {
      counted = await countUnderCap(job, round, prepared.delivery.contact.userId, deps, store);
    }
  } catch (error) {
    // Nothing was sent: the job goes back, to be sent at once by the next run.
    await giveBack(claimed, deps).catch(() => undefined);
    throw error;
  }
  if ('skip' in prepared) {
    const unsendable = prepared.skip === 'no-contact' || prepared.skip === 'no-project';
    report[unsendable ? 'failed' : 'skipped']++;
    await finish({ state: unsendable ? 'failed' : 'skipped', reason: prepared.skip });
    if (unsendable) {
      failed(prepared.skip);
      if (isDelegatedAsk(job)) await tellDelegator(job, prepared.skip, deps, store);
    }
    return;
  }
  const { delivery, channel, narrowedTo } = prepared;
  if (counted === 'capped') {
    // Recorded on the job, never silently dropped: `status` and the job say why.
    report.skipped++;
    await finish({ state: 'skipped', reason: 'capped' });
    return;
  }

  // Other rounds' reminders to this person at this moment go in the same message.
  const along =
    others.length > 0 && goesWithOtherRounds(job) ? await takeAlong(delivery, others, deps, store) : [];
  const message = along.length > 0 ? together(delivery, along) : delivery;

  let outcome: SendOutcome;
  try {
    outcome = await deps.sender.send(message);
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
    // A message about projects of several rounds is no one project's card: none is updated in place.
    const carries = along.length > 0 ? { projectId: undefined } : narrowedTo ? { projectId: narrowedTo } : {};
    await finish({ state: 'sent', activityId: outcome.activityId, reason: undefined, ...carries });
    await inParallel(along, CLAIMS_IN_PARALLEL, ({ claimed: taken }) =>
      record(
        taken,
        {
          state: 'sent',
          activityId: outcome.activityId,
          reason: undefined,
          projectId: undefined,
          sentWith: job.id,
        },
        deps,
        store,
      ),
    );
    report.sent += along.length;
    if (outcome.newAddress) await rememberNewAddress(delivery.contact, outcome.newAddress, deps, store);
  } else if (outcome.permanent || job.attempts >= (deps.maxAttempts ?? 5)) {
    // What was taken along goes back, to be sent or given up by its own round's run.
    await giveAllBack(along, deps);
    report.failed++;
    await finish({ state: 'failed', reason: outcome.reason });
    failed(outcome.reason);
    if (counted) await uncount(job, counted, deps, store).catch(() => undefined);
    if (channel && outcome.permanent) {
      await stopDigest(job, channel, delivery.contact, outcome.reason, deps, store);
    }
    if (isDelegatedAsk(job)) await tellDelegator(job, outcome.reason, deps, store);
  } else {
    report.retried++;
    // Never straight back into this run's loop: a "retry now" would spin through every attempt.
    const retryAt = Math.max(outcome.retryAt.getTime(), deps.clock.now().getTime() + MIN_RETRY_DELAY_MS);
    const dueAt = new Date(retryAt).toISOString();
    await finish({ state: 'pending', reason: outcome.reason, dueAt });
    // Due again at the same moment, so the retry takes them along again.
    await giveAllBack(along, deps, dueAt);
    failed(outcome.reason, dueAt);
  }
}

/**
 * Records what became of a claimed job, and lets its lease go. Tried again when the answer is
 * lost: an etag that no longer matches then means the first try was stored, so a conflict is not
 * an error here.
 */
async function record(
  claimed: Versioned<SendJob>,
  change: Partial<SendJob>,
  deps: DispatchDeps,
  store: Store,
): Promise<void> {
  const { leaseOwner: _owner, leaseUntil: _until, ...unleased } = claimed.value;
  await store.call(() =>
    deps.sendJobs.replace(
      { ...unleased, ...change, updatedAt: deps.clock.now().toISOString() },
      claimed.etag,
    ),
  );
}

/** A reminder of another round, claimed to go in this message, with its projects still waiting. */
interface TakenAlong {
  readonly claimed: Versioned<SendJob>;
  readonly group: RoundUpdates;
}

/**
 * Claims the reminders of other open rounds that are due to the same person now, under any name
 * the person goes by, and reads what each still holds. A reminder with nothing left to send, or one
 * that cannot be read now, is given back: its own round's run records why, or sends it. Neither
 * holds up this message.
 */
async function takeAlong(
  delivery: Delivery,
  others: readonly Round[],
  deps: DispatchDeps,
  store: Store,
): Promise<TakenAlong[]> {
  const { job, contact } = delivery;
  const names = [...new Set([job.recipientId, contact.userId, ...(contact.email ? [contact.email] : [])])];
  const taken: TakenAlong[] = [];
  for (const round of others) {
    const listed = await store
      .call(() => deps.sendJobs.listClaimableReminders(round.id, names, deps.clock.now()))
      .catch(() => []);
    for (const candidate of listed.filter((listedJob) => goesWithOtherRounds(listedJob.value))) {
      const claimed = await claim(candidate, deps, store).catch(() => undefined);
      if (!claimed) continue;
      const prepared = await prepare(claimed.value, round, deps, store).catch(() => undefined);
      if (!prepared || 'skip' in prepared) {
        await giveBack(claimed, deps).catch(() => undefined);
        continue;
      }
      taken.push({ claimed, group: { round, updates: updatesOf(prepared.delivery) } });
    }
  }
  return taken;
}

function updatesOf(delivery: Delivery): RoundUpdates['updates'] {
  if (delivery.kind === 'bundle') return delivery.updates;
  if (delivery.kind === 'reminder') return [delivery.update];
  return [];
}

/** One bundled reminder of this round's projects and those taken along from other rounds. */
function together(delivery: Delivery, along: readonly TakenAlong[]): Delivery {
  const { job, round, contact } = delivery;
  return {
    job,
    round,
    contact,
    kind: 'bundle',
    step: 'reminder',
    updates: updatesOf(delivery),
    otherRounds: along.map(({ group }) => group),
  };
}

async function giveAllBack(along: readonly TakenAlong[], deps: DispatchDeps, dueAt?: string): Promise<void> {
  await inParallel(along, CLAIMS_IN_PARALLEL, ({ claimed }) =>
    giveBack(claimed, deps, dueAt).then(
      () => undefined,
      () => undefined,
    ),
  );
}

/** Tries of a tally write that another send to the same person keeps beating; more is a fault. */
const TALLY_ATTEMPTS = 5;

/**
 * Counts a reminder in its recipient's week before it is sent, or says it is capped; the tally
 * is kept under their contact's id, so a register that names them by e-mail and a snooze that
 * names them by object id count in one week. Counted first, so two reminders to one person sent at once cannot both take the last place; by job id,
 * so a job tried again after a crash is not counted twice. Jobs that are no reminder pass.
 */
async function countUnderCap(
  job: SendJob,
  round: Round,
  person: string,
  deps: DispatchDeps,
  store: Store,
): Promise<ReminderTally | 'capped' | undefined> {
  const tallies = deps.reminderTallies;
  if (!tallies || !countsAsReminder(job)) return undefined;
  for (let attempt = 0; attempt < TALLY_ATTEMPTS; attempt++) {
    const now = deps.clock.now();
    const stored = await store.call(() => tallies.get(person, reminderWeek(round, now)));
    const decision = decideCap(job, round, stored?.value, now, person);
    if (!decision.send) return 'capped';
    if (!decision.changed) return decision.tally;
    // A lost answer is tried again by the store; a refusal then means the first try was stored,
    // which the next read shows.
    if (await store.call(() => tallies.save(decision.tally, stored?.etag))) return decision.tally;
  }
  throw new Error(`the reminder tally of ${person} kept changing`);
}

/** A reminder that never reached its recipient does not count against their week. */
async function uncount(job: SendJob, tally: ReminderTally, deps: DispatchDeps, store: Store): Promise<void> {
  const tallies = deps.reminderTallies;
  if (!tallies) return;
  const stored = await store.call(() => tallies.get(tally.recipientId, tally.week));
  if (!stored?.value.jobIds.includes(job.id)) return;
  const jobIds = stored.value.jobIds.filter((id) => id !== job.id);
  await store.call(() => tallies.save({ ...stored.value, jobIds }, stored.etag));
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
 * The card to a delegated colleague failed for good: whoever delegated the project is told, as a
 * send job of its own, or they would believe the colleague has it. Skipped when the project was
 * answered in the meantime (delivery.ts).
 */
async function tellDelegator(job: SendJob, reason: string, deps: DispatchDeps, store: Store): Promise<void> {
  if (!job.projectId) return;
  const stored = await store.call(() => deps.statusUpdates.get(job.roundId, job.projectId ?? ''));
  const delegation = stored?.value.delegations?.find((entry) => entry.to === job.recipientId);
  if (!delegation) return;
  const now = deps.clock.now().toISOString();
  const stepKey = `delegate-failed-${job.recipientId}`;
  await store.call(() =>
    deps.sendJobs.createMany([
      {
        id: sendJobId(stepKey, job.projectId, delegation.by),
        roundId: job.roundId,
        stepKey,
        kind: 'delegateFailed',
        projectId: job.projectId,
        recipientId: delegation.by,
        delegate: job.recipientId,
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
