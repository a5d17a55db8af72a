import assert from 'node:assert/strict';
import { DomainError, RoundStateError } from '../../../../src/domain/errors';
import { roundHistory } from '../../../../src/domain/model';
import { askToCloseRound, closeRound } from '../../../../src/domain/use-cases/close-round';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { FixedClock } from '../../../support/fixed-clock';
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

describe('askToCloseRound', function () {
  async function setup() {
    const repositories = inMemoryRepositories();
    const open = round();
    await repositories.rounds.create(open);
    await repositories.statusUpdates.createMany([
      statusUpdate(open, project('10'), [answer('Klaar.')]),
      statusUpdate(open, project('4.2.3')),
      statusUpdate(open, project('2'), [answer('Loopt.')]),
      statusUpdate(open, project('4.10')),
    ]);
    const ask = (by = COORDINATOR, kind = 'voortgangsrapportage') =>
      askToCloseRound({ kind, year: '2021', by }, { ...repositories, isCoordinator });
    return { repositories, ask };
  }

  it('counts the answers in and names the projects still without one, in report order, and changes nothing', async function () {
    const { repositories, ask } = await setup();

    const question = await ask();

    assert.equal(question.round.id, 'voortgangsrapportage-2021');
    assert.deepEqual(
      { total: question.total, answered: question.answered, missing: question.missing },
      { total: 4, answered: 2, missing: ['4.2.3', '4.10'] },
    );
    assert.equal((await repositories.rounds.get(question.round.id))?.status, 'open');
  });

  it('counts an answer a reviewer sent back as missing: its owner owes a new one', async function () {
    const repositories = inMemoryRepositories();
    const open = round({ review: true });
    await repositories.rounds.create(open);
    await repositories.statusUpdates.createMany([
      {
        ...statusUpdate(open, project('1'), [answer('Eerste.')]),
        decisions: [
          { version: 1, decision: 'sentBack', comment: 'Meer uitleg.', by: 'x', byName: 'X', at: 'y' },
        ],
      },
    ]);

    const question = await askToCloseRound(
      { kind: 'voortgangsrapportage', year: 2021, by: COORDINATOR },
      { ...repositories, isCoordinator },
    );

    assert.deepEqual(question.missing, ['1']);
  });

  it('refuses anyone but a coordinator, a round that does not exist, and one that is closed, with that round', async function () {
    const { repositories, ask } = await setup();

    await assertRefused(ask(OWNER), 'NOT_COORDINATOR');
    await assertRefused(ask(COORDINATOR, 'jaarverslag'), 'ROUND_NOT_FOUND');
    await closeRound(
      { kind: 'voortgangsrapportage', year: 2021, by: COORDINATOR },
      { rounds: repositories.rounds, clock: new FixedClock('2021-07-05T10:00:00Z'), isCoordinator },
    );
    await assert.rejects(
      ask(),
      (error) =>
        error instanceof RoundStateError && error.code === 'ROUND_CLOSED' && error.round.status === 'closed',
    );
  });
});

describe('closeRound', function () {
  let clock: FixedClock;

  async function setup() {
    clock = new FixedClock('2021-07-05T10:00:00Z');
    const repositories = inMemoryRepositories();
    await repositories.rounds.create(round());
    const close = (by = COORDINATOR, kind = 'voortgangsrapportage', openSince?: string) =>
      closeRound(
        { kind, year: 2021, by, ...(openSince ? { openSince } : {}) },
        { rounds: repositories.rounds, clock, isCoordinator },
      );
    return { repositories, close };
  }

  it('closes the round, recording when and by whom in its history, so it is no longer open', async function () {
    const { repositories, close } = await setup();

    const closed = await close();

    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, '2021-07-05T10:00:00.000Z');
    assert.equal(closed.closedBy, COORDINATOR.id);
    assert.deepEqual(closed.history, [
      // The round was opened before the history was kept: its opening comes from its own fields.
      { action: 'opened', by: COORDINATOR.id, at: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' },
      { action: 'closed', by: COORDINATOR.id, byName: COORDINATOR.name, at: '2021-07-05T10:00:00.000Z' },
    ]);
    assert.deepEqual(await repositories.rounds.get(closed.id), closed);
    assert.deepEqual(await repositories.rounds.listOpen(), []);
  });

  it('refuses anyone but a coordinator and leaves the round open', async function () {
    const { repositories, close } = await setup();

    await assert.rejects(
      close(OWNER),
      (error) => error instanceof DomainError && error.code === 'NOT_COORDINATOR',
    );
    assert.equal((await repositories.rounds.listOpen()).length, 1);
  });

  it('refuses a round that does not exist, and a second close, which keeps the first moment and names it', async function () {
    const { repositories, close } = await setup();

    await assertRefused(close(COORDINATOR, 'jaarverslag'), 'ROUND_NOT_FOUND');
    const first = await close();
    clock.advance({ hours: 1 });
    await assert.rejects(
      close(),
      (error) =>
        error instanceof RoundStateError &&
        error.code === 'ROUND_CLOSED' &&
        error.round.closedAt === first.closedAt,
    );
    assert.deepEqual(await repositories.rounds.get(first.id), first);
  });

  it('closes once when two confirmations come at the same moment; the other hears it is closed', async function () {
    const { repositories, close } = await setup();

    const outcomes = await Promise.allSettled([close(), close()]);

    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.ok(refused?.reason instanceof RoundStateError);
    const stored = await repositories.rounds.get('voortgangsrapportage-2021');
    assert.ok(stored);
    assert.equal(roundHistory(stored).filter((event) => event.action === 'closed').length, 1);
  });

  it('refuses a confirmation asked before the round was last (re)opened, and closes with a current one', async function () {
    const { repositories, close } = await setup();

    await assertRefused(
      close(COORDINATOR, 'voortgangsrapportage', '2021-05-01T08:00:00.000Z'),
      'CLOSE_OUTDATED',
    );
    assert.equal((await repositories.rounds.get('voortgangsrapportage-2021'))?.status, 'open');

    const closed = await close(COORDINATOR, 'voortgangsrapportage', '2021-06-01T08:00:00.000Z');
    assert.equal(closed.status, 'closed');
  });
});
