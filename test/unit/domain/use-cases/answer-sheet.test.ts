import assert from 'node:assert/strict';

import type { StatusUpdate } from '../../../../src/domain/model';
import { answerSheetRows, compileAnswerSheet } from '../../../../src/domain/use-cases/answer-sheet';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  OWNER,
  SECOND_OWNER,
  STRANGER,
  answer,
  assertRefused,
  project,
  round,
  statusUpdate,
} from '../fixtures';

const jaarverslag = round({ kind: 'jaarverslag', review: true });

/** 4.2.10 answered twice (the first sent back, the second approved), 2 never, 4.2.3 by a delegate. */
function updates(): StatusUpdate[] {
  const twice: StatusUpdate = {
    ...statusUpdate(jaarverslag, project('4.2.10'), [
      answer('Eerste versie.', { achieved: 'deels', answeredAt: '2021-12-01T09:00:00.000Z' }),
      answer('Tweede versie, nu in het voorjaar van 2023.', {
        status: 'vertraagd',
        achieved: 'deels',
        deviation: 'Oorspronkelijk gepland voor eind 2022.',
        deviationAt: 'voorjaar',
        financial: 'Extra budget gevraagd.',
        financialAt: '2023',
        expectedCompletion: { quarter: 2, year: 2023 },
        answeredAt: '2021-12-03T09:00:00.000Z',
      }),
    ]),
    decisions: [
      {
        version: 1,
        decision: 'sentBack',
        comment: 'Noem de nieuwe datum.',
        by: 'r',
        byName: 'Rita Reviewer',
        at: '2021-12-02T10:00:00.000Z',
      },
      { version: 2, decision: 'approved', by: 'r', byName: 'Rita Reviewer', at: '2021-12-04T10:00:00.000Z' },
    ],
  };
  const delegated: StatusUpdate = {
    ...statusUpdate(jaarverslag, project('4.2.3', { owners: [SECOND_OWNER.id] }), [
      answer('Door de collega ingevuld.', { achieved: 'ja', answeredByName: 'Dirk Gedelegeerd' }),
    ]),
    delegations: [
      { to: 'dirk@gemeenten.example', by: SECOND_OWNER.id, at: '2021-11-20T09:00:00.000Z' },
      { to: 'dirk@gemeenten.example', by: SECOND_OWNER.id, at: '2021-11-21T09:00:00.000Z' },
    ],
  };
  return [twice, delegated, statusUpdate(jaarverslag, project('2'))];
}

describe('answerSheetRows', () => {
  it('gives one row per project and version, in report order, versions oldest first', () => {
    const rows = answerSheetRows(updates(), { scope: 'all' });

    assert.deepEqual(
      rows.map((row) => [row.number, row.version, row.versions]),
      [
        ['2', undefined, 0],
        ['4.2.3', 1, 1],
        ['4.2.10', 1, 2],
        ['4.2.10', 2, 2],
      ],
    );
  });

  it('keeps a project never answered as one row with every answer column empty', () => {
    const [never] = answerSheetRows(updates(), { scope: 'all' });

    assert.deepEqual(never, {
      number: '2',
      title: 'Project 2',
      speerpunt: 'Kwaliteit',
      owners: [OWNER.id],
      delegates: [],
      versions: 0,
    });
  });

  it('puts each version with its own review decision, and the deviation with the words it goes with', () => {
    const rows = answerSheetRows(updates(), { scope: 'all' });
    const first = rows[2];
    const second = rows[3];

    assert.equal(first?.answer, 'Eerste versie.');
    assert.deepEqual(first.review, {
      decision: 'sentBack',
      by: 'Rita Reviewer',
      at: '2021-12-02T10:00:00.000Z',
      comment: 'Noem de nieuwe datum.',
    });
    assert.equal(first.deviation, undefined);
    assert.deepEqual(
      {
        status: second?.status,
        achieved: second?.achieved,
        deviation: second?.deviation,
        deviationAt: second?.deviationAt,
        financial: second?.financial,
        financialAt: second?.financialAt,
        expectedCompletion: second?.expectedCompletion,
        submittedBy: second?.submittedBy,
        submittedAt: second?.submittedAt,
        review: second?.review,
      },
      {
        status: 'vertraagd',
        achieved: 'deels',
        deviation: 'Oorspronkelijk gepland voor eind 2022.',
        deviationAt: 'voorjaar',
        financial: 'Extra budget gevraagd.',
        financialAt: '2023',
        expectedCompletion: { quarter: 2, year: 2023 },
        submittedBy: OWNER.name,
        submittedAt: '2021-12-03T09:00:00.000Z',
        review: { decision: 'approved', by: 'Rita Reviewer', at: '2021-12-04T10:00:00.000Z' },
      },
    );
  });

  it('names each delegate once, and who submitted in their place', () => {
    const delegated = answerSheetRows(updates(), { scope: 'all' })[1];

    assert.deepEqual(delegated?.delegates, ['dirk@gemeenten.example']);
    assert.equal(delegated.submittedBy, 'Dirk Gedelegeerd');
  });

  it('gives someone who may not read everything only the projects they own or were delegated', () => {
    const own = answerSheetRows(updates(), { scope: 'own', person: OWNER });
    const delegate = answerSheetRows(updates(), {
      scope: 'own',
      person: { id: 'dirk-id', name: 'Dirk', email: 'dirk@gemeenten.example' },
    });
    const stranger = answerSheetRows(updates(), { scope: 'own', person: STRANGER });

    assert.deepEqual(
      own.map((row) => [row.number, row.version]),
      [
        ['2', undefined],
        ['4.2.10', 1],
        ['4.2.10', 2],
      ],
    );
    assert.deepEqual(
      delegate.map((row) => row.number),
      ['4.2.3'],
    );
    assert.deepEqual(stranger, []);
  });
});

describe('compileAnswerSheet', () => {
  it('counts the projects the reader sees and how many have an answer', async () => {
    const repositories = inMemoryRepositories();
    await repositories.rounds.create(jaarverslag);
    await repositories.statusUpdates.createMany(updates());

    const sheet = await compileAnswerSheet(jaarverslag.id, { scope: 'all' }, repositories);

    assert.equal(sheet.round.id, 'jaarverslag-2021');
    assert.equal(sheet.rows.length, 4);
    assert.equal(sheet.projects, 3);
    assert.equal(sheet.answered, 2);
  });

  it('refuses a round that does not exist', async () => {
    await assertRefused(
      compileAnswerSheet('jaarverslag-2030', { scope: 'all' }, inMemoryRepositories()),
      'ROUND_NOT_FOUND',
    );
  });
});
