import assert from 'node:assert/strict';
import { EMPTY_RAW_ANSWER } from '../../../../src/domain/answer';
import { DEFAULT_REMINDER_PLAN } from '../../../../src/domain/reminder-plan';

import { RoundStateError, type DomainError } from '../../../../src/domain/errors';
import { closeRound } from '../../../../src/domain/use-cases/close-round';
import { openRound, type OpenRoundInput } from '../../../../src/domain/use-cases/open-round';
import { submitStatusUpdate } from '../../../../src/domain/use-cases/submit-status-update';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import { COORDINATOR, OWNER, SECOND_OWNER, assertRefused, isCoordinator, project } from '../fixtures';

describe('openRound', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  // 1 June 2021, noon in Amsterdam.
  beforeEach(async () => {
    repositories = inMemoryRepositories();
    clock = new FixedClock('2021-06-01T10:00:00Z');
    await repositories.projects.upsertMany([project('10'), project('4.10'), project('2'), project('4.2.3')]);
  });

  function open(overrides: Partial<OpenRoundInput> = {}) {
    return openRound(
      { kind: 'voortgangsrapportage', year: '2021', deadline: '1-7-2021', by: COORDINATOR, ...overrides },
      { ...repositories, clock, isCoordinator },
    );
  }

  it('reviews answers in a jaarverslag and not in a voortgangsrapportage by default', async () => {
    assert.equal((await open()).round.review, false);
    assert.equal((await open({ kind: 'jaarverslag', deadline: '1-2-2022' })).round.review, true);
  });

  it("follows the coordinator's choice of review when opening", async () => {
    assert.equal((await open({ review: true })).round.review, true);
    assert.equal(
      (await open({ kind: 'jaarverslag', deadline: '1-2-2022', review: false })).round.review,
      false,
    );
  });

  it('opens the round of that kind and year with the deadline as a calendar date and the default plan', async () => {
    const { round } = await open();

    assert.deepEqual(round, {
      id: 'voortgangsrapportage-2021',
      kind: 'voortgangsrapportage',
      year: 2021,
      deadline: '2021-07-01',
      status: 'open',
      openedAt: '2021-06-01T10:00:00.000Z',
      openedBy: COORDINATOR.id,
      reminderPlan: DEFAULT_REMINDER_PLAN,
      review: false,
      history: [
        {
          action: 'opened',
          by: COORDINATOR.id,
          byName: COORDINATOR.name,
          at: '2021-06-01T10:00:00.000Z',
          deadline: '2021-07-01',
        },
      ],
    });
    assert.deepEqual(await repositories.rounds.get('voortgangsrapportage-2021'), round);
  });

  it('keeps an open date, from which owners are asked', async () => {
    const { round } = await open({ asksFrom: '7-6-2021' });

    assert.equal(round.asksFrom, '2021-06-07');
  });

  it('refuses an open date after the deadline, or one that is not a date, and opens nothing', async () => {
    await assertRefused(open({ asksFrom: '2021-07-02' }), 'OPEN_DATE_AFTER_DEADLINE');
    await assertRefused(open({ asksFrom: 'morgen' }), 'UNKNOWN_DATE');

    assert.deepEqual(await repositories.rounds.listOpen(), []);
  });

  it("starts the jaarverslag from each project's latest answer in the same year's voortgangsrapportage", async () => {
    const first = await open({ deadline: '1-7-2021' });
    await submitStatusUpdate(
      {
        roundId: first.round.id,
        projectId: '2021:2',
        raw: {
          ...EMPTY_RAW_ANSWER,
          status: 'vertraagd',
          answer: 'Loopt uit.',
          deviation: 'Aanbesteding.',
          completionQuarter: '4',
          completionYear: '2021',
        },
        by: OWNER,
      },
      { ...repositories, clock, isCoordinator },
    );

    const { round } = await open({ kind: 'jaarverslag', deadline: '1-2-2022' });

    const updates = await repositories.statusUpdates.listByRound(round.id);
    const answered = updates.find((update) => update.project.number === '2');
    assert.deepEqual(answered?.previous, {
      roundId: first.round.id,
      fields: {
        status: 'vertraagd',
        answer: 'Loopt uit.',
        deviation: 'Aanbesteding.',
        expectedCompletion: { quarter: 4, year: 2021 },
      },
    });
    assert.ok(
      updates
        .filter((update) => update.project.number !== '2')
        .every((update) => update.previous === undefined),
      'projects without an earlier answer start empty',
    );
  });

  it('starts from the published report where the bot did not run the round before, and from its own round where it did', async () => {
    // The jaarverslag 2020 as published, imported with the register: projects 2 and 10.
    const published = (number: string, answer: string) => ({
      id: `2020:${number}`,
      roundId: 'published:jaarverslag-2020',
      project: { ...project(number), id: `2020:${number}`, year: 2020 },
      versions: [
        {
          status: 'op-schema' as const,
          answer,
          deviation: 'Uitgesteld.',
          deviationAt: 'open',
          answeredAt: '2021-01-10T09:00:00.000Z',
          answeredBy: COORDINATOR.id,
          answeredByName: COORDINATOR.name,
        },
      ],
    });
    await repositories.statusUpdates.createMany([
      published('2', 'De balie is open.'),
      published('10', 'Klaar.'),
    ]);
    // The bot did run that jaarverslag for project 10 (a round opened late in 2020).
    await repositories.statusUpdates.createMany([
      {
        id: '2020:10',
        roundId: 'jaarverslag-2020',
        project: { ...project('10'), id: '2020:10', year: 2020 },
        versions: [
          {
            status: 'afgerond',
            answer: 'Klaar, zoals in de bot gegeven.',
            answeredAt: '2021-01-11T09:00:00.000Z',
            answeredBy: OWNER.id,
            answeredByName: OWNER.name,
          },
        ],
      },
    ]);

    const { round } = await open();

    const updates = await repositories.statusUpdates.listByRound(round.id);
    const previousOf = (number: string) =>
      updates.find((update) => update.project.number === number)?.previous;
    assert.deepEqual(previousOf('2'), {
      roundId: 'jaarverslag-2020',
      published: true,
      fields: {
        status: 'op-schema',
        answer: 'De balie is open.',
        deviation: 'Uitgesteld.',
        deviationAt: 'open',
      },
    });
    assert.deepEqual(previousOf('10'), {
      roundId: 'jaarverslag-2020',
      fields: { status: 'afgerond', answer: 'Klaar, zoals in de bot gegeven.' },
    });
    assert.equal(previousOf('4.2.3'), undefined);
  });

  it('reads the kind regardless of case and surrounding spaces', async () => {
    const { round } = await open({ kind: '  Jaarverslag ' });

    assert.equal(round.kind, 'jaarverslag');
    assert.equal(round.id, 'jaarverslag-2021');
  });

  it('refuses anyone but a coordinator and stores nothing', async () => {
    await assertRefused(open({ by: OWNER }), 'NOT_COORDINATOR');

    assert.deepEqual(await repositories.rounds.listOpen(), []);
  });

  it('refuses a kind of round the cycle does not have', async () => {
    await assertRefused(open({ kind: 'kwartaalrapportage' }), 'INVALID_ROUND_KIND');
  });

  for (const year of ['1999', '2101', '2021.5', 'twintig', '']) {
    it(`refuses the year ${JSON.stringify(year)}`, async () => {
      await assertRefused(open({ year }), 'INVALID_YEAR');
    });
  }

  for (const [deadline, code] of [
    ['31-2-2021', 'NONEXISTENT_DATE'],
    ['31 juni', 'NONEXISTENT_DATE'],
    ['eind juni', 'UNKNOWN_DATE'],
    ['', 'UNKNOWN_DATE'],
  ] as const) {
    it(`refuses the deadline ${JSON.stringify(deadline)}`, async () => {
      await assertRefused(open({ deadline }), code);
    });
  }

  it('reads a deadline with the month in words, Dutch or English, with or without the year', async () => {
    assert.equal((await open({ deadline: '19 juli 2021' })).round.deadline, '2021-07-19');
    assert.equal(
      (await open({ kind: 'jaarverslag', deadline: 'January 31, 2022' })).round.deadline,
      '2022-01-31',
    );
    await repositories.projects.upsertMany([project('7', { year: 2022 })]);
    assert.equal((await open({ year: '2022', deadline: '1 juli' })).round.deadline, '2021-07-01');
  });

  it('says what is wrong with a date: not one it knows (with what a misspelt month meant), or a day the month lacks', async () => {
    const messages = async (deadline: string) => {
      const error = await open({ deadline }).then(
        () => assert.fail('opened'),
        (refusal: unknown) => refusal as DomainError,
      );
      return [error.messageFor('nl'), error.messageFor('en')];
    };

    assert.deepEqual(await messages('19 decmber 2021'), [
      '‘19 decmber 2021’ is geen datum die ik ken; schrijf bijvoorbeeld 19 december 2021 of 19-12-2021.',
      '‘19 decmber 2021’ is not a date I know; write for example 19 December 2021 or 2021-12-19.',
    ]);
    assert.deepEqual(await messages('volgende week'), [
      '‘volgende week’ is geen datum die ik ken; schrijf bijvoorbeeld 29 juni 2021 of 29-6-2021.',
      '‘volgende week’ is not a date I know; write for example 29 June 2021 or 2021-06-29.',
    ]);
    assert.deepEqual(await messages('31 juni 2021'), [
      '‘31 juni 2021’ bestaat niet: juni 2021 heeft 30 dagen.',
      '‘31 juni 2021’ does not exist: June 2021 has 30 days.',
    ]);
  });

  it('refuses a deadline before today, naming it and a date four weeks on', async () => {
    await assertRefused(open({ deadline: '31-5-2021' }), 'DEADLINE_IN_PAST');
    const error = await open({ deadline: '1-7-2020' }).then(
      () => assert.fail('opened'),
      (refusal: unknown) => refusal as DomainError,
    );

    assert.equal(
      error.messageFor('nl'),
      'De deadline 1-7-2020 ligt in het verleden; kies een datum vanaf vandaag, bijvoorbeeld 29 juni 2021.',
    );
    assert.equal(
      error.messageFor('en'),
      'The deadline 1-7-2020 is in the past; choose a date from today on, for example 29 June 2021.',
    );
    assert.deepEqual(await repositories.rounds.listOpen(), []);
  });

  it('accepts a deadline of today', async () => {
    const { round } = await open({ deadline: '2021-06-01' });

    assert.equal(round.deadline, '2021-06-01');
  });

  it('judges "today" in Amsterdam: at 22:30 UTC on 30 June, 30 June has passed', async () => {
    clock.set('2021-06-30T22:30:00Z');

    await assertRefused(open({ deadline: '30-6-2021' }), 'DEADLINE_IN_PAST');
    const { round } = await open({ deadline: '1-7-2021' });
    assert.equal(round.deadline, '2021-07-01');
  });

  it('refuses a second round of the same kind and year and overwrites nothing', async () => {
    const first = await open({ deadline: '1-7-2021' });
    await submitStatusUpdate(
      {
        roundId: first.round.id,
        projectId: '2021:2',
        raw: { ...EMPTY_RAW_ANSWER, status: 'vertraagd', answer: 'Loopt uit.' },
        by: OWNER,
      },
      { ...repositories, clock, isCoordinator: () => false },
    );
    clock.advance({ days: 1 });

    await assert.rejects(
      open({ deadline: '15-7-2021' }),
      (error) =>
        error instanceof RoundStateError &&
        error.code === 'ROUND_ALREADY_OPEN' &&
        error.round.deadline === '2021-07-01',
    );

    assert.deepEqual(await repositories.rounds.get(first.round.id), first.round);
    const stored = await repositories.statusUpdates.get(first.round.id, '2021:2');
    assert.deepEqual(
      stored?.value.versions.map((version) => version.answer),
      ['Loopt uit.'],
    );
  });

  it('refuses a closed round as closed, not as open, before it looks at the deadline typed', async () => {
    const first = await open();
    await closeRound(
      { kind: 'voortgangsrapportage', year: 2021, by: COORDINATOR },
      { rounds: repositories.rounds, clock, isCoordinator },
    );
    const closed = await repositories.rounds.get(first.round.id);

    for (const deadline of ['15-7-2021', '1-1-2020']) {
      await assert.rejects(
        open({ deadline }),
        (error) =>
          error instanceof RoundStateError &&
          error.code === 'ROUND_CLOSED' &&
          error.round.status === 'closed',
      );
    }
    assert.deepEqual(await repositories.rounds.get(first.round.id), closed);
  });

  it('opens a jaarverslag next to the voortgangsrapportage of the same year', async () => {
    await open({ kind: 'voortgangsrapportage' });

    const { round } = await open({ kind: 'jaarverslag' });

    assert.equal(round.id, 'jaarverslag-2021');
    assert.equal((await repositories.rounds.listOpen()).length, 2);
  });

  it('refuses a year without projects in the register and opens no round', async () => {
    await assertRefused(open({ year: 2022 }), 'NO_PROJECTS');

    assert.equal(await repositories.rounds.get('voortgangsrapportage-2022'), undefined);
  });

  it('asks every owner about each of their projects, in natural project-number order', async () => {
    await repositories.projects.upsertMany([project('4.2.3', { owners: [OWNER.id, SECOND_OWNER.id] })]);

    const { round, requests } = await open();

    assert.deepEqual(
      requests.map((request) => [request.update.project.number, request.ownerId]),
      [
        ['2', OWNER.id],
        ['4.2.3', OWNER.id],
        ['4.2.3', SECOND_OWNER.id],
        ['4.10', OWNER.id],
        ['10', OWNER.id],
      ],
    );
    assert.ok(requests.every((request) => request.round.id === round.id));
  });

  it('gives every project of the year an empty status update in the round', async () => {
    await repositories.projects.upsertMany([project('1', { year: 2020 })]);

    const { round } = await open();

    const updates = await repositories.statusUpdates.listByRound(round.id);
    assert.deepEqual(updates.map((update) => update.project.number).sort(), ['10', '2', '4.10', '4.2.3']);
    for (const update of updates) {
      assert.equal(update.id, update.project.id);
      assert.equal(update.roundId, round.id);
      assert.deepEqual(update.versions, []);
      assert.deepEqual(update.project, project(update.project.number));
    }
  });
});
