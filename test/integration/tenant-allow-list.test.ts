import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, TENANT_ID, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'abababab-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'abababab-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
/** Someone of another organisation, even one whose object id happens to match an owner's. */
const outsider: TestUser = { id: '29:outsider', aadObjectId: owner.aadObjectId, name: 'Mallory' };
const ROUND_ID = 'voortgangsrapportage-2021';

const project: Project = {
  id: projectIdOf(2021, '4.2.3'),
  year: 2021,
  number: '4.2.3',
  title: 'Project 4.2.3',
  speerpunt: 'Kwaliteit',
  goal: 'Doel',
  activities: 'Doen',
  owners: [owner.aadObjectId],
};

/** An activity from `user` in the other tenant, named where Teams names it (one or both places). */
function fromOtherTenant(
  user: TestUser,
  serviceUrl: string,
  fields: Record<string, unknown>,
  where: 'both' | 'channelData' = 'both',
  locale = 'nl-NL',
): Record<string, unknown> {
  const activity = activityFrom(user, serviceUrl, fields, locale);
  const conversation = activity['conversation'] as Record<string, unknown>;
  return {
    ...activity,
    conversation:
      where === 'both'
        ? { ...conversation, id: `personal-${OTHER_TENANT}`, tenantId: OTHER_TENANT }
        : { id: `personal-${OTHER_TENANT}`, conversationType: 'personal' },
    channelData: { tenant: { id: OTHER_TENANT.toUpperCase() } },
  };
}

describe('the tenant allow-list, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      {
        ALLOWED_TENANTS: TENANT_ID.toUpperCase(),
        COORDINATORS: coordinator.aadObjectId,
      },
      {
        clock: new FixedClock(new Date('2021-06-01T08:00:00Z')),
      },
    ));
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([project]);
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      }),
    );
    await connector.waitForActivities(4);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  beforeEach(function () {
    connector.clear();
  });

  it('answers a message from another tenant in its language, and stores nothing about the sender', async function () {
    const before = await repositories.contacts.get(owner.aadObjectId);
    const response = await postActivity(
      botUrl,
      fromOtherTenant(outsider, connector.url, { type: 'message', text: 'samenvatting' }, 'both', 'en-GB'),
    );

    assert.equal(response.status, 200);
    const [reply] = await connector.waitForActivities(1);
    assert.ok(reply);
    assert.equal(reply.conversationId, `personal-${OTHER_TENANT}`);
    assert.match(JSON.stringify(reply.activity), /Not for your organisation/);
    assert.deepEqual(
      await repositories.contacts.get(owner.aadObjectId),
      before,
      'the owner’s contact is untouched',
    );
  });

  it('refuses a card action from another tenant, even for an id that matches an owner, and stores no answer', async function () {
    const response = await postActivity(
      botUrl,
      fromOtherTenant(
        outsider,
        connector.url,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'submitStatus',
              data: { roundId: ROUND_ID, projectId: project.id, status: 'op-schema', answer: 'Overgenomen.' },
            },
          },
        },
        'channelData',
      ),
    );

    assert.equal(response.status, 200);
    assert.match(JSON.stringify(response.body), /Niet voor uw organisatie/);
    assert.deepEqual((await repositories.statusUpdates.get(ROUND_ID, project.id))?.value.versions, []);
  });

  it('installs nowhere and greets nobody for another tenant', async function () {
    const stranger: TestUser = {
      id: '29:new',
      aadObjectId: 'abababab-0000-0000-0000-000000000099',
      name: 'New',
    };
    const response = await postActivity(
      botUrl,
      fromOtherTenant(stranger, connector.url, { type: 'installationUpdate', action: 'add' }),
    );

    assert.equal(response.status, 200);
    await connector.idle();
    assert.equal(connector.activities.length, 0);
    assert.equal(await repositories.contacts.get(stranger.aadObjectId), undefined);
  });

  it('never stores a sender whose id the contacts store keeps for channels, aliases or the digest list', async function () {
    for (const id of [
      'channel:19:abc@thread.tacv2',
      'email:megan.bowen@gemeente.example',
      'digest-channels',
    ]) {
      const activity = activityFrom({ id, aadObjectId: '', name: 'Forged' }, connector.url, {
        type: 'message',
        text: 'hulp',
      });
      const from = activity['from'] as Record<string, unknown>;
      delete from['aadObjectId'];
      const response = await postActivity(botUrl, activity);

      assert.equal(response.status, 200, id);
      assert.equal((await repositories.contacts.get(id))?.name, undefined, id);
    }
  });

  it('serves its own tenant as before, whatever the case of the tenant id', async function () {
    const activity = activityFrom(owner, connector.url, { type: 'message', text: 'hulp' });
    const response = await postActivity(botUrl, {
      ...activity,
      conversation: { ...(activity['conversation'] as object), tenantId: TENANT_ID.toUpperCase() },
    });

    assert.equal(response.status, 200);
    const [reply] = await connector.waitForActivities(1);
    assert.doesNotMatch(JSON.stringify(reply?.activity), /Niet voor uw organisatie/);
  });
});
