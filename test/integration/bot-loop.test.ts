import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { projectIdOf, type Project } from '../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import type { Repositories } from '../../src/domain/repositories';
import { logger } from '../../src/logger';
import { FixedClock } from '../support/fixed-clock';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { executeActionsOf } from '../support/card-json';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector, type RecordedActivity } from '../support/recording-connector';

const coordinator: TestUser = {
  id: 'user-id-0',
  aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: 'user-id-1',
  aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const stranger: TestUser = {
  id: 'user-id-2',
  aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000003',
  name: 'Adele Vance',
};

function project(number: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners,
  };
}

/** All text in a card, to assert on what a person would read. */
function textOf(card: unknown): string {
  return JSON.stringify(card);
}

function executeAction(card: Record<string, unknown>): { verb: string; data: Record<string, unknown> } {
  const actions = card['actions'] as { type: string; verb: string; data: Record<string, unknown> }[];
  const action = actions.find((a) => a.type === 'Action.Execute');
  assert.ok(action, 'the card has an Action.Execute');
  return { verb: action.verb, data: action.data };
}

describe('the whole loop through restify, CloudAdapter and the local Cosmos server', function () {
  let connector: RecordingConnector;
  let app: RunningApp;
  const cleanups: (() => Promise<void>)[] = [];
  let botUrl: string;
  let repositories: Repositories;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  const say = (user: TestUser, text: string, locale?: string) =>
    postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }, locale));
  const install = (user: TestUser, locale?: string) =>
    postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }, locale),
    );
  const invoke = (user: TestUser, verb: string, data: Record<string, unknown>) =>
    postActivity(
      botUrl,
      activityFrom(user, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );

  before(async function () {
    connector = await new RecordingConnector().start();
    cleanups.push(() => connector.stop());
    const cosmos = await freshCosmosConfig();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      COORDINATORS: coordinator.aadObjectId,
      SCHEDULER_INTERVAL_SECONDS: '0',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: cosmos.database,
    });
    app = await startApp(config, { clock, log: logger.child({ test: 'bot-loop' }, { level: 'silent' }) });
    cleanups.push(() => app.close());
    botUrl = `http://127.0.0.1:${app.port}`;
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([
      project('4.2.10', [owner.aadObjectId]),
      project('4.2.3', [owner.aadObjectId]),
      project('4.2.4', [owner.aadObjectId, coordinator.aadObjectId]),
    ]);
  });

  after(async function () {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  beforeEach(function () {
    connector.clear();
  });

  it('welcomes a user who installs the app and remembers where to reach them', async function () {
    const response = await install(owner);

    assert.equal(response.status, 200);
    const [welcome] = await connector.waitForActivities(1);
    assert.match(textOf(welcome?.activity), /Welkom bij Stand van zaken/);
    const contact = await repositories.contacts.get(owner.aadObjectId);
    assert.ok(contact);
    assert.equal(contact.language, 'nl');
    assert.equal((contact.address?.['conversation'] as { id: string }).id, `personal-${owner.id}`);
  });

  it('lists the commands on hulp, and in English on help from an English client', async function () {
    await say(owner, 'hulp');
    await install(stranger, 'en-US');
    await say(stranger, 'help', 'en-US');

    const [dutch, , english] = await connector.waitForActivities(3);
    assert.match(textOf(dutch?.activity), /ronde open voortgangsrapportage/);
    assert.match(textOf(dutch?.activity), /samenvatting/);
    assert.match(textOf(english?.activity), /What can I do\?/);
    assert.match(textOf(english?.activity), /round open/);
  });

  it('answers an unknown command with a pointer to hulp, not an error', async function () {
    const response = await say(owner, 'doe iets raars');

    assert.equal(response.status, 200);
    const [reply] = await connector.waitForActivities(1);
    assert.match(textOf(reply?.activity), /Dat begrijp ik niet/);
  });

  it('refuses to open a round for someone who is not a coordinator, and opens none', async function () {
    await say(owner, 'ronde open voortgangsrapportage 2021 tot 2021-07-01');

    const [reply] = await connector.waitForActivities(1);
    assert.match(textOf(reply?.activity), /Alleen een coördinator/);
    assert.equal(await repositories.rounds.get('voortgangsrapportage-2021'), undefined);
  });

  it('says there is no round yet when asked for a summary before any round opened', async function () {
    await say(owner, 'samenvatting');

    const [reply] = await connector.waitForActivities(1);
    assert.match(textOf(reply?.activity), /nog geen ronde geopend/);
  });

  describe('once a coordinator opens a round', function () {
    let requestCards: Record<string, unknown>[];
    /** What reached the connector when the round opened (the connector is cleared before each test). */
    let opened: RecordedActivity[];

    before(async function () {
      connector.clear();
      await install(coordinator);
      await connector.waitForActivities(1);
      connector.clear();
      await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021');
      // 3 projects: owner gets 3 cards, the coordinator (co-owner of 4.2.4) 1, plus the confirmation.
      opened = await connector.waitForActivities(5);
      requestCards = connector.cards().filter((card) => textOf(card).includes('Wat is de stand van zaken?'));
    });

    it('sends every owner one card per project, in their own 1:1 chat', function () {
      const toOwner = opened.filter((a) => a.conversationId === `personal-${owner.id}`);
      const toCoordinator = opened.filter((a) => a.conversationId === `personal-${coordinator.id}`);
      assert.equal(toOwner.length, 3);
      assert.equal(toCoordinator.length, 2, 'one card for 4.2.4 and the confirmation');
      assert.equal(requestCards.length, 4);
    });

    it('shows number, title, speerpunt, goal and activities on the card, in report order', function () {
      const ownerCards = opened
        .filter((a) => a.conversationId === `personal-${owner.id}`)
        .map((a) => textOf(a.activity));
      assert.deepEqual(
        ownerCards.map((text) => /Project ([\d.]+)/.exec(text)?.[1]),
        ['4.2.3', '4.2.4', '4.2.10'],
      );
      assert.match(ownerCards[0] ?? '', /Speerpunt Kwaliteit/);
      assert.match(ownerCards[0] ?? '', /Doel van 4\.2\.3/);
      assert.match(ownerCards[0] ?? '', /Activiteiten van 4\.2\.3/);
      assert.match(ownerCards[0] ?? '', /Wat willen we bereiken\?/);
    });

    it('tells the coordinator the round is open, how many cards go out and when the reminders come', function () {
      const confirmation = opened.find(
        (a) => a.conversationId === `personal-${coordinator.id}` && textOf(a.activity).includes('is geopend'),
      );
      assert.ok(confirmation);
      const text = textOf(confirmation.activity);
      assert.match(text, /De 4 kaarten worden nu verstuurd/);
      assert.match(text, /di 22 jun, di 29 jun, do 1 jul, om 09:00/);
    });

    it('refuses to open the same round twice, saying it is open and until when', async function () {
      connector.clear();
      await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 2021-07-15');

      const [reply] = await connector.waitForActivities(1);
      assert.match(
        textOf(reply?.activity),
        /De voortgangsrapportage 2021 is al open, met deadline 1 juli 2021\. Er is niets veranderd\./,
      );
      assert.equal((await repositories.rounds.get('voortgangsrapportage-2021'))?.deadline, '2021-07-01');
    });

    it('stores the answer in Cosmos, replaces the card with the read-only card and updates the cards that asked', async function () {
      const card = requestCards.find((c) => textOf(c).includes('Project 4.2.3'));
      assert.ok(card);
      const { verb, data } = executeAction(card);

      const response = await invoke(owner, verb, {
        ...data,
        status: 'vertraagd',
        answer: 'Loopt mee in het programma.\nTweede regel.',
      });

      assert.equal(response.status, 200);
      const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
      assert.equal(body.statusCode, 200);
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(textOf(body.value), /Opgeslagen/);
      assert.match(textOf(body.value), /Loopt mee in het programma/);
      assert.doesNotMatch(textOf(body.value), /Input\.Text/, 'the answered card is read-only');
      const stored = await repositories.statusUpdates.get('voortgangsrapportage-2021', '2021:4.2.3');
      assert.ok(stored);
      assert.equal(stored.value.versions.length, 1);
      assert.equal(stored.value.versions[0]?.status, 'vertraagd');
      assert.equal(stored.value.versions[0].answeredBy, owner.aadObjectId);

      // The card that asked is updated in place too (here the pressed card is not known, so it is that one).
      const [updated] = await connector.waitForUpdates(1);
      const asked = opened.find(
        (a) => a.conversationId === `personal-${owner.id}` && textOf(a.activity).includes('Project 4.2.3'),
      );
      assert.ok(updated && asked);
      assert.equal(updated.conversationId, `personal-${owner.id}`);
      assert.equal(updated.replyToId, `activity-${opened.indexOf(asked) + 1}`, 'the very card that was sent');
      assert.match(textOf(updated.activity), /Opgeslagen/);
      assert.match(textOf(updated.activity), /Loopt mee in het programma/);
    });

    it('refuses an answer from someone who does not own the project and keeps the form with their text', async function () {
      const card = requestCards.find((c) => textOf(c).includes('Project 4.2.10'));
      assert.ok(card);
      const { verb, data } = executeAction(card);

      const response = await invoke(stranger, verb, {
        ...data,
        status: 'op-schema',
        answer: 'Niet mijn project',
      });

      assert.equal(response.status, 200);
      const body = response.body as { value: Record<string, unknown> };
      assert.match(textOf(body.value), /Alleen de eigenaar/);
      assert.match(textOf(body.value), /Niet mijn project/);
      const stored = await repositories.statusUpdates.get('voortgangsrapportage-2021', '2021:4.2.10');
      assert.equal(stored?.value.versions.length, 0);
    });

    it('summarises the round: how many answered, each status and first line', async function () {
      connector.clear();
      await say(owner, 'samenvatting');

      const [reply] = await connector.waitForActivities(1);
      const text = textOf(reply?.activity);
      assert.match(text, /1 van 3 projecten beantwoord/);
      assert.match(text, /Vertraagd/);
      assert.match(text, /Loopt mee in het programma\./);
      assert.doesNotMatch(text, /Tweede regel/);
      assert.match(text, /Nog geen antwoord/);
    });

    it('holds the cards of a round with a later open date until 09:00 that day, and says so', async function () {
      await repositories.projects.upsertMany(
        ['1', '2', '3'].map((number) => ({
          ...project(number, [owner.aadObjectId]),
          id: `2020:${number}`,
          year: 2020,
        })),
      );
      connector.clear();
      await say(coordinator, 'ronde open jaarverslag 2020 tot 2021-08-31 vanaf 2021-06-07');

      const [reply] = await connector.waitForActivities(1);
      assert.match(textOf(reply?.activity), /De 3 kaarten gaan .*7 jun 2021.* de deur uit/);
      await app.scheduler.tick();
      assert.equal(connector.activities.length, 1, 'no card before the open date');
      await invoke(coordinator, 'closeRound', { roundId: 'jaarverslag-2020', language: 'nl' });
    });

    it('understands the English aliases', async function () {
      connector.clear();
      await say(stranger, 'summary', 'en-US');
      await say(coordinator, 'round open jaarverslag 2021 until 2021-12-31');

      await connector.waitForActivities(5);
      const texts = connector.activities.map((a) => textOf(a.activity));
      assert.ok(texts.some((t) => /Summary Progress report 2021/.test(t)));
      assert.ok(await repositories.rounds.get('jaarverslag-2021'));
      // Let the first asks of the new round finish before the next tests count messages.
      await app.scheduler.tick();
      const asks = await repositories.sendJobs.listByRound('jaarverslag-2021');
      assert.ok(asks.length === 4 && asks.every((job) => job.state === 'sent'));
    });
  });

  describe('reminders and digests', function () {
    /** The reminders of 22 June, kept for the tests that press their buttons. */
    let firstReminders: RecordedActivity[] = [];
    /** Per reminder message, its chat and the projects on it (a bundle names several). */
    const reminded = () =>
      connector.activities
        .filter((a) => textOf(a.activity).includes('Herinnering'))
        .map((a) => {
          const numbers = [...textOf(a.activity).matchAll(/Project ([\d.]+)/g)].map((match) => match[1]);
          return `${a.conversationId} ${[...new Set(numbers)].join('+') || '?'}`;
        })
        .sort();
    /** The buttons of the owner's bundled reminder for one project. */
    const bundleActionsFor = (number: string) =>
      executeActionsOf(
        firstReminders.find(
          (a) =>
            a.conversationId === `personal-${owner.id}` && textOf(a.activity).includes('projecten wachten'),
        )?.activity.attachments?.[0]?.content,
      ).filter((action) => action.data['projectId'] === `2021:${number}`);

    it('reminds at 09:00 on the reminder day only the owners of projects without an answer, once each, in one message per owner', async function () {
      connector.clear();
      clock.set('2021-06-22T06:59:00Z');
      await app.scheduler.tick();
      assert.deepEqual(reminded(), [], 'not before 09:00');

      clock.set('2021-06-22T07:00:00Z');
      await app.scheduler.tick();
      await app.scheduler.tick();

      assert.deepEqual(reminded(), [`personal-${coordinator.id} 4.2.4`, `personal-${owner.id} 4.2.4+4.2.10`]);
      firstReminders = [...connector.activities];
    });

    it('lets an owner snooze one project of the bundled reminder to the next working morning', async function () {
      const actions = bundleActionsFor('4.2.10');
      const snooze = actions.find((action) => action.verb === 'snoozeReminder');
      assert.ok(snooze, 'the bundle offers "Herinner me morgen" per project');
      assert.ok(actions.some((action) => action.verb === 'notMyProject'));
      assert.ok(actions.some((action) => action.verb === 'fillIn'));

      const response = await invoke(owner, 'snoozeReminder', snooze.data);
      const answer = textOf((response.body as { value: unknown }).value);
      assert.match(answer, /ik herinner u op .*23 jun.* opnieuw aan project 4\.2\.10/i);
      assert.match(answer, /projecten wachten/, 'the bundle stays, with its other projects');

      connector.clear();
      await say(coordinator, 'status');
      const [status] = await connector.waitForActivities(1);
      assert.match(
        textOf(status?.activity),
        /"4\.2\.10 Project 4\.2\.10","value":"Megan Bowen: nog niet ingevuld, herinnering [^"]*23 jun/,
        'the coordinator sees the snooze',
      );

      connector.clear();
      clock.set('2021-06-23T06:59:00Z');
      await app.scheduler.tick();
      assert.deepEqual(reminded(), [], 'not before 09:00 the next working day');
      clock.set('2021-06-23T07:00:00Z');
      await app.scheduler.tick();
      assert.deepEqual(reminded(), [`personal-${owner.id} 4.2.10`]);
    });

    it('tells the coordinator at once when an owner says a project is not theirs', async function () {
      const notMine = bundleActionsFor('4.2.10').find((action) => action.verb === 'notMyProject');
      assert.ok(notMine);
      connector.clear();

      const response = await invoke(owner, 'notMyProject', notMine.data);
      await connector.waitForActivities(1);

      assert.match(textOf((response.body as { value: unknown }).value), /De coördinator weet nu/);
      const [notice] = connector.activities;
      assert.ok(notice);
      assert.equal(notice.conversationId, `personal-${coordinator.id}`);
      assert.match(
        textOf(notice.activity),
        /Megan Bowen meldt: 4\.2\.10 Project 4\.2\.10 is niet mijn project/,
      );
    });

    it('waits out a 429 with Retry-After and then delivers the card once', async function () {
      connector.clear();
      connector.attempts.clear();
      connector.throttleNext(`personal-${coordinator.id}`, 1, 1);
      clock.set('2021-06-29T07:00:00Z');
      await app.scheduler.tick();

      assert.equal(connector.attempts.get(`personal-${coordinator.id}`), 2, 'one refused, one accepted');
      const jobs = await repositories.sendJobs.listByRound('voortgangsrapportage-2021');
      const coordinatorReminder = jobs.find(
        (job) => job.stepKey === 'reminder-2021-06-29' && job.recipientId === coordinator.aadObjectId,
      );
      assert.equal(coordinatorReminder?.state, 'sent');
      assert.deepEqual(reminded(), [`personal-${coordinator.id} 4.2.4`, `personal-${owner.id} 4.2.4+4.2.10`]);
    });

    it('marks an owner who blocked the bot as unreachable instead of trying again and again', async function () {
      connector.clear();
      connector.attempts.clear();
      connector.failConversation(`personal-${owner.id}`, 403);
      clock.set('2021-07-01T07:00:00Z');
      await app.scheduler.tick();
      await app.scheduler.tick();

      const jobs = await repositories.sendJobs.listByRound('voortgangsrapportage-2021');
      const blocked = jobs.filter(
        (job) => job.stepKey === 'reminder-2021-07-01' && job.recipientId === owner.aadObjectId,
      );
      assert.equal(blocked.length, 1, 'one bundled reminder');
      assert.ok(
        blocked.every((job) => job.state === 'failed' && job.reason === 'blocked' && job.attempts === 1),
      );
      assert.equal(connector.attempts.get(`personal-${owner.id}`), 1, 'one request, no retries');
      assert.deepEqual(reminded(), [`personal-${coordinator.id} 4.2.4`]);
    });

    it('sends the coordinator a list of the missing answers on the first working day after the deadline', async function () {
      connector.clear();
      clock.set('2021-07-02T07:00:00Z');
      await app.scheduler.tick();

      const digests = connector.activities.filter((a) => textOf(a.activity).includes('Nog niet ingevuld'));
      const [digest] = digests;
      assert.ok(digest && digests.length === 1);
      assert.equal(digest.conversationId, `personal-${coordinator.id}`);
      const text = textOf(digest.activity);
      assert.match(text, /2 van 3 projecten hebben nog geen antwoord/);
      assert.match(text, /4\.2\.10/);
      assert.doesNotMatch(text, /4\.2\.3"/);
    });
  });

  describe("the coordinator's status", function () {
    it('lists who has not answered and who cannot be reached, and why', async function () {
      connector.failConversation(`personal-${owner.id}`, 0);
      connector.clear();
      await say(coordinator, 'status');

      const [reply] = await connector.waitForActivities(1);
      const text = textOf(reply?.activity);
      assert.match(text, /Stand van de ronde: Voortgangsrapportage 2021/);
      assert.match(text, /1 van 3 projecten beantwoord; 1 eigenaar is niet bereikbaar\./);
      assert.match(text, /Megan Bowen: niet bereikbaar \(bot geblokkeerd\)/);
      assert.match(text, /Alex Wilber: nog niet ingevuld/);
      assert.doesNotMatch(text, /Project 4\.2\.3/, 'answered projects are not listed');
    });

    it('is for coordinators only', async function () {
      connector.clear();
      await say(owner, 'status');

      const [reply] = await connector.waitForActivities(1);
      assert.match(textOf(reply?.activity), /Alleen een coördinator/);
    });
  });

  describe('closing the round', function () {
    it('stops the reminders and digests and freezes the answers', async function () {
      connector.clear();
      await say(coordinator, 'ronde sluit voortgangsrapportage 2021');
      const [reply] = await connector.waitForActivities(1);
      assert.match(textOf(reply?.activity), /Voortgangsrapportage 2021 sluiten\?/);
      const question = reply?.activity.attachments?.[0]?.content as Record<string, unknown>;
      const { verb, data } = executeAction(question);
      const pressed = await invoke(coordinator, verb, data);
      assert.match(textOf(pressed.body), /Voortgangsrapportage 2021 is gesloten/);

      connector.clear();
      clock.set('2021-07-05T07:00:00Z');
      await app.scheduler.tick();
      assert.deepEqual(connector.activities, [], 'no digest and no reminder for a closed round');

      const response = await invoke(owner, 'submitStatus', {
        roundId: 'voortgangsrapportage-2021',
        projectId: '2021:4.2.10',
        status: 'op-schema',
        answer: 'Te laat',
        language: 'nl',
      });
      assert.match(textOf((response.body as { value: unknown }).value), /Deze ronde is gesloten/);
      const stored = await repositories.statusUpdates.get('voortgangsrapportage-2021', '2021:4.2.10');
      assert.equal(stored?.value.versions.length, 0);
    });

    it("summarises one project over the rounds: this jaarverslag's answer and the closed round's", async function () {
      const response = await invoke(owner, 'submitStatus', {
        roundId: 'jaarverslag-2021',
        projectId: '2021:4.2.3',
        status: 'afgerond',
        achieved: 'ja',
        answer: 'Opgeleverd in december.',
        language: 'nl',
      });
      // A jaarverslag has review by default: the answer is in, waiting for a reviewer.
      assert.match(textOf((response.body as { value: unknown }).value), /Ingediend; wacht op beoordeling/);
      connector.clear();

      await say(owner, 'samenvatting 4.2.3');

      const [reply] = await connector.waitForActivities(1);
      const text = textOf(reply?.activity);
      assert.match(text, /4\.2\.3 Project 4\.2\.3/);
      assert.match(text, /Beantwoord in 2 van 2 rondes/);
      assert.match(
        text,
        /Jaarverslag 2021 · open.*Afgerond.*Opgeleverd in december\..*Bereikt\?","value":"Ja"/,
      );
      assert.match(
        text,
        /Voortgangsrapportage 2021 · gesloten.*Vertraagd.*Loopt mee in het programma\.\\nTweede regel\./,
      );
      assert.ok(
        text.indexOf('Jaarverslag 2021') < text.indexOf('Voortgangsrapportage 2021'),
        'the newest round first',
      );
    });

    it('pages a project summary over many rounds with Volgende, in place', async function () {
      const older = [
        { kind: 'jaarverslag', year: 2020 },
        { kind: 'voortgangsrapportage', year: 2020 },
        { kind: 'jaarverslag', year: 2019 },
      ] as const;
      for (const { kind, year } of older) {
        const roundId = `${kind}-${year}`;
        if (!(await repositories.rounds.get(roundId))) {
          await repositories.rounds.create({
            id: roundId,
            kind,
            year,
            deadline: `${year}-07-01`,
            status: 'closed',
            openedAt: `${year}-06-01T08:00:00.000Z`,
            openedBy: coordinator.aadObjectId,
            reminderPlan: DEFAULT_REMINDER_PLAN,
          });
        }
        const asked = { ...project('4.2.3', [owner.aadObjectId]), id: projectIdOf(year, '4.2.3'), year };
        await repositories.statusUpdates.createMany([
          {
            id: asked.id,
            roundId,
            project: asked,
            versions: [
              {
                status: 'op-schema',
                answer: `Antwoord in ${roundId}.`,
                answeredAt: `${year}-06-10T08:00:00.000Z`,
                answeredBy: owner.aadObjectId,
                answeredByName: owner.name,
              },
            ],
          },
        ]);
      }
      connector.clear();
      await say(owner, 'samenvatting 4.2.3');
      const [reply] = await connector.waitForActivities(1);
      const first = reply?.activity.attachments?.[0]?.content;
      assert.ok(first);
      assert.match(textOf(first), /Beantwoord in 5 van 5 rondes/);
      assert.match(textOf(first), /Pagina 1 van 2/);
      assert.doesNotMatch(textOf(first), /Antwoord in jaarverslag-2019/);

      const { verb, data } = executeAction(first);
      const response = await invoke(owner, verb, data);

      const second = textOf((response.body as { value: unknown }).value);
      assert.match(second, /Pagina 2 van 2/);
      assert.match(second, /Jaarverslag 2019 · gesloten.*Antwoord in jaarverslag-2019\./);
      assert.doesNotMatch(second, /Opgeleverd in december/);
    });

    it('refuses a project summary to someone who never had the project, and explains an unknown number', async function () {
      connector.clear();
      await say(stranger, 'samenvatting 4.2.3');
      await say(owner, 'samenvatting 9.9');

      const [refused, unknown] = await connector.waitForActivities(2);
      assert.match(textOf(refused?.activity), /Only the owner of this project.*can see its answers/);
      assert.doesNotMatch(textOf(refused?.activity), /Opgeleverd in december/);
      assert.match(textOf(unknown?.activity), /Dat projectnummer komt in geen enkele ronde voor/);
    });
  });

  describe('bad input', function () {
    it('answers malformed JSON with 400, not a server error', async function () {
      const response = await postActivity(botUrl, '{"type": "message", ');
      assert.equal(response.status, 400);
    });

    it('answers an activity without a type with 400', async function () {
      const response = await postActivity(botUrl, { text: 'hallo' });
      assert.equal(response.status, 400);
    });

    it('answers an invoke without an action with a 4xx error, not a crash', async function () {
      const response = await postActivity(
        botUrl,
        activityFrom(owner, connector.url, { type: 'invoke', name: 'adaptiveCard/action', value: {} }),
      );
      assert.equal(response.status < 500, true, `status ${response.status}`);
    });

    it('refuses an oversized body with 413 before any handler runs', async function () {
      const response = await say(owner, 'x'.repeat(300 * 1024));
      assert.equal(response.status, 413);
    });
  });

  it('reports itself healthy on /healthz, with the version and nothing about the store', async function () {
    const response = await fetch(`${botUrl}/healthz`);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['status', 'version']);
    assert.equal(body['status'], 'ok');
  });
});
