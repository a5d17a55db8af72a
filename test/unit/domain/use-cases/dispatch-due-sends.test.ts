import assert from 'node:assert/strict';

import { channelTargetId, type Contact, type Project } from '../../../../src/domain/model';
import type { StepKind } from '../../../../src/domain/reminder-plan';
import type {
  SendJobRepository,
  StatusUpdateRepository,
  Versioned,
} from '../../../../src/domain/repositories';
import { bundleJobId, sendJobId, type SendJob } from '../../../../src/domain/send-job';
import {
  dispatchDueSends,
  SEND_LEASE,
  spreadByRecipient,
  type Delivery,
  type DispatchDeps,
  type DispatchReport,
  type JobSender,
  type SendOutcome,
} from '../../../../src/domain/use-cases/dispatch-due-sends';
import { planDueSends } from '../../../../src/domain/use-cases/plan-due-sends';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  SECOND_OWNER,
  STRANGER,
  answer,
  project,
  round,
  statusUpdate,
} from '../fixtures';

// Opened on Tuesday 1 June 2021 at 10:00 Amsterdam time; first reminder 22 June at 09:00
// (07:00 UTC); deadline Thursday 1 July, so the first digest is Friday 2 July.
const OPENED = '2021-06-01T08:00:00.000Z';
const ROUND = round({ openedAt: OPENED, deadline: '2021-07-01' });
const SHARED = project('4.2.3', { owners: [OWNER.id, SECOND_OWNER.id] });
const SOLO = project('7');

const ASK_SHARED_OWNER = sendJobId('ask', SHARED.id, OWNER.id);
const ASK_SHARED_SECOND = sendJobId('ask', SHARED.id, SECOND_OWNER.id);
const ASK_SOLO_OWNER = sendJobId('ask', SOLO.id, OWNER.id);
const ALL_ASKS = [ASK_SHARED_OWNER, ASK_SHARED_SECOND, ASK_SOLO_OWNER].sort();

const NOTHING: DispatchReport = {
  sent: 0,
  skipped: 0,
  failed: 0,
  retried: 0,
  lostRaces: 0,
  released: 0,
  storeRetries: 0,
  standby: false,
};

type Answer = (delivery: Delivery) => SendOutcome;

const delivered: Answer = (delivery) => ({ ok: true, activityId: `activity:${delivery.job.id}` });

/**
 * Stands in for the Teams connector: records every delivery it is handed and answers as the test
 * says, by default "sent". It yields once before answering, as a real network call would, so
 * that concurrent dispatches interleave.
 */
class RecordingSender implements JobSender {
  readonly deliveries: Delivery[] = [];

  constructor(private readonly answer: Answer = delivered) {}

  async send(delivery: Delivery): Promise<SendOutcome> {
    this.deliveries.push(delivery);
    await Promise.resolve();
    return this.answer(delivery);
  }

  jobIds(): string[] {
    return this.deliveries.map((delivery) => delivery.job.id).sort();
  }

  timesSent(jobId: string): number {
    return this.deliveries.filter((delivery) => delivery.job.id === jobId).length;
  }
}

/** Fails the first `times` sends of one job as the answer says, and delivers everything else. */
function failing(jobId: string, times: number, outcome: (delivery: Delivery) => SendOutcome): Answer {
  let failures = 0;
  return (delivery) => {
    if (delivery.job.id !== jobId || failures >= times) return delivered(delivery);
    failures++;
    return outcome(delivery);
  };
}

function contact(userId: string, address?: Record<string, unknown>): Contact {
  return { userId, name: userId, language: 'nl', address, updatedAt: '2021-05-01T08:00:00.000Z' };
}

const KIND_OF_STEP: Record<string, StepKind> = { ask: 'ask', reminder: 'reminder', digest: 'digest' };

/** A stored job as planDueSends would make it, for states planning never produces itself. */
function job(
  stepKey: string,
  projectId: string | undefined,
  recipientId: string,
  overrides: Partial<SendJob>,
) {
  const kind = KIND_OF_STEP[stepKey.split('-')[0] ?? ''];
  assert.ok(kind, `no kind for step ${stepKey}`);
  const made: SendJob = {
    id: sendJobId(stepKey, projectId, recipientId),
    roundId: ROUND.id,
    stepKey,
    kind,
    projectId,
    recipientId,
    dueAt: OPENED,
    state: 'pending',
    attempts: 0,
    updatedAt: OPENED,
    ...overrides,
  };
  return made;
}

/** Counts how many jobs each listing handed out, to check the bookkeeping of lost races. */
function countingListings(inner: SendJobRepository): { repository: SendJobRepository; listed: () => number } {
  let listed = 0;
  return {
    repository: {
      createMany: (jobs) => inner.createMany(jobs),
      async listClaimable(roundId, now, limit) {
        const found = await inner.listClaimable(roundId, now, limit);
        listed += found.length;
        return found;
      },
      listClaimableReminders: (roundId, recipients, now) =>
        inner.listClaimableReminders(roundId, recipients, now),
      get: (roundId, id) => inner.get(roundId, id),
      replace: (changed, etag) => inner.replace(changed, etag),
      listByRound: (roundId) => inner.listByRound(roundId),
      listByProject: (roundId, projectId) => inner.listByProject(roundId, projectId),
      plannedPerProject: (roundId, stepKey) => inner.plannedPerProject(roundId, stepKey),
      remove: (roundId, id) => inner.remove(roundId, id),
    },
    listed: () => listed,
  };
}

describe('dispatchDueSends', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    clock = new FixedClock(OPENED);
    await repositories.rounds.create(ROUND);
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, SHARED), statusUpdate(ROUND, SOLO)]);
    for (const userId of [OWNER.id, SECOND_OWNER.id, COORDINATOR.id]) {
      await repositories.contacts.upsert(contact(userId, { conversation: { id: `a:${userId}` } }));
    }
  });

  function plan() {
    return planDueSends({ ...repositories, clock });
  }

  function dispatch(sender: JobSender, overrides: Partial<DispatchDeps> = {}) {
    return dispatchDueSends({ ...repositories, clock, sender, instanceId: 'instance-a', ...overrides });
  }

  async function storedJob(id: string): Promise<SendJob> {
    const found = (await repositories.sendJobs.listByRound(ROUND.id)).find((stored) => stored.id === id);
    assert.ok(found, `no job ${id}`);
    return found;
  }

  async function answerProject(about: Project) {
    const stored = await repositories.statusUpdates.get(ROUND.id, about.id);
    assert.ok(stored);
    const saved = await repositories.statusUpdates.replace(
      { ...stored.value, versions: [answer('Loopt volgens planning.')] },
      stored.etag,
    );
    assert.ok(saved);
  }

  it('sends each due job once and marks it sent with the activity id', async () => {
    await plan();
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, sent: 3 });
    assert.deepEqual(sender.jobIds(), ALL_ASKS);
    for (const id of ALL_ASKS) {
      const stored = await storedJob(id);
      assert.equal(stored.state, 'sent', id);
      assert.equal(stored.activityId, `activity:${id}`);
      assert.equal(stored.attempts, 1);
      assert.equal(stored.reason, undefined);
      assert.equal(stored.leaseOwner, undefined, 'the lease is released once the job is done');
      assert.equal(stored.leaseUntil, undefined);
    }
  });

  it('sends nothing when it runs again', async () => {
    await plan();
    const sender = new RecordingSender();
    await dispatch(sender);
    clock.advance({ minutes: 5 });

    const report = await dispatch(sender);

    assert.deepEqual(report, NOTHING);
    assert.equal(sender.deliveries.length, 3);
  });

  it('leaves a job that is not due yet for a later run', async () => {
    const later = job('ask', SOLO.id, OWNER.id, { dueAt: '2021-06-01T09:00:00.000Z' });
    await repositories.sendJobs.createMany([later]);
    const sender = new RecordingSender();

    assert.deepEqual(await dispatch(sender), NOTHING);
    assert.deepEqual(await storedJob(later.id), later);

    clock.set('2021-06-01T09:00:00Z');
    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, sent: 1 });
    assert.deepEqual(sender.jobIds(), [later.id]);
  });

  it('drops a project answered after its reminder was planned: one left, its own card goes; none left, nothing', async () => {
    await plan();
    await dispatch(new RecordingSender());
    clock.set('2021-06-22T07:00:00Z');
    assert.equal((await plan()).created, 2, 'one reminder per owner: OWNER owns both projects');
    await answerProject(SHARED);
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, sent: 1, skipped: 1 });
    const ownersReminder = bundleJobId('reminder-2021-06-22', OWNER.id);
    assert.deepEqual(sender.jobIds(), [ownersReminder]);
    const [reminder] = sender.deliveries;
    assert.equal(reminder?.kind, 'reminder', "the one project left goes as that project's reminder card");
    assert.deepEqual(reminder.update, statusUpdate(ROUND, SOLO));
    assert.equal(
      (await storedJob(ownersReminder)).projectId,
      SOLO.id,
      'so its card is updated when answered',
    );
    const skipped = await storedJob(bundleJobId('reminder-2021-06-22', SECOND_OWNER.id));
    assert.equal(skipped.state, 'skipped');
    assert.equal(skipped.reason, 'answered');
    assert.equal(skipped.activityId, undefined);
  });

  it('marks a job failed with no-contact when the owner cannot be reached, and does not retry it', async () => {
    const strangers = project('9', { owners: [STRANGER.id] });
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, strangers)]);
    await repositories.contacts.upsert(contact(SECOND_OWNER.id));
    await plan();
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, sent: 2, failed: 2 });
    assert.deepEqual(sender.jobIds(), [ASK_SHARED_OWNER, ASK_SOLO_OWNER].sort());
    const neverSpoke = await storedJob(sendJobId('ask', strangers.id, STRANGER.id));
    const withoutAddress = await storedJob(ASK_SHARED_SECOND);
    for (const failed of [neverSpoke, withoutAddress]) {
      assert.equal(failed.state, 'failed', failed.id);
      assert.equal(failed.reason, 'no-contact', failed.id);
    }

    clock.advance({ days: 1 });
    assert.deepEqual(await dispatch(sender), NOTHING);
  });

  it('marks a job about a project whose status update is gone failed with no-project, without sending or retrying it', async () => {
    await repositories.sendJobs.createMany([job('ask', `${ROUND.year}:404`, OWNER.id, {})]);
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, failed: 1 });
    assert.deepEqual(sender.jobIds(), []);
    const failed = await storedJob(sendJobId('ask', `${ROUND.year}:404`, OWNER.id));
    assert.equal(failed.state, 'failed');
    assert.equal(failed.reason, 'no-project');
    clock.advance({ days: 1 });
    assert.deepEqual(await dispatch(sender), NOTHING);
  });

  it('marks a job failed with the reason of a permanent failure and never retries it', async () => {
    await plan();
    const sender = new RecordingSender(
      failing(ASK_SHARED_SECOND, Infinity, () => ({ ok: false, permanent: true, reason: 'blocked' })),
    );

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, sent: 2, failed: 1 });
    const blocked = await storedJob(ASK_SHARED_SECOND);
    assert.equal(blocked.state, 'failed');
    assert.equal(blocked.reason, 'blocked');
    assert.equal(blocked.attempts, 1);

    clock.advance({ days: 1 });
    assert.deepEqual(await dispatch(sender), NOTHING);
    assert.equal(sender.timesSent(ASK_SHARED_SECOND), 1);
  });

  it('puts a retryable failure back as pending until retryAt, then sends it', async () => {
    await plan();
    const sender = new RecordingSender(
      failing(ASK_SHARED_SECOND, 1, () => ({
        ok: false,
        permanent: false,
        reason: 'throttled',
        retryAt: new Date('2021-06-01T08:00:30.000Z'),
      })),
    );

    const first = await dispatch(sender);

    assert.deepEqual(first, { ...NOTHING, sent: 2, retried: 1 });
    const waiting = await storedJob(ASK_SHARED_SECOND);
    assert.equal(waiting.state, 'pending');
    assert.equal(waiting.dueAt, '2021-06-01T08:00:30.000Z');
    assert.equal(waiting.reason, 'throttled');
    assert.equal(waiting.attempts, 1);
    assert.equal(waiting.leaseOwner, undefined);

    clock.advance({ seconds: 29 });
    assert.deepEqual(await dispatch(sender), NOTHING, 'not before retryAt');

    clock.advance({ seconds: 1 });
    const later = await dispatch(sender);

    assert.deepEqual(later, { ...NOTHING, sent: 1 });
    const sent = await storedJob(ASK_SHARED_SECOND);
    assert.equal(sent.state, 'sent');
    assert.equal(sent.activityId, `activity:${ASK_SHARED_SECOND}`);
    assert.equal(sent.attempts, 2);
    assert.equal(sent.reason, undefined);
    assert.equal(sender.timesSent(ASK_SHARED_SECOND), 2);
  });

  it('treats a sender that throws as a retryable failure, retried a minute later', async () => {
    await plan();
    const sender = new RecordingSender(
      failing(ASK_SHARED_SECOND, 1, () => {
        throw new Error('socket hang up');
      }),
    );

    const first = await dispatch(sender);

    assert.deepEqual(first, { ...NOTHING, sent: 2, retried: 1 });
    const waiting = await storedJob(ASK_SHARED_SECOND);
    assert.equal(waiting.state, 'pending');
    assert.equal(waiting.reason, 'socket hang up');
    assert.equal(waiting.dueAt, '2021-06-01T08:01:00.000Z');

    clock.advance({ minutes: 1 });
    assert.deepEqual(await dispatch(sender), { ...NOTHING, sent: 1 });
    assert.equal((await storedJob(ASK_SHARED_SECOND)).state, 'sent');
  });

  it('fails a job once it has failed retryably maxAttempts times', async () => {
    await plan();
    const sender = new RecordingSender(
      failing(ASK_SHARED_SECOND, Infinity, () => ({
        ok: false,
        permanent: false,
        reason: 'throttled',
        retryAt: new Date(clock.now().getTime() + 60_000),
      })),
    );

    const reports: DispatchReport[] = [];
    for (let run = 0; run < 4; run++) {
      reports.push(await dispatch(sender, { maxAttempts: 3 }));
      clock.advance({ minutes: 1 });
    }

    assert.deepEqual(reports, [
      { ...NOTHING, sent: 2, retried: 1 },
      { ...NOTHING, retried: 1 },
      { ...NOTHING, failed: 1 },
      NOTHING,
    ]);
    const failed = await storedJob(ASK_SHARED_SECOND);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.reason, 'throttled');
    assert.equal(failed.attempts, 3);
    assert.equal(sender.timesSent(ASK_SHARED_SECOND), 3);
  });

  it('takes over and sends a job left sending by an instance that crashed', async () => {
    const abandoned = job('ask', SOLO.id, OWNER.id, {
      state: 'sending',
      attempts: 1,
      leaseOwner: 'instance-crashed',
      leaseUntil: '2021-06-01T07:59:00.000Z',
    });
    await repositories.sendJobs.createMany([abandoned]);
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, sent: 1 });
    assert.equal(sender.deliveries[0]?.job.leaseOwner, 'instance-a');
    const sent = await storedJob(abandoned.id);
    assert.equal(sent.state, 'sent');
    assert.equal(sent.attempts, 2);
    assert.equal(sent.leaseOwner, undefined);
  });

  it('leaves a job alone while another instance holds a live lease on it', async () => {
    const leased = job('ask', SOLO.id, OWNER.id, {
      state: 'sending',
      attempts: 1,
      leaseOwner: 'instance-b',
      leaseUntil: '2021-06-01T08:02:00.000Z',
    });
    await repositories.sendJobs.createMany([leased]);
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, NOTHING);
    assert.deepEqual(sender.deliveries, []);
    assert.deepEqual(await storedJob(leased.id), leased);

    clock.set('2021-06-01T08:02:00Z');
    assert.deepEqual(await dispatch(sender), { ...NOTHING, sent: 1 }, 'taken over once the lease ran out');
  });

  it('sends every job once when two instances dispatch at the same time', async () => {
    const more = ['1', '2', '3', '5', '8'].map((number) =>
      project(number, { owners: [OWNER.id, SECOND_OWNER.id] }),
    );
    await repositories.statusUpdates.createMany(more.map((about) => statusUpdate(ROUND, about)));
    await plan();
    clock.set('2021-07-02T07:00:00Z');
    await plan();
    const jobIds = (await repositories.sendJobs.listByRound(ROUND.id)).map((stored) => stored.id).sort();
    assert.equal(jobIds.length, 16, '13 asks, the latest reminder once per owner, 1 digest');
    const a = { sender: new RecordingSender(), ...countingListings(repositories.sendJobs) };
    const b = { sender: new RecordingSender(), ...countingListings(repositories.sendJobs) };

    // Without the send lease, so that the claims alone must keep the two apart: they are the
    // last line of defence when a sender's lease runs out while it is still sending.
    const [reportA, reportB] = await Promise.all([
      dispatch(a.sender, {
        sendJobs: a.repository,
        instanceId: 'instance-a',
        concurrency: 3,
        leases: undefined,
      }),
      dispatch(b.sender, {
        sendJobs: b.repository,
        instanceId: 'instance-b',
        concurrency: 3,
        leases: undefined,
      }),
    ]);

    const sends = new Map<string, number>();
    for (const delivery of [...a.sender.deliveries, ...b.sender.deliveries]) {
      sends.set(delivery.job.id, (sends.get(delivery.job.id) ?? 0) + 1);
    }
    assert.deepEqual([...sends.keys()].sort(), jobIds, 'every job is sent');
    assert.deepEqual(
      [...sends].filter(([, times]) => times !== 1),
      [],
      'no job is sent twice',
    );
    assert.equal(reportA.sent + reportB.sent, jobIds.length);
    assert.ok(a.sender.deliveries.every((delivery) => delivery.job.leaseOwner === 'instance-a'));
    assert.ok(b.sender.deliveries.every((delivery) => delivery.job.leaseOwner === 'instance-b'));
    assert.equal(
      reportA.sent + reportA.lostRaces,
      a.listed(),
      'instance a claimed or lost each job it listed',
    );
    assert.equal(
      reportB.sent + reportB.lostRaces,
      b.listed(),
      'instance b claimed or lost each job it listed',
    );
    assert.equal(reportA.lostRaces + reportB.lostRaces, a.listed() + b.listed() - jobIds.length);
    assert.ok(reportA.lostRaces + reportB.lostRaces > 0, 'the two instances really competed');
    const states = (await repositories.sendJobs.listByRound(ROUND.id)).map((stored) => stored.state);
    assert.ok(states.every((state) => state === 'sent'));
  });

  it('lets one instance at a time send: another stands by while the send lease is held, and takes over when it runs out', async () => {
    await plan();
    await repositories.leases.acquire(
      SEND_LEASE,
      'instance-b',
      new Date('2021-06-01T08:01:00Z'),
      clock.now(),
    );
    const sender = new RecordingSender();

    const report = await dispatch(sender);

    assert.deepEqual(report, { ...NOTHING, standby: true });
    assert.deepEqual(sender.deliveries, []);

    clock.set('2021-06-01T08:01:00Z');
    assert.deepEqual(await dispatch(sender), { ...NOTHING, sent: 3 });
    assert.equal(repositories.leases.holder(SEND_LEASE), undefined, 'released after the run');
  });

  it('when stopped halfway, finishes the send under way and gives back the claimed jobs not yet started', async () => {
    await plan();
    const stop = new AbortController();
    const first = new RecordingSender((delivery) => {
      stop.abort();
      return delivered(delivery);
    });

    const report = await dispatch(first, { concurrency: 1, signal: stop.signal });

    assert.deepEqual(report, { ...NOTHING, sent: 1, released: 2 });
    const [sentId] = first.jobIds();
    assert.ok(sentId);
    assert.equal((await storedJob(sentId)).state, 'sent', 'the send under way is recorded');
    for (const id of ALL_ASKS.filter((jobId) => jobId !== sentId)) {
      const given = await storedJob(id);
      assert.equal(given.state, 'pending', id);
      assert.equal(given.attempts, 0, 'a job given back has not been tried');
      assert.equal(given.leaseOwner, undefined);
    }
    assert.equal(repositories.leases.holder(SEND_LEASE), undefined, 'the send lease is released too');

    const next = new RecordingSender();
    assert.deepEqual(await dispatch(next, { instanceId: 'instance-b' }), { ...NOTHING, sent: 2 });
    assert.deepEqual([...first.jobIds(), ...next.jobIds()].sort(), ALL_ASKS, 'each job sent once');
  });

  /** The round's send jobs, with `replace` answered by `replace` here: to put a store failure at one exact moment. */
  function sendJobsWith(
    replace: (
      job: SendJob,
      etag: string,
      inner: SendJobRepository,
    ) => Promise<Versioned<SendJob> | undefined>,
  ): SendJobRepository {
    const inner = repositories.sendJobs;
    return {
      createMany: (jobs) => inner.createMany(jobs),
      listClaimable: (roundId, now, limit) => inner.listClaimable(roundId, now, limit),
      listClaimableReminders: (roundId, recipients, now) =>
        inner.listClaimableReminders(roundId, recipients, now),
      get: (roundId, id) => inner.get(roundId, id),
      listByRound: (roundId) => inner.listByRound(roundId),
      listByProject: (roundId, projectId) => inner.listByProject(roundId, projectId),
      plannedPerProject: (roundId, stepKey) => inner.plannedPerProject(roundId, stepKey),
      remove: (roundId, id) => inner.remove(roundId, id),
      replace: (job, etag) => replace(job, etag, inner),
    };
  }

  describe('reminders of several rounds due at the same moment', () => {
    // Open since the same morning, with the same deadline: the same reminder moments.
    const ANNUAL = round({ kind: 'jaarverslag', year: 2020, openedAt: OPENED, deadline: '2021-07-01' });
    const ANNUAL_PROJECT = project('3', { year: 2020 });
    const REMINDER_AT = '2021-06-22T07:00:00Z';
    const progressReminder = bundleJobId('reminder-2021-06-22', OWNER.id);
    const annualReminder = bundleJobId('reminder-2021-06-22', OWNER.id);

    beforeEach(async () => {
      await repositories.rounds.create(ANNUAL);
      await repositories.statusUpdates.createMany([statusUpdate(ANNUAL, ANNUAL_PROJECT)]);
      await plan();
      await dispatch(new RecordingSender());
      clock.set(REMINDER_AT);
      await plan();
    });

    async function stored(roundId: string, id: string): Promise<SendJob> {
      const found = await repositories.sendJobs.get(roundId, id);
      assert.ok(found, `no job ${id} in ${roundId}`);
      return found.value;
    }

    function toOwner(sender: RecordingSender): Delivery[] {
      return sender.deliveries.filter((delivery) => delivery.contact.userId === OWNER.id);
    }

    it('sends a person one message with the projects of both rounds, and records both reminders as sent by it, counted once', async () => {
      const sender = new RecordingSender();

      const report = await dispatch(sender, { reminderTallies: repositories.reminderTallies });

      const [message, ...more] = toOwner(sender);
      assert.equal(more.length, 0, 'one message to the owner');
      assert.ok(message?.kind === 'bundle');
      assert.equal(message.round.id, ROUND.id);
      assert.deepEqual(
        message.updates.map((update) => update.id),
        [SHARED.id, SOLO.id],
      );
      assert.deepEqual(
        (message.otherRounds ?? []).map((group) => [
          group.round.id,
          group.updates.map((update) => update.id),
        ]),
        [[ANNUAL.id, [ANNUAL_PROJECT.id]]],
      );
      assert.equal(report.sent, 3, "the owner's two reminders and the second owner's one");
      const progress = await stored(ROUND.id, progressReminder);
      const annual = await stored(ANNUAL.id, annualReminder);
      assert.equal(progress.state, 'sent');
      assert.equal(annual.state, 'sent');
      assert.equal(annual.activityId, progress.activityId, 'both were sent as one message');
      assert.equal(annual.sentWith, progress.id);
      assert.equal(annual.leaseOwner, undefined);
      const tally = await repositories.reminderTallies.get(OWNER.id, '2021-W25');
      assert.deepEqual(tally?.value.jobIds, [progress.id], 'one message, one reminder this week');

      const again = new RecordingSender();
      assert.equal((await dispatch(again)).sent, 0);
      assert.equal(again.deliveries.length, 0, 'nothing of either round goes again');
    });

    it('leaves out a round whose projects were all answered: that reminder is skipped by its own round', async () => {
      const stored2020 = await repositories.statusUpdates.get(ANNUAL.id, ANNUAL_PROJECT.id);
      assert.ok(stored2020);
      await repositories.statusUpdates.replace(
        { ...stored2020.value, versions: [answer('Klaar.')] },
        stored2020.etag,
      );
      const sender = new RecordingSender();

      await dispatch(sender);

      const [message, ...more] = toOwner(sender);
      assert.equal(more.length, 0);
      assert.ok(message?.kind === 'bundle');
      assert.equal(message.otherRounds, undefined);
      const annual = await stored(ANNUAL.id, annualReminder);
      assert.equal(annual.state, 'skipped');
      assert.equal(annual.reason, 'answered');
      assert.equal(annual.attempts, 1, 'tried once, by its own round');
    });

    it('puts both back when the message may go later, and sends them together then', async () => {
      let refused = false;
      const sender = new RecordingSender((delivery) => {
        if (delivery.contact.userId !== OWNER.id || refused) return delivered(delivery);
        refused = true;
        return {
          ok: false,
          permanent: false,
          reason: 'throttled',
          retryAt: new Date('2021-06-22T07:01:00Z'),
        };
      });

      await dispatch(sender);

      assert.equal(toOwner(sender).length, 1, 'not sent on its own meanwhile');
      const annual = await stored(ANNUAL.id, annualReminder);
      assert.equal(annual.state, 'pending');
      assert.equal(annual.dueAt, '2021-06-22T07:01:00.000Z', 'due with the reminder it went with');
      assert.equal(annual.attempts, 0);

      clock.set('2021-06-22T07:01:00Z');
      await dispatch(sender);

      const [, retried, ...more] = toOwner(sender);
      assert.equal(more.length, 0);
      assert.ok(retried?.kind === 'bundle');
      assert.deepEqual(
        (retried.otherRounds ?? []).map((group) => group.round.id),
        [ANNUAL.id],
      );
      assert.equal((await stored(ANNUAL.id, annualReminder)).state, 'sent');
    });

    it('sends the reminder of a reopened round on its own: it is news', async () => {
      const reopened = job('reminder-x', undefined, OWNER.id, {
        id: bundleJobId('reopened-2021-06-22', OWNER.id),
        roundId: ANNUAL.id,
        stepKey: 'reopened-2021-06-22',
        projectIds: [ANNUAL_PROJECT.id],
        projectId: ANNUAL_PROJECT.id,
        dueAt: '2021-06-22T07:00:00.000Z',
      });
      await repositories.sendJobs.remove(ANNUAL.id, annualReminder);
      await repositories.sendJobs.createMany([reopened]);
      const sender = new RecordingSender();

      await dispatch(sender);

      const messages = toOwner(sender);
      assert.equal(messages.length, 2);
      assert.ok(
        messages.every((delivery) => delivery.kind !== 'bundle' || delivery.otherRounds === undefined),
      );
    });
  });

  describe('when the store is slow or down', () => {
    it('tries a write again whose answer was lost: the send is recorded once and the run goes on', async () => {
      await plan();
      let timedOut = false;
      // Recording the first send is stored, but its answer is lost (a timeout under load).
      const sendJobs = sendJobsWith(async (job, etag, inner) => {
        const stored = await inner.replace(job, etag);
        if (job.state === 'sent' && !timedOut) {
          timedOut = true;
          throw new Error('store timed out');
        }
        return stored;
      });
      const sender = new RecordingSender();

      const report = await dispatch(sender, { concurrency: 1, sendJobs });

      assert.deepEqual(report, { ...NOTHING, sent: 3, storeRetries: 1 });
      assert.deepEqual(sender.jobIds(), ALL_ASKS, 'each job sent once');
      for (const id of ALL_ASKS) assert.equal((await storedJob(id)).state, 'sent', id);
    });

    it('keeps a job whose claim was stored although the answer was lost, and sends it in this run, not after its lease', async () => {
      await plan();
      let timedOut = false;
      const sendJobs = sendJobsWith(async (job, etag, inner) => {
        const stored = await inner.replace(job, etag);
        if (job.state === 'sending' && job.id === ASK_SOLO_OWNER && !timedOut) {
          timedOut = true;
          throw new Error('store timed out');
        }
        return stored;
      });
      const sender = new RecordingSender();

      const report = await dispatch(sender, { sendJobs });

      assert.equal(report.sent, 3);
      assert.equal(report.lostRaces, 0, 'the claim was ours');
      assert.deepEqual(sender.jobIds(), ALL_ASKS, 'each job sent once');
      assert.equal((await storedJob(ASK_SOLO_OWNER)).state, 'sent');
    });

    it('claims a job again in this run when a claim failed before it was stored', async () => {
      await plan();
      let refused = false;
      const sendJobs = sendJobsWith((job, etag, inner) => {
        if (job.state === 'sending' && job.id === ASK_SOLO_OWNER && !refused) {
          refused = true;
          return Promise.reject(new Error('connection reset'));
        }
        return inner.replace(job, etag);
      });
      const sender = new RecordingSender();

      await dispatch(sender, { sendJobs });

      assert.deepEqual(sender.jobIds(), ALL_ASKS, 'each job sent once');
      assert.equal((await storedJob(ASK_SOLO_OWNER)).state, 'sent');
    });

    it('gives a job back at once when a read before its send keeps failing, stops every worker, and the next run sends the rest', async () => {
      await plan();
      // The read of one project's answer fails for good, while the other workers are mid-send:
      // before, that job stayed claimed (unsent) for the length of its lease and the others went on.
      const inner = repositories.statusUpdates;
      const failingReads: StatusUpdateRepository = Object.assign(
        Object.create(inner) as StatusUpdateRepository,
        {
          get: (roundId: string, projectId: string) =>
            projectId === SOLO.id
              ? Promise.reject(new Error('store timed out'))
              : inner.get(roundId, projectId),
        },
      );
      const first = new RecordingSender();

      await assert.rejects(
        dispatch(first, { concurrency: 2, batchSize: 1, statusUpdates: failingReads }),
        /store timed out/,
      );

      assert.ok(!first.jobIds().includes(ASK_SOLO_OWNER));
      const given = await storedJob(ASK_SOLO_OWNER);
      assert.equal(given.state, 'pending', 'given back, not held for its lease');
      assert.equal(given.attempts, 0);
      const unsent = ALL_ASKS.filter((id) => !first.jobIds().includes(id));
      for (const id of unsent) assert.equal((await storedJob(id)).state, 'pending', id);

      const next = new RecordingSender();
      await dispatch(next, { instanceId: 'instance-b' });
      assert.deepEqual([...first.jobIds(), ...next.jobIds()].sort(), ALL_ASKS, 'each job sent once');
    });

    it('stops when recording a send keeps failing, keeps that job leased (Teams has it) and gives back the rest', async () => {
      await plan();
      const sendJobs = sendJobsWith((job, etag, inner) =>
        job.state === 'sent' ? Promise.reject(new Error('store timed out')) : inner.replace(job, etag),
      );
      const first = new RecordingSender();

      await assert.rejects(dispatch(first, { concurrency: 1, sendJobs }), /store timed out/);

      const [sentId] = first.jobIds();
      assert.ok(sentId);
      assert.equal(first.jobIds().length, 1, 'nothing more was sent after the failure');
      assert.equal((await storedJob(sentId)).state, 'sending');
      const others = ALL_ASKS.filter((jobId) => jobId !== sentId);
      for (const id of others) assert.equal((await storedJob(id)).state, 'pending', id);

      const next = new RecordingSender();
      assert.deepEqual(await dispatch(next, { instanceId: 'instance-b' }), { ...NOTHING, sent: 2 });
      assert.deepEqual(next.jobIds().sort(), others, 'the rest goes at once, not after the lease');
    });
  });

  it('gives the sender the round, the contact and the status update asked about', async () => {
    await plan();
    const sender = new RecordingSender();

    await dispatch(sender);

    const delivery = sender.deliveries.find((d) => d.job.id === ASK_SHARED_SECOND);
    assert.ok(delivery);
    assert.deepEqual(delivery.round, ROUND);
    assert.deepEqual(delivery.contact, await repositories.contacts.get(SECOND_OWNER.id));
    assert.equal(delivery.kind, 'ask', 'the delivery carries only what an ask needs');
    assert.deepEqual(delivery.update, statusUpdate(ROUND, SHARED));
    assert.equal(delivery.job.kind, 'ask');
    assert.equal(delivery.job.state, 'sending');
    assert.equal(delivery.job.attempts, 1);
    assert.equal(delivery.job.leaseOwner, 'instance-a');
    assert.equal(
      delivery.job.leaseUntil,
      '2021-06-01T08:10:00.000Z',
      'the default lease outlasts the 5 minutes of outbound retries',
    );
  });

  it('tells the coordinator of a round with review how many answers wait, and says nothing when none do', async () => {
    await repositories.rounds.replace({ ...ROUND, review: true });
    const reviewNote = sendJobId('review-2021-06-02', undefined, COORDINATOR.id);
    clock.set('2021-06-02T07:00:00Z');
    await plan();
    const quiet = new RecordingSender();
    await dispatch(quiet);
    assert.equal((await storedJob(reviewNote)).state, 'skipped');
    assert.equal((await storedJob(reviewNote)).reason, 'nothing-waiting');
    assert.ok(quiet.deliveries.every((d) => d.job.kind !== 'reviewDigest'));

    const stored = await repositories.statusUpdates.get(ROUND.id, SOLO.id);
    assert.ok(stored);
    await repositories.statusUpdates.replace(
      {
        ...stored.value,
        versions: [answer('Wacht op beoordeling.')],
        reviewQueue: {
          key: `2021-06-02T08:00:00.000Z|${SOLO.id}`,
          submittedBy: OWNER.id,
          speerpunt: 'kwaliteit',
        },
      },
      stored.etag,
    );
    clock.set('2021-06-03T07:00:00Z');
    await plan();
    const told = new RecordingSender();
    await dispatch(told);
    const [note] = told.deliveries.filter((d) => d.job.kind === 'reviewDigest');
    assert.equal(note?.job.recipientId, COORDINATOR.id);
    assert.equal(note.kind, 'reviewDigest');
    assert.equal(note.waiting, 1);
  });

  it("gives the coordinator's digest the projects still without an answer", async () => {
    await answerProject(SHARED);
    clock.set('2021-07-02T07:00:00Z');
    await plan();
    const sender = new RecordingSender();

    await dispatch(sender);

    const digests = sender.deliveries.filter((d) => d.job.kind === 'digest');
    assert.equal(digests.length, 1);
    const [digest] = digests;
    assert.ok(digest);
    assert.equal(digest.job.recipientId, COORDINATOR.id);
    assert.deepEqual(digest.round, ROUND);
    assert.deepEqual(digest.contact, await repositories.contacts.get(COORDINATOR.id));
    assert.equal(digest.kind, 'digest', 'a digest is about the round, not one project');
    assert.deepEqual(digest.missing, [{ ...statusUpdate(ROUND, SOLO), versionCount: 0, hasDraft: false }]);
  });

  describe('the weekly digest in a team channel', () => {
    const CHANNEL = channelTargetId('19:ruimte-general@thread.tacv2');
    const CHANNEL_ADDRESS = {
      conversation: { id: '19:ruimte-general@thread.tacv2', conversationType: 'channel' },
    };
    const WEEKLY = sendJobId('weekly-2021-W23', undefined, CHANNEL);

    beforeEach(async () => {
      await repositories.contacts.upsert({ ...contact(CHANNEL, CHANNEL_ADDRESS), name: 'Ruimte › Algemeen' });
      await repositories.digestChannels.add({ channelId: CHANNEL, by: COORDINATOR.id, since: OPENED });
      await plan();
      await dispatch(new RecordingSender());
      await answerProject(SHARED);
      clock.set('2021-06-07T07:00:00Z');
      await plan();
    });

    it("posts to the channel's own address with how far the round is", async () => {
      const sender = new RecordingSender();

      const report = await dispatch(sender);

      assert.deepEqual(report, { ...NOTHING, sent: 1 });
      const [weekly] = sender.deliveries;
      assert.ok(weekly);
      assert.equal(weekly.job.id, WEEKLY);
      assert.deepEqual(weekly.contact.address, CHANNEL_ADDRESS);
      assert.equal(weekly.kind, 'weekly');
      assert.deepEqual(weekly.progress, {
        total: 2,
        answered: 1,
        counts: { 'op-schema': 1 },
        missing: [SOLO.number],
        unchanged: 0,
        figures: {
          states: { answered: 1, draft: 0, open: 1, sentBack: 0 },
          speerpunten: [{ speerpunt: 'Kwaliteit', answered: 1, total: 2 }],
        },
      });
      assert.equal((await storedJob(WEEKLY)).state, 'sent');
    });

    it('skips a digest planned before the channel switched it off', async () => {
      await repositories.digestChannels.remove(CHANNEL);
      const sender = new RecordingSender();

      const report = await dispatch(sender);

      assert.deepEqual(report, { ...NOTHING, skipped: 1 });
      assert.deepEqual(sender.deliveries, []);
      const skipped = await storedJob(WEEKLY);
      assert.equal(skipped.state, 'skipped');
      assert.equal(skipped.reason, 'switched-off');
    });

    it('switches off a channel it can never post in again, and tells whoever switched it on', async () => {
      const removed = new RecordingSender(
        failing(WEEKLY, Infinity, () => ({ ok: false, permanent: true, reason: 'not-found' })),
      );

      await dispatch(removed);

      assert.equal((await storedJob(WEEKLY)).state, 'failed');
      assert.deepEqual(await repositories.digestChannels.list(), [], 'no more weekly attempts');
      const notice = new RecordingSender();
      await dispatch(notice);
      const [told] = notice.deliveries;
      assert.equal(told?.job.kind, 'digestStopped');
      assert.equal(told.job.recipientId, COORDINATOR.id);
      assert.equal(told.job.channelName, 'Ruimte › Algemeen');
      assert.equal(told.job.reason, 'not-found');
      assert.equal(notice.deliveries.length, 1);
    });

    it('keeps the channel through a failure that may pass (a 429, a 5xx)', async () => {
      const busy = new RecordingSender(
        failing(WEEKLY, 1, () => ({ ok: false, permanent: false, reason: '503', retryAt: new Date(0) })),
      );

      await dispatch(busy);

      assert.equal((await repositories.digestChannels.list()).length, 1);
      assert.equal((await storedJob(WEEKLY)).state, 'pending');
    });

    it('never sends a status card to a channel, whatever the register names as owner', async () => {
      const named = project('12', { owners: [CHANNEL] });
      await repositories.statusUpdates.createMany([statusUpdate(ROUND, named)]);
      await plan();
      const sender = new RecordingSender();

      await dispatch(sender);

      assert.deepEqual(
        sender.deliveries.map((d) => d.job.kind),
        ['weekly'],
      );
      const ask = await storedJob(sendJobId('ask', named.id, CHANNEL));
      assert.equal(ask.state, 'failed');
      assert.equal(ask.reason, 'no-contact');
    });
  });
});

describe('spreadByRecipient', () => {
  const job = (recipientId: string, n: number) => ({ value: { recipientId, n }, etag: `${recipientId}${n}` });

  it("takes everyone's first job, then everyone's second, each in the order listed", () => {
    const listed = [job('a', 1), job('a', 2), job('a', 3), job('b', 1), job('c', 1), job('c', 2)];
    assert.deepEqual(
      spreadByRecipient(listed).map(({ etag }) => etag),
      ['a1', 'b1', 'c1', 'a2', 'c2', 'a3'],
    );
  });

  it('loses and repeats nothing', () => {
    const listed = Array.from({ length: 50 }, (_, i) => job(`p${i % 7}`, i));
    const spread = spreadByRecipient(listed);
    assert.deepEqual(spread.map(({ etag }) => etag).sort(), listed.map(({ etag }) => etag).sort());
  });
});
