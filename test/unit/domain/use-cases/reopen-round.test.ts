import assert from 'node:assert/strict';
import { EMPTY_RAW_ANSWER } from '../../../../src/domain/answer';
import { RoundStateError } from '../../../../src/domain/errors';
import type { Person } from '../../../../src/domain/model';
import { closeRound } from '../../../../src/domain/use-cases/close-round';
import { reopenRound } from '../../../../src/domain/use-cases/reopen-round';
import { submitStatusUpdate } from '../../../../src/domain/use-cases/submit-status-update';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  answer,
  assertRefused,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';

const SECOND_COORDINATOR: Person = { id: 'c2c2c2c2-0000-4000-8000-000000000002', name: 'Kees Coördinator' };
const coordinators = (person: Person) => isCoordinator(person) || person.id === SECOND_COORDINATOR.id;

describe('reopenRound', function () {
  let clock: FixedClock;

  /** The voortgangsrapportage 2021, closed on 2 July with one project answered and one not. */
  async function closedRound() {
    clock = new FixedClock('2021-07-02T10:00:00Z');
    const repositories = inMemoryRepositories();
    const open = round();
    await repositories.rounds.create(open);
    await repositories.statusUpdates.createMany([
      statusUpdate(open, project('2'), [answer('Loopt.')]),
      statusUpdate(open, project('4.2.3')),
    ]);
    await closeRound(
      { kind: 'voortgangsrapportage', year: 2021, by: COORDINATOR },
      { rounds: repositories.rounds, clock, isCoordinator: coordinators },
    );
    clock.set('2021-07-05T10:00:00Z');
    const reopen = (deadline = '15-7-2021', by = SECOND_COORDINATOR, kind = 'voortgangsrapportage') =>
      reopenRound(
        { kind, year: '2021', deadline, by },
        { ...repositories, clock, isCoordinator: coordinators },
      );
    return { repositories, reopen };
  }

  it('opens the round again with the new deadline, keeping who reopened it and when in its history', async function () {
    const { repositories, reopen } = await closedRound();

    const { round: reopened, total, waiting } = await reopen();

    assert.equal(reopened.status, 'open');
    assert.equal(reopened.deadline, '2021-07-15');
    assert.equal(reopened.closedAt, undefined, 'no longer closed');
    assert.deepEqual(reopened.history?.slice(1), [
      { action: 'closed', by: COORDINATOR.id, byName: COORDINATOR.name, at: '2021-07-02T10:00:00.000Z' },
      {
        action: 'reopened',
        by: SECOND_COORDINATOR.id,
        byName: SECOND_COORDINATOR.name,
        at: '2021-07-05T10:00:00.000Z',
        deadline: '2021-07-15',
      },
    ]);
    assert.deepEqual({ total, waiting }, { total: 2, waiting: 1 });
    assert.deepEqual(await repositories.rounds.get(reopened.id), reopened);
    assert.deepEqual(
      (await repositories.rounds.listOpen()).map((open) => open.id),
      ['voortgangsrapportage-2021'],
    );
  });

  it('keeps the answers, and lets owners answer and change them again', async function () {
    const { repositories, reopen } = await closedRound();
    const submit = (projectId: string, text: string) =>
      submitStatusUpdate(
        {
          roundId: 'voortgangsrapportage-2021',
          projectId,
          raw: { ...EMPTY_RAW_ANSWER, status: 'op-schema', answer: text },
          by: OWNER,
        },
        { ...repositories, clock, isCoordinator: () => false },
      );
    await assertRefused(submit('2021:4.2.3', 'Te laat.'), 'ROUND_CLOSED');

    await reopen();
    await submit('2021:4.2.3', 'Nu wel.');
    await submit('2021:2', 'Bijgewerkt.');

    const answers = async (projectId: string) =>
      (await repositories.statusUpdates.get('voortgangsrapportage-2021', projectId))?.value.versions.map(
        (version) => version.answer,
      );
    assert.deepEqual(await answers('2021:4.2.3'), ['Nu wel.']);
    assert.deepEqual(await answers('2021:2'), ['Loopt.', 'Bijgewerkt.']);
  });

  it('refuses a round that is open, naming it, and leaves it as it was', async function () {
    const { repositories, reopen } = await closedRound();
    const { round: reopened } = await reopen();

    await assert.rejects(
      reopen('30-7-2021'),
      (error) =>
        error instanceof RoundStateError &&
        error.code === 'ROUND_ALREADY_OPEN' &&
        error.round.deadline === '2021-07-15',
    );
    assert.deepEqual(await repositories.rounds.get(reopened.id), reopened);
  });

  it('refuses a round that does not exist, a deadline in the past or unreadable, and anyone but a coordinator', async function () {
    const { repositories, reopen } = await closedRound();
    const before = await repositories.rounds.get('voortgangsrapportage-2021');

    await assertRefused(reopen('15-7-2021', SECOND_COORDINATOR, 'jaarverslag'), 'ROUND_NOT_FOUND');
    await assertRefused(reopen('4-7-2021'), 'DEADLINE_IN_PAST');
    await assertRefused(reopen('morgen'), 'UNKNOWN_DATE');
    await assertRefused(reopen('31 juni 2021'), 'NONEXISTENT_DATE');
    await assertRefused(reopen('15-7-2021', OWNER), 'NOT_COORDINATOR');
    assert.deepEqual(await repositories.rounds.get('voortgangsrapportage-2021'), before);
  });

  it('takes today as the deadline, as opening does', async function () {
    const { reopen } = await closedRound();

    assert.equal((await reopen('5-7-2021')).round.deadline, '2021-07-05');
  });

  it('can be closed and reopened again, every time in the history', async function () {
    const { repositories, reopen } = await closedRound();
    await reopen();
    clock.advance({ days: 1 });
    await closeRound(
      { kind: 'voortgangsrapportage', year: 2021, by: COORDINATOR },
      { rounds: repositories.rounds, clock, isCoordinator: coordinators },
    );

    const { round: again } = await reopen('20-7-2021', COORDINATOR);

    assert.deepEqual(
      again.history?.map((event) => event.action),
      ['opened', 'closed', 'reopened', 'closed', 'reopened'],
    );
    assert.equal(again.deadline, '2021-07-20');
  });
});
