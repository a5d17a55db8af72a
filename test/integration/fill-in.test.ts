import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, executeAction, postActivity, type TestUser } from '../support/activities';
import { actionData, type Card, cardIn, inputsOf, visibleText } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000001',
  name: 'Carla',
};
const owner: TestUser = { id: '29:o', aadObjectId: 'eeeeeeee-0000-4000-8000-000000000002', name: 'Olaf' };
const stranger: TestUser = { id: '29:s', aadObjectId: 'eeeeeeee-0000-4000-8000-000000000003', name: 'Vera' };

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

/** The data of every Action.Execute with this verb, wherever it stands in the card (an ActionSet per row). */
function buttons(card: Card, verb: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      if (object['type'] === 'Action.Execute' && object['verb'] === verb) {
        found.push(object['data'] as Record<string, unknown>);
      }
      Object.values(object).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function answerIn(card: Card): unknown {
  return inputsOf(card).find((input) => input['id'] === 'answer')?.['value'];
}

describe('invullen: an owner asks for a card again, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    return (await connector.waitForActivities(replies)).map((reply) => cardIn(reply.activity));
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp({ COORDINATORS: coordinator.aadObjectId }, { clock }));
    await cosmosRepositories(app.store).projects.upsertMany([
      project('2', [owner.aadObjectId]),
      project('4.2.3', [owner.aadObjectId]),
      project('10', [coordinator.aadObjectId]),
    ]);
    for (const user of [coordinator, owner, stranger]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(3);
    await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021', 4);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('sends the project’s card again on "invullen 4.2.3", the form while it waits for an answer', async function () {
    const [card] = await say(owner, 'invullen 4.2.3');

    assert.ok(card);
    assert.match(JSON.stringify(card), /4\.2\.3/);
    assert.ok(
      inputsOf(card).some((input) => input['id'] === 'answer'),
      'the form, with its inputs',
    );
    assert.equal(actionData(card, 'submitStatus')['projectId'], projectIdOf(2021, '4.2.3'));
  });

  it('lists on a bare "invullen" the projects that wait for this person, a button each, and sends the card a button asks for', async function () {
    const [list] = await say(owner, 'fill in');

    const text = JSON.stringify(list);
    assert.match(text, /Uw open projecten|Your open projects/);
    assert.ok(text.indexOf('"2 "') < text.indexOf('"4.2.3 "'), 'in number order');
    assert.doesNotMatch(text, /Project 10/, 'not the coordinator’s project');
    assert.ok(list);
    const [data, second] = buttons(list, 'fillIn');
    assert.ok(data && second);
    assert.equal(data['projectId'], projectIdOf(2021, '2'));
    assert.equal(second['projectId'], projectIdOf(2021, '4.2.3'));

    connector.clear();
    const pressed = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'fillIn', data }, trigger: 'manual' },
      }),
    );
    assert.equal(pressed.status, 200);
    const [sent] = await connector.waitForActivities(1);
    const form = cardIn(sent?.activity);
    assert.equal(actionData(form, 'submitStatus')['projectId'], projectIdOf(2021, '2'));
    assert.match(JSON.stringify(pressed.body), /Project 2/, 'the list stays');
  });

  it('offers "Invullen" on the project summary to whoever may still answer, and sends the card below it', async function () {
    const [summary] = await say(owner, 'samenvatting 4.2.3');
    assert.ok(summary);
    const [data] = buttons(summary, 'summaryFillIn');
    assert.ok(data, 'the owner gets the button');
    assert.equal(data['projectId'], projectIdOf(2021, '4.2.3'));

    connector.clear();
    const pressed = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'summaryFillIn', data }, trigger: 'manual' },
      }),
    );
    assert.equal(pressed.status, 200);
    const [sent] = await connector.waitForActivities(1);
    assert.equal(actionData(cardIn(sent?.activity), 'submitStatus')['projectId'], projectIdOf(2021, '4.2.3'));
    assert.match(
      JSON.stringify(pressed.body),
      /4\.2\.3 Project 4\.2\.3|Project 4\.2\.3/,
      'the summary stays',
    );

    const [read] = await say(stranger, 'samenvatting 4.2.3');
    assert.deepEqual(buttons(read ?? {}, 'summaryFillIn'), [], 'no button for whoever may not answer');
  });

  it('starts "invullen 4.2.3" from the saved concept and calls it "concept" on the list', async function () {
    const [form] = await say(owner, 'invullen 4.2.3');
    assert.ok(form);
    const saved = await executeAction(botUrl, owner, connector.url, 'saveDraft', {
      ...actionData(form, 'saveDraft'),
      status: '',
      answer: 'Half af, nog aanvullen.',
    });
    assert.equal(saved.status, 200);

    const [again] = await say(owner, 'invullen 4.2.3');
    assert.ok(again);
    assert.equal(answerIn(again), 'Half af, nog aanvullen.');
    assert.match(visibleText(again), /Dit is het concept van Olaf van .*; nog niet verstuurd\./);

    const [list] = await say(owner, 'invullen');
    assert.ok(list);
    assert.match(visibleText(list), /Project 4\.2\.3\n · concept/);
  });

  it('shows on "invullen 2" the stored answer as the latest of its versions', async function () {
    const [form] = await say(owner, 'invullen 2');
    assert.ok(form);
    const submit = actionData(form, 'submitStatus');
    for (const [baseVersion, answer] of [
      ['0', 'Eerste versie.'],
      ['1', 'Tweede versie.'],
    ] as const) {
      const stored = await executeAction(botUrl, owner, connector.url, 'submitStatus', {
        ...submit,
        baseVersion,
        status: 'op-schema',
        answer,
      });
      assert.match(JSON.stringify(stored.body), /Opgeslagen/);
    }

    const [answered] = await say(owner, 'invullen 2');
    assert.ok(answered);
    assert.match(visibleText(answered), /Tweede versie\./);
    assert.match(visibleText(answered), /Versie: 2/);
  });

  it('says so when nothing waits, and answers a stranger or an unknown number in words', async function () {
    const [none] = await say(stranger, 'invullen');
    assert.match(JSON.stringify(none), /Er wacht geen project op uw stand van zaken/);

    const [refused] = await say(stranger, 'invullen 4.2.3');
    assert.match(JSON.stringify(refused), /Alleen de eigenaar van dit project/);

    const [unknown] = await say(owner, 'invullen 99');
    assert.match(JSON.stringify(unknown), /Dat projectnummer staat in geen open ronde/);
  });
});
