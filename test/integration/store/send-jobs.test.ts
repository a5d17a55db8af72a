import assert from 'node:assert/strict';
import type { CosmosStore } from '../../../src/infrastructure/cosmos/cosmos-store';
import { CosmosSendJobRepository } from '../../../src/infrastructure/cosmos/repositories';
import { CosmosReminderTallyRepository } from '../../../src/infrastructure/cosmos/reminder-tallies';
import { bundleJobId, sendJobId, type SendJob } from '../../../src/domain/send-job';
import { freshStore } from '../../support/local-cosmos-fixture';

const roundId = 'voortgangsrapportage-2021';

function job(recipientId: string, dueAt: string, change: Partial<SendJob> = {}): SendJob {
  return {
    id: sendJobId('ask', '2021:4.2.3', recipientId),
    roundId,
    stepKey: 'ask',
    kind: 'ask',
    projectId: '2021:4.2.3',
    recipientId,
    dueAt,
    state: 'pending',
    attempts: 0,
    updatedAt: '2021-06-01T08:00:00.000Z',
    ...change,
  };
}

describe('CosmosSendJobRepository against the local Cosmos server', function () {
  let store: CosmosStore;
  let jobs: CosmosSendJobRepository;

  beforeEach(async function () {
    store = await freshStore();
    jobs = new CosmosSendJobRepository(store.containers.sendJobs);
  });

  afterEach(function () {
    store.dispose();
  });

  it('creates a job once, however often it is planned, and keeps the stored state', async function () {
    assert.equal(
      await jobs.createMany([job('a', '2021-06-01T08:00:00.000Z'), job('b', '2021-06-01T08:00:00.000Z')]),
      2,
    );
    const [listed] = await jobs.listClaimable(roundId, new Date('2021-06-01T09:00:00Z'), 1);
    assert.ok(listed);
    await jobs.replace({ ...listed.value, state: 'sent' }, listed.etag);

    assert.equal(
      await jobs.createMany([job('a', '2021-06-01T08:00:00.000Z'), job('b', '2021-06-01T08:00:00.000Z')]),
      0,
    );

    const states = (await jobs.listByRound(roundId)).map((j) => j.state).sort();
    assert.deepEqual(states, ['pending', 'sent']);
  });

  it('tells whether a step was planned per project (before bundling), and not for a bundle, even one of one project', async function () {
    const step = 'reminder-2021-06-22';
    await jobs.createMany([
      job('a', '2021-06-22T07:00:00.000Z', {
        id: bundleJobId(step, 'a'),
        stepKey: step,
        kind: 'reminder',
        projectIds: ['2021:4.2.3'],
      }),
    ]);
    assert.equal(await jobs.plannedPerProject(roundId, step), false);

    await jobs.createMany([
      job('b', '2021-06-22T07:00:00.000Z', {
        id: sendJobId(step, '2021:4.2.3', 'b'),
        stepKey: step,
        kind: 'reminder',
      }),
    ]);

    assert.equal(await jobs.plannedPerProject(roundId, step), true);
    assert.equal(await jobs.plannedPerProject(roundId, 'reminder-2021-06-29'), false);
  });

  it('plans many jobs a hundred to a request and counts only those it created', async function () {
    const planned = Array.from({ length: 150 }, (_, i) => job(`owner-${i}`, '2021-06-01T08:00:00.000Z'));
    assert.equal(await jobs.createMany(planned.slice(95, 105)), 10);

    assert.equal(await jobs.createMany(planned), 140);

    assert.equal((await jobs.listByRound(roundId)).length, 150);
  });

  it('reads one job with the etag its claim must match, and nothing for a job that is not there', async function () {
    const planned = job('a', '2021-06-01T08:00:00.000Z');
    await jobs.createMany([planned]);
    const [listed] = await jobs.listClaimable(roundId, new Date('2021-06-01T09:00:00Z'), 1);
    assert.ok(listed);

    const read = await jobs.get(roundId, planned.id);

    assert.deepEqual(read, listed);
    assert.ok(await jobs.replace({ ...planned, state: 'sending' }, read.etag), 'the etag read is current');
    assert.equal(await jobs.get(roundId, sendJobId('ask', '2021:4.2.3', 'nobody')), undefined);
  });

  it('lists due pending jobs and expired leases, earliest first, at most the limit', async function () {
    await jobs.createMany([
      job('due-later', '2021-06-01T08:30:00.000Z'),
      job('due-first', '2021-06-01T08:00:00.000Z'),
      job('not-yet-due', '2021-06-02T08:00:00.000Z'),
      job('expired-lease', '2021-06-01T08:10:00.000Z', {
        state: 'sending',
        leaseUntil: '2021-06-01T08:50:00.000Z',
      }),
      job('live-lease', '2021-06-01T08:10:00.000Z', {
        state: 'sending',
        leaseUntil: '2021-06-01T10:00:00.000Z',
      }),
      job('sent', '2021-06-01T08:00:00.000Z', { state: 'sent' }),
    ]);

    const now = new Date('2021-06-01T09:00:00Z');
    const listed = await jobs.listClaimable(roundId, now, 10);
    const firstTwo = await jobs.listClaimable(roundId, now, 2);

    assert.deepEqual(
      listed.map((j) => j.value.recipientId),
      ['due-first', 'expired-lease', 'due-later'],
    );
    assert.deepEqual(
      firstTwo.map((j) => j.value.recipientId),
      ['due-first', 'expired-lease'],
    );
  });

  it("lists one person's due bundled reminders under any of their names, and nothing else", async function () {
    const reminder = (recipientId: string, change: Partial<SendJob> = {}): SendJob =>
      job(recipientId, '2021-06-22T07:00:00.000Z', {
        id: bundleJobId('reminder-2021-06-22', recipientId),
        stepKey: 'reminder-2021-06-22',
        kind: 'reminder',
        projectId: undefined,
        projectIds: ['2021:1', '2021:2'],
        ...change,
      });
    await jobs.createMany([
      reminder('object-id'),
      reminder('megan@gemeente.nl'),
      reminder('someone-else'),
      reminder('later', { dueAt: '2021-06-29T07:00:00.000Z' }),
      reminder('sent', { state: 'sent' }),
      reminder('abandoned', { state: 'sending', leaseUntil: '2021-06-22T06:00:00.000Z' }),
      job('object-id', '2021-06-22T07:00:00.000Z', {
        id: 'snooze',
        stepKey: 'snooze-2021-06-22',
        kind: 'reminder',
      }),
      job('object-id', '2021-06-22T07:00:00.000Z'),
    ]);

    const listed = await jobs.listClaimableReminders(
      roundId,
      ['object-id', 'megan@gemeente.nl', 'later', 'sent', 'abandoned'],
      new Date('2021-06-22T07:00:00Z'),
    );

    assert.deepEqual(listed.map((entry) => entry.value.recipientId).sort(), [
      'abandoned',
      'megan@gemeente.nl',
      'object-id',
    ]);
    assert.ok(listed.every((entry) => entry.etag !== ''));
  });

  it('lets only one of two claims with the same etag win', async function () {
    await jobs.createMany([job('a', '2021-06-01T08:00:00.000Z')]);
    const [listed] = await jobs.listClaimable(roundId, new Date('2021-06-01T09:00:00Z'), 1);
    assert.ok(listed);

    const claims = await Promise.all([
      jobs.replace({ ...listed.value, state: 'sending', leaseOwner: 'one' }, listed.etag),
      jobs.replace({ ...listed.value, state: 'sending', leaseOwner: 'two' }, listed.etag),
    ]);

    assert.equal(claims.filter((claim) => claim !== undefined).length, 1);
    const [stored] = await jobs.listByRound(roundId);
    assert.equal(stored?.leaseOwner, claims.find((claim) => claim)?.value.leaseOwner);
  });

  it('keeps a weekly reminder tally per person under its etag, and lists a week’s tallies', async function () {
    const tallies = new CosmosReminderTallyRepository(store.containers.leases);
    const first = { recipientId: 'a', week: '2021-W25', jobIds: ['one'] };
    assert.equal(await tallies.save(first, undefined), true);
    assert.equal(await tallies.save(first, undefined), false, 'a second create loses');
    const stored = await tallies.get('a', '2021-W25');
    assert.deepEqual(stored?.value, first);

    assert.equal(await tallies.save({ ...first, jobIds: ['one', 'two'] }, stored.etag), true);
    assert.equal(
      await tallies.save({ ...first, jobIds: ['one', 'three'] }, stored.etag),
      false,
      'stale etag',
    );
    await tallies.save({ recipientId: 'b', week: '2021-W26', jobIds: ['x'] }, undefined);

    assert.deepEqual(await tallies.listWeek('2021-W25'), [{ ...first, jobIds: ['one', 'two'] }]);
    assert.equal(await tallies.get('a', '2021-W26'), undefined);
    assert.deepEqual(
      (await tallies.listFor('a')).map((tally) => tally.week),
      ['2021-W25'],
    );
    await tallies.remove('a', '2021-W25');
    await tallies.remove('a', '2021-W25');
    assert.deepEqual(await tallies.listFor('a'), []);
  });
});
