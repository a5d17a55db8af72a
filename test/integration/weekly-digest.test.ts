import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { activityFrom, postActivity, TENANT_ID, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector } from '../support/recording-connector';

const TEAM_ID = '19:team-ruimte@thread.tacv2';
const CHANNEL_ID = '19:ruimte-projecten@thread.tacv2';
/** The thread the coordinator typed in; the digest must not land there but in the channel. */
const THREAD_ID = `${CHANNEL_ID};messageid=1622628000000`;
const BOT = { id: '28:bot-id', name: 'Stand van zaken' };

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};

function project(number: string): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Ruimte',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners: [owner.aadObjectId],
  };
}

/** A message in a thread of the team's Projecten channel, @mentioning the bot, as Teams sends it. */
function inChannel(from: TestUser, serviceUrl: string, command: string): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...activityFrom(from, serviceUrl, { type: 'message', text: `${mention} ${command}` }),
    conversation: { id: THREAD_ID, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true },
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: TEAM_ID, name: 'Ruimte' },
      channel: { id: CHANNEL_ID, name: 'Projecten' },
    },
  };
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

describe('the weekly digest in a team channel, through restify, CloudAdapter and the local Cosmos server', function () {
  let connector: RecordingConnector;
  let config: Config;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const cleanups: (() => Promise<void>)[] = [];
  // Tuesday 1 June 2021, 10:00 Amsterdam time.
  const clock = new FixedClock('2021-06-01T08:00:00Z');

  const post = (activity: Record<string, unknown>) => postActivity(botUrl, activity);
  const sayInChannel = (user: TestUser, command: string) => post(inChannel(user, connector.url, command));
  const sayInChat = (user: TestUser, text: string) =>
    post(activityFrom(user, connector.url, { type: 'message', text }));
  /** What the bot posted in the channel itself, not as a reply in a thread. */
  const channelPosts = () => connector.activities.filter((posted) => posted.conversationId === CHANNEL_ID);

  before(async function () {
    connector = await new RecordingConnector().start();
    cleanups.push(() => connector.stop());
    const cosmos = await freshCosmosConfig();
    config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      COORDINATORS: coordinator.aadObjectId,
      SCHEDULER_INTERVAL_SECONDS: '0',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: cosmos.database,
    });
    app = await startApp(config, {
      clock,
      log: logger.child({ test: 'weekly-digest' }, { level: 'silent' }),
    });
    cleanups.push(() => app.close());
    botUrl = `http://127.0.0.1:${app.port}`;
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([project('2'), project('4.2.3'), project('10')]);
    for (const user of [coordinator, owner]) {
      await post(activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }));
    }
    await sayInChat(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021');
    // Two welcomes, three cards for the owner and the coordinator's confirmation.
    await connector.waitForActivities(6);
    await app.scheduler.tick();
    const answered = await post(
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitStatus',
            data: {
              roundId: 'voortgangsrapportage-2021',
              projectId: '2021:4.2.3',
              status: 'vertraagd',
              answer: 'De aanbesteding loopt vertraging op.',
            },
          },
        },
      }),
    );
    assert.equal(answered.status, 200);
    // Wednesday 2 June, 12:00: the coordinator sets the channel up.
    clock.set('2021-06-02T10:00:00Z');
  });

  after(async function () {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  beforeEach(function () {
    connector.clear();
  });

  it('refuses a team member who is not a coordinator, and stores nothing', async function () {
    const response = await sayInChannel(owner, 'weekoverzicht hier');

    assert.equal(response.status, 200);
    const [reply] = await connector.waitForActivities(1);
    assert.equal(reply?.conversationId, THREAD_ID, 'answered in the thread it was asked in');
    assert.match(textOf(reply.activity), /Alleen een coördinator kan dit doen/);
    assert.deepEqual(await repositories.digestChannels.list(), []);
  });

  it('answers in a 1:1 chat that the digest is switched on in a team channel', async function () {
    await sayInChat(coordinator, 'weekoverzicht hier');

    const [reply] = await connector.waitForActivities(1);
    assert.equal(reply?.conversationId, `personal-${coordinator.id}`);
    assert.match(textOf(reply.activity), /@Stand van zaken weekoverzicht hier/);
    assert.deepEqual(await repositories.digestChannels.list(), []);
  });

  it("switches it on for a coordinator's @mention in the channel, and says when the first comes", async function () {
    await sayInChannel(coordinator, 'weekoverzicht hier');

    const [reply] = await connector.waitForActivities(1);
    assert.equal(reply?.conversationId, THREAD_ID);
    assert.match(textOf(reply.activity), /Het weekoverzicht staat aan/);
    assert.match(textOf(reply.activity), /Het eerste overzicht komt maandag 7 juni om 09:00/);
    const target = `channel:${CHANNEL_ID}`;
    assert.deepEqual(
      (await repositories.digestChannels.list()).map((channel) => channel.channelId),
      [target],
    );
    const channel = await repositories.contacts.get(target);
    assert.equal(channel?.name, 'Ruimte › Projecten');
    assert.equal(channel.language, 'nl');
    assert.equal(
      (channel.address?.['conversation'] as { id: string }).id,
      CHANNEL_ID,
      'the channel, not the thread',
    );
    const own = await repositories.contacts.get(coordinator.aadObjectId);
    assert.equal(
      (own?.address?.['conversation'] as { id: string }).id,
      `personal-${coordinator.id}`,
      "the coordinator's own 1:1 chat stays their address",
    );
  });

  it('posts nothing before Monday 09:00', async function () {
    clock.set('2021-06-07T06:59:00Z');

    await app.scheduler.tick();

    assert.deepEqual(channelPosts(), []);
  });

  it('posts exactly one digest in the channel on Monday morning, as a new post', async function () {
    clock.set('2021-06-07T07:05:00Z');

    await app.scheduler.tick();

    const posts = channelPosts();
    assert.equal(posts.length, 1);
    const [digest] = posts;
    assert.ok(digest);
    assert.equal(digest.replyToId, undefined, 'a post of its own, not a reply in a thread');
    const card = textOf(digest.activity);
    assert.match(card, /Weekoverzicht: Voortgangsrapportage 2021/);
    assert.match(card, /Stand van maandag 7 juni om 09:05\. Deadline: 1 juli 2021\./);
    assert.match(card, /1 van 3 projecten beantwoord \(33%\)/);
    assert.match(card, /"title":"Vertraagd","value":"1"/);
    assert.match(card, /"title":"Nog geen antwoord","value":"2"/);
    assert.match(card, /"text":"2, 10"/);
    assert.match(card, /Typ \*\*samenvatting\*\* in de 1-op-1-chat/);
    assert.doesNotMatch(card, /Megan Bowen/, 'no names of who has not answered in a shared channel');
    assert.deepEqual(connector.startedChats, [], 'no 1:1 chat is started for a channel');
  });

  it('posts nothing more on a second tick, nor from a second instance', async function () {
    clock.set('2021-06-07T07:10:00Z');
    const second = await startApp(config, {
      clock,
      log: logger.child({ test: 'weekly-digest-second' }, { level: 'silent' }),
    });
    try {
      await app.scheduler.tick();
      await second.scheduler.tick();
      clock.set('2021-06-09T12:00:00Z');
      await Promise.all([app.scheduler.tick(), second.scheduler.tick()]);
    } finally {
      await second.close();
    }

    assert.deepEqual(channelPosts(), []);
    const weekly = (await repositories.sendJobs.listByRound('voortgangsrapportage-2021')).filter(
      (job) => job.kind === 'weekly',
    );
    assert.deepEqual(
      weekly.map((job) => [job.stepKey, job.recipientId, job.state]),
      [['weekly-2021-W23', `channel:${CHANNEL_ID}`, 'sent']],
    );
  });

  it("keeps the coordinator's status about owners: the channel is no one who has not answered", async function () {
    await sayInChat(coordinator, 'status');

    const [reply] = await connector.waitForActivities(1);
    const status = textOf(reply?.activity);
    assert.match(status, /1 van 3 projecten beantwoord\./);
    assert.doesNotMatch(status, /channel:|niet bereikbaar/);
  });

  it("keeps the review queue out of the channel: owners' texts are for the reviewer alone", async function () {
    await sayInChannel(coordinator, 'beoordelen');

    const [reply] = await connector.waitForActivities(1);
    assert.match(textOf(reply?.activity), /Beoordelen kan alleen in de 1-op-1-chat met mij/);
    assert.equal(connector.activities.length, 1);
  });

  it('stops on `weekly digest off`: nothing is posted the next Monday', async function () {
    await sayInChannel(coordinator, 'weekly digest off');
    const [reply] = await connector.waitForActivities(1);
    assert.match(textOf(reply?.activity), /Het weekoverzicht staat uit/);
    assert.deepEqual(await repositories.digestChannels.list(), []);

    clock.set('2021-06-14T07:05:00Z');
    await app.scheduler.tick();

    assert.deepEqual(channelPosts(), []);
  });

  it('switches itself off when the bot was removed from the team, and tells the coordinator who switched it on', async function () {
    clock.set('2021-06-18T10:00:00Z');
    await sayInChannel(coordinator, 'weekly digest here');
    await connector.waitForActivities(1);
    // Removed from the team: Teams refuses every post in its channels.
    connector.failConversation(CHANNEL_ID, 403);
    connector.clear();

    clock.set('2021-06-21T07:05:00Z');
    await app.scheduler.tick();
    await app.scheduler.tick();

    assert.deepEqual(await repositories.digestChannels.list(), []);
    const [notice] = await connector.waitForActivities(1);
    assert.equal(notice?.conversationId, `personal-${coordinator.id}`);
    assert.match(textOf(notice.activity), /Het weekoverzicht in .* is gestopt/);
    assert.match(textOf(notice.activity), /weekoverzicht hier/);

    clock.set('2021-06-28T07:05:00Z');
    await app.scheduler.tick();
    const weekly = (await repositories.sendJobs.listByRound('voortgangsrapportage-2021')).filter(
      (job) => job.kind === 'weekly' && job.stepKey === 'weekly-2021-W26',
    );
    assert.deepEqual(weekly, [], 'no attempt the week after');
  });
});
