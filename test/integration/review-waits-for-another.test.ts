import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, type Card, cardIn, visibleText } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:alex',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a1',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:megan',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a2',
  name: 'Megan Bowen',
};

function project(number: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: 'Doel',
    activities: 'Doen',
    owners,
  };
}

/**
 * Issue 19, point 1: with one coordinator, their own jaarverslag answer can never be reviewed.
 * `beoordelen`, `status` and `definitief` say so, instead of "Alles is beoordeeld".
 */
describe('an answer nobody else may review, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-12-01T08:00:00Z'));
  const asked = new Map<string, { card: Card; activityId: string }>();

  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    return (await connector.waitForActivities(replies)).map((reply) => cardIn(reply.activity));
  }

  async function submit(user: TestUser, number: string, text: string): Promise<string> {
    const found = asked.get(`${user.id}|${number}`);
    assert.ok(found, `no card for ${user.name} about ${number}`);
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: found.activityId,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitStatus',
            data: {
              ...actionData(found.card, 'submitStatus'),
              status: 'op-schema',
              answer: text,
              achieved: 'ja',
            },
          },
          trigger: 'manual',
        },
      }),
    );
    assert.equal(response.status, 200);
    return visibleText((response.body as { value?: Card }).value ?? {});
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp({ COORDINATORS: coordinator.aadObjectId }, { clock }));
    await cosmosRepositories(app.store).projects.upsertMany([
      project('4.2.2', [coordinator.aadObjectId]),
      project('4.2.3', [owner.aadObjectId]),
    ]);
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(2);
    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open jaarverslag 2021 tot 31-12-2021',
      }),
    );
    // A card each, and the confirmation.
    const sent = await connector.waitForActivities(3);
    sent.forEach((recorded, index) => {
      const card = cardIn(recorded.activity);
      const number = /^(4\.2\.\d) Project/m.exec(visibleText(card))?.[1];
      const user = recorded.conversationId.replace('personal-', '');
      if (number) asked.set(`${user}|${number}`, { card, activityId: `activity-${index + 1}` });
    });
    assert.equal(asked.size, 2);
    assert.match(await submit(coordinator, '4.2.2', 'Het beleid is vastgesteld.'), /wacht op beoordeling/);
    assert.match(await submit(owner, '4.2.3', 'De werving loopt.'), /wacht op beoordeling/);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('beoordelen shows what waits for the coordinator, and what they submitted waits for nobody', async function () {
    const [review, footer] = await say(coordinator, 'beoordelen', 2);
    assert.match(visibleText(review ?? {}), /4\.2\.3 Project 4\.2\.3/);
    const text = visibleText(footer ?? {});
    assert.match(text, /1 antwoord wacht op uw beoordeling/);
    assert.match(
      text,
      /In het jaarverslag 2021 wacht 1 antwoord dat u zelf indiende op een andere beoordelaar\. Niemand anders mag het beoordelen: vraag de beheerder van de bot een tweede coördinator \(COORDINATORS\) of een beoordelaar voor het speerpunt \(SPEERPUNT_REVIEWERS\) toe te voegen\./,
    );
  });

  it('once the rest is reviewed, beoordelen does not say that everything is reviewed', async function () {
    const [review] = await say(coordinator, 'beoordelen', 2);
    const response = await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'reviewDecision',
            data: {
              ...actionData(review ?? {}, 'reviewDecision', { decision: 'approved' }),
              reviewComment: '',
            },
          },
          trigger: 'manual',
        },
      }),
    );
    assert.equal(response.status, 200);

    const [footer] = await say(coordinator, 'beoordelen');
    const text = visibleText(footer ?? {});
    assert.match(text, /Er wacht niets op uw beoordeling/);
    assert.doesNotMatch(text, /Alles is beoordeeld/);
    assert.match(
      text,
      /In het jaarverslag 2021 wacht 1 antwoord dat u zelf indiende op een andere beoordelaar\./,
    );

    await say(coordinator, 'language en');
    const [english] = await say(coordinator, 'review');
    await say(coordinator, 'taal nl');
    assert.match(
      visibleText(english ?? {}),
      /In the annual report 2021, 1 answer you submitted yourself waits for another reviewer\. Nobody else may review it/,
    );
  });

  it('status names the round and the answer nobody else may review', async function () {
    const [status] = await say(coordinator, 'status');
    const text = visibleText(status ?? {});
    assert.match(text, /Jaarverslag 2021/);
    assert.match(
      text,
      /4\.2\.2 wacht op een beoordeling die niemand kan geven: Alex Wilber diende het in, en niemand anders mag het beoordelen\./,
    );
  });

  it('definitief says why it cannot pass', async function () {
    const [blocked] = await say(coordinator, 'jaarverslag 2021 definitief');
    const text = visibleText(blocked ?? {});
    assert.match(text, /Jaarverslag 2021/);
    assert.match(text, /4\.2\.2 wacht op een beoordeling die niemand kan geven: Alex Wilber diende het in/);
  });
});
