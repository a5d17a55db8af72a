import assert from 'node:assert/strict';

import { chooseRound, RoundNotFound, type AskedRound } from '../../../../src/domain/use-cases/choose-round';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import { assertRefused, round } from '../fixtures';

describe('chooseRound', () => {
  let repositories: InMemoryRepositories;

  beforeEach(() => {
    repositories = inMemoryRepositories();
  });

  const choose = (asked?: AskedRound) => chooseRound(asked, repositories.rounds);

  /** What the refusal names: the ids of the rounds that exist, in the order it names them. */
  async function refusal(asked?: AskedRound): Promise<{ code: string; known: string[] }> {
    try {
      await choose(asked);
    } catch (error) {
      assert.ok(error instanceof RoundNotFound, String(error));
      return { code: error.code, known: error.known.map((known) => known.id) };
    }
    assert.fail('the round was found');
  }

  describe('with a voortgangsrapportage and the jaarverslag before it both open', () => {
    beforeEach(async () => {
      await repositories.rounds.create(
        round({ kind: 'jaarverslag', year: 2020, status: 'closed', openedAt: '2021-01-04T08:00:00.000Z' }),
      );
      await repositories.rounds.create(
        round({ kind: 'jaarverslag', year: 2021, openedAt: '2022-01-03T08:00:00.000Z' }),
      );
      await repositories.rounds.create(
        round({ kind: 'voortgangsrapportage', year: 2022, openedAt: '2022-01-10T08:00:00.000Z' }),
      );
    });

    it('reads the most recently opened open round when none is named, and names the other open one', async () => {
      const { round: chosen, alsoOpen } = await choose();

      assert.equal(chosen.id, 'voortgangsrapportage-2022');
      assert.deepEqual(
        alsoOpen.map((other) => other.id),
        ['jaarverslag-2021'],
      );
    });

    it('reads either open round when it is named, without naming the other', async () => {
      for (const id of ['jaarverslag-2021', 'voortgangsrapportage-2022']) {
        const [kind, year] = id.split('-') as ['jaarverslag' | 'voortgangsrapportage', string];
        const { round: chosen, alsoOpen } = await choose({ kind, year: Number(year) });

        assert.equal(chosen.id, id);
        assert.deepEqual(alsoOpen, []);
      }
    });

    it('reads a closed round when it is named', async () => {
      const { round: chosen } = await choose({ kind: 'jaarverslag', year: 2020 });

      assert.equal(chosen.id, 'jaarverslag-2020');
      assert.equal(chosen.status, 'closed');
    });

    it('refuses a round that does not exist, naming the rounds that do, open ones first', async () => {
      assert.deepEqual(await refusal({ kind: 'voortgangsrapportage', year: 2021 }), {
        code: 'ROUND_NOT_FOUND',
        known: ['voortgangsrapportage-2022', 'jaarverslag-2021', 'jaarverslag-2020'],
      });
    });

    it('refuses a kind without a year the same way', async () => {
      assert.deepEqual(await refusal('incomplete'), {
        code: 'ROUND_NOT_FOUND',
        known: ['voortgangsrapportage-2022', 'jaarverslag-2021', 'jaarverslag-2020'],
      });
    });
  });

  it('refuses when no round is open, naming the closed ones to ask for instead', async () => {
    await repositories.rounds.create(round({ kind: 'jaarverslag', year: 2020, status: 'closed' }));

    assert.deepEqual(await refusal(), { code: 'NO_OPEN_ROUND', known: ['jaarverslag-2020'] });
  });

  it('says only that no round was ever opened when there is none', async () => {
    await assertRefused(choose(), 'NO_ROUND');
    await assertRefused(choose({ kind: 'jaarverslag', year: 2021 }), 'NO_ROUND');
  });
});
