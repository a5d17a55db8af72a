import assert from 'node:assert/strict';

import type { Round } from '../../../../src/domain/model';
import {
  PROJECT_ROUNDS_PAGE_SIZE,
  isProjectNumber,
  summarizeProject,
} from '../../../../src/domain/use-cases/summarize-project';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  SECOND_OWNER,
  STRANGER,
  answer,
  assertRefused,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';

describe('summarizeProject', () => {
  let repositories: InMemoryRepositories;

  beforeEach(() => {
    repositories = inMemoryRepositories();
  });

  const summarize = (number: string, by = COORDINATOR, page?: number) =>
    summarizeProject({ by, number, page }, { ...repositories, mayReadAll: isCoordinator, isCoordinator });

  it('refuses when no round was ever opened', async () => {
    await assertRefused(summarize('4.2.3'), 'NO_ROUND');
  });

  describe('of a project asked in rounds over two years', () => {
    // Opened out of order on purpose: the jaarverslag 2020 was opened after the
    // voortgangsrapportage 2021, but comes before it in the cycle.
    const vgr2021 = round({ year: 2021, status: 'closed', openedAt: '2021-06-01T08:00:00.000Z' });
    const jv2020 = round({
      kind: 'jaarverslag',
      year: 2020,
      status: 'closed',
      openedAt: '2021-06-15T08:00:00.000Z',
    });
    const jv2021 = round({ kind: 'jaarverslag', year: 2021, openedAt: '2022-01-10T08:00:00.000Z' });
    const vgr2020 = round({ year: 2020, status: 'closed', openedAt: '2020-06-01T08:00:00.000Z' });

    beforeEach(async () => {
      for (const r of [vgr2021, jv2020, jv2021, vgr2020]) await repositories.rounds.create(r);
      await repositories.statusUpdates.createMany([
        statusUpdate(jv2020, project('4.2.3', { year: 2020 }), [
          answer('Gestart met de aanbesteding.', { answeredAt: '2021-06-20T09:00:00.000Z' }),
        ]),
        statusUpdate(vgr2021, project('4.2.3'), [
          answer('Eerste versie.'),
          answer('De aanbesteding liep vertraging op.', {
            status: 'vertraagd',
            deviation: 'Oorspronkelijk gepland voor eind 2021.',
            expectedCompletion: { quarter: 2, year: 2022 },
          }),
        ]),
        statusUpdate(jv2021, project('4.2.3', { title: 'Eén telefoonnummer' })),
        statusUpdate(vgr2020, project('7', { year: 2020 })),
      ]);
    });

    it('lists every round it was asked in, open and closed, newest first in the order of the cycle', async () => {
      const summary = await summarize('4.2.3');

      assert.deepEqual(
        summary.rounds.map((entry) => entry.round.id),
        ['jaarverslag-2021', 'voortgangsrapportage-2021', 'jaarverslag-2020'],
      );
      assert.equal(summary.total, 3, 'not the voortgangsrapportage 2020, which did not ask about it');
    });

    it('gives the latest answer per round, with how many versions there were', async () => {
      const summary = await summarize('4.2.3');

      const [, vgr, jv] = summary.rounds;
      assert.equal(vgr?.latest?.answer, 'De aanbesteding liep vertraging op.');
      assert.equal(vgr.latest.status, 'vertraagd');
      assert.equal(vgr.latest.deviation, 'Oorspronkelijk gepland voor eind 2021.');
      assert.deepEqual(vgr.latest.expectedCompletion, { quarter: 2, year: 2022 });
      assert.equal(vgr.versions, 2);
      assert.equal(jv?.latest?.answer, 'Gestart met de aanbesteding.');
    });

    it('keeps a round without an answer in the list, without an answer', async () => {
      const summary = await summarize('4.2.3');

      const [open] = summary.rounds;
      assert.equal(open?.round.id, 'jaarverslag-2021');
      assert.equal(open.latest, undefined);
      assert.equal(open.versions, 0);
    });

    it('counts the rounds answered and the latest status of each', async () => {
      const summary = await summarize('4.2.3');

      assert.equal(summary.answered, 2);
      assert.deepEqual(summary.counts, { vertraagd: 1, 'op-schema': 1 });
    });

    it('shows the project as it was asked in the newest round', async () => {
      assert.equal((await summarize('4.2.3')).project.title, 'Eén telefoonnummer');
    });

    it('marks the open round that geschiedenis and delegeer are about', async () => {
      const summary = await summarize('4.2.3');

      assert.deepEqual(
        summary.rounds.map((entry) => entry.current),
        [true, false, false],
      );
    });

    it('refuses a number that no round asked about', async () => {
      await assertRefused(summarize('99'), 'UNKNOWN_PROJECT_NUMBER');
    });

    it('reads the rounds once and the project once per round, never a whole round', async () => {
      let reads = 0;
      const get = repositories.statusUpdates.get.bind(repositories.statusUpdates);
      repositories.statusUpdates.get = (roundId, projectId) => {
        reads++;
        return get(roundId, projectId);
      };
      repositories.statusUpdates.listByRound = () => Promise.reject(new Error('no whole round'));

      await summarize(' 4.2.3 ');

      assert.equal(reads, 4);
    });
  });

  describe('for someone who is no coordinator or reader', () => {
    const earlier = round({ kind: 'jaarverslag', year: 2020, status: 'closed' });
    const later = round({ year: 2021 });

    it('shows only the rounds in which they owned the project or had it delegated', async () => {
      await repositories.rounds.create(earlier);
      await repositories.rounds.create(later);
      await repositories.statusUpdates.createMany([
        statusUpdate(earlier, project('4.2.3', { year: 2020, owners: [SECOND_OWNER.id] })),
        {
          ...statusUpdate(later, project('4.2.3')),
          delegations: [{ to: SECOND_OWNER.id, by: OWNER.id, at: '2021-06-02T08:00:00.000Z' }],
        },
      ]);

      const owner = await summarize('4.2.3', OWNER);
      const delegate = await summarize('4.2.3', SECOND_OWNER);

      assert.equal(owner.scope, 'own');
      assert.deepEqual(
        owner.rounds.map((entry) => entry.round.id),
        ['voortgangsrapportage-2021'],
      );
      assert.deepEqual(
        delegate.rounds.map((entry) => entry.round.id),
        ['voortgangsrapportage-2021', 'jaarverslag-2020'],
      );
      assert.equal((await summarize('4.2.3')).scope, 'all');
    });

    it('recognises an owner the register names by e-mail through their contact', async () => {
      await repositories.rounds.create(later);
      await repositories.statusUpdates.createMany([
        statusUpdate(later, project('4.2.3', { owners: ['Vera.Vreemde@Gemeente.nl'] })),
      ]);
      await repositories.contacts.upsert({
        userId: STRANGER.id,
        name: STRANGER.name,
        email: 'vera.vreemde@gemeente.nl',
        language: 'nl',
        updatedAt: '2021-06-01T08:00:00.000Z',
      });

      assert.equal((await summarize('4.2.3', STRANGER)).total, 1);
    });

    it('refuses a project they never had, without showing any of it', async () => {
      await repositories.rounds.create(later);
      await repositories.statusUpdates.createMany([statusUpdate(later, project('4.2.3'))]);

      await assertRefused(summarize('4.2.3', STRANGER), 'NOT_PROJECT_READER');
    });
  });

  it('pages a project with many rounds, counting over all of them', async () => {
    const rounds: Round[] = [2018, 2019, 2020].flatMap((year) => [
      round({ year, status: 'closed' }),
      round({ kind: 'jaarverslag', year, status: 'closed' }),
    ]);
    for (const r of rounds) {
      await repositories.rounds.create(r);
      await repositories.statusUpdates.createMany([
        statusUpdate(r, project('4.2.3', { year: r.year }), [answer(`Antwoord ${r.id}.`)]),
      ]);
    }

    const second = await summarize('4.2.3', COORDINATOR, 2);

    const newestFirst = [
      'jaarverslag-2020',
      'voortgangsrapportage-2020',
      'jaarverslag-2019',
      'voortgangsrapportage-2019',
      'jaarverslag-2018',
      'voortgangsrapportage-2018',
    ];
    assert.equal(second.pages, 2);
    assert.equal(second.page, 2);
    assert.deepEqual(
      second.rounds.map((entry) => entry.round.id),
      newestFirst.slice(PROJECT_ROUNDS_PAGE_SIZE, 2 * PROJECT_ROUNDS_PAGE_SIZE),
    );
    assert.equal(second.total, 6);
    assert.deepEqual(second.counts, { 'op-schema': 6 });
    assert.equal((await summarize('4.2.3', COORDINATOR, 99)).page, 2, 'a page past the end shows the last');
  });

  it('tells a project number from a speerpunt', () => {
    assert.ok(isProjectNumber('4.2.3'));
    assert.ok(isProjectNumber(' 10 '));
    assert.ok(!isProjectNumber('Kwaliteit'));
    assert.ok(!isProjectNumber('4.2.'));
  });
});
