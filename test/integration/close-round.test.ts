import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project, type Round } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, type Card } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000001',
  name: 'Carla',
};
const englishCoordinator: TestUser = {
  id: '29:e',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000004',
  name: 'Eve',
};
const owner: TestUser = { id: '29:o', aadObjectId: 'eeeeeeee-0000-4000-8000-000000000002', name: 'Olaf' };

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

/** What a person reads on a card: its texts, facts and buttons, one per line. */
function readable(card: unknown): string {
  const lines: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const element = value as Record<string, unknown>;
      if (element['type'] === 'TextBlock') lines.push(String(element['text']));
      if (element['type'] === 'Action.Execute' && typeof element['title'] === 'string') {
        lines.push(`[${element['title']}]`);
      }
      if (typeof element['title'] === 'string' && typeof element['value'] === 'string') {
        lines.push(`${element['title']}: ${element['value']}`);
      }
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return lines.join('\n');
}

describe('closing a round asks first, and a closed round can be reopened, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  // Tuesday 1 June 2021, 10:00 in Amsterdam.
  const clock = new FixedClock('2021-06-01T08:00:00Z');
  /** The question the Dutch coordinator was asked first; its Sluiten is pressed again later. */
  let firstQuestion: Card;

  /** A message from the user in their 1:1 chat; the cards the bot answered with. */
  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    const locale = user === englishCoordinator ? 'en-GB' : 'nl-NL';
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }, locale));
    return (await connector.waitForActivities(replies)).map(
      (recorded) => (recorded.activity.attachments?.[0]?.content ?? {}) as Card,
    );
  }

  /** Presses a button; the card that replaces the one pressed. */
  async function press(user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> {
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { value?: Card } | undefined)?.value ?? {};
  }

  async function theRound(): Promise<Round> {
    const round = await repositories.rounds.get(ROUND_ID);
    assert.ok(round);
    return round;
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      { COORDINATORS: `${coordinator.aadObjectId},${englishCoordinator.aadObjectId}` },
      { clock },
    ));
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany(['2', '4.2.3', '4.2.10', '10'].map(project));
    for (const user of [coordinator, englishCoordinator, owner]) {
      const locale = user === englishCoordinator ? 'en-GB' : 'nl-NL';
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }, locale),
      );
    }
    await connector.waitForActivities(3);
    // The confirmation and the owner's four cards.
    await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021', 5);
    for (const number of ['2', '4.2.10', '10']) {
      await press(owner, 'submitStatus', {
        roundId: ROUND_ID,
        projectId: projectIdOf(2021, number),
        status: 'op-schema',
        answer: `Antwoord voor ${number}.`,
        language: 'nl',
      });
    }
    // Wednesday 30 June, 12:00 in Amsterdam.
    clock.set('2021-06-30T10:00:00Z');
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('asks for confirmation with the answers in and the project missing, and closes nothing yet', async function () {
    const [question] = await say(coordinator, 'ronde sluit voortgangsrapportage 2021');
    assert.ok(question);

    assert.equal(
      readable(question),
      [
        'Voortgangsrapportage 2021 sluiten?',
        '3 van de 4 projecten hebben een antwoord; 1 ontbreekt (4.2.3).',
        'Na het sluiten krijgt niemand nog een herinnering en liggen de antwoorden vast.',
        'Heropenen kan met een nieuwe deadline: typ **ronde heropen voortgangsrapportage 2021 tot** en een datum.',
        '[Sluiten]',
        '[Niet sluiten]',
      ].join('\n'),
    );
    assert.equal((await theRound()).status, 'open');
    firstQuestion = question;
  });

  it('keeps the round open on Niet sluiten, and says so in place', async function () {
    const card = await press(coordinator, 'keepRoundOpen', actionData(firstQuestion, 'keepRoundOpen'));

    assert.equal(
      readable(card),
      'Voortgangsrapportage 2021 blijft open\nEr is niets gesloten; de deadline blijft 1 juli 2021.',
    );
    assert.equal((await theRound()).status, 'open');
  });

  it('does not let anyone but a coordinator press Sluiten', async function () {
    const before = await theRound();

    const card = await press(owner, 'closeRound', actionData(firstQuestion, 'closeRound'));

    assert.equal(readable(card), 'Dat kan niet\nAlleen een coördinator kan dit doen.');
    assert.deepEqual(await theRound(), before);
  });

  it('closes on Sluiten, keeping who and when; a second Sluiten says it was closed and changes nothing', async function () {
    const card = await press(coordinator, 'closeRound', actionData(firstQuestion, 'closeRound'));

    assert.match(
      readable(card),
      /^Voortgangsrapportage 2021 is gesloten\nEr gaan geen herinneringen meer uit en de antwoorden liggen vast\./,
    );
    const closed = await theRound();
    assert.equal(closed.status, 'closed');
    assert.deepEqual(closed.history?.at(-1), {
      action: 'closed',
      by: coordinator.aadObjectId,
      byName: 'Carla',
      at: '2021-06-30T10:00:00.000Z',
    });

    clock.advance({ minutes: 5 });
    const again = await press(coordinator, 'closeRound', actionData(firstQuestion, 'closeRound'));

    assert.match(
      readable(again),
      /^Voortgangsrapportage 2021 was al gesloten\nGesloten door Carla op 30 jun 2021, 12:00; er is niets veranderd\./,
    );
    assert.deepEqual(await theRound(), closed);
  });

  it('sends no reminder or digest while the round is closed', async function () {
    // Monday 5 July, 09:00: past the deadline, when an open round's coordinator gets the digest.
    clock.set('2021-07-05T07:00:00Z');
    connector.clear();

    await app.scheduler.tick();

    assert.deepEqual(connector.activities, []);
  });

  it('refuses to open the closed round by saying it is closed and how to reopen it', async function () {
    const [refusal] = await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 15-7-2021');

    assert.equal(
      readable(refusal),
      'Dat kan niet\nDe voortgangsrapportage 2021 is gesloten. Heropen die met **ronde heropen voortgangsrapportage 2021 tot 15-7-2021**.',
    );
    assert.equal((await theRound()).status, 'closed');
  });

  it('reopens it with a new deadline, records who and when, and reminds the owner of the project still without an answer', async function () {
    // Monday 5 July, 10:00.
    clock.set('2021-07-05T08:00:00Z');

    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(
        englishCoordinator,
        connector.url,
        { type: 'message', text: 'round reopen voortgangsrapportage 2021 until 2021-07-16' },
        'en-GB',
      ),
    );
    // The confirmation, and the reminder the reopening sends at once, in whichever order.
    const arrived = await connector.waitForActivities(2);
    const inChat = (user: TestUser) =>
      arrived.find((recorded) => recorded.conversationId === `personal-${user.id}`);
    const confirmation = inChat(englishCoordinator)?.activity.attachments?.[0]?.content;
    const reminder = inChat(owner);

    assert.equal(
      readable(confirmation),
      [
        'Progress report 2021 is open again',
        '1 of the 4 projects has no answer yet; a reminder goes out for it now. The answers already in stay as they are; their owners can change them again until the deadline.',
        'Deadline: 16 July 2021',
        'Reminders: Wed 7 Jul, Wed 14 Jul, Fri 16 Jul, at 09:00, to whoever has not answered',
        'Reopened by: Eve, 5 Jul 2021, 10:00',
        'Closed before by: Carla, 30 Jun 2021, 12:00',
      ].join('\n'),
    );
    const reopened = await theRound();
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.deadline, '2021-07-16');
    assert.deepEqual(reopened.history?.at(-1), {
      action: 'reopened',
      by: englishCoordinator.aadObjectId,
      byName: 'Eve',
      at: '2021-07-05T08:00:00.000Z',
      deadline: '2021-07-16',
    });

    await app.scheduler.tick();
    await connector.idle();
    assert.equal(connector.activities.length, 2, 'one reminder: only 4.2.3 has no answer');
    assert.ok(reminder);
    const text = readable(reminder.activity.attachments?.[0]?.content);
    assert.match(
      text,
      /^Herinnering: de voortgangsrapportage 2021 is heropend, met als nieuwe deadline 16 juli 2021\. Wilt u de stand van zaken nog invullen\?/,
    );
    assert.match(text, /4\.2\.3 Project 4\.2\.3/);
  });

  it('lets the owner change an answer again while it is open', async function () {
    const card = await press(owner, 'submitStatus', {
      roundId: ROUND_ID,
      projectId: projectIdOf(2021, '2'),
      status: 'vertraagd',
      answer: 'Bijgewerkt na het heropenen.',
      language: 'nl',
    });

    assert.match(readable(card), /^✔ Opgeslagen\n[^]*Versie: 2\n\[Wijzigen\]$/);
    const stored = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '2'));
    assert.deepEqual(
      stored?.value.versions.map((version) => version.answer),
      ['Antwoord voor 2.', 'Bijgewerkt na het heropenen.'],
    );
  });

  it("says in the coordinator's status that the round was reopened, by whom and until when", async function () {
    const [status] = await say(coordinator, 'status');

    assert.match(
      readable(status),
      /^Stand van de ronde: Voortgangsrapportage 2021\n3 van 4 projecten beantwoord\. Heropend door Eve op 5 jul 2021, 10:00, met deadline 16 juli 2021\./,
    );
  });

  it('answers a reopening of a round that is open, or that does not exist, in words', async function () {
    const before = await theRound();

    const [open] = await say(coordinator, 'ronde heropen voortgangsrapportage 2021 tot 20-7-2021');
    assert.equal(
      readable(open),
      'Dat kan niet\nDe voortgangsrapportage 2021 is al open, met deadline 16 juli 2021 (heropend door Eve op 5 jul 2021, 10:00). Er is niets veranderd.',
    );

    const [missing] = await say(coordinator, 'ronde heropen jaarverslag 2021 tot 20-7-2021');
    assert.equal(
      readable(missing),
      'Dat kan niet\nEr is geen jaarverslag 2021 om te heropenen. Een nieuwe ronde opent u met **ronde open jaarverslag 2021 tot 20-7-2021**.',
    );
    assert.deepEqual(await theRound(), before);
  });

  it('does not close the reopened round from the question asked before it was reopened', async function () {
    const card = await press(coordinator, 'closeRound', actionData(firstQuestion, 'closeRound'));

    assert.match(
      readable(card),
      /^Dat kan niet\nDeze ronde is heropend nadat om bevestiging werd gevraagd; er is niets gesloten\./,
    );
    assert.equal((await theRound()).status, 'open');
  });

  it('asks and closes in English too, and refuses to open the closed round by naming its state', async function () {
    const [question] = await say(englishCoordinator, 'round close voortgangsrapportage 2021');
    assert.ok(question);
    assert.match(
      readable(question),
      /^Close the progress report 2021\?\n3 of the 4 projects have an answer; 1 is missing \(4\.2\.3\)\.\nOnce it is closed, nobody gets a reminder any more and the answers are final\.\n.*\n\[Close\]\n\[Do not close\]$/,
    );

    const closed = await press(englishCoordinator, 'closeRound', actionData(question, 'closeRound'));
    assert.match(
      readable(closed),
      /^Progress report 2021 is closed\nNo more reminders go out and the answers are final\./,
    );

    const [refusal] = await say(englishCoordinator, 'round open voortgangsrapportage 2021 until 2021-07-30');
    assert.equal(
      readable(refusal),
      'That is not possible\nThe progress report 2021 is closed. Reopen it with **round reopen voortgangsrapportage 2021 until 2021-07-30**.',
    );
    assert.deepEqual(
      (await theRound()).history?.map((event) => `${event.action} ${event.byName ?? ''}`),
      ['opened Carla', 'closed Carla', 'reopened Eve', 'closed Eve'],
    );
  });
});
