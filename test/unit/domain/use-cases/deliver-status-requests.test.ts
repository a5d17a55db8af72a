import assert from 'node:assert/strict';

import type { Contact } from '../../../../src/domain/model';
import {
  deliverStatusRequests,
  type StatusRequestSender,
} from '../../../../src/domain/use-cases/deliver-status-requests';
import type { StatusRequest } from '../../../../src/domain/use-cases/open-round';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import { OWNER, SECOND_OWNER, STRANGER, project, round, statusUpdate } from '../fixtures';

/** Records what it was asked to send; owners in `failFor` make it throw, as a refused chat would. */
class RecordingSender implements StatusRequestSender {
  readonly sent: { userId: string; projectNumber: string }[] = [];

  constructor(private readonly failFor: ReadonlySet<string> = new Set()) {}

  send(contact: Contact, request: StatusRequest): Promise<void> {
    if (this.failFor.has(contact.userId)) return Promise.reject(new Error('403 from the connector'));
    this.sent.push({ userId: contact.userId, projectNumber: request.update.project.number });
    return Promise.resolve();
  }
}

function request(ownerId: string, number: string): StatusRequest {
  const about = project(number, { owners: [ownerId] });
  return { ownerId, round: round(), update: statusUpdate(round(), about) };
}

function contact(userId: string, address?: Record<string, unknown>): Contact {
  return { userId, name: userId, language: 'nl', address, updatedAt: '2021-05-01T08:00:00.000Z' };
}

describe('deliverStatusRequests', () => {
  let repositories: InMemoryRepositories;

  beforeEach(async () => {
    repositories = inMemoryRepositories();
    await repositories.contacts.upsert(contact(OWNER.id, { conversation: { id: 'a:owner' } }));
    await repositories.contacts.upsert(contact(SECOND_OWNER.id, { conversation: { id: 'a:second' } }));
  });

  it('sends each request to its owner and counts them', async () => {
    const sender = new RecordingSender();

    const report = await deliverStatusRequests(
      [request(OWNER.id, '2'), request(OWNER.id, '4.2.3'), request(SECOND_OWNER.id, '10')],
      { contacts: repositories.contacts, sender },
    );

    assert.deepEqual(report, { sent: 3, unreachable: [], failed: [] });
    assert.deepEqual(sender.sent, [
      { userId: OWNER.id, projectNumber: '2' },
      { userId: OWNER.id, projectNumber: '4.2.3' },
      { userId: SECOND_OWNER.id, projectNumber: '10' },
    ]);
  });

  it('reports owners it never spoke with, or has no address for, as unreachable, once each', async () => {
    const withoutAddress = '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b';
    await repositories.contacts.upsert(contact(withoutAddress));
    const sender = new RecordingSender();

    const report = await deliverStatusRequests(
      [
        request(STRANGER.id, '2'),
        request(OWNER.id, '3'),
        request(STRANGER.id, '4'),
        request(withoutAddress, '5'),
      ],
      { contacts: repositories.contacts, sender },
    );

    assert.deepEqual(report, { sent: 1, unreachable: [STRANGER.id, withoutAddress], failed: [] });
    assert.deepEqual(
      sender.sent.map((sent) => sent.userId),
      [OWNER.id],
    );
  });

  it('goes on after a failing send and reports that owner as failed', async () => {
    const sender = new RecordingSender(new Set([OWNER.id]));

    const report = await deliverStatusRequests(
      [request(OWNER.id, '2'), request(SECOND_OWNER.id, '3'), request(OWNER.id, '4')],
      { contacts: repositories.contacts, sender },
    );

    assert.deepEqual(report, { sent: 1, unreachable: [], failed: [OWNER.id] });
    assert.deepEqual(sender.sent, [{ userId: SECOND_OWNER.id, projectNumber: '3' }]);
  });

  it('reports nothing sent for no requests', async () => {
    const report = await deliverStatusRequests([], {
      contacts: repositories.contacts,
      sender: new RecordingSender(),
    });

    assert.deepEqual(report, { sent: 0, unreachable: [], failed: [] });
  });
});
