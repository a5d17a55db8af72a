import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, TENANT_ID, type TestUser } from '../support/activities';
import { actionData, visibleText, type Card } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'cccccccc-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const TEAM_ID = '19:team-voortgang@thread.tacv2';
const CHANNEL_ID = '19:voortgang-algemeen@thread.tacv2';
const BOT = { id: '28:bot-id', name: 'Stand van zaken' };

function project(number: string, speerpunt: string): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt,
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners: [owner.aadObjectId],
  };
}

type Element = Record<string, unknown>;

/** Every object in the card's body whose type is given, however deeply nested. */
function elementsOf(card: Card, type: string): Element[] {
  const found: Element[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Element;
      if (object['type'] === type) found.push(object);
      Object.values(object).forEach(walk);
    }
  };
  walk(card['body']);
  return found;
}

function chartOf(card: Card, type: string): Element {
  const [chart, ...more] = elementsOf(card, type);
  assert.ok(chart, `no ${type} in ${JSON.stringify(card)}`);
  assert.equal(more.length, 0, `one ${type}`);
  return chart;
}

/** The facts of the FactSet a client without charts shows instead of the chart. */
function fallbackFacts(chart: Element): [string, string][] {
  const fallback = chart['fallback'] as Card;
  assert.ok(fallback, 'the chart has a fallback');
  return elementsOf({ body: [fallback] }, 'FactSet').flatMap((set) =>
    (set['facts'] as { title: string; value: string }[]).map((fact): [string, string] => [
      fact.title,
      fact.value,
    ]),
  );
}

/**
 * Five projects over two speerpunten of a jaarverslag, which is reviewed: 1 approved, 2 sent
 * back, 3 waiting for a reviewer, 4 a concept, 5 nothing yet.
 */
function assertChartsOfTheRound(card: Card): void {
  assert.deepEqual(chartOf(card, 'Chart.Donut')['data'], [
    { legend: 'beantwoord', value: 2, color: 'good' },
    { legend: 'concept', value: 1, color: 'warning' },
    { legend: 'open', value: 1, color: 'neutral' },
    { legend: 'teruggestuurd', value: 1, color: 'attention' },
  ]);
  assert.deepEqual(fallbackFacts(chartOf(card, 'Chart.Donut')), [
    ['beantwoord', '2'],
    ['concept', '1'],
    ['open', '1'],
    ['teruggestuurd', '1'],
  ]);

  const bars = chartOf(card, 'Chart.HorizontalBar.Stacked');
  assert.deepEqual(
    (bars['data'] as { title: string; data: { value: number }[] }[]).map((bar) => [
      bar.title,
      ...bar.data.map((part) => part.value),
    ]),
    [
      ['Kwaliteit', 1, 2],
      ['Dienstverlening', 1, 1],
    ],
  );
  assert.deepEqual(fallbackFacts(bars), [
    ['Kwaliteit', '1 van 3 beantwoord'],
    ['Dienstverlening', '1 van 2 beantwoord'],
  ]);

  const review = chartOf(card, 'Chart.HorizontalBar');
  assert.deepEqual(review['data'], [
    { x: 'ingediend', y: 1, color: 'warning' },
    { x: 'goedgekeurd', y: 1, color: 'good' },
    { x: 'teruggestuurd', y: 1, color: 'attention' },
  ]);
  assert.deepEqual(fallbackFacts(review), [
    ['ingediend', '1'],
    ['goedgekeurd', '1'],
    ['teruggestuurd', '1'],
  ]);
}

describe('the progress charts of status, samenvatting and the weekly digest, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  // Tuesday 1 June 2021, 10:00 Amsterdam time.
  const clock = new FixedClock('2021-06-01T08:00:00Z');
  const asked = new Map<string, { card: Card; activityId: string }>();

  const invoke = async (user: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...(replyToId ? { replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { value?: Card } | undefined)?.value ?? {};
  };

  const say = async (user: TestUser, text: string, replies = 1): Promise<Card[]> => {
    connector.clear();
    const response = await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    assert.ok(response.status < 300, `status ${response.status}`);
    return (await connector.waitForActivities(replies)).map(
      (recorded) => recorded.activity.attachments?.[0]?.content ?? {},
    );
  };

  const askedFor = (number: string) => {
    const found = asked.get(number);
    assert.ok(found, `no card for ${number}`);
    return found;
  };

  const answer = (number: string) => {
    const { card, activityId } = askedFor(number);
    return invoke(
      owner,
      'submitStatus',
      {
        ...actionData(card, 'submitStatus'),
        status: 'op-schema',
        answer: `Antwoord ${number}.`,
        achieved: 'ja',
      },
      activityId,
    );
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp({ COORDINATORS: coordinator.aadObjectId }, { clock }));
    await cosmosRepositories(app.store).projects.upsertMany([
      project('1', 'Kwaliteit'),
      project('2', 'Kwaliteit'),
      project('3', 'Dienstverlening'),
      project('4', 'Dienstverlening'),
      project('5', 'Kwaliteit'),
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
        text: 'ronde open jaarverslag 2021 tot 1-2-2022',
      }),
    );
    // Five cards for the owner and the coordinator's confirmation.
    const sent = await connector.waitForActivities(6);
    sent.forEach((recorded, index) => {
      const card = recorded.activity.attachments?.[0]?.content;
      const number = card && /^(\d+) Project/m.exec(visibleText(card))?.[1];
      if (card && number) asked.set(number, { card, activityId: `activity-${index + 1}` });
    });
    assert.equal(asked.size, 5);

    for (const number of ['1', '2', '3']) await answer(number);
    const { card: fourth, activityId } = askedFor('4');
    await invoke(
      owner,
      'saveDraft',
      { ...actionData(fourth, 'saveDraft'), status: '', answer: 'Half af.' },
      activityId,
    );

    const queue = await say(coordinator, 'beoordelen', 4);
    const reviewCard = (number: string) => {
      const found = queue.find((card) => visibleText(card).includes(`${number} Project ${number}`));
      assert.ok(found, `no review card for ${number}`);
      return found;
    };
    await invoke(coordinator, 'reviewDecision', {
      ...actionData(reviewCard('1'), 'reviewDecision', { decision: 'approved' }),
      reviewComment: '',
    });
    await invoke(coordinator, 'reviewDecision', {
      ...actionData(reviewCard('2'), 'reviewDecision', { decision: 'sentBack' }),
      reviewComment: 'Licht de planning toe.',
    });
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('status: the charts with the figures of the round, a fallback with the same numbers, and the counts in text', async function () {
    const [card] = await say(coordinator, 'status');
    assert.ok(card);

    assertChartsOfTheRound(card);
    assert.match(visibleText(card), /2 van 5 projecten beantwoord/);
    assert.match(visibleText(card), /1 wacht op een beoordelaar .*1 goedgekeurd, 1 teruggestuurd/);
  });

  it('samenvatting: the same charts, and the counts in text', async function () {
    const [card] = await say(coordinator, 'samenvatting');
    assert.ok(card);

    assertChartsOfTheRound(card);
    assert.match(visibleText(card), /2 van 5 projecten beantwoord\./);
  });

  it('the weekly digest in a team channel: the same charts, and the counts in text', async function () {
    const mention = `<at>${BOT.name}</at>`;
    await postActivity(botUrl, {
      ...activityFrom(coordinator, connector.url, { type: 'message', text: `${mention} weekoverzicht hier` }),
      conversation: { id: CHANNEL_ID, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true },
      entities: [{ type: 'mention', mentioned: BOT, text: mention }],
      channelData: {
        tenant: { id: TENANT_ID },
        team: { id: TEAM_ID, name: 'Voortgang' },
        channel: { id: CHANNEL_ID, name: 'Algemeen' },
      },
    });
    await connector.waitForActivities(1);
    connector.clear();

    // Monday 7 June 2021, 09:05 Amsterdam time.
    clock.set('2021-06-07T07:05:00Z');
    await app.scheduler.tick();

    const posts = connector.activities.filter((posted) => posted.conversationId === CHANNEL_ID);
    assert.equal(posts.length, 1);
    const card = posts[0]?.activity.attachments?.[0]?.content ?? {};
    assertChartsOfTheRound(card);
    assert.match(visibleText(card), /2 van 5 projecten beantwoord \(40%\)/);
  });
});
