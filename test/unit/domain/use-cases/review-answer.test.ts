import assert from 'node:assert/strict';

import { roundStatus } from '../../../../src/domain/use-cases/round-status';
import { compileChapter, MISSING_ANSWER, NEWER_PENDING, NOT_APPROVED } from '../../../../src/domain/chapter';
import type { Person, StatusUpdate } from '../../../../src/domain/model';
import { awaitsAnswer, printableAnswer, reviewStateOf, wordDiff } from '../../../../src/domain/review';
import {
  decideReview,
  ReviewAlreadyDecided,
  ReviewOutdated,
  reviewQueue,
  REVIEW_PAGE_SIZE,
  type DecideReviewInput,
} from '../../../../src/domain/use-cases/review-answer';
import { submitStatusUpdate } from '../../../../src/domain/use-cases/submit-status-update';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  STRANGER,
  answer,
  assertRefused,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';
import { RoundNotFound } from '../../../../src/domain/use-cases/choose-round';

const ROUND = round({ kind: 'jaarverslag', review: true });
const REVIEWER: Person = { id: '5e5e5e5e-0000-4000-8000-000000000001', name: 'Rita Beoordelaar' };
const REVIEWER_EMAIL = 'rita@gemeenten.example';

describe('review', () => {
  let repositories: InMemoryRepositories;
  const clock = new FixedClock('2021-06-15T08:00:00Z');
  const deps = () => ({
    ...repositories,
    clock,
    isCoordinator,
    coordinators: [COORDINATOR.id],
    speerpuntReviewers: new Map([['dienstverlening', [REVIEWER_EMAIL]]]),
  });

  /** Stores an answer for `number` through the use case, as the card would. */
  async function submit(
    number: string,
    text: string,
    by: Person = OWNER,
    roundId = ROUND.id,
  ): Promise<StatusUpdate> {
    const { update } = await submitStatusUpdate(
      {
        roundId,
        projectId: project(number).id,
        raw: {
          status: 'op-schema',
          answer: text,
          achieved: 'ja',
          deviation: '',
          deviationAt: '',
          financial: '',
          financialAt: '',
          completionQuarter: '',
          completionYear: '',
        },
        by,
      },
      deps(),
    );
    return update;
  }

  const decide = (number: string, overrides: Partial<DecideReviewInput> = {}) =>
    decideReview(
      {
        roundId: ROUND.id,
        projectId: project(number).id,
        version: '1',
        decision: 'approved',
        comment: '',
        by: COORDINATOR,
        ...overrides,
      },
      deps(),
    );

  const stored = async (number: string) =>
    (await repositories.statusUpdates.get(ROUND.id, project(number).id))?.value;

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    await repositories.rounds.create(ROUND);
    await repositories.statusUpdates.createMany([
      statusUpdate(ROUND, project('1')),
      statusUpdate(ROUND, project('2', { speerpunt: 'Dienstverlening' })),
      statusUpdate(ROUND, project('3')),
    ]);
    await repositories.contacts.upsert({
      userId: REVIEWER.id,
      name: REVIEWER.name,
      email: REVIEWER_EMAIL,
      language: 'nl',
      updatedAt: clock.now().toISOString(),
    });
  });

  it('puts a submitted answer in the queue, takes it out on a decision, and keeps the approved copy', async () => {
    const submitted = await submit('1', 'Eerste tekst.');
    assert.equal(reviewStateOf(submitted, ROUND), 'submitted');
    assert.ok(submitted.reviewQueue?.key.endsWith(`|${project('1').id}`));

    const { update, decision } = await decide('1');

    assert.equal(decision.decision, 'approved');
    assert.equal(update.reviewQueue, undefined);
    assert.equal(update.approved?.version, 1);
    assert.equal(update.approved.answer, 'Eerste tekst.');
    assert.equal(reviewStateOf(update, ROUND), 'approved');
    assert.deepEqual(await stored('1'), update);
  });

  it('counts a sent-back answer as owed again, and prints the approved version until a newer one is approved', async () => {
    await submit('1', 'Eerste tekst.');
    await decide('1');
    await submit('1', 'Tweede tekst.');
    const { update } = await decide('1', { version: '2', decision: 'sentBack', comment: 'Te vaag.' });

    assert.equal(awaitsAnswer(update), true);
    assert.equal(reviewStateOf(update, ROUND), 'sentBack');
    assert.deepEqual(printableAnswer(update, ROUND), { fields: update.approved, flag: 'newerPending' });
    assert.equal(update.approved?.version, 1);
  });

  it('keeps the queue place of an answer the owner edits while it waits', async () => {
    const first = await submit('1', 'Eerste tekst.');
    clock.advance({ minutes: 1 });
    const second = await submit('1', 'Tweede tekst.');

    assert.equal(second.reviewQueue?.key, first.reviewQueue?.key);
    assert.equal(second.versions.length, 2);
  });

  for (const [name, overrides, code] of [
    ['a decision the card cannot make', { decision: 'delete' }, 'INVALID_DECISION'],
    ['a version that is no number', { version: '1; DROP' }, 'UNKNOWN_VERSION'],
    ['a version that does not exist', { version: '7' }, 'UNKNOWN_VERSION'],
    ['a send-back without a comment', { decision: 'sentBack', comment: ' \n ' }, 'COMMENT_REQUIRED'],
    ['too long a comment', { decision: 'sentBack', comment: 'x'.repeat(2_001) }, 'COMMENT_TOO_LONG'],
    ['someone who reviews nothing', { by: STRANGER }, 'NOT_REVIEWER'],
    ['the submitter themselves', { by: OWNER }, 'NOT_REVIEWER'],
    ['an unknown project', { projectId: 'nope' }, 'UNKNOWN_PROJECT'],
    ['an unknown round', { roundId: 'jaarverslag-1999' }, 'ROUND_NOT_FOUND'],
  ] as const) {
    it(`refuses ${name}, storing nothing`, async () => {
      await submit('1', 'Eerste tekst.');
      const before = await stored('1');

      await assertRefused(decide('1', overrides), code);

      assert.deepEqual(await stored('1'), before);
    });
  }

  it('refuses a coordinator reviewing their own answer', async () => {
    await submit('1', 'Door de coördinator zelf.', COORDINATOR);

    await assertRefused(decide('1'), 'SELF_REVIEW');
  });

  it('refuses a closed round and a round without review', async () => {
    await submit('1', 'Eerste tekst.');
    await repositories.rounds.replace({ ...ROUND, status: 'closed' });
    await assertRefused(decide('1'), 'ROUND_CLOSED');
    await repositories.rounds.replace({ ...ROUND, review: false });
    await assertRefused(decide('1'), 'REVIEW_OFF');
  });

  it('answers a decision on an older version with the current one, and a second decision with the first', async () => {
    await submit('1', 'Eerste tekst.');
    await submit('1', 'Tweede tekst.');

    await assert.rejects(decide('1'), (error: unknown) => error instanceof ReviewOutdated);
    await decide('1', { version: '2' });
    await assert.rejects(
      decide('1', { version: '2', decision: 'sentBack', comment: 'Nee.' }),
      (error: unknown) =>
        error instanceof ReviewAlreadyDecided &&
        error.decided.decision === 'approved' &&
        error.decided.by === COORDINATOR.id,
    );
    assert.equal((await stored('1'))?.decisions?.length, 1);
  });

  it('lets a speerpunt reviewer, named by e-mail, review that speerpunt only', async () => {
    await submit('1', 'Kwaliteit.');
    await submit('2', 'Dienstverlening.');

    const page = await reviewQueue({ by: REVIEWER }, deps());
    assert.deepEqual(
      page.items.map((item) => item.update.project.number),
      ['2'],
    );
    assert.equal(page.waiting, 1);
    await assertRefused(decide('1', { by: REVIEWER }), 'NOT_REVIEWER');
    const { decision } = await decide('2', { by: REVIEWER });
    assert.equal(decision.byName, REVIEWER.name);
  });

  it('pages the queue oldest first with a cursor, leaving out what the reviewer submitted', async () => {
    const numbers = Array.from({ length: 12 }, (_, i) => String(i + 10));
    await repositories.statusUpdates.createMany(
      numbers.map((number) => statusUpdate(ROUND, project(number))),
    );
    for (const number of numbers) {
      clock.advance({ seconds: 1 });
      await submit(number, `Antwoord ${number}.`, number === '15' ? COORDINATOR : OWNER);
    }

    const first = await reviewQueue({ by: COORDINATOR }, deps());
    const second = await reviewQueue({ by: COORDINATOR, after: first.next }, deps());
    const third = await reviewQueue({ by: COORDINATOR, after: second.next }, deps());

    const shown = [first, second, third].flatMap((page) =>
      page.items.map((item) => item.update.project.number),
    );
    assert.deepEqual(
      shown,
      numbers.filter((number) => number !== '15'),
    );
    assert.equal(first.items.length, REVIEW_PAGE_SIZE);
    assert.equal(first.waiting, 11);
    assert.equal(third.next, undefined);
  });

  it('tells a reviewer what they submitted themselves waits for someone else, and what nobody else may review', async () => {
    // 1 and 3 are in Kwaliteit, 2 in Dienstverlening, which has a reviewer of its own.
    await submit('1', 'Antwoord 1.', COORDINATOR);
    await submit('2', 'Antwoord 2.', COORDINATOR);
    await submit('3', 'Antwoord 3.', OWNER);

    const page = await reviewQueue({ by: COORDINATOR }, deps());

    assert.deepEqual(
      page.items.map((item) => item.update.project.number),
      ['3'],
    );
    // 2 has a speerpunt reviewer besides the only coordinator; 1 has nobody but its submitter.
    assert.deepEqual(
      page.own.map(({ round: waitingIn, waiting, withoutReviewer }) => ({
        round: waitingIn.id,
        waiting,
        withoutReviewer,
      })),
      [{ round: ROUND.id, waiting: 2, withoutReviewer: 1 }],
    );

    const withColleague = await reviewQueue(
      { by: COORDINATOR },
      { ...deps(), coordinators: [COORDINATOR.id, 'collega@gemeenten.example'] },
    );
    assert.equal(withColleague.own[0]?.withoutReviewer, 0);
    assert.deepEqual((await reviewQueue({ by: COORDINATOR, after: page.next }, deps())).own.length, 1);
  });

  it('names in status the answers nobody but their submitter may review, and the submitter', async () => {
    await submit('3', 'Antwoord 3.', COORDINATOR);
    await submit('2', 'Antwoord 2.', COORDINATOR);
    await submit('1', 'Antwoord 1.', OWNER);

    const status = await roundStatus({ by: COORDINATOR }, deps());

    assert.deepEqual(status.stuckReviews, [
      { submitterId: COORDINATOR.id, submitterName: COORDINATOR.name, numbers: ['3'] },
    ]);
    const byEmail = await roundStatus(
      { by: COORDINATOR },
      {
        ...deps(),
        coordinators: [COORDINATOR.id],
        speerpuntReviewers: new Map([
          ['kwaliteit', ['c@x.example']],
          ['dienstverlening', [REVIEWER_EMAIL]],
        ]),
      },
    );
    assert.deepEqual(byEmail.stuckReviews, []);
  });

  it('draws the queue from every open round with review, or from the one named', async () => {
    const next = round({ kind: 'voortgangsrapportage', year: 2022, review: true });
    await repositories.rounds.create(next);
    await repositories.statusUpdates.createMany([statusUpdate(next, project('7'))]);
    await submit('1', 'Jaarverslag.');
    clock.advance({ seconds: 1 });
    await submit('7', 'Voortgang.', OWNER, next.id);

    const all = await reviewQueue({ by: COORDINATOR }, deps());
    const named = await reviewQueue(
      { by: COORDINATOR, round: { kind: 'voortgangsrapportage', year: 2022 } },
      deps(),
    );

    assert.deepEqual(
      all.items.map((item) => `${item.round.id} ${item.update.project.number}`),
      ['jaarverslag-2021 1', 'voortgangsrapportage-2022 7'],
    );
    assert.deepEqual(
      all.rounds.map((shown) => shown.id),
      ['voortgangsrapportage-2022', 'jaarverslag-2021'],
    );
    assert.equal(all.named, false);
    assert.deepEqual(
      named.items.map((item) => item.update.project.number),
      ['7'],
    );
    assert.equal(named.waiting, 1);
    assert.equal(named.named, true);

    await decide('1');
    assert.deepEqual(
      (await reviewQueue({ by: COORDINATOR }, deps())).rounds.map((shown) => shown.id),
      ['voortgangsrapportage-2022'],
      'a round with nothing waiting is not named',
    );
  });

  it('refuses a round named that is closed, has no review, or does not exist', async () => {
    await repositories.rounds.create(
      round({ kind: 'jaarverslag', year: 2020, status: 'closed', review: true }),
    );
    await repositories.rounds.create(round({ kind: 'voortgangsrapportage', year: 2021, review: false }));

    const named = (kind: 'jaarverslag' | 'voortgangsrapportage', year: number) =>
      reviewQueue({ by: COORDINATOR, round: { kind, year } }, deps());
    await assertRefused(named('jaarverslag', 2020), 'ROUND_CLOSED');
    await assertRefused(named('voortgangsrapportage', 2021), 'REVIEW_OFF');
    await assert.rejects(
      named('jaarverslag', 2019),
      (error: unknown) =>
        error instanceof RoundNotFound &&
        error.known.map((known) => known.id).join() ===
          'jaarverslag-2021,voortgangsrapportage-2021,jaarverslag-2020',
    );
  });

  it('refuses the queue to someone who reviews nothing, and when no round has review', async () => {
    await assertRefused(reviewQueue({ by: STRANGER }, deps()), 'NOT_REVIEWER');
    await repositories.rounds.replace({ ...ROUND, review: false });
    await assertRefused(reviewQueue({ by: COORDINATOR }, deps()), 'NO_REVIEW_ROUND');
  });

  it('prints only approved text in the chapter, flags the rest, and lists every flagged project as a blocker', async () => {
    await submit('1', 'Goedgekeurde tekst.');
    await decide('1');
    await submit('2', 'Nog niet beoordeeld.');
    const chapter = compileChapter(
      ROUND,
      await repositories.statusUpdates.listLatestByRound(ROUND.id),
      '2021-06-15',
    );
    const text = JSON.stringify(chapter.groups);

    assert.match(text, /Goedgekeurde tekst\./);
    assert.doesNotMatch(text, /Nog niet beoordeeld/);
    assert.ok(text.includes(NOT_APPROVED));
    assert.ok(text.includes(MISSING_ANSWER));
    assert.deepEqual(
      chapter.blockers.map(({ number, flag, state }) => `${number}:${flag}:${state}`),
      // Report order: Kwaliteit (1, 3) comes before Dienstverlening (2).
      ['3:missing:open', '2:notApproved:submitted'],
    );
    assert.equal(chapter.answered, 1);

    await submit('1', 'Nieuwere tekst.');
    const later = compileChapter(
      ROUND,
      await repositories.statusUpdates.listLatestByRound(ROUND.id),
      '2021-06-15',
    );
    assert.match(JSON.stringify(later.groups), /Goedgekeurde tekst\./);
    assert.ok(JSON.stringify(later.groups).includes(NEWER_PENDING));
    assert.equal(later.blockers[0]?.flag, 'newerPending');
  });

  it('prints the latest answer and flags nothing but missing answers in a round without review', () => {
    const plain = round();
    const chapter = compileChapter(
      plain,
      [statusUpdate(plain, project('1'), [answer('Zonder beoordeling.')]), statusUpdate(plain, project('2'))],
      '2021-06-15',
    );

    assert.match(JSON.stringify(chapter.groups), /Zonder beoordeling\./);
    assert.deepEqual(
      chapter.blockers.map(({ number, flag }) => `${number}:${flag}`),
      ['2:missing'],
    );
  });
});

describe('wordDiff', () => {
  const marked = (before: string, after: string) =>
    wordDiff(before, after)
      .map((part) =>
        part.change === 'same' ? part.text : part.change === 'added' ? `{+${part.text}}` : `[-${part.text}]`,
      )
      .join('');

  it('marks added and removed words in one readable text', () => {
    assert.equal(
      marked('De oplevering is voorzien in Q4.', 'De oplevering is nu voorzien in het tweede kwartaal.'),
      'De oplevering is {+nu }voorzien in [-Q4]{+het tweede kwartaal}.',
    );
  });

  it('reads a rewritten phrase as one removal and one addition, not word confetti', () => {
    assert.equal(
      marked('De oplevering is voorzien in mei.', 'De oplevering schuift naar juni.'),
      'De oplevering [-is voorzien in mei]{+schuift naar juni}.',
    );
  });

  it('shows a text rewritten from top to bottom as the old struck through, then the new', () => {
    const before = Array.from({ length: 200 }, (_, i) => `oud${i}`).join(' ');
    const after = Array.from({ length: 200 }, (_, i) => `nieuw${i}`).join(' ');
    assert.deepEqual(wordDiff(before, after), [
      { text: before, change: 'removed' },
      { text: after, change: 'added' },
    ]);
  });

  it('compares an overlong text as a whole instead of spending seconds on it', () => {
    const long = 'woord '.repeat(5_000);
    assert.deepEqual(
      wordDiff(long, `${long}extra`).map((part) => part.change),
      ['removed', 'added'],
    );
  });
});
