import assert from 'node:assert/strict';
import { sendJobId, type SendJob } from '../../../../src/domain/send-job';
import { markCardsAnswered } from '../../../../src/domain/use-cases/mark-cards-answered';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { FixedClock } from '../../../support/fixed-clock';
import { project, round, statusUpdate } from '../fixtures';

describe('markCardsAnswered', function () {
  const clock = new FixedClock('2021-06-10T09:00:00Z');
  const of = round();
  const about = project('4.2.3', { owners: ['owner-a', 'owner-b'] });

  function sent(
    stepKey: string,
    kind: SendJob['kind'],
    recipientId: string,
    change: Partial<SendJob> = {},
  ): SendJob {
    return {
      id: sendJobId(stepKey, about.id, recipientId),
      roundId: of.id,
      stepKey,
      kind,
      projectId: about.id,
      recipientId,
      dueAt: '2021-06-01T08:00:00.000Z',
      state: 'sent',
      attempts: 1,
      activityId: `${stepKey}-${recipientId}`,
      updatedAt: '2021-06-01T08:00:00.000Z',
      ...change,
    };
  }

  it('plans one in-place update per card sent about the project, to every owner, except the card pressed', async function () {
    const { sendJobs } = inMemoryRepositories();
    await sendJobs.createMany([
      sent('ask', 'ask', 'owner-a'),
      sent('ask', 'ask', 'owner-b'),
      sent('reminder-2021-06-08', 'reminder', 'owner-a'),
      sent('reminder-2021-06-09', 'reminder', 'owner-b', { state: 'failed', activityId: undefined }),
    ]);
    const answered = statusUpdate(of, about, [
      {
        status: 'op-schema',
        answer: 'Klaar',
        answeredAt: '2021-06-10T09:00:00.000Z',
        answeredBy: 'owner-a',
        answeredByName: 'A',
      },
    ]);

    const planned = await markCardsAnswered(
      { update: answered, pressedActivityId: 'reminder-2021-06-08-owner-a' },
      { sendJobs, clock },
    );
    const again = await markCardsAnswered(
      { update: answered, pressedActivityId: 'reminder-2021-06-08-owner-a' },
      { sendJobs, clock },
    );

    assert.equal(planned, 2);
    assert.equal(again, 0, 'planning twice makes nothing new');
    const updates = (await sendJobs.listByRound(of.id)).filter((job) => job.kind === 'answered');
    assert.deepEqual(updates.map((job) => [job.recipientId, job.updatesActivityId]).sort(), [
      ['owner-a', 'ask-owner-a'],
      ['owner-b', 'ask-owner-b'],
    ]);
    assert.ok(updates.every((job) => job.state === 'pending' && job.dueAt === '2021-06-10T09:00:00.000Z'));
  });
});
