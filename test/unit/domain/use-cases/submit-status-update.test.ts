import assert from 'node:assert/strict';

import type { StatusUpdate } from '../../../../src/domain/model';
import type { StatusUpdateRepository } from '../../../../src/domain/repositories';
import { EMPTY_RAW_ANSWER, FIELD_LIMITS, type RawAnswer } from '../../../../src/domain/answer';
import {
  AnswerConflict,
  AnswerRejected,
  saveDraft,
  submitStatusUpdate,
  type SubmitStatusUpdateInput,
} from '../../../../src/domain/use-cases/submit-status-update';
import { FixedClock } from '../../../support/fixed-clock';
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

const ROUND = round();
const PROJECT = project('4.2.3', { owners: [OWNER.id, SECOND_OWNER.id] });

/**
 * Lets another owner's save land between this submit's read and its write, as when two owners
 * of one project press Send at the same moment.
 */
function withSaveInBetween(
  inner: StatusUpdateRepository,
  other: StatusUpdate['versions'][number],
): StatusUpdateRepository {
  return {
    createMany: (updates) => inner.createMany(updates),
    get: (roundId, projectId) => inner.get(roundId, projectId),
    listByRound: (roundId) => inner.listByRound(roundId),
    listLatestByRound: (roundId) => inner.listLatestByRound(roundId),
    listGlancesByRound: (roundId) => inner.listGlancesByRound(roundId),
    listAnswersByRound: (roundId) => inner.listAnswersByRound(roundId),
    listAwaitingReview: (roundId, filter) => inner.listAwaitingReview(roundId, filter),
    countAwaitingReview: (roundId, filter) => inner.countAwaitingReview(roundId, filter),
    async replace(update, etag) {
      const current = await inner.get(update.roundId, update.id);
      assert.ok(current);
      const saved = await inner.replace(
        { ...current.value, versions: [...current.value.versions, other] },
        current.etag,
      );
      assert.ok(saved, 'the save in between was refused');
      return inner.replace(update, etag);
    },
  };
}

describe('submitStatusUpdate', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    clock = new FixedClock('2021-06-10T09:30:00Z');
    await repositories.rounds.create(ROUND);
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, PROJECT)]);
  });

  const deps = () => ({ ...repositories, clock, isCoordinator });

  function raw(overrides: Partial<RawAnswer> = {}): RawAnswer {
    return {
      ...EMPTY_RAW_ANSWER,
      status: 'op-schema',
      answer: 'De eerste fase is opgeleverd.',
      ...overrides,
    };
  }

  function submit(fields: Partial<RawAnswer> = {}, overrides: Partial<SubmitStatusUpdateInput> = {}) {
    return submitStatusUpdate(
      { roundId: ROUND.id, projectId: PROJECT.id, raw: raw(fields), by: OWNER, ...overrides },
      deps(),
    );
  }

  async function storedVersions() {
    return (await repositories.statusUpdates.get(ROUND.id, PROJECT.id))?.value.versions;
  }

  async function assertProblems(promise: Promise<unknown>, problems: Record<string, string>) {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof AnswerRejected, `expected AnswerRejected, got ${String(error)}`);
      assert.deepEqual(error.problems, problems);
      return true;
    });
  }

  it('stores the answer as a version with who answered, when, and through which card', async () => {
    const { round: answeredRound, update, stored } = await submit({}, { viaCard: 'activity-7' });

    const expected = {
      status: 'op-schema',
      answer: 'De eerste fase is opgeleverd.',
      answeredAt: '2021-06-10T09:30:00.000Z',
      answeredBy: OWNER.id,
      answeredByName: OWNER.name,
      viaCard: 'activity-7',
    };
    assert.equal(stored, true);
    assert.deepEqual(update.versions, [expected]);
    assert.deepEqual(await storedVersions(), [expected]);
    assert.deepEqual(answeredRound, ROUND);
  });

  it('stores every optional field, trimmed, and leaves empty ones out', async () => {
    const { update } = await submit({
      status: 'vertraagd',
      deviation: '  Oorspronkelijk gepland voor eind 2021.\r\n',
      financial: '',
      completionQuarter: '2',
      completionYear: '2022',
    });

    const [version] = update.versions;
    assert.equal(version?.deviation, 'Oorspronkelijk gepland voor eind 2021.');
    assert.deepEqual(version.expectedCompletion, { quarter: 2, year: 2022 });
    assert.equal('financial' in version, false);
    assert.equal('achieved' in version, false, 'no "bereikt?" in a voortgangsrapportage');
  });

  it('keeps the previous version when the owner edits', async () => {
    await submit({ answer: 'Eerste versie.' });
    clock.advance({ hours: 2 });

    const { update } = await submit({ status: 'vertraagd', answer: 'Tweede versie.' }, { baseVersion: 1 });

    const expected = [
      ['op-schema', 'Eerste versie.', '2021-06-10T09:30:00.000Z'],
      ['vertraagd', 'Tweede versie.', '2021-06-10T11:30:00.000Z'],
    ];
    const summary = (versions: StatusUpdate['versions'] = []) =>
      versions.map((version) => [version.status, version.answer, version.answeredAt]);
    assert.deepEqual(summary(update.versions), expected);
    assert.deepEqual(summary(await storedVersions()), expected);
  });

  it('stores one version for the same answer twice (a double click, a replayed invoke)', async () => {
    await submit({}, { baseVersion: 0 });
    clock.advance({ seconds: 1 });

    const again = await submit({}, { baseVersion: 0 });

    assert.equal(again.stored, false);
    assert.equal((await storedVersions())?.length, 1);
  });

  it('lets every owner of the project answer, and a coordinator', async () => {
    await submit({ answer: 'Van de tweede eigenaar.' }, { by: SECOND_OWNER });
    const { update } = await submit({ answer: 'Van de coördinator.' }, { by: COORDINATOR });

    assert.deepEqual(
      update.versions.map((version) => version.answeredBy),
      [SECOND_OWNER.id, COORDINATOR.id],
    );
  });

  it('lets an owner named by e-mail in the register answer, matched through their contact', async () => {
    const byEmail = project('8', { owners: ['Vera.Vreemde@Gemeente.nl'] });
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, byEmail)]);
    await repositories.contacts.upsert({
      userId: STRANGER.id,
      name: STRANGER.name,
      email: 'vera.vreemde@gemeente.nl',
      language: 'nl',
      updatedAt: '2021-06-01T08:00:00.000Z',
    });

    const { update } = await submit({}, { projectId: byEmail.id, by: STRANGER });

    assert.equal(update.versions[0]?.answeredBy, STRANGER.id);
  });

  it('refuses someone who does not own the project and stores nothing', async () => {
    await assertRefused(submit({}, { by: STRANGER }), 'NOT_PROJECT_OWNER');

    assert.deepEqual(await storedVersions(), []);
  });

  it('reads the round and the status update at the same time: two round trips in sequence, not three', async () => {
    // The round's read answers only once the update's read has started: read one after the
    // other, this submit would never finish (and the test would time out).
    let updateAsked!: () => void;
    const updateRead = new Promise<void>((resolve) => (updateAsked = resolve));
    const rounds = Object.assign(Object.create(repositories.rounds) as typeof repositories.rounds, {
      get: async (roundId: string) => {
        await updateRead;
        return repositories.rounds.get(roundId);
      },
    });
    const statusUpdates = Object.assign(
      Object.create(repositories.statusUpdates) as typeof repositories.statusUpdates,
      {
        get: (roundId: string, projectId: string) => {
          updateAsked();
          return repositories.statusUpdates.get(roundId, projectId);
        },
      },
    );

    const { stored } = await submitStatusUpdate(
      { roundId: ROUND.id, projectId: PROJECT.id, raw: raw(), by: OWNER },
      { ...deps(), rounds, statusUpdates },
    );

    assert.equal(stored, true);
  });

  it('reads the contact of an owner named by e-mail at the same time as the round and the update: still two round trips', async () => {
    const byEmail = project('8', { owners: ['vera.vreemde@gemeente.nl'] });
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, byEmail)]);
    await repositories.contacts.upsert({
      userId: STRANGER.id,
      name: STRANGER.name,
      email: 'vera.vreemde@gemeente.nl',
      language: 'nl',
      updatedAt: '2021-06-01T08:00:00.000Z',
    });
    // The update's read answers only once the contact's read has started: with the contact read
    // after the update (to check the owner), this submit would never finish.
    let contactAsked!: () => void;
    const contactRead = new Promise<void>((resolve) => (contactAsked = resolve));
    const contacts = Object.assign(Object.create(repositories.contacts) as typeof repositories.contacts, {
      get: (userId: string) => {
        contactAsked();
        return repositories.contacts.get(userId);
      },
    });
    const statusUpdates = Object.assign(
      Object.create(repositories.statusUpdates) as typeof repositories.statusUpdates,
      {
        get: async (roundId: string, projectId: string) => {
          await contactRead;
          return repositories.statusUpdates.get(roundId, projectId);
        },
      },
    );

    const { stored } = await submitStatusUpdate(
      { roundId: ROUND.id, projectId: byEmail.id, raw: raw(), by: STRANGER },
      { ...deps(), contacts, statusUpdates },
    );

    assert.equal(stored, true);
  });

  it('answers a forged round id as an unknown round, even when the store refuses it as a partition key', async () => {
    const statusUpdates = Object.assign(
      Object.create(repositories.statusUpdates) as typeof repositories.statusUpdates,
      { get: () => Promise.reject(new Error('bad partition key')) },
    );

    await assertRefused(
      submitStatusUpdate(
        { roundId: '', projectId: PROJECT.id, raw: raw(), by: OWNER },
        { ...deps(), statusUpdates },
      ),
      'ROUND_NOT_FOUND',
    );
  });

  it('refuses a round that does not exist', async () => {
    await assertRefused(submit({}, { roundId: 'jaarverslag-2021' }), 'ROUND_NOT_FOUND');
  });

  it('refuses a closed round and stores nothing', async () => {
    const closed = round({ kind: 'jaarverslag', year: 2020, status: 'closed' });
    await repositories.rounds.create(closed);
    await repositories.statusUpdates.createMany([statusUpdate(closed, PROJECT)]);

    await assertRefused(submit({}, { roundId: closed.id }), 'ROUND_CLOSED');

    assert.deepEqual((await repositories.statusUpdates.get(closed.id, PROJECT.id))?.value.versions, []);
  });

  it('refuses a project that is not part of the round', async () => {
    await assertRefused(submit({}, { projectId: '2021:99' }), 'UNKNOWN_PROJECT');
  });

  for (const status of ['groen', 'Op schema']) {
    it(`refuses the status ${JSON.stringify(status)} at its field and stores nothing`, async () => {
      await assertProblems(submit({ status }), { status: 'invalid' });

      assert.deepEqual(await storedVersions(), []);
    });
  }

  it('reports every problem at once, per field', async () => {
    await assertProblems(
      submit({
        status: '',
        answer: ' \r\n\t \n ',
        deviation: 'x'.repeat(FIELD_LIMITS.deviation + 1),
        completionQuarter: '5',
        completionYear: '2022',
      }),
      { status: 'required', answer: 'required', deviation: 'too-long', expectedCompletion: 'invalid' },
    );
  });

  it(`refuses an answer longer than ${FIELD_LIMITS.answer} characters`, async () => {
    await assertProblems(submit({ answer: 'x'.repeat(FIELD_LIMITS.answer + 1) }), { answer: 'too-long' });

    assert.deepEqual(await storedVersions(), []);
  });

  it(`accepts an answer of exactly ${FIELD_LIMITS.answer} characters, not counting surrounding whitespace`, async () => {
    const longest = 'x'.repeat(FIELD_LIMITS.answer);

    const { update } = await submit({ answer: `\n  ${longest}  \n` });

    assert.equal(update.versions[0]?.answer, longest);
  });

  it('asks "bereikt?" in a jaarverslag, and refuses an answer without it', async () => {
    const yearEnd = round({ kind: 'jaarverslag', deadline: '2022-02-01' });
    await repositories.rounds.create(yearEnd);
    await repositories.statusUpdates.createMany([statusUpdate(yearEnd, PROJECT)]);

    await assertProblems(submit({}, { roundId: yearEnd.id }), { achieved: 'required' });
    await assertProblems(submit({ achieved: 'misschien' }, { roundId: yearEnd.id }), { achieved: 'invalid' });
    const { update } = await submit({ achieved: 'deels' }, { roundId: yearEnd.id });

    assert.equal(update.versions[0]?.achieved, 'deels');
  });

  it('refuses an expected completion before the round year or further than ten years ahead', async () => {
    await assertProblems(submit({ completionQuarter: '1', completionYear: '2020' }), {
      expectedCompletion: 'invalid',
    });
    await assertProblems(submit({ completionQuarter: '1', completionYear: '2032' }), {
      expectedCompletion: 'invalid',
    });
    await assertProblems(submit({ completionQuarter: '', completionYear: '2022' }), {
      expectedCompletion: 'invalid',
    });
  });

  it('refuses an answer made without seeing a newer one, and hands that one back to merge', async () => {
    const other = answer('Opgeslagen door de andere eigenaar.', {
      answeredBy: SECOND_OWNER.id,
      answeredByName: SECOND_OWNER.name,
    });
    const stored = await repositories.statusUpdates.get(ROUND.id, PROJECT.id);
    assert.ok(stored);
    await repositories.statusUpdates.replace({ ...stored.value, versions: [other] }, stored.etag);

    await assert.rejects(submit({ answer: 'Mijn antwoord.' }, { baseVersion: 0 }), (error: unknown) => {
      assert.ok(error instanceof AnswerConflict);
      assert.deepEqual(error.current.versions, [other]);
      return true;
    });
    assert.deepEqual(await storedVersions(), [other]);

    const merged = await submit({ answer: 'Samengevoegd.' }, { baseVersion: 1 });
    assert.equal(merged.update.versions.length, 2);
  });

  it('does not lose an answer saved between its read and its write: it is a conflict', async () => {
    const other = answer('Opgeslagen door de andere eigenaar.', {
      answeredBy: SECOND_OWNER.id,
      answeredByName: SECOND_OWNER.name,
    });
    const statusUpdates = withSaveInBetween(repositories.statusUpdates, other);

    await assert.rejects(
      submitStatusUpdate(
        { roundId: ROUND.id, projectId: PROJECT.id, raw: raw(), baseVersion: 0, by: OWNER },
        { ...deps(), statusUpdates },
      ),
      AnswerConflict,
    );

    assert.deepEqual(await storedVersions(), [other]);
  });

  it('stores Windows and old-Mac line breaks as plain newlines, trimmed', async () => {
    const { update } = await submit({ answer: '  Eerste regel.\r\nTweede regel.\rDerde regel.\r\n' });

    assert.equal(update.versions[0]?.answer, 'Eerste regel.\nTweede regel.\nDerde regel.');
    assert.equal((await storedVersions())?.[0]?.answer, 'Eerste regel.\nTweede regel.\nDerde regel.');
  });

  it('keeps hostile text exactly as typed: markup, templates, HTML, RTL, emoji, control characters', async () => {
    const typed =
      '**Vet** ${evil} {{x}} <script>alert(1)</script> [link](javascript:x) \u202Eטקסט\u202C 👩‍💻 \u0007 \\n';

    const { update } = await submit({ answer: typed, deviation: typed });

    assert.equal(update.versions[0]?.answer, typed.trim());
    assert.equal(update.versions[0].deviation, typed.trim());
  });

  it('ends the draft once an answer is stored', async () => {
    await saveDraft(
      { roundId: ROUND.id, projectId: PROJECT.id, raw: raw({ answer: 'Half' }), by: OWNER },
      deps(),
    );

    await submit();

    const stored = await repositories.statusUpdates.get(ROUND.id, PROJECT.id);
    assert.equal(stored?.value.draft, undefined);
  });
});

describe('saveDraft', () => {
  let repositories: InMemoryRepositories;
  const clock = new FixedClock('2021-06-10T09:30:00Z');

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    await repositories.rounds.create(ROUND);
    await repositories.statusUpdates.createMany([statusUpdate(ROUND, PROJECT)]);
  });

  const deps = () => ({ ...repositories, clock, isCoordinator });

  it('keeps what was typed, unvalidated, without making it an answer', async () => {
    const typed = { ...EMPTY_RAW_ANSWER, status: '', answer: 'Half af, morgen verder.' };

    await saveDraft({ roundId: ROUND.id, projectId: PROJECT.id, raw: typed, by: OWNER }, deps());

    const stored = await repositories.statusUpdates.get(ROUND.id, PROJECT.id);
    assert.deepEqual(stored?.value.versions, []);
    assert.deepEqual(stored.value.draft, {
      values: typed,
      savedAt: '2021-06-10T09:30:00.000Z',
      savedBy: OWNER.id,
      savedByName: OWNER.name,
    });
  });

  it('refuses a draft with a field longer than it may be, naming the field, and keeps nothing cut', async () => {
    const typed = {
      ...EMPTY_RAW_ANSWER,
      answer: 'x'.repeat(FIELD_LIMITS.answer + 1),
      deviationAt: 'y'.repeat(201),
    };

    await assert.rejects(
      saveDraft({ roundId: ROUND.id, projectId: PROJECT.id, raw: typed, by: OWNER }, deps()),
      (error: unknown) =>
        error instanceof AnswerRejected &&
        JSON.stringify(error.problems) === JSON.stringify({ answer: 'too-long', deviationAt: 'too-long' }),
    );

    const stored = await repositories.statusUpdates.get(ROUND.id, PROJECT.id);
    assert.equal(stored?.value.draft, undefined);
  });

  it('keeps a draft of exactly the longest text a field may hold, whole', async () => {
    const typed = { ...EMPTY_RAW_ANSWER, answer: 'x'.repeat(FIELD_LIMITS.answer) };

    await saveDraft({ roundId: ROUND.id, projectId: PROJECT.id, raw: typed, by: OWNER }, deps());

    const stored = await repositories.statusUpdates.get(ROUND.id, PROJECT.id);
    assert.equal(stored?.value.draft?.values.answer, typed.answer);
  });

  it('refuses someone who may not answer, and stores nothing', async () => {
    await assertRefused(
      saveDraft({ roundId: ROUND.id, projectId: PROJECT.id, raw: EMPTY_RAW_ANSWER, by: STRANGER }, deps()),
      'NOT_PROJECT_OWNER',
    );

    assert.equal((await repositories.statusUpdates.get(ROUND.id, PROJECT.id))?.value.draft, undefined);
  });
});
