import assert from 'node:assert/strict';

import { sendJobId, type SendJob } from '../../../../src/domain/send-job';
import { roundStatus } from '../../../../src/domain/use-cases/round-status';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import { FixedClock } from '../../../support/fixed-clock';
import { EMPTY_RAW_ANSWER } from '../../../../src/domain/answer';
import {
  COORDINATOR,
  OWNER,
  SECOND_OWNER,
  answer,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';

describe('roundStatus', function () {
  const clock = new FixedClock('2021-06-20T09:00:00Z');
  const of = round();
  const first = project('4.2.3');
  const second = project('4.2.4');
  const third = project('4.2.5', { owners: [SECOND_OWNER.id] });
  let repositories: InMemoryRepositories;

  function job(
    stepKey: string,
    kind: SendJob['kind'],
    about: string,
    recipientId: string,
    change: Partial<SendJob>,
  ): SendJob {
    return {
      id: sendJobId(stepKey, about, recipientId),
      roundId: of.id,
      stepKey,
      kind,
      projectId: about,
      recipientId,
      dueAt: '2021-06-01T08:00:00.000Z',
      state: 'sent',
      attempts: 1,
      updatedAt: '2021-06-01T08:00:00.000Z',
      ...change,
    };
  }

  beforeEach(async function () {
    repositories = inMemoryRepositories();
    await repositories.rounds.create(of);
    await repositories.statusUpdates.createMany([
      statusUpdate(of, first),
      statusUpdate(of, second),
      statusUpdate(of, third),
    ]);
  });

  const status = () =>
    roundStatus(
      { by: COORDINATOR },
      {
        ...repositories,
        isCoordinator,
        clock,
        coordinators: [COORDINATOR.id],
        speerpuntReviewers: new Map(),
      },
    );

  it('does not call an owner unreachable when only an old card could not be updated in place', async function () {
    await repositories.sendJobs.createMany([
      job('ask', 'ask', first.id, OWNER.id, { activityId: 'card-1' }),
      job('answered-v1-card-1', 'answered', first.id, OWNER.id, {
        state: 'failed',
        reason: 'not-found',
        updatesActivityId: 'card-1',
        updatedAt: '2021-06-10T08:00:00.000Z',
      }),
      job('reviewed-v1-card-1', 'reviewed', first.id, OWNER.id, {
        state: 'failed',
        reason: 'not-found',
        updatesActivityId: 'card-1',
        updatedAt: '2021-06-11T08:00:00.000Z',
      }),
    ]);

    const { waiting, unreachable } = await status();

    assert.equal(unreachable, 0);
    assert.deepEqual(
      waiting.map((owner) => `${owner.number} ${owner.state}`),
      ['4.2.3 open', '4.2.4 open', '4.2.5 open'],
    );
  });

  it('calls an owner unreachable when a new message to them failed, whatever happened to old cards since', async function () {
    await repositories.sendJobs.createMany([
      job('reminder-2021-06-08', 'reminder', first.id, OWNER.id, {
        state: 'failed',
        reason: 'blocked',
        updatedAt: '2021-06-08T07:00:00.000Z',
      }),
      job('answered-v1-card-1', 'answered', first.id, OWNER.id, { updatedAt: '2021-06-10T08:00:00.000Z' }),
      job('sent-back-v1', 'sentBack', third.id, SECOND_OWNER.id, {
        state: 'failed',
        reason: 'not-found',
        updatedAt: '2021-06-12T08:00:00.000Z',
      }),
    ]);

    const { waiting } = await status();

    assert.deepEqual(
      waiting.map((owner) => `${owner.number} ${owner.state} ${owner.reason ?? ''}`),
      ['4.2.3 unreachable blocked', '4.2.4 open ', '4.2.5 unreachable not-found'],
    );
  });

  it('counts an unreachable owner once, however many of their projects wait', async function () {
    await repositories.sendJobs.createMany([
      job('ask', 'ask', first.id, OWNER.id, { state: 'failed', reason: 'blocked' }),
      job('ask', 'ask', second.id, OWNER.id, { state: 'failed', reason: 'blocked' }),
    ]);

    const result = await status();

    assert.equal(result.waiting.filter((owner) => owner.state === 'unreachable').length, 2);
    assert.equal(result.unreachable, 1);
  });

  it('takes a later message that arrived as proof the owner can be reached again', async function () {
    await repositories.sendJobs.createMany([
      job('ask', 'ask', first.id, OWNER.id, { state: 'failed', reason: 'blocked' }),
      job('reminder-2021-06-15', 'reminder', first.id, OWNER.id, { updatedAt: '2021-06-15T07:00:00.000Z' }),
    ]);

    const { unreachable } = await status();

    assert.equal(unreachable, 0);
  });

  it('gives the charts every project in one state and a bar per speerpunt, and no review figures without review', async function () {
    await repositories.statusUpdates.createMany([
      statusUpdate(of, project('5', { speerpunt: 'Ruimte' }), [answer('Op schema.')]),
      {
        ...statusUpdate(of, project('6', { speerpunt: 'Ruimte' })),
        draft: {
          values: { ...EMPTY_RAW_ANSWER, answer: 'Half af.' },
          savedAt: '2021-06-10T09:00:00.000Z',
          savedBy: OWNER.id,
          savedByName: OWNER.name,
        },
      },
    ]);

    const { figures, answered, open } = await status();

    assert.deepEqual(figures, {
      states: { answered: 1, draft: 1, open: 3, sentBack: 0 },
      speerpunten: [
        { speerpunt: 'Kwaliteit', answered: 0, total: 3 },
        { speerpunt: 'Ruimte', answered: 1, total: 2 },
      ],
    });
    assert.equal(figures.states.answered, answered, 'the chart and the text count the same');
    assert.equal(figures.states.draft + figures.states.open + figures.states.sentBack, open);
  });
});
