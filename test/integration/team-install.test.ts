import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { activityFrom, postActivity, TENANT_ID, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector, type Member } from '../support/recording-connector';

const TEAM_ID = '19:team-ruimte@thread.tacv2';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
/** In the team, never opened the app; the register names her by e-mail in another case. */
const megan: Member = {
  id: '29:megan',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
  userPrincipalName: 'Megan.Bowen@Contoso.nl',
};
/** In the team and has a 1:1 chat with the bot already. */
const lee: Member = {
  id: '29:lee',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000003',
  name: 'Lee Gu',
  userPrincipalName: 'lee.gu@contoso.nl',
};
/** In the team, but Teams refuses to start a chat with her (the app is blocked for her). */
const joni: Member = {
  id: '29:joni',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000004',
  name: 'Joni Sherman',
  email: 'joni.sherman@contoso.nl',
};
const grady: Member = {
  id: '29:grady',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000005',
  name: 'Grady Archie',
  userPrincipalName: 'grady.archie@contoso.nl',
};
/** An anonymous guest: no object id, so never an owner. */
const guest: Member = { id: '29:guest', aadObjectId: '', name: 'Gast' };

const asUser = (member: Member): TestUser => ({
  id: member.id,
  aadObjectId: member.aadObjectId,
  name: member.name,
});

function project(number: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Ruimte',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners,
  };
}

/** An activity in the team's General channel, as Teams sends it. */
function inTeam(
  from: TestUser,
  serviceUrl: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...activityFrom(from, serviceUrl, fields),
    conversation: {
      id: `${TEAM_ID};messageid=1`,
      conversationType: 'channel',
      tenantId: TENANT_ID,
      isGroup: true,
    },
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: TEAM_ID, name: 'Ruimte' },
      channel: { id: TEAM_ID },
    },
  };
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

describe('reaching owners through a team install: roster, e-mail matching, starting the 1:1 chat', function () {
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const cleanups: (() => Promise<void>)[] = [];
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  const post = (activity: Record<string, unknown>) => postActivity(botUrl, activity);
  const say = (user: TestUser, text: string) =>
    post(activityFrom(user, connector.url, { type: 'message', text }));

  before(async function () {
    connector = await new RecordingConnector().start();
    cleanups.push(() => connector.stop());
    // Teams may serve fewer members per page than asked; two per page makes three pages here.
    connector.addRoster(TEAM_ID, [megan, lee, joni, grady, guest], 2);
    connector.failConversation(`a:started-${joni.id}`, 403);
    const cosmos = await freshCosmosConfig();
    app = await startApp(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        COORDINATORS: coordinator.aadObjectId,
        SCHEDULER_INTERVAL_SECONDS: '0',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      }),
      { clock, log: logger.child({ test: 'team-install' }, { level: 'silent' }) },
    );
    cleanups.push(() => app.close());
    botUrl = `http://127.0.0.1:${app.port}`;
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([
      project('7.1', ['Megan.BOWEN@contoso.nl']),
      project('7.2', ['lee.gu@contoso.nl']),
      project('7.3', ['joni.sherman@contoso.nl']),
      project('7.4', ['nobody@contoso.nl']),
    ]);
    for (const user of [coordinator, asUser(lee)]) {
      await post(activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }));
    }
    await connector.waitForActivities(2);
    connector.clear();
  });

  after(async function () {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  describe('when the bot is added to a team', function () {
    let welcome: string;

    before(async function () {
      const response = await post(
        inTeam(coordinator, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
      assert.equal(response.status, 200);
      const [reply] = await connector.waitForActivities(1);
      assert.equal(reply?.conversationId, `${TEAM_ID};messageid=1`, 'the welcome goes to the channel');
      welcome = textOf(reply.activity);
      connector.clear();
    });

    it('reads the whole roster page by page and says how many members it now knows', function () {
      assert.deepEqual(
        connector.rosterPages.map((page) => page.conversationId),
        [TEAM_ID, TEAM_ID, TEAM_ID],
      );
      assert.match(
        welcome,
        /Ik ken nu 4 leden van dit team/,
        'the guest without an object id is not counted',
      );
    });

    it('keeps a contact per member, findable by e-mail or UPN in any case, without a 1:1 chat yet', async function () {
      const found = await repositories.contacts.find('MEGAN.bowen@contoso.NL');
      assert.ok(found, 'found by UPN, case-insensitively');
      assert.equal(found.userId, megan.aadObjectId);
      assert.equal(found.email, 'megan.bowen@contoso.nl');
      assert.equal(found.address, undefined, 'no 1:1 chat is started before there is something to send');
      assert.equal(found.teamMember?.['userId'], megan.id);
      assert.equal(
        (await repositories.contacts.find(joni.email ?? ''))?.userId,
        joni.aadObjectId,
        'by e-mail',
      );
      assert.equal(
        (await repositories.contacts.find(grady.aadObjectId))?.name,
        'Grady Archie',
        'by object id',
      );
      assert.equal(connector.startedChats.length, 0);
    });

    it('keeps the 1:1 chat of a member who had one, and adds their e-mail', async function () {
      const found = await repositories.contacts.find('Lee.Gu@contoso.nl');
      assert.ok(found);
      assert.equal((found.address?.['conversation'] as { id: string }).id, `personal-${lee.id}`);
    });

    it('remembers a member who joins later, without a word in the channel', async function () {
      const newcomer: Member = {
        id: '29:nestor',
        aadObjectId: 'cccccccc-0000-0000-0000-000000000006',
        name: 'Nestor Wilke',
        userPrincipalName: 'nestor.wilke@contoso.nl',
      };
      connector.addMember(newcomer);
      const response = await post(
        inTeam(coordinator, connector.url, {
          type: 'conversationUpdate',
          membersAdded: [{ id: newcomer.id }],
        }),
      );
      assert.equal(response.status, 200);
      assert.equal((await repositories.contacts.find('nestor.wilke@contoso.nl'))?.name, 'Nestor Wilke');
      assert.equal(connector.activities.length, 0);
    });
  });

  describe('when a round opens', function () {
    let confirmation: string;

    before(async function () {
      connector.clear();
      await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021');
      // 7.1 in a new chat with Megan, 7.2 in Lee's chat, the confirmation; Joni is refused.
      const arrived = await connector.waitForActivities(3);
      confirmation = textOf(
        arrived.find((activity) => activity.conversationId === `personal-${coordinator.id}`)?.activity,
      );
    });

    it('starts a 1:1 chat with a team member who never opened the app, and asks there', function () {
      const started = connector.startedChats.find((chat) => chat.conversationId === `a:started-${megan.id}`);
      assert.ok(started, 'a chat with Megan was started');
      assert.deepEqual(started.parameters['members'], [{ id: megan.id, name: '' }]);
      assert.equal(started.parameters['tenantId'], TENANT_ID);
      assert.equal(started.parameters['isGroup'], false);
      const cards = connector.activities.filter((a) => a.conversationId === `a:started-${megan.id}`);
      assert.equal(cards.length, 1);
      assert.match(textOf(cards[0]?.activity), /Project 7\.1/);
    });

    it('keeps the new chat, so the next message goes there without starting another', async function () {
      const contact = await repositories.contacts.get(megan.aadObjectId);
      assert.ok(contact);
      assert.equal((contact.address?.['conversation'] as { id: string }).id, `a:started-${megan.id}`);
      assert.equal(contact.email, 'megan.bowen@contoso.nl');
    });

    it('asks an owner with a 1:1 chat there, without starting one', function () {
      assert.equal(
        connector.startedChats.some((chat) => chat.conversationId === `a:started-${lee.id}`),
        false,
      );
      const cards = connector.activities.filter((a) => a.conversationId === `personal-${lee.id}`);
      assert.equal(cards.length, 1);
      assert.match(textOf(cards[0]?.activity), /Project 7\.2/);
    });

    it('tells the coordinator at once who is in no team and never opened the app, by e-mail', function () {
      assert.match(confirmation, /nobody@contoso\.nl \(7\.4\)/);
      assert.doesNotMatch(confirmation, /megan/i);
    });

    it('lets an owner named by e-mail answer from the new chat', async function () {
      const response = await post(
        activityFrom(asUser(megan), connector.url, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          conversation: { id: `a:started-${megan.id}`, conversationType: 'personal', tenantId: TENANT_ID },
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'submitStatus',
              data: {
                roundId: 'voortgangsrapportage-2021',
                projectId: '2021:7.1',
                status: 'op-schema',
                answer: 'Het bestemmingsplan ligt ter inzage.',
              },
            },
          },
        }),
      );
      assert.equal(response.status, 200);
      assert.match(textOf(response.body), /Opgeslagen/);
      const stored = await repositories.statusUpdates.get('voortgangsrapportage-2021', '2021:7.1');
      assert.equal(stored?.value.versions[0]?.answeredBy, megan.aadObjectId);
    });

    it('marks a member Teams refuses a chat with as unreachable, lists the reason, and does not retry', async function () {
      await app.scheduler.tick();
      const attempts = connector.startedChats.length;
      const jobs = await repositories.sendJobs.listByRound('voortgangsrapportage-2021');
      const joniJob = jobs.find((job) => job.projectId === '2021:7.3');
      assert.equal(joniJob?.state, 'failed');
      assert.equal(joniJob.reason, 'blocked');

      connector.clear();
      await say(coordinator, 'status');
      const [status] = await connector.waitForActivities(1);
      assert.match(textOf(status?.activity), /Joni Sherman: niet bereikbaar \(bot geblokkeerd\)/);
      assert.match(textOf(status?.activity), /nobody@contoso\.nl: niet bereikbaar/);

      clock.advance({ days: 1 });
      await app.scheduler.tick();
      assert.equal(connector.startedChats.length, attempts, 'no new attempt to start a chat');
    });
  });
});
