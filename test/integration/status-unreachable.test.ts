import assert from 'node:assert/strict';
import pino from 'pino';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, visibleText, type Card } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000011',
  name: 'Bea Jansen',
};
const englishCoordinator: TestUser = {
  id: '29:coordinator-en',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000014',
  name: 'Diego Siciliani',
};
const alex: TestUser = {
  id: '29:alex',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000012',
  name: 'Alex Wilber',
};
const chris: TestUser = {
  id: '29:chris',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000015',
  name: 'Chris Naidoo',
};
const megan: TestUser = {
  id: '29:megan',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000013',
  name: 'Megan Bowen',
};

function project(number: string, ...owners: TestUser[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Dienstverlening',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners: owners.map((owner) => owner.aadObjectId),
  };
}

/**
 * Issue 19, point 5: an old card that can no longer be updated in place (a retention policy
 * deleted it, the Playground restarted) says nothing about whether its owner can be reached.
 */
describe('status after an old card could not be updated: only a failed new message makes an owner unreachable', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));
  const logLines: Record<string, unknown>[] = [];

  const say = async (user: TestUser, text: string, replies = 1, locale = 'nl-NL'): Promise<Card[]> => {
    connector.clear();
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'message', text }, locale),
    );
    assert.ok(response.status < 300, `status ${response.status}`);
    return (await connector.waitForActivities(replies)).map(
      (recorded) => recorded.activity.attachments?.[0]?.content ?? {},
    );
  };

  const invoke = async (user: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, {
        type: 'invoke',
        ...(replyToId ? { replyToId } : {}),
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { value?: Card } | undefined)?.value ?? {};
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      { COORDINATORS: `${coordinator.aadObjectId},${englishCoordinator.aadObjectId}` },
      {
        clock,
        log: pino(
          { level: 'warn' },
          {
            write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>),
          },
        ),
      },
    ));
    await cosmosRepositories(app.store).projects.upsertMany([project('1', alex, chris), project('2', megan)]);
    for (const user of [coordinator, alex, chris, megan]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await postActivity(
      botUrl,
      activityFrom(englishCoordinator, connector.url, { type: 'installationUpdate', action: 'add' }, 'en-US'),
    );
    await connector.waitForActivities(5);
    // Megan blocked the bot: nothing new reaches her.
    connector.failConversation(`personal-${megan.id}`, 403);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('lists an owner whose old card is gone as sent back, not as unreachable, and logs each failed send', async function () {
    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open jaarverslag 2021 tot 1-2-2022',
      }),
    );
    // Alex's and Chris's cards and the confirmation; Megan's card is refused.
    const sent = await connector.waitForActivities(3);
    await app.scheduler.tick();
    const cardOf = (user: TestUser) => {
      const index = sent.findIndex((recorded) => recorded.conversationId === `personal-${user.id}`);
      const card = sent[index]?.activity.attachments?.[0]?.content;
      assert.ok(card, `${user.name} got a card`);
      // The recording connector numbers what it receives since it was last cleared.
      return { card, activityId: `activity-${index + 1}` };
    };
    const alexCard = cardOf(alex);
    const chrisCard = cardOf(chris);
    // Alex's card is gone from the chat (a retention policy); the chat itself works.
    connector.loseActivity(alexCard.activityId);

    // A day later Chris answers for both: Alex's card is to show the answer, and cannot be updated.
    clock.set('2021-06-02T08:00:00Z');
    await invoke(
      chris,
      'submitStatus',
      {
        ...actionData(chrisCard.card, 'submitStatus'),
        status: 'op-schema',
        answer: 'Het project loopt.',
        achieved: 'ja',
      },
      chrisCard.activityId,
    );
    await app.scheduler.tick();
    // Another day later the coordinator sends it back: Alex's card cannot show that either.
    clock.set('2021-06-03T08:00:00Z');
    const queue = await say(coordinator, 'beoordelen', 2);
    const review = queue.find((card) => visibleText(card).includes('1 Project 1'));
    assert.ok(review, 'a review card for project 1');
    connector.clear();
    await invoke(coordinator, 'reviewDecision', {
      ...actionData(review, 'reviewDecision', { decision: 'sentBack' }),
      reviewComment: 'Licht de planning toe.',
    });
    await app.scheduler.tick();
    assert.ok(
      connector.activities.some((recorded) => recorded.conversationId === `personal-${chris.id}`),
      'Chris is told it was sent back',
    );
    assert.ok(
      !connector.updates.some((update) => update.replyToId === alexCard.activityId),
      'the old card was never updated',
    );

    const [status] = await say(coordinator, 'status');
    const text = visibleText(status ?? {});
    assert.match(text, /1 Project 1: Alex Wilber: teruggestuurd, nog niet opnieuw ingediend/);
    assert.match(text, /1 Project 1: Chris Naidoo: teruggestuurd, nog niet opnieuw ingediend/);
    assert.doesNotMatch(text, /Alex Wilber: niet bereikbaar/);
    assert.match(text, /2 Project 2: Megan Bowen: niet bereikbaar \(bot geblokkeerd\)/);
    assert.match(text, /0 van 2 projecten beantwoord; 1 eigenaar is niet bereikbaar\./);

    const warnings = logLines.filter(
      (line) => line['level'] === 40 && String(line['msg']).startsWith('send failed'),
    );
    const seen = warnings.map(
      (line) => `${String(line['kind'])} ${String(line['recipient'])} ${String(line['reason'])}`,
    );
    assert.ok(seen.includes(`ask ${megan.aadObjectId} blocked`), seen.join('\n'));
    assert.ok(seen.includes(`answered ${alex.aadObjectId} not-found`), seen.join('\n'));
    assert.ok(seen.includes(`reviewed ${alex.aadObjectId} not-found`), seen.join('\n'));
    assert.ok(warnings.every((line) => typeof line['job'] === 'string' && line['job'].length > 0));
  });

  it('says in English that 1 owner cannot be reached, not "1 times"', async function () {
    const [status] = await say(englishCoordinator, 'status', 1, 'en-US');
    assert.match(visibleText(status ?? {}), /0 of 2 projects answered; 1 owner cannot be reached\./);
  });
});
