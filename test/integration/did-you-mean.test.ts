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
  id: '29:c',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000021',
  name: 'Carla',
};
const owner: TestUser = { id: '29:o', aadObjectId: 'eeeeeeee-0000-4000-8000-000000000022', name: 'Olaf' };
const englishOwner: TestUser = {
  id: '29:e',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000023',
  name: 'Emma',
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

const localeOf = (user: TestUser) => (user === englishOwner ? 'en-GB' : 'nl-NL');

describe('typos and questions: the nearest command, with a button, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }, localeOf(user)));
    return (await connector.waitForActivities(replies)).map((reply) => cardIn(reply.activity));
  }

  async function answer(user: TestUser, text: string): Promise<Card> {
    const [card] = await say(user, text);
    assert.ok(card, `an answer to ${text}`);
    return card;
  }

  /** Presses the card's button; what the card turns into, and the message that comes with it. */
  async function press(user: TestUser, card: Card): Promise<{ inPlace: Card; sent: Card }> {
    connector.clear();
    const pressed = await postActivity(
      botUrl,
      activityFrom(
        user,
        connector.url,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: { type: 'Action.Execute', verb: 'runCommand', data: actionData(card, 'runCommand') },
            trigger: 'manual',
          },
        },
        localeOf(user),
      ),
    );
    assert.equal(pressed.status, 200);
    const [sent] = await connector.waitForActivities(1);
    return { inPlace: (pressed.body as { value: Card }).value, sent: cardIn(sent?.activity) };
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp({ COORDINATORS: coordinator.aadObjectId }, { clock }));
    await cosmosRepositories(app.store).projects.upsertMany([
      project('4.2.2', [owner.aadObjectId]),
      project('4.2.3', [owner.aadObjectId, englishOwner.aadObjectId]),
    ]);
    for (const user of [coordinator, owner, englishOwner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }, localeOf(user)),
      );
    }
    await connector.waitForActivities(3);
    await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1 juli', 4);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('asks "Bedoelde u samenvatting?" on samenvattnig, and the button gives the summary', async function () {
    const card = await answer(owner, 'samenvattnig');

    assert.equal(
      visibleText(card),
      'Bedoelde u **samenvatting**?\nDruk op de knop om het te doen, of typ **hulp** voor alle opdrachten.',
    );
    assert.deepEqual(actionData(card, 'runCommand'), { command: 'samenvatting', language: 'nl' });
    assert.equal((card['actions'] as { title: string }[])[0]?.title, 'samenvatting');

    const { inPlace, sent } = await press(owner, card);
    assert.equal(visibleText(inPlace), 'U koos **samenvatting**.');
    assert.match(visibleText(sent), /^Samenvatting Voortgangsrapportage 2021/);
  });

  it('keeps the argument of a command of several words: geschiedens 4.2.2 becomes geschiedenis 4.2.2', async function () {
    const card = await answer(owner, 'geschiedens 4.2.2');

    assert.match(visibleText(card), /^Bedoelde u \*\*geschiedenis 4\.2\.2\*\*\?/);
    const { sent } = await press(owner, card);
    assert.match(visibleText(sent), /^Geschiedenis van 4\.2\.2 Project 4\.2\.2/);
  });

  it('answers status 4.2.2 with the way to that project, not "Dat begrijp ik niet"', async function () {
    const card = await answer(owner, 'status 4.2.2');

    assert.equal(
      visibleText(card),
      'Bedoelde u **samenvatting 4.2.2**?\n' +
        'De opdracht **status** geeft de stand van de hele ronde; **samenvatting 4.2.2** toont project 4.2.2 over alle rondes.',
    );
    const { sent } = await press(owner, card);
    assert.match(visibleText(sent), /4\.2\.2 Project 4\.2\.2/);
  });

  it('suggests a coordinator command only to a coordinator', async function () {
    assert.match(visibleText(await answer(coordinator, 'stauts')), /^Bedoelde u \*\*status\*\*\?/);
    assert.equal(
      visibleText(await answer(owner, 'stauts')),
      'Dat begrijp ik niet.\nTyp **hulp** voor de opdrachten die ik ken.',
    );
  });

  it('says it does not understand when nothing comes close', async function () {
    assert.equal(
      visibleText(await answer(owner, 'doe iets raars')),
      'Dat begrijp ik niet.\nTyp **hulp** voor de opdrachten die ik ken.',
    );
  });

  it('shows the help on ?, hulp!, "wat moet ik doen?" and "wat kan ik doen"', async function () {
    for (const question of ['?', 'hulp!', 'Wat moet ik doen?', 'wat kan ik doen']) {
      assert.match(
        visibleText(await answer(owner, question)),
        /^Wat kan ik\?\nTyp een van deze opdrachten:/,
        question,
      );
    }
  });

  it('does the same in English', async function () {
    for (const question of ['What should I do?', 'help!']) {
      assert.match(visibleText(await answer(englishOwner, question)), /^What can I do\?/, question);
    }
    const card = await answer(englishOwner, 'sumary');
    assert.equal(
      visibleText(card),
      'Did you mean **summary**?\nPress the button to do it, or type **help** for every command.',
    );
    const { inPlace, sent } = await press(englishOwner, card);
    assert.equal(visibleText(inPlace), 'You chose **summary**.');
    assert.match(visibleText(sent), /^Summary Progress report 2021/);

    const status = await answer(englishOwner, 'status 4.2.3');
    assert.equal(
      visibleText(status),
      'Did you mean **summary 4.2.3**?\n' +
        'The **status** command shows the whole round; **summary 4.2.3** shows project 4.2.3 over every round.',
    );
  });

  it('answers a pressed button the person may not use with the refusal, in place', async function () {
    const card = await answer(coordinator, 'stauts');

    connector.clear();
    const pressed = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb: 'runCommand', data: actionData(card, 'runCommand') },
          trigger: 'manual',
        },
      }),
    );
    assert.equal(pressed.status, 200);
    assert.equal(
      visibleText((pressed.body as { value: Card }).value),
      'Dat kan niet\nAlleen een coördinator kan dit doen.',
    );
  });
});
