import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { bundleJobId } from '../../src/domain/send-job';
import { planDueSends } from '../../src/domain/use-cases/plan-due-sends';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, executeAction, postActivity, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
/** Owns six projects. */
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
/** Owns one project. */
const soloOwner: TestUser = {
  id: '29:solo',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000003',
  name: 'Lee Gu',
};
const ROUND_ID = 'voortgangsrapportage-2021';
const SIX = ['1', '2', '3', '4.2.3', '7', '10'];

function project(number: string, by: TestUser): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners: [by.aadObjectId],
  };
}

/** The Action.Execute buttons of a card: verb and project. */
function buttonsOf(card: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const element = value as Record<string, unknown>;
      if (element['type'] === 'Action.Execute') {
        const data = element['data'] as Record<string, unknown> | undefined;
        const projectId = data?.['projectId'];
        found.push(`${String(element['verb'])} ${typeof projectId === 'string' ? projectId : ''}`);
      }
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/**
 * A round of 2021 opened by chat on Tuesday 1 June at 10:00 (deadline Thursday 1 July: reminders
 * on 22 June, 29 June and 1 July at 09:00), for an owner of six projects and an owner of one, on
 * the real server with the local Cosmos server and a recording connector.
 */
async function openScenario(settings: Readonly<Record<string, string>> = {}, firstMessages = 11) {
  const connector = await new RecordingConnector().start();
  const clock = new FixedClock('2021-06-01T08:00:00Z');
  const { app, botUrl } = await startTestApp(
    { COORDINATORS: coordinator.aadObjectId, ...settings },
    { clock },
  );
  const repositories = cosmosRepositories(app.store);
  await repositories.projects.upsertMany([
    ...SIX.map((number) => project(number, owner)),
    project('12', soloOwner),
  ]);
  const post = (activity: Record<string, unknown>) => postActivity(botUrl, activity);
  for (const user of [coordinator, owner, soloOwner]) {
    await post(activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }));
  }
  await post(
    activityFrom(coordinator, connector.url, {
      type: 'message',
      text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
    }),
  );
  // Three welcomes, the first asks (a card per project: 6 + 1) and the confirmation.
  await connector.waitForActivities(firstMessages);
  await app.scheduler.tick();
  return { connector, clock, app, botUrl, repositories, post };
}

interface Scenario {
  readonly connector: RecordingConnector;
  readonly clock: FixedClock;
  readonly app: RunningApp;
  readonly botUrl: string;
  readonly repositories: Repositories;
}

/** Moves the clock, lets the scheduler plan and send, and returns what each person got. */
async function at(scenario: Scenario, moment: string) {
  scenario.connector.clear();
  scenario.clock.set(moment);
  await scenario.app.scheduler.tick();
  const to = (user: TestUser) =>
    scenario.connector.activities.filter((posted) => posted.conversationId === `personal-${user.id}`);
  return { owner: to(owner), solo: to(soloOwner), coordinator: to(coordinator) };
}

function cardOf(posted: { activity: { attachments?: { content: Record<string, unknown> }[] } }) {
  return posted.activity.attachments?.[0]?.content;
}

function submit(scenario: Scenario, by: TestUser, number: string) {
  return executeAction(scenario.botUrl, by, scenario.connector.url, 'submitStatus', {
    roundId: ROUND_ID,
    projectId: projectIdOf(2021, number),
    status: 'op-schema',
    answer: `Project ${number} loopt volgens planning.`,
  });
}

describe('one reminder per owner, through restify, CloudAdapter and the local Cosmos server', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async function () {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function scenario(settings: Readonly<Record<string, string>> = {}, firstMessages?: number) {
    const opened = await openScenario(settings, firstMessages);
    cleanups.push(
      () => opened.app.close(),
      () => opened.connector.stop(),
    );
    return opened;
  }

  it('sends an owner of six projects one message per reminder moment, listing them all; an owner of one gets that project’s card, as before', async function () {
    const s = await scenario();

    for (const moment of ['2021-06-22T07:00:00Z', '2021-06-29T07:00:00Z', '2021-07-01T07:00:00Z']) {
      const got = await at(s, moment);

      assert.equal(got.owner.length, 1, `one message at ${moment}`);
      const bundle = cardOf(got.owner[0] ?? { activity: {} });
      assert.match(JSON.stringify(bundle), /Herinnering: 6 projecten wachten op uw stand van zaken/);
      assert.deepEqual(
        buttonsOf(bundle).filter((button) => button.startsWith('fillIn')),
        SIX.map((number) => `fillIn ${projectIdOf(2021, number)}`),
      );
      assert.equal(got.solo.length, 1);
      const solo = JSON.stringify(cardOf(got.solo[0] ?? { activity: {} }));
      assert.match(solo, /Herinnering: de deadline is 1 juli 2021/);
      assert.match(solo, /Project 12/);
    }
  });

  it('drops the projects answered between planning and sending: one left goes as its own card; none left, nothing is sent', async function () {
    const s = await scenario();
    // Planned at 09:00 by another instance, say, while this one still reads 08:50.
    s.clock.set('2021-06-22T06:50:00Z');
    const planned = await planDueSends({ ...s.repositories, clock: new FixedClock('2021-06-22T07:00:00Z') });
    assert.equal(planned.created, 2, 'one reminder for each owner');
    for (const number of SIX.slice(0, 5)) assert.equal((await submit(s, owner, number)).status, 200);
    assert.equal((await submit(s, soloOwner, '12')).status, 200);
    await s.app.scheduler.tick();

    const got = await at(s, '2021-06-22T07:00:00Z');

    assert.equal(got.owner.length, 1);
    const left = cardOf(got.owner[0] ?? { activity: {} });
    assert.match(JSON.stringify(left), /Herinnering: de deadline is 1 juli 2021/);
    assert.ok(buttonsOf(left).includes('snoozeReminder 2021:10'), 'the card of project 10, the one left');
    assert.equal(got.solo.length, 0, 'nothing for an owner whose only project was answered');
    const skipped = await s.repositories.sendJobs.get(
      ROUND_ID,
      bundleJobId('reminder-2021-06-22', soloOwner.aadObjectId),
    );
    assert.equal(skipped?.value.state, 'skipped');
    assert.equal(skipped.value.reason, 'answered');
    const sent = await s.repositories.sendJobs.get(
      ROUND_ID,
      bundleJobId('reminder-2021-06-22', owner.aadObjectId),
    );
    assert.equal(sent?.value.projectId, '2021:10', 'so its card shows the answer once it comes');
  });

  it('snoozes only the project pressed on the bundle: the bundle stays, and the next morning brings that one project', async function () {
    const s = await scenario();
    await at(s, '2021-06-22T07:00:00Z');
    s.clock.set('2021-06-22T09:00:00Z');

    const pressed = await executeAction(s.botUrl, owner, s.connector.url, 'snoozeReminder', {
      roundId: ROUND_ID,
      projectId: '2021:3',
      from: 'bundle',
    });

    assert.equal(pressed.status, 200);
    const card = (pressed.body as { value?: unknown }).value;
    assert.match(
      JSON.stringify(card),
      /Goed, ik herinner u op 23 jun 2021, 09:00 opnieuw aan project 3\. De andere projecten blijven staan\./,
    );
    assert.equal(
      buttonsOf(card).filter((button) => button.startsWith('fillIn')).length,
      6,
      'the bundle stays',
    );
    const jobs = await s.repositories.sendJobs.listByRound(ROUND_ID);
    assert.deepEqual(
      jobs.filter((job) => job.stepKey.startsWith('snooze-')).map((job) => job.projectId),
      ['2021:3'],
    );

    // Invullen on the bundle: the project's form comes below, the bundle stays.
    s.connector.clear();
    const filled = await executeAction(s.botUrl, owner, s.connector.url, 'fillIn', {
      roundId: ROUND_ID,
      projectId: '2021:7',
      from: 'bundle',
      step: 'reminder',
    });
    assert.match(JSON.stringify((filled.body as { value?: unknown }).value), /6 projecten wachten/);
    const [form] = await s.connector.waitForActivities(1);
    assert.ok(buttonsOf(cardOf(form ?? { activity: {} })).includes('submitStatus 2021:7'));

    const next = await at(s, '2021-06-23T07:00:00Z');
    assert.equal(next.owner.length, 1);
    const reminded = cardOf(next.owner[0] ?? { activity: {} });
    assert.ok(buttonsOf(reminded).includes('submitStatus 2021:3'), 'the card of project 3 alone');
    assert.equal(next.solo.length, 0);
  });

  it('holds the weekly cap over a week: a reminder past it is skipped as capped, the deadline day’s goes all the same, and status counts them', async function () {
    const s = await scenario({ REMINDERS_PER_WEEK: '1' });
    assert.match(
      JSON.stringify(s.connector.activities.map((posted) => cardOf(posted))),
      /ten hoogste 1 per week/,
      'the round’s confirmation says so',
    );
    // Week 25: the reminder of Tuesday 22 June.
    assert.equal((await at(s, '2021-06-22T07:00:00Z')).owner.length, 1);
    // Friday 25 June: "herinner me morgen" for project 2, which brings it on Monday 28 June.
    s.clock.set('2021-06-25T08:00:00Z');
    await executeAction(s.botUrl, owner, s.connector.url, 'snoozeReminder', {
      roundId: ROUND_ID,
      projectId: '2021:2',
      from: 'bundle',
    });

    // Week 26: Monday's snooze goes (asked for) and counts; Tuesday's reminder is one too many.
    assert.equal((await at(s, '2021-06-28T07:00:00Z')).owner.length, 1);
    const tuesday = await at(s, '2021-06-29T07:00:00Z');
    assert.equal(tuesday.owner.length, 0, 'capped');
    assert.equal(tuesday.solo.length, 1, 'the owner of one project had no reminder yet this week');
    const capped = await s.repositories.sendJobs.get(
      ROUND_ID,
      bundleJobId('reminder-2021-06-29', owner.aadObjectId),
    );
    assert.equal(capped?.value.state, 'skipped');
    assert.equal(capped.value.reason, 'capped', 'recorded on the job, not lost');

    s.connector.clear();
    const status = await postActivity(
      s.botUrl,
      activityFrom(coordinator, s.connector.url, { type: 'message', text: 'status' }),
    );
    assert.equal(status.status, 200);
    const [answer] = await s.connector.waitForActivities(1);
    const text = JSON.stringify(cardOf(answer ?? { activity: {} }));
    assert.match(text, /Megan Bowen: nog niet ingevuld · herinnerd: 1 van 1 deze week/);
    assert.match(text, /Lee Gu: nog niet ingevuld · herinnerd: 1 van 1 deze week/);

    // Thursday 1 July, the deadline: its reminder always goes.
    const deadline = await at(s, '2021-07-01T07:00:00Z');
    assert.equal(deadline.owner.length, 1);
    assert.match(JSON.stringify(cardOf(deadline.owner[0] ?? { activity: {} })), /6 projecten wachten/);
  });

  it('sends one message across two rounds whose reminders fall at the same moment, each round’s projects under its name; a press keeps both', async function () {
    const s = await scenario();
    await s.repositories.projects.upsertMany([
      { ...project('1', owner), id: projectIdOf(2020, '1'), year: 2020 },
      { ...project('2', owner), id: projectIdOf(2020, '2'), year: 2020 },
      { ...project('5', soloOwner), id: projectIdOf(2020, '5'), year: 2020 },
    ]);
    s.connector.clear();
    await s.post(
      activityFrom(coordinator, s.connector.url, {
        type: 'message',
        text: 'ronde open jaarverslag 2020 tot 1-7-2021',
      }),
    );
    // The first asks of the second round (2 + 1) and its confirmation.
    await s.connector.waitForActivities(4);
    await s.app.scheduler.tick();

    const got = await at(s, '2021-06-22T07:00:00Z');

    assert.equal(got.owner.length, 1, 'one message for both rounds');
    const bundle = cardOf(got.owner[0] ?? { activity: {} });
    const text = JSON.stringify(bundle);
    assert.match(text, /Herinnering: 8 projecten wachten op uw stand van zaken/);
    assert.match(text, /Voor de voortgangsrapportage 2021 en het jaarverslag 2020\./);
    assert.match(text, /Voortgangsrapportage 2021: graag uiterlijk 1 juli 2021 invullen\./);
    assert.match(text, /Jaarverslag 2020: graag uiterlijk 1 juli 2021 invullen\./);
    assert.deepEqual(
      buttonsOf(bundle).filter((button) => button.startsWith('fillIn')),
      [...SIX.map((number) => `fillIn ${projectIdOf(2021, number)}`), 'fillIn 2020:1', 'fillIn 2020:2'],
    );
    assert.equal(got.solo.length, 1, 'the owner of one project in each round: one message too');
    assert.deepEqual(
      buttonsOf(cardOf(got.solo[0] ?? { activity: {} })).filter((button) => button.startsWith('fillIn')),
      ['fillIn 2021:12', 'fillIn 2020:5'],
    );
    const annual = await s.repositories.sendJobs.get(
      'jaarverslag-2020',
      bundleJobId('reminder-2021-06-22', owner.aadObjectId),
    );
    assert.equal(annual?.value.state, 'sent');
    assert.equal(annual.value.sentWith, bundleJobId('reminder-2021-06-22', owner.aadObjectId));

    s.clock.set('2021-06-22T09:00:00Z');
    const pressed = await executeAction(s.botUrl, owner, s.connector.url, 'snoozeReminder', {
      roundId: 'jaarverslag-2020',
      projectId: '2020:1',
      from: 'bundle',
      rounds: `${ROUND_ID},jaarverslag-2020`,
    });
    assert.equal(pressed.status, 200);
    const after = (pressed.body as { value?: unknown }).value;
    assert.match(
      JSON.stringify(after),
      /opnieuw aan project 1 \(Jaarverslag 2020\)\. De andere projecten blijven staan\./,
    );
    assert.equal(
      buttonsOf(after).filter((button) => button.startsWith('fillIn')).length,
      8,
      'the bundle stays, with both rounds',
    );
  });

  it('with FIRST_ASK=overview asks an owner of six projects with one overview card, and an owner of one with that project’s card', async function () {
    // Three welcomes, the overview, the single card and the confirmation.
    const s = await scenario({ FIRST_ASK: 'overview' }, 6);

    const to = (user: TestUser) =>
      s.connector.activities.filter((posted) => posted.conversationId === `personal-${user.id}`);
    const overviews = to(owner).filter((posted) => JSON.stringify(cardOf(posted)).includes('Nieuwe ronde'));
    assert.equal(overviews.length, 1);
    const overview = cardOf(overviews[0] ?? { activity: {} });
    assert.match(JSON.stringify(overview), /Nieuwe ronde: 6 projecten wachten op uw stand van zaken/);
    assert.deepEqual(
      buttonsOf(overview),
      SIX.map((number) => `fillIn ${projectIdOf(2021, number)}`),
      'Invullen per project, no snooze on a first ask',
    );
    assert.ok(
      to(soloOwner).some((posted) => buttonsOf(cardOf(posted)).includes('submitStatus 2021:12')),
      'the owner of one project gets its form',
    );
    assert.match(
      JSON.stringify(s.connector.activities.map((posted) => cardOf(posted))),
      /één overzicht per persoon, met per project een knop Invullen/,
      'the confirmation says how the first ask went',
    );
    assert.match(
      JSON.stringify(s.connector.activities.map((posted) => cardOf(posted))),
      /De 2 kaarten worden nu verstuurd/,
      'and counts the messages, not the projects',
    );
  });
});
