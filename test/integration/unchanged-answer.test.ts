import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, type Card, cardIn, visibleText } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:carla',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000d1',
  name: 'Carla Coördinator',
};
const owner: TestUser = {
  id: '29:olaf',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000d2',
  name: 'Olaf Eigenaar',
};

const LAST_ROUND =
  'In het eerste halfjaar is in alle vier de organisaties in kaart gebracht welke werkprocessen nog niet ' +
  'zaakgericht verlopen. Per organisatie ligt er nu een plan van aanpak met een planning per proces. ' +
  'Ruim zeventig procent van de medewerkers heeft de training afgerond.';
const UNCHANGED_NOTE = 'Dit antwoord is (bijna) gelijk aan dat van de vorige ronde. Klopt het nog?';

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
 * Issue 21: an answer submitted as last round's again (or nearly) is flagged on the stored card,
 * on the review card and in `status`, and is stored all the same.
 */
describe('an answer left as it was last round, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-12-01T09:00:00Z'));
  const asked = new Map<string, { card: Card; activityId: string }>();

  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    return (await connector.waitForActivities(replies)).map((reply) => cardIn(reply.activity));
  }

  async function submit(number: string, answer: string): Promise<string> {
    const found = asked.get(number);
    assert.ok(found, `no card about ${number}`);
    const data = actionData(found.card, 'submitStatus');
    const response = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: found.activityId,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitStatus',
            data: { ...data, status: 'op-schema', answer, achieved: 'ja' },
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
    const repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([project('1'), project('2')]);
    // Last round, closed, answered for both projects.
    await repositories.rounds.create({
      id: 'voortgangsrapportage-2021',
      kind: 'voortgangsrapportage',
      year: 2021,
      deadline: '2021-07-01',
      status: 'closed',
      openedAt: '2021-06-01T08:00:00.000Z',
      openedBy: coordinator.aadObjectId,
      reminderPlan: DEFAULT_REMINDER_PLAN,
      closedAt: '2021-07-02T08:00:00.000Z',
      closedBy: coordinator.aadObjectId,
    });
    await repositories.statusUpdates.createMany(
      ['1', '2'].map((number) => ({
        id: projectIdOf(2021, number),
        roundId: 'voortgangsrapportage-2021',
        project: project(number),
        versions: [
          {
            status: 'op-schema' as const,
            answer: LAST_ROUND,
            answeredAt: '2021-06-20T08:00:00.000Z',
            answeredBy: owner.aadObjectId,
            answeredByName: owner.name,
          },
        ],
      })),
    );
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
    const sent = await connector.waitForActivities(3);
    sent.forEach((recorded, index) => {
      const card = cardIn(recorded.activity);
      const number = /^([12]) Project/m.exec(visibleText(card))?.[1];
      if (number) asked.set(number, { card, activityId: `activity-${index + 1}` });
    });
    assert.equal(asked.size, 2);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('stores last round’s text again, and the stored card asks whether it still holds', async function () {
    const stored = await submit('1', LAST_ROUND.replace('zeventig', 'tachtig'));
    assert.match(stored, /wacht op beoordeling/);
    assert.ok(stored.includes(UNCHANGED_NOTE), stored);

    const changed = await submit(
      '2',
      `${LAST_ROUND} In november is het beleid vastgesteld en is de uitvoering gestart.`,
    );
    assert.ok(!changed.includes(UNCHANGED_NOTE), changed);
  });

  it('marks it on the review card and counts it in status', async function () {
    const [first, second] = await say(coordinator, 'beoordelen', 3);
    const cards = [first, second].map((card) => visibleText(card ?? {}));
    const one = cards.find((text) => /1 Project 1/.test(text));
    const two = cards.find((text) => /2 Project 2/.test(text));
    assert.match(one ?? '', /Gelijk aan de vorige ronde, of bijna: klopt dit nog\?/);
    assert.doesNotMatch(two ?? '', /Gelijk aan de vorige ronde/);

    const [status] = await say(coordinator, 'status');
    assert.match(visibleText(status ?? {}), /1 antwoord is \(bijna\) gelijk aan dat van de vorige ronde\./);
  });
});
