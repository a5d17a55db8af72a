import assert from 'node:assert/strict';
import { DomainError } from '../../../../src/domain/errors';
import { closeRound } from '../../../../src/domain/use-cases/close-round';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { FixedClock } from '../../../support/fixed-clock';
import { COORDINATOR, OWNER, round } from '../fixtures';

describe('closeRound', function () {
  const clock = new FixedClock('2021-07-05T10:00:00Z');
  const isCoordinator = (person: { id: string }) => person.id === COORDINATOR.id;

  async function setup() {
    const repositories = inMemoryRepositories();
    await repositories.rounds.create(round());
    const close = (by = COORDINATOR, kind = 'voortgangsrapportage') =>
      closeRound({ kind, year: 2021, by }, { rounds: repositories.rounds, clock, isCoordinator });
    return { repositories, close };
  }

  it('closes the round, recording when and by whom, so it is no longer open', async function () {
    const { repositories, close } = await setup();

    const closed = await close();

    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, '2021-07-05T10:00:00.000Z');
    assert.equal(closed.closedBy, COORDINATOR.id);
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

  it('refuses a round that does not exist, and a second close', async function () {
    const { close } = await setup();

    await assert.rejects(
      close(COORDINATOR, 'jaarverslag'),
      (error) => error instanceof DomainError && error.code === 'ROUND_NOT_FOUND',
    );
    const first = await close();
    await assert.rejects(close(), (error) => error instanceof DomainError && error.code === 'ROUND_CLOSED');
    assert.ok(first.closedAt);
  });
});
