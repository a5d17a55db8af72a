import assert from 'node:assert/strict';

import {
  alwaysGoes,
  bundleJobs,
  decideCap,
  reminderWeek,
  type ReminderTally,
} from '../../../src/domain/reminder-bundle';
import { bundleJobId, type SendJob } from '../../../src/domain/send-job';
import { answer, OWNER, project, round, SECOND_OWNER, statusUpdate, STRANGER } from './fixtures';

// Deadline Thursday 1 July 2021: reminders on 22 June, 29 June and 1 July (the deadline's day).
const ROUND = round({ deadline: '2021-07-01' });
const NOW = new Date('2021-06-22T07:00:00Z');
const STEP = { key: 'reminder-2021-06-22', kind: 'reminder' as const, at: NOW.toISOString() };

function reminder(stepKey: string, recipientId = OWNER.id): SendJob {
  return {
    id: bundleJobId(stepKey, recipientId),
    roundId: ROUND.id,
    stepKey,
    kind: 'reminder',
    projectIds: ['2021:1', '2021:2'],
    recipientId,
    dueAt: NOW.toISOString(),
    state: 'pending',
    attempts: 0,
    updatedAt: NOW.toISOString(),
  };
}

function tally(jobIds: readonly string[], week = '2021-W25'): ReminderTally {
  return { recipientId: OWNER.id, week, jobIds };
}

describe('bundleJobs', () => {
  const six = ['10', '2', '4.2.3', '1', '7', '3'].map((number) => statusUpdate(ROUND, project(number)));

  it('makes one job per person for all their projects still without an answer, in report order', () => {
    const answered = statusUpdate(ROUND, project('8'), [answer('Klaar.')]);

    const jobs = bundleJobs(ROUND, STEP, [...six, answered], NOW);

    assert.equal(jobs.length, 1);
    const [job] = jobs;
    assert.equal(job?.id, bundleJobId(STEP.key, OWNER.id));
    assert.deepEqual(job.projectIds, ['2021:1', '2021:2', '2021:3', '2021:4.2.3', '2021:7', '2021:10']);
    assert.equal(job.projectId, undefined, 'a bundle of several names no single project');
    assert.equal(job.kind, 'reminder');
    assert.equal(job.dueAt, STEP.at);
  });

  it('gives a person with one open project a bundle of one that carries the project, as its card will', () => {
    const shared = statusUpdate(ROUND, project('5', { owners: [OWNER.id, SECOND_OWNER.id] }));

    const jobs = bundleJobs(ROUND, STEP, [...six, shared], NOW);

    const second = jobs.find((job) => job.recipientId === SECOND_OWNER.id);
    assert.deepEqual(second?.projectIds, ['2021:5']);
    assert.equal(second.projectId, '2021:5');
    assert.equal(jobs.find((job) => job.recipientId === OWNER.id)?.projectIds?.length, 7);
  });

  it('reminds a colleague a project was delegated to in their own bundle', () => {
    const delegated = {
      ...statusUpdate(ROUND, project('9')),
      delegations: [{ to: STRANGER.id, by: OWNER.id, at: '2021-06-10T08:00:00.000Z' }],
    };

    const jobs = bundleJobs(ROUND, STEP, [delegated], NOW);

    assert.deepEqual(jobs.map((job) => job.recipientId).sort(), [OWNER.id, STRANGER.id].sort());
  });

  it('keeps the same id whatever projects are open, so instances planning at different moments agree', () => {
    const before = bundleJobs(ROUND, STEP, six, NOW);
    const after = bundleJobs(ROUND, STEP, six.slice(0, 1), NOW);

    assert.equal(before[0]?.id, after[0]?.id);
  });

  it('on the first ask as an overview lists every project, answered or not', () => {
    const ask = { key: 'ask', kind: 'ask' as const, at: NOW.toISOString() };
    const answered = statusUpdate(ROUND, project('8'), [answer('Klaar.')]);

    const [job] = bundleJobs(ROUND, ask, [...six, answered], NOW);

    assert.equal(job?.projectIds?.length, 7);
    assert.equal(job.kind, 'ask');
  });
});

describe('the weekly reminder cap', () => {
  it('counts weeks as ISO weeks in Amsterdam: Sunday 23:30 UTC is already Monday there', () => {
    assert.equal(reminderWeek(ROUND, new Date('2021-06-27T21:30:00Z')), '2021-W25', 'Sunday 23:30 CEST');
    assert.equal(reminderWeek(ROUND, new Date('2021-06-27T22:30:00Z')), '2021-W26', 'Monday 00:30 CEST');
  });

  it('lets a reminder go and counts it while the person had fewer than three this week', () => {
    const job = reminder('reminder-2021-06-22');

    const decision = decideCap(job, ROUND, tally(['a', 'b']), NOW);

    assert.deepEqual(decision, { send: true, changed: true, tally: tally(['a', 'b', job.id]) });
  });

  it('caps the fourth reminder of the week, with the reason', () => {
    assert.deepEqual(decideCap(reminder('reminder-2021-06-22'), ROUND, tally(['a', 'b', 'c']), NOW), {
      send: false,
      reason: 'capped',
    });
  });

  it('follows the round’s own cap', () => {
    const once = round({
      deadline: '2021-07-01',
      reminderPlan: { ...ROUND.reminderPlan, remindersPerWeek: 1 },
    });

    assert.equal(decideCap(reminder('reminder-2021-06-22'), once, tally(['a']), NOW).send, false);
  });

  it('starts afresh in a new week', () => {
    const decision = decideCap(
      reminder('reminder-2021-06-22'),
      ROUND,
      tally(['a', 'b', 'c'], '2021-W24'),
      NOW,
    );

    assert.ok(decision.send);
    assert.deepEqual(decision.tally.jobIds, [bundleJobId('reminder-2021-06-22', OWNER.id)]);
  });

  it('counts a job tried again (after a crash) once, and lets it go even at the cap', () => {
    const job = reminder('reminder-2021-06-22');

    const decision = decideCap(job, ROUND, tally(['a', 'b', job.id]), NOW);

    assert.deepEqual(decision, { send: true, changed: false, tally: tally(['a', 'b', job.id]) });
  });

  it('always lets the deadline day’s reminder, a snooze and a reopened round’s reminder go, and counts them', () => {
    const full = tally(['a', 'b', 'c']);
    for (const stepKey of ['reminder-2021-07-01', 'snooze-2021-06-23', 'reopened-2021-07-05']) {
      const job = reminder(stepKey);
      assert.ok(alwaysGoes(job, ROUND), stepKey);
      const decision = decideCap(job, ROUND, full, NOW);
      assert.ok(decision.send, stepKey);
      assert.equal(decision.tally.jobIds.length, 4, stepKey);
    }
    assert.equal(alwaysGoes(reminder('reminder-2021-06-29'), ROUND), false);
  });

  it('keeps the tally under the person as the bot knows them, however the register names them', () => {
    const byEmail = { ...reminder('reminder-2021-06-22'), recipientId: 'megan.bowen@gemeente.nl' };

    const decision = decideCap(byEmail, ROUND, undefined, NOW, OWNER.id);

    assert.ok(decision.send);
    assert.equal(decision.tally.recipientId, OWNER.id);
  });
});
