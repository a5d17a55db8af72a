import assert from 'node:assert/strict';
import { findUnreachableOwners } from '../../../../src/domain/use-cases/find-unreachable-owners';
import type { StatusRequest } from '../../../../src/domain/use-cases/open-round';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { project, round, statusUpdate } from '../fixtures';

describe('findUnreachableOwners', function () {
  it('lists each owner without a chat address once, with the projects they will not be asked about', async function () {
    const { contacts } = inMemoryRepositories();
    await contacts.upsert({
      userId: 'reachable',
      name: 'Bereikbaar',
      language: 'nl',
      address: { conversation: { id: 'c-1' } },
      updatedAt: '2021-06-01T08:00:00.000Z',
    });
    await contacts.upsert({
      userId: 'no-address',
      name: 'Zonder adres',
      language: 'nl',
      updatedAt: '2021-06-01T08:00:00.000Z',
    });
    const of = round();
    const request = (ownerId: string, number: string): StatusRequest => ({
      ownerId,
      round: of,
      update: statusUpdate(of, project(number)),
    });

    const unreachable = await findUnreachableOwners(
      [
        request('reachable', '1'),
        request('unknown', '2'),
        request('no-address', '3'),
        request('unknown', '4.2.3'),
      ],
      contacts,
    );

    assert.deepEqual(unreachable, [
      { ownerId: 'unknown', projects: ['2', '4.2.3'] },
      { ownerId: 'no-address', projects: ['3'] },
    ]);
  });
});
