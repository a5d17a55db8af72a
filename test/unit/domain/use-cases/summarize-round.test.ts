import assert from 'node:assert/strict';

import { RoundNotFound } from '../../../../src/domain/use-cases/choose-round';
import { summarizeRound } from '../../../../src/domain/use-cases/summarize-round';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  SECOND_OWNER,
  answer,
  assertRefused,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';
import { glanceLine, SUMMARY_PAGE_SIZE } from '../../../../src/domain/use-cases/summarize-round';

describe('summarizeRound', () => {
  let repositories: InMemoryRepositories;

  beforeEach(() => {
    repositories = inMemoryRepositories();
  });

  const summarize = (about?: string, by = COORDINATOR, page?: number) =>
    summarizeRound({ by, about, page }, { ...repositories, mayReadAll: isCoordinator });

  it('refuses when no round was ever opened', async () => {
    await assertRefused(summarize(), 'NO_ROUND');
  });

  it('refuses when every round is closed, with the closed rounds to name instead', async () => {
    await repositories.rounds.create(round({ status: 'closed' }));

    await assert.rejects(summarize(), (error: unknown) => {
      assert.ok(error instanceof RoundNotFound);
      assert.equal(error.code, 'NO_OPEN_ROUND');
      assert.deepEqual(
        error.known.map((known) => known.id),
        ['voortgangsrapportage-2021'],
      );
      return true;
    });
  });

  it('summarises the most recently opened round that is still open', async () => {
    await repositories.rounds.create(
      round({ kind: 'jaarverslag', year: 2020, openedAt: '2021-01-15T08:00:00.000Z' }),
    );
    await repositories.rounds.create(
      round({ kind: 'voortgangsrapportage', year: 2021, openedAt: '2021-06-01T08:00:00.000Z' }),
    );
    await repositories.rounds.create(
      round({ kind: 'voortgangsrapportage', year: 2020, openedAt: '2020-06-01T08:00:00.000Z' }),
    );
    await repositories.rounds.create(
      round({ kind: 'jaarverslag', year: 2021, status: 'closed', openedAt: '2022-01-10T08:00:00.000Z' }),
    );

    const summary = await summarize();

    assert.equal(summary.round.id, 'voortgangsrapportage-2021');
  });

  describe('of a round with answered and unanswered projects', () => {
    const open = round();

    beforeEach(async () => {
      await repositories.rounds.create(open);
      await repositories.statusUpdates.createMany([
        statusUpdate(open, project('10')),
        statusUpdate(open, project('4.10'), [
          answer('Oud antwoord.'),
          answer('Vertraagd door de aanbesteding.\nDe oplevering schuift naar Q3.', { status: 'vertraagd' }),
        ]),
        statusUpdate(open, project('2'), [answer('Afgerond volgens plan.', { status: 'afgerond' })]),
        statusUpdate(open, project('4.2.3')),
      ]);
      await repositories.statusUpdates.createMany([statusUpdate(round({ year: 2020 }), project('1'))]);
    });

    it('counts the projects of that round and those answered', async () => {
      const summary = await summarize();

      assert.equal(summary.total, 4);
      assert.equal(summary.answered, 2);
    });

    it('lists the projects in natural project-number order', async () => {
      const summary = await summarize();

      assert.deepEqual(
        summary.projects.map((p) => p.number),
        ['2', '4.2.3', '4.10', '10'],
      );
    });

    it('shows the status and only the first line of the latest answer', async () => {
      const summary = await summarize();

      assert.deepEqual(
        summary.projects.find((p) => p.number === '4.10'),
        {
          number: '4.10',
          title: 'Project 4.10',
          status: 'vertraagd',
          firstLine: 'Vertraagd door de aanbesteding.',
        },
      );
    });

    it('lists an unanswered project without a status or answer', async () => {
      const summary = await summarize();

      const unanswered = summary.projects.find((p) => p.number === '4.2.3');
      assert.ok(unanswered);
      assert.equal(unanswered.title, 'Project 4.2.3');
      assert.equal(unanswered.status, undefined);
      assert.equal(unanswered.firstLine, undefined);
    });

    it('counts per status', async () => {
      const summary = await summarize();

      assert.deepEqual(summary.counts, { vertraagd: 1, afgerond: 1 });
    });

    it('narrows to one speerpunt regardless of case', async () => {
      await repositories.statusUpdates.createMany([
        statusUpdate(open, project('12', { speerpunt: 'Digitalisering' })),
      ]);

      assert.equal((await summarize('KWALITEIT')).total, 4);
      assert.deepEqual(
        (await summarize('digitalisering')).projects.map((p) => p.number),
        ['12'],
      );
      assert.equal((await summarize('digitalisering')).about, 'Digitalisering', 'as the register spells it');
      await assertRefused(summarize('Onbekend speerpunt'), 'SPEERPUNT_NOT_IN_ROUND');
    });

    it('shows someone who is no coordinator or reader only their own projects', async () => {
      await repositories.statusUpdates.createMany([
        statusUpdate(open, project('11', { owners: [SECOND_OWNER.id] })),
      ]);

      const own = await summarize(undefined, SECOND_OWNER);

      assert.equal(own.scope, 'own');
      assert.deepEqual(
        own.projects.map((p) => p.number),
        ['11'],
      );
      assert.equal((await summarize(undefined, OWNER)).total, 4);
      assert.equal((await summarize()).scope, 'all');
    });

    it('gives the charts the figures of the projects shown, every page included', async () => {
      await repositories.statusUpdates.createMany([
        statusUpdate(open, project('11', { owners: [SECOND_OWNER.id], speerpunt: 'Ruimte' })),
      ]);

      const all = await summarize();
      const own = await summarize(undefined, SECOND_OWNER);

      assert.deepEqual(all.figures, {
        states: { answered: 2, draft: 0, open: 3, sentBack: 0 },
        speerpunten: [
          { speerpunt: 'Kwaliteit', answered: 2, total: 4 },
          { speerpunt: 'Ruimte', answered: 0, total: 1 },
        ],
      });
      assert.deepEqual(own.figures.speerpunten, [{ speerpunt: 'Ruimte', answered: 0, total: 1 }]);
    });
  });

  it('counts an answer sent back by a reviewer as owed again, as status and the weekly digest do', async () => {
    const reviewed = round({ kind: 'jaarverslag', review: true });
    await repositories.rounds.create(reviewed);
    const sentBack = {
      ...statusUpdate(reviewed, project('2'), [answer('Te kort.', { status: 'vertraagd' })]),
      decisions: [
        {
          version: 1,
          decision: 'sentBack' as const,
          comment: 'Licht toe.',
          by: COORDINATOR.id,
          byName: 'Alex Wilber',
          at: '2022-01-10T09:00:00.000Z',
        },
      ],
    };
    await repositories.statusUpdates.createMany([
      sentBack,
      statusUpdate(reviewed, project('3'), [answer('Op schema.')]),
    ]);

    const summary = await summarize();

    assert.equal(summary.answered, 1);
    assert.deepEqual(summary.counts, { 'op-schema': 1 });
    assert.deepEqual(summary.figures.states, { answered: 1, draft: 0, open: 0, sentBack: 1 });
    assert.deepEqual(summary.figures.review, { submitted: 1, approved: 0, sentBack: 1 });
  });

  it('pages a long round', async () => {
    const open = round();
    await repositories.rounds.create(open);
    await repositories.statusUpdates.createMany(
      Array.from({ length: SUMMARY_PAGE_SIZE + 3 }, (_, i) => statusUpdate(open, project(String(i + 1)))),
    );

    const second = await summarize(undefined, COORDINATOR, 2);

    assert.equal(second.pages, 2);
    assert.equal(second.page, 2);
    assert.deepEqual(
      second.projects.map((p) => p.number),
      ['16', '17', '18'],
    );
    assert.equal(second.total, SUMMARY_PAGE_SIZE + 3);
    assert.equal((await summarize(undefined, COORDINATOR, 99)).page, 2, 'a page past the end shows the last');
  });
});

describe('glanceLine', () => {
  it('gives the first line of an answer of several lines', () => {
    assert.equal(glanceLine('Eerste regel.\nTweede regel.', 27), 'Eerste regel.');
  });

  it('gives a short answer whole', () => {
    assert.equal(glanceLine('Op schema.', 10), 'Op schema.');
  });

  it('ends a long first line at its last whole word, with "…" to say there is more', () => {
    const start = 'woord '.repeat(70).slice(0, 400);
    const line = glanceLine(start, 2_000);
    assert.ok(line.endsWith('woord…'), line);
    assert.ok(line.length <= 401);
    assert.ok(!line.includes(' …'));
  });

  it('keeps a line that ends exactly where the glance ends when nothing follows', () => {
    const whole = 'a'.repeat(400);
    assert.equal(glanceLine(whole, 400), whole);
  });
});
