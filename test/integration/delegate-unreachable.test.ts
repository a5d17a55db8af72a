import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, type Card, cardIn, visibleText } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c1',
  name: 'Bea Jansen',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c2',
  name: 'Alex Wilber',
};
/** Known to the bot (a team roster told it her e-mail), but she blocked the bot. */
const colleague: TestUser = {
  id: '29:colleague',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c3',
  name: 'Megan Bowen',
};
const COLLEAGUE_EMAIL = 'megan.bowen@gemeente.nl';
const STRANGER_EMAIL = 'j.jansen@gemeente.nl';
const ROUND_ID = 'voortgangsrapportage-2021';

function project(number: string): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: 'Doel',
    activities: 'Doen',
    owners: [owner.aadObjectId],
  };
}

/**
 * Issue 19, point 4: delegating to someone the bot cannot reach says so at once; a card that
 * fails later is reported to whoever delegated, and `status` lists the delegate with the reason.
 */
describe('delegating to someone the bot cannot reach, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    return (await connector.waitForActivities(replies)).map((reply) => cardIn(reply.activity));
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp({ COORDINATORS: coordinator.aadObjectId }, { clock }));
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([project('4.2.2'), project('4.2.3')]);
    for (const user of [coordinator, owner, colleague]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(3);
    const known = await repositories.contacts.get(colleague.aadObjectId);
    assert.ok(known);
    await repositories.contacts.upsert({ ...known, email: COLLEAGUE_EMAIL });
    await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021', 3);
    connector.failConversation(`personal-${colleague.id}`, 403);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('says at once that the bot does not know the colleague and what to do, and stores nothing', async function () {
    const [refusal] = await say(owner, `delegeer 4.2.2 aan ${STRANGER_EMAIL}`);
    const text = visibleText(refusal ?? {});
    assert.match(text, /j\.jansen@gemeente\.nl is niet te bereiken/);
    assert.match(
      text,
      /Deze collega kent de bot nog niet, dus er kan geen kaart heen; er is niets gedelegeerd\./,
    );
    assert.match(text, /Voeg de collega toe aan een team waar de bot Stand van zaken in zit/);
    assert.doesNotMatch(text, /krijgt de kaart nu/);
    const stored = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '4.2.2'));
    assert.equal(stored?.value.delegations, undefined);
    const jobs = await repositories.sendJobs.listByRound(ROUND_ID);
    assert.ok(!jobs.some((job) => job.recipientId === STRANGER_EMAIL), 'no card is planned for them');

    await say(owner, 'taal en');
    const [english] = await say(owner, `delegate 4.2.2 to ${STRANGER_EMAIL}`);
    assert.match(visibleText(english ?? {}), /j\.jansen@gemeente\.nl cannot be reached/);
    assert.match(visibleText(english ?? {}), /The bot does not know this colleague yet/);
    await say(owner, 'taal nl');
  });

  it('tells whoever delegated when the card fails later, with a button to fill it in themselves', async function () {
    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(owner, connector.url, { type: 'message', text: `delegeer 4.2.3 aan ${COLLEAGUE_EMAIL}` }),
    );
    const [delegated] = await connector.waitForActivities(1);
    assert.match(visibleText(cardIn(delegated?.activity)), /4\.2\.3 Project 4\.2\.3 is gedelegeerd/);
    // Megan's card is refused (403); the news of it goes out as a job of its own.
    await app.scheduler.tick();
    const notice = await connector.waitFor(
      (recorded) =>
        recorded.conversationId === `personal-${owner.id}` &&
        visibleText(cardIn(recorded.activity)).includes('kwam niet aan'),
    );
    const card = cardIn(notice.activity);
    const text = visibleText(card);
    assert.match(text, /De kaart van 4\.2\.3 Project 4\.2\.3 kwam niet aan bij megan\.bowen@gemeente\.nl/);
    assert.match(
      text,
      /Reden: bot geblokkeerd\. Het project wacht in de voortgangsrapportage 2021 nog op een antwoord: vul het zelf in, of delegeer het aan iemand die de bot wel kan bereiken\./,
    );

    // "Invullen" turns the notice into the project's form.
    const response = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb: 'fillIn', data: actionData(card, 'fillIn') },
          trigger: 'manual',
        },
      }),
    );
    assert.equal(response.status, 200);
    const form = (response.body as { value?: Card }).value ?? {};
    assert.match(visibleText(form), /4\.2\.3 Project 4\.2\.3/);
    assert.ok(actionData(form, 'submitStatus'), 'the form to answer it');
  });

  it('lists the delegate in status with the reason', async function () {
    const [status] = await say(coordinator, 'status');
    const text = visibleText(status ?? {});
    assert.match(text, /megan\.bowen@gemeente\.nl|Megan Bowen/);
    assert.match(text, /Megan Bowen \(gedelegeerd\): niet bereikbaar \(bot geblokkeerd\)/);
  });
});
