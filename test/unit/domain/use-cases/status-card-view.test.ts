import assert from 'node:assert/strict';
import { statusCardView } from '../../../../src/domain/use-cases/status-card-view';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  STRANGER,
  answer,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';

describe('statusCardView', () => {
  const READER = { id: 'aaaaaaaa-0000-4000-8000-000000000009', name: 'Roos Lezer' };
  const open = round();
  let repositories: InMemoryRepositories;

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    await repositories.rounds.create(open);
    await repositories.statusUpdates.createMany([
      statusUpdate(open, project('2')),
      statusUpdate(open, project('4.2.3'), [answer('Loopt.')]),
    ]);
  });

  function view(by: typeof OWNER, projectNumber: string, roundId = open.id) {
    return statusCardView(
      { roundId, projectId: `2021:${projectNumber}`, by },
      {
        ...repositories,
        isCoordinator,
        mayReadAll: (person) => person.id === READER.id || isCoordinator(person),
      },
    );
  }

  it('shows the owner the form while nothing is stored, and the answer with "Wijzigen" after', async () => {
    assert.equal((await view(OWNER, '2')).show, 'form');
    const answered = await view(OWNER, '4.2.3');
    assert.ok(answered.show === 'answer');
    assert.equal(answered.editable, true);
  });

  it('shows a coordinator what an owner sees', async () => {
    assert.equal((await view(COORDINATOR, '2')).show, 'form');
  });

  it('shows a reader the answer read-only, and even an empty project without a form', async () => {
    for (const number of ['2', '4.2.3']) {
      const seen = await view(READER, number);
      assert.ok(seen.show === 'answer', number);
      assert.equal(seen.editable, false);
    }
  });

  it('shows anyone else nothing, and an unknown round or project as unknown', async () => {
    assert.deepEqual(await view(STRANGER, '4.2.3'), { show: 'nothing' });
    assert.deepEqual(await view(OWNER, '99'), { show: 'unknown' });
    assert.deepEqual(await view(OWNER, '2', 'jaarverslag-1999'), { show: 'unknown' });
  });

  it('shows the answer, not the form, once the round is closed', async () => {
    await repositories.rounds.replace({ ...open, status: 'closed' });

    const seen = await view(OWNER, '2');

    assert.ok(seen.show === 'answer');
    assert.equal(seen.editable, true);
  });
});
