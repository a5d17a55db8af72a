import assert from 'node:assert/strict';

import { channelTargetId, type Contact, type Project, type Round } from '../../../../src/domain/model';
import { bundleJobId, sendJobId, type SendJob } from '../../../../src/domain/send-job';
import {
  dispatchDueSends,
  type Delivery,
  type JobSender,
  type SendOutcome,
} from '../../../../src/domain/use-cases/dispatch-due-sends';
import { planDueSends } from '../../../../src/domain/use-cases/plan-due-sends';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import { COORDINATOR, OWNER, SECOND_OWNER, answer, project, round, statusUpdate } from '../fixtures';

// Opened on Tuesday 1 June 2021 at 10:00 Amsterdam time; deadline Thursday 1 July. With the
// default plan the owners are reminded on 22 June, 29 June and 1 July, each at 09:00 (07:00 UTC).
const ROUND = round({ openedAt: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' });
const SHARED = project('4.2.3', { owners: [OWNER.id, SECOND_OWNER.id] });
const SOLO = project('7');

/** What a job is about, without the bookkeeping, so a failing test shows the story. */
function summary(job: SendJob) {
  return {
    id: job.id,
    kind: job.kind,
    projectId: job.projectId,
    recipientId: job.recipientId,
    dueAt: job.dueAt,
    state: job.state,
  };
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

describe('planDueSends', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    clock = new FixedClock(ROUND.openedAt);
    await repositories.rounds.create(ROUND);
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, SHARED), statusUpdate(ROUND, SOLO)]);
  });

  function plan() {
    return planDueSends({ ...repositories, clock });
  }

  async function storedJobs(of: Round = ROUND, kind?: SendJob['kind']) {
    const jobs = await repositories.sendJobs.listByRound(of.id);
    return jobs.filter((job) => kind === undefined || job.kind === kind).sort(byId);
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

  it('asks every owner of every project once, due the moment the round opens', async () => {
    const { created } = await plan();

    assert.equal(created, 3);
    const ask = (about: Project, ownerId: string) => ({
      id: sendJobId('ask', about.id, ownerId),
      kind: 'ask',
      projectId: about.id,
      recipientId: ownerId,
      dueAt: '2021-06-01T08:00:00.000Z',
      state: 'pending',
    });
    assert.deepEqual(
      (await storedJobs()).map(summary),
      [ask(SHARED, OWNER.id), ask(SHARED, SECOND_OWNER.id), ask(SOLO, OWNER.id)].sort(byId),
    );
    assert.ok((await storedJobs()).every((job) => job.attempts === 0 && job.stepKey === 'ask'));
  });

  it('creates nothing new when it plans the same moment again', async () => {
    await plan();
    const before = await storedJobs();

    const { created } = await plan();

    assert.equal(created, 0);
    assert.deepEqual(await storedJobs(), before);
  });

  it('with a memory of planned steps, reads nothing of a step it planned already', async () => {
    const planned = new Set<string>();
    let reads = 0;
    const statusUpdates = repositories.statusUpdates;
    const counting = Object.assign(Object.create(statusUpdates) as typeof statusUpdates, {
      listByRound: (roundId: string) => {
        reads++;
        return statusUpdates.listByRound(roundId);
      },
    });
    const planWith = () => planDueSends({ ...repositories, statusUpdates: counting, clock, planned });

    assert.equal((await planWith()).created, 3);
    assert.equal(reads, 1);
    clock.advance({ hours: 1 });
    assert.equal((await planWith()).created, 0);
    assert.equal(reads, 1, 'the ask step is not read again');
    assert.deepEqual([...planned], [`${ROUND.id}|ask`]);

    // The next step is new: planned, once; one reminder per owner (OWNER owns both projects).
    clock.set('2021-06-22T07:00:00Z');
    assert.equal((await planWith()).created, 2);
    assert.equal(reads, 2);
    assert.equal((await planWith()).created, 0);
    assert.equal(reads, 2);
  });

  it('creates nothing new later on the opening day, when no other step is due', async () => {
    await plan();
    clock.advance({ hours: 6 });

    const { created } = await plan();

    assert.equal(created, 0);
    assert.equal((await storedJobs()).length, 3);
  });

  it('on a reminder day reminds only the owners of projects still without an answer', async () => {
    await plan();
    await answerProject(SHARED);
    clock.set('2021-06-22T06:59:00Z');
    assert.equal((await plan()).created, 0, 'nothing is due before 09:00 on the reminder day');
    clock.set('2021-06-22T07:00:00Z');

    const { created } = await plan();

    assert.equal(created, 1);
    assert.deepEqual((await storedJobs(ROUND, 'reminder')).map(summary), [
      {
        id: bundleJobId('reminder-2021-06-22', OWNER.id),
        kind: 'reminder',
        projectId: SOLO.id,
        recipientId: OWNER.id,
        dueAt: '2021-06-22T07:00:00.000Z',
        state: 'pending',
      },
    ]);
  });

  it('keeps planning per project a step planned that way before reminders were bundled, so an update sends nobody a bundle on top', async () => {
    await plan();
    clock.set('2021-06-22T07:00:00Z');
    const before = {
      ...(await storedJobs())[0],
      id: sendJobId('reminder-2021-06-22', SOLO.id, OWNER.id),
      stepKey: 'reminder-2021-06-22',
      kind: 'reminder' as const,
      projectId: SOLO.id,
      recipientId: OWNER.id,
    } as SendJob;
    await repositories.sendJobs.createMany([before]);

    await plan();

    const reminders = await storedJobs(ROUND, 'reminder');
    assert.ok(
      reminders.every((job) => job.projectIds === undefined),
      'no bundle',
    );
    assert.deepEqual(
      reminders.map((job) => job.id).sort(),
      [
        sendJobId('reminder-2021-06-22', SHARED.id, OWNER.id),
        sendJobId('reminder-2021-06-22', SHARED.id, SECOND_OWNER.id),
        sendJobId('reminder-2021-06-22', SOLO.id, OWNER.id),
      ].sort(),
    );
  });

  it('reminds the owners of an answer a reviewer sent back, as if it had never come in', async () => {
    await plan();
    await answerProject(SHARED);
    await answerProject(SOLO);
    const stored = await repositories.statusUpdates.get(ROUND.id, SOLO.id);
    assert.ok(stored);
    const sentBack = await repositories.statusUpdates.replace(
      {
        ...stored.value,
        decisions: [
          {
            version: 1,
            decision: 'sentBack',
            comment: 'Te vaag.',
            by: COORDINATOR.id,
            byName: COORDINATOR.name,
            at: '2021-06-20T10:00:00.000Z',
          },
        ],
      },
      stored.etag,
    );
    assert.ok(sentBack);
    clock.set('2021-06-22T07:00:00Z');

    const { created } = await plan();

    assert.equal(created, 1);
    assert.deepEqual(
      (await storedJobs(ROUND, 'reminder')).map((job) => `${job.projectId ?? ''}|${job.recipientId}`),
      [`${SOLO.id}|${OWNER.id}`],
    );
  });

  it('after the deadline makes one digest per working day for the coordinator who opened the round', async () => {
    await plan();
    clock.set('2021-07-02T07:00:00Z');
    await plan();
    const digest = (day: string) => ({
      id: sendJobId(`digest-${day}`, undefined, COORDINATOR.id),
      kind: 'digest',
      projectId: undefined,
      recipientId: COORDINATOR.id,
      dueAt: `${day}T07:00:00.000Z`,
      state: 'pending',
    });
    assert.deepEqual((await storedJobs(ROUND, 'digest')).map(summary), [digest('2021-07-02')]);

    clock.set('2021-07-03T12:00:00Z');
    assert.equal((await plan()).created, 0, 'no digest on Saturday');
    clock.set('2021-07-05T07:00:00Z');
    const { created } = await plan();

    assert.equal(created, 1, 'Monday adds only its own digest');
    assert.deepEqual((await storedJobs(ROUND, 'digest')).map(summary), [
      digest('2021-07-02'),
      digest('2021-07-05'),
    ]);
  });

  it('addresses the digest to whoever opened the round', async () => {
    const other = round({ kind: 'jaarverslag', deadline: '2021-07-01', openedBy: SECOND_OWNER.id });
    await repositories.rounds.create(other);
    await repositories.statusUpdates.createMany([statusUpdate(other, SOLO)]);
    clock.set('2021-07-02T07:00:00Z');

    await plan();

    assert.deepEqual(
      (await storedJobs(other, 'digest')).map((job) => job.recipientId),
      [SECOND_OWNER.id],
    );
  });

  it('plans nothing for a closed round', async () => {
    const closed = round({ kind: 'jaarverslag', status: 'closed', deadline: '2021-07-01' });
    await repositories.rounds.create(closed);
    await repositories.statusUpdates.createMany([statusUpdate(closed, SHARED), statusUpdate(closed, SOLO)]);
    clock.set('2021-07-05T12:00:00Z');

    await plan();

    assert.deepEqual(await storedJobs(closed), []);
    assert.ok((await storedJobs(ROUND)).length > 0, 'the open round next to it is still planned');
  });

  it('reminds the owners of the projects still without an answer once a closed round is reopened, with the new deadline', async () => {
    await answerProject(SOLO);
    clock.set('2021-06-01T08:00:00Z');
    await plan();
    const closedAt = '2021-07-02T08:00:00.000Z';
    await repositories.rounds.replace({ ...ROUND, status: 'closed', closedAt, closedBy: COORDINATOR.id });
    clock.set('2021-07-05T07:00:00Z');
    assert.equal((await plan()).created, 0, 'nothing while it is closed');

    await repositories.rounds.replace({
      ...ROUND,
      deadline: '2021-07-16',
      history: [
        { action: 'opened', by: COORDINATOR.id, at: ROUND.openedAt, deadline: ROUND.deadline },
        { action: 'closed', by: COORDINATOR.id, at: closedAt },
        { action: 'reopened', by: COORDINATOR.id, at: '2021-07-05T07:00:00.000Z', deadline: '2021-07-16' },
      ],
    });
    await plan();

    assert.deepEqual(
      (await storedJobs(ROUND, 'reminder')).map((job) => job.id),
      [OWNER.id, SECOND_OWNER.id].map((ownerId) => bundleJobId('reopened-2021-07-05', ownerId)).sort(),
      'the shared project is unanswered; the answered one is left alone',
    );
    clock.set('2021-07-07T07:00:00Z');
    await plan();
    assert.ok(
      (await storedJobs(ROUND, 'reminder')).some((job) => job.stepKey === 'reminder-2021-07-07'),
      'then the reminders before the new deadline',
    );
  });

  describe('the weekly digest for team channels', () => {
    const RUIMTE = channelTargetId('19:Ruimte-General@thread.tacv2');
    const KWALITEIT = channelTargetId('19:kwaliteit-general@thread.tacv2');
    const weekly = (key: string, channelId: string, dueAt: string) => ({
      id: sendJobId(key, undefined, channelId),
      kind: 'weekly',
      projectId: undefined,
      recipientId: channelId,
      dueAt,
      state: 'pending',
    });

    beforeEach(async () => {
      for (const channelId of [RUIMTE, KWALITEIT]) {
        await repositories.digestChannels.add({
          channelId,
          by: COORDINATOR.id,
          since: '2021-06-02T09:00:00.000Z',
        });
      }
    });

    it('makes one job per channel on Monday at 09:00 Amsterdam time, and none before', async () => {
      clock.set('2021-06-07T06:59:00Z');
      await plan();
      assert.deepEqual(await storedJobs(ROUND, 'weekly'), []);

      clock.set('2021-06-07T07:05:00Z');
      await plan();

      assert.deepEqual(
        (await storedJobs(ROUND, 'weekly')).map(summary),
        [
          weekly('weekly-2021-W23', RUIMTE, '2021-06-07T07:00:00.000Z'),
          weekly('weekly-2021-W23', KWALITEIT, '2021-06-07T07:00:00.000Z'),
        ].sort(byId),
      );
    });

    it('makes nothing new when planned again that week, by this instance or another', async () => {
      clock.set('2021-06-07T07:05:00Z');
      await plan();
      const before = await storedJobs(ROUND, 'weekly');

      assert.equal((await plan()).created, 0);
      clock.set('2021-06-10T13:00:00Z');
      assert.equal((await plan()).created, 0);
      assert.deepEqual(await storedJobs(ROUND, 'weekly'), before);
    });

    it('after an outage of weeks makes only the latest week, not a backlog', async () => {
      clock.set('2021-06-23T08:00:00Z');

      await plan();

      assert.deepEqual(
        (await storedJobs(ROUND, 'weekly')).map((job) => job.stepKey),
        ['weekly-2021-W25', 'weekly-2021-W25'],
      );
    });

    it('starts a channel switched on during the week with the next week', async () => {
      const late = channelTargetId('19:late@thread.tacv2');
      await repositories.digestChannels.add({
        channelId: late,
        by: COORDINATOR.id,
        since: '2021-06-09T10:00:00.000Z',
      });
      clock.set('2021-06-09T10:30:00Z');
      await plan();
      assert.equal(
        (await storedJobs(ROUND, 'weekly')).some((job) => job.recipientId === late),
        false,
        'not the digest of a week already under way',
      );

      clock.set('2021-06-14T07:00:00Z');
      await plan();

      assert.deepEqual(
        (await storedJobs(ROUND, 'weekly'))
          .filter((job) => job.recipientId === late)
          .map((job) => job.stepKey),
        ['weekly-2021-W24'],
      );
    });

    it('plans no weekly digest for a closed round', async () => {
      const closed = round({ kind: 'jaarverslag', status: 'closed', deadline: '2021-07-01' });
      await repositories.rounds.create(closed);
      await repositories.statusUpdates.createMany([statusUpdate(closed, SOLO)]);
      clock.set('2021-06-14T07:00:00Z');

      await plan();

      assert.deepEqual(await storedJobs(closed), []);
      assert.equal(
        (await storedJobs(ROUND, 'weekly')).length,
        2,
        'the open round next to it gets its digest',
      );
    });

    it('plans no weekly digest when no channel asked for one', async () => {
      await repositories.digestChannels.remove(RUIMTE);
      await repositories.digestChannels.remove(KWALITEIT);
      clock.set('2021-06-14T07:00:00Z');

      await plan();

      assert.deepEqual(await storedJobs(ROUND, 'weekly'), []);
    });
  });

  describe('for a round opened on a Saturday', () => {
    // Saturday 5 June 2021, 12:00 Amsterdam time; Monday 7 June 09:00 Amsterdam is 07:00 UTC.
    const SATURDAY_ROUND = round({ kind: 'jaarverslag', openedAt: '2021-06-05T10:00:00.000Z' });
    const contact = (userId: string): Contact => ({
      userId,
      name: userId,
      language: 'nl',
      address: { conversation: { id: `a:${userId}` } },
      updatedAt: '2021-05-01T08:00:00.000Z',
    });
    const sent: Delivery[] = [];
    const sender: JobSender = {
      send(delivery): Promise<SendOutcome> {
        sent.push(delivery);
        return Promise.resolve({ ok: true, activityId: `activity:${delivery.job.id}` });
      },
    };

    beforeEach(async () => {
      sent.length = 0;
      repositories = inMemoryRepositories();
      await repositories.rounds.create(SATURDAY_ROUND);
      await repositories.statusUpdates.createMany([statusUpdate(SATURDAY_ROUND, SOLO)]);
      await repositories.contacts.upsert(contact(OWNER.id));
    });

    function dispatch() {
      return dispatchDueSends({ ...repositories, clock, sender, instanceId: 'instance-a' });
    }

    it('has nothing due on Sunday, so nothing is planned or sent', async () => {
      clock.set('2021-06-06T10:00:00Z');

      const { created } = await plan();
      const report = await dispatch();

      assert.equal(created, 0);
      assert.equal(report.sent, 0);
      assert.deepEqual(sent, []);
    });

    it('asks on Monday at 09:00 Amsterdam time and not a minute earlier', async () => {
      clock.set('2021-06-07T06:59:00Z');
      assert.equal((await plan()).created, 0);
      assert.equal((await dispatch()).sent, 0);

      clock.set('2021-06-07T07:00:00Z');
      const { created } = await plan();
      const report = await dispatch();

      assert.equal(created, 1);
      assert.deepEqual((await storedJobs(SATURDAY_ROUND)).map(summary), [
        {
          id: sendJobId('ask', SOLO.id, OWNER.id),
          kind: 'ask',
          projectId: SOLO.id,
          recipientId: OWNER.id,
          dueAt: '2021-06-07T07:00:00.000Z',
          state: 'sent',
        },
      ]);
      assert.equal(report.sent, 1);
      assert.deepEqual(
        sent.map((delivery) => delivery.job.id),
        [sendJobId('ask', SOLO.id, OWNER.id)],
      );
    });
  });
});
