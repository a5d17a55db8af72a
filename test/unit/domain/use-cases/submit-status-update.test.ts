import assert from 'node:assert/strict';

import type { StatusUpdate } from '../../../../src/domain/model';
import type { StatusUpdateRepository } from '../../../../src/domain/repositories';
import {
  MAX_ANSWER_LENGTH,
  submitStatusUpdate,
  type SubmitStatusUpdateInput,
} from '../../../../src/domain/use-cases/submit-status-update';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
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

  function submit(overrides: Partial<SubmitStatusUpdateInput> = {}) {
    return submitStatusUpdate(
      {
        roundId: ROUND.id,
        projectId: PROJECT.id,
        status: 'op-schema',
        answer: 'De eerste fase is opgeleverd.',
        by: OWNER,
        ...overrides,
      },
      { ...repositories, clock },
    );
  }

  async function storedVersions() {
    return (await repositories.statusUpdates.get(ROUND.id, PROJECT.id))?.value.versions;
  }

  it('stores the answer as a version with who answered and when', async () => {
    const { round: answeredRound, update } = await submit();

    const expected = {
      status: 'op-schema',
      answer: 'De eerste fase is opgeleverd.',
      answeredAt: '2021-06-10T09:30:00.000Z',
      answeredBy: OWNER.id,
      answeredByName: OWNER.name,
    };
    assert.deepEqual(update.versions, [expected]);
    assert.deepEqual(await storedVersions(), [expected]);
    assert.deepEqual(answeredRound, ROUND);
  });

  it('keeps the previous version when the owner edits', async () => {
    await submit({ status: 'op-schema', answer: 'Eerste versie.' });
    clock.advance({ hours: 2 });

    const { update } = await submit({ status: 'vertraagd', answer: 'Tweede versie.' });

    const expected = [
      ['op-schema', 'Eerste versie.', '2021-06-10T09:30:00.000Z'],
      ['vertraagd', 'Tweede versie.', '2021-06-10T11:30:00.000Z'],
    ];
    const summary = (versions: StatusUpdate['versions'] = []) =>
      versions.map((version) => [version.status, version.answer, version.answeredAt]);
    assert.deepEqual(summary(update.versions), expected);
    assert.deepEqual(summary(await storedVersions()), expected);
  });

  it('lets every owner of the project answer', async () => {
    const { update } = await submit({ by: SECOND_OWNER });

    assert.equal(update.versions[0]?.answeredBy, SECOND_OWNER.id);
  });

  it('refuses someone who does not own the project and stores nothing', async () => {
    await assertRefused(submit({ by: STRANGER }), 'NOT_PROJECT_OWNER');

    assert.deepEqual(await storedVersions(), []);
  });

  it('refuses a round that does not exist', async () => {
    await assertRefused(submit({ roundId: 'jaarverslag-2021' }), 'ROUND_NOT_FOUND');
  });

  it('refuses a closed round and stores nothing', async () => {
    const closed = round({ kind: 'jaarverslag', year: 2020, status: 'closed' });
    await repositories.rounds.create(closed);
    await repositories.statusUpdates.createMany([statusUpdate(closed, PROJECT)]);

    await assertRefused(submit({ roundId: closed.id }), 'ROUND_CLOSED');

    assert.deepEqual((await repositories.statusUpdates.get(closed.id, PROJECT.id))?.value.versions, []);
  });

  it('refuses a project that is not part of the round', async () => {
    await assertRefused(submit({ projectId: '2021:99' }), 'UNKNOWN_PROJECT');
  });

  for (const status of ['groen', '', 'Op schema']) {
    it(`refuses the status ${JSON.stringify(status)} and stores nothing`, async () => {
      await assertRefused(submit({ status }), 'INVALID_STATUS');

      assert.deepEqual(await storedVersions(), []);
    });
  }

  it('refuses an answer of only whitespace', async () => {
    await assertRefused(submit({ answer: ' \r\n\t \n ' }), 'ANSWER_REQUIRED');

    assert.deepEqual(await storedVersions(), []);
  });

  it(`refuses an answer longer than ${MAX_ANSWER_LENGTH} characters`, async () => {
    await assertRefused(submit({ answer: 'x'.repeat(MAX_ANSWER_LENGTH + 1) }), 'ANSWER_TOO_LONG');

    assert.deepEqual(await storedVersions(), []);
  });

  it(`accepts an answer of exactly ${MAX_ANSWER_LENGTH} characters, not counting surrounding whitespace`, async () => {
    const longest = 'x'.repeat(MAX_ANSWER_LENGTH);

    const { update } = await submit({ answer: `\n  ${longest}  \n` });

    assert.equal(update.versions[0]?.answer, longest);
  });

  it('refuses to overwrite an answer saved since it was read, and keeps that answer', async () => {
    const other = answer('Opgeslagen door de andere eigenaar.', {
      answeredBy: SECOND_OWNER.id,
      answeredByName: SECOND_OWNER.name,
    });
    const statusUpdates = withSaveInBetween(repositories.statusUpdates, other);

    await assertRefused(
      submitStatusUpdate(
        {
          roundId: ROUND.id,
          projectId: PROJECT.id,
          status: 'op-schema',
          answer: 'Mijn antwoord.',
          by: OWNER,
        },
        { ...repositories, statusUpdates, clock },
      ),
      'CONCURRENT_EDIT',
    );

    assert.deepEqual(await storedVersions(), [other]);
  });

  it('stores Windows and old-Mac line breaks as plain newlines, trimmed', async () => {
    const { update } = await submit({ answer: '  Eerste regel.\r\nTweede regel.\rDerde regel.\r\n' });

    assert.equal(update.versions[0]?.answer, 'Eerste regel.\nTweede regel.\nDerde regel.');
    assert.equal((await storedVersions())?.[0]?.answer, 'Eerste regel.\nTweede regel.\nDerde regel.');
  });

  it('keeps text that looks like markup or a template exactly as typed', async () => {
    const typed = '**Vet** ${evil} <script>alert(1)</script>';

    const { update } = await submit({ answer: typed });

    assert.equal(update.versions[0]?.answer, typed);
  });
});
