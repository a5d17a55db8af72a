import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, visibleText, type Card } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

/** Answers every project in the tests below; a coordinator may answer any project. */
const carla: TestUser = {
  id: '29:carla',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000061',
  name: 'Carla',
};
/** Reads and reviews in Dutch. */
const bea: TestUser = { id: '29:bea', aadObjectId: 'eeeeeeee-0000-4000-8000-000000000062', name: 'Bea' };
/** Reads and reviews in English. */
const diego: TestUser = {
  id: '29:diego',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000063',
  name: 'Diego',
};

/** Nobody has opened the app as this owner, so no card reaches them: the chats stay quiet. */
const OWNER = 'eigenaar@gemeente.example';

function project(year: number, number: string): Project {
  return {
    id: projectIdOf(year, number),
    year,
    number,
    title: `Project ${number}`,
    speerpunt: Number(number) <= 3 ? 'Kwaliteit' : 'Dienstverlening',
    goal: 'Doel',
    activities: 'Doen',
    owners: [OWNER],
  };
}

/** More than a page of a summary (15), so that paging can be seen to keep its round. */
const NUMBERS_2021 = Array.from({ length: 17 }, (_, index) => String(index + 1));

/**
 * Issue 19, point 6: with a voortgangsrapportage and a jaarverslag open at once, both can be
 * read; `samenvatting voortgangsrapportage 2021` is a round, not a speerpunt.
 */
describe('two rounds open: every round command takes a round, through the real server and local Cosmos', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-01-05T09:00:00Z'));

  const languageOf = (user: TestUser) => (user === diego ? 'en-GB' : 'nl-NL');

  /** The cards sent into this user's chat in answer to their message; other chats are left out. */
  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'message', text }, languageOf(user)),
    );
    assert.ok(response.status < 300, `status ${response.status}`);
    for (let arrived = replies; ; arrived++) {
      const mine = (await connector.waitForActivities(arrived)).filter(
        (recorded) => recorded.conversationId === `personal-${user.id}`,
      );
      if (mine.length >= replies)
        return mine.map((recorded) => recorded.activity.attachments?.[0]?.content ?? {});
    }
  }

  /** Presses a button; what comes back is the card that takes the pressed card's place. */
  async function press(user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> {
    const response = await postActivity(
      botUrl,
      activityFrom(
        user,
        connector.url,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        },
        languageOf(user),
      ),
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { value?: Card } | undefined)?.value ?? {};
  }

  async function answer(roundId: string, year: number, number: string): Promise<void> {
    const stored = await press(carla, 'submitStatus', {
      roundId,
      projectId: projectIdOf(year, number),
      status: 'op-schema',
      answer: `Antwoord ${number} voor ${roundId}.`,
      achieved: 'ja',
      language: 'nl',
    });
    assert.doesNotMatch(visibleText(stored), /Dat kan niet|Niet alles is goed ingevuld/, visibleText(stored));
  }

  const text = (card: Card | undefined): string => visibleText(card ?? {});

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      { COORDINATORS: [carla, bea, diego].map((user) => user.aadObjectId).join(',') },
      { clock },
    ));
    await cosmosRepositories(app.store).projects.upsertMany([
      project(2020, '1'),
      project(2020, '2'),
      ...NUMBERS_2021.map((number) => project(2021, number)),
    ]);
    for (const user of [carla, bea, diego]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }, languageOf(user)),
      );
    }
    await connector.waitForActivities(3);

    // The jaarverslag 2020 was closed; the voortgangsrapportage 2021 was never closed when the
    // jaarverslag 2021 opened, so two rounds are open, the jaarverslag the newer of the two.
    await say(carla, 'ronde open jaarverslag 2020 tot 29-1-2021');
    await answer('jaarverslag-2020', 2020, '1');
    // Closing asks first; Sluiten closes.
    const [question] = await say(carla, 'ronde sluit jaarverslag 2020');
    assert.ok(question);
    assert.match(text(await press(carla, 'closeRound', actionData(question, 'closeRound'))), /is gesloten/);
    clock.set(new Date('2021-06-01T08:00:00Z'));
    await say(carla, 'ronde open voortgangsrapportage 2021 tot 1-7-2021 met beoordeling');
    for (const number of ['1', '2', '3', '4', '5', '6'])
      await answer('voortgangsrapportage-2021', 2021, number);
    clock.set(new Date('2022-01-10T09:00:00Z'));
    await say(carla, 'ronde open jaarverslag 2021 tot 31-1-2022');
    for (const number of ['1', '2']) await answer('jaarverslag-2021', 2021, number);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  describe('samenvatting', () => {
    it('shows the newest open round without a round, and says which it is and how to ask for the other', async () => {
      const [summary] = await say(bea, 'samenvatting');

      assert.match(text(summary), /^Samenvatting Jaarverslag 2021\n/);
      assert.match(text(summary), /2 van 17 projecten beantwoord\./);
      assert.match(
        text(summary),
        /Dit is het jaarverslag 2021\. Ook de voortgangsrapportage 2021 is open: typ \*\*samenvatting voortgangsrapportage 2021\*\*\./,
      );
    });

    it('reads "samenvatting voortgangsrapportage 2021" as that round, not as a speerpunt', async () => {
      const [summary] = await say(bea, 'samenvatting voortgangsrapportage 2021');

      assert.match(text(summary), /^Samenvatting Voortgangsrapportage 2021\n/);
      assert.match(text(summary), /6 van 17 projecten beantwoord\./);
      assert.match(text(summary), /Antwoord 1 voor voortgangsrapportage-2021\./);
      assert.doesNotMatch(text(summary), /Ook .* open|Geen project/);
    });

    it('keeps the round asked for on Volgende and Vorige', async () => {
      const [first] = await say(bea, 'samenvatting voortgangsrapportage 2021');
      assert.ok(first);
      assert.match(text(first), /Pagina 1 van 2\./);

      const second = await press(bea, 'summaryPage', actionData(first, 'summaryPage'));
      assert.match(text(second), /^Samenvatting Voortgangsrapportage 2021\n/);
      assert.match(text(second), /Pagina 2 van 2\./);
      assert.match(text(second), /Project 16/);
      assert.doesNotMatch(text(second), /Project 15\b/);

      const back = await press(bea, 'summaryPage', actionData(second, 'summaryPage'));
      assert.match(text(back), /^Samenvatting Voortgangsrapportage 2021\n/);
      assert.match(text(back), /Antwoord 1 voor voortgangsrapportage-2021\./);
    });

    it('takes a speerpunt after the round', async () => {
      const [summary] = await say(bea, 'samenvatting voortgangsrapportage 2021 kwaliteit');

      assert.match(text(summary), /^Samenvatting Voortgangsrapportage 2021: Kwaliteit\n/);
      assert.match(text(summary), /3 van 3 projecten beantwoord\./);
    });

    it('reads a closed round, and says it is closed', async () => {
      const [summary] = await say(bea, 'samenvatting jaarverslag 2020');

      assert.match(text(summary), /^Samenvatting Jaarverslag 2020\n/);
      assert.match(text(summary), /1 van 2 projecten beantwoord\./);
      assert.match(text(summary), /Deze ronde is gesloten; de antwoorden liggen vast\./);
    });

    it('answers a round that does not exist with the rounds that do, open ones first', async () => {
      const [refused] = await say(bea, 'samenvatting voortgangsrapportage 2020');

      assert.equal(
        text(refused),
        'Welke ronde?\nEr is geen ronde voor de voortgangsrapportage 2020. ' +
          'Open: het jaarverslag 2021 en de voortgangsrapportage 2021. Gesloten: het jaarverslag 2020. ' +
          'Typ bijvoorbeeld **samenvatting jaarverslag 2021**.',
      );
    });

    it('does all of this in English', async () => {
      const [bare] = await say(diego, 'summary');
      assert.match(text(bare), /^Summary Annual report 2021\n/);
      assert.match(
        text(bare),
        /This is the annual report 2021\. Also open: the progress report 2021; type \*\*summary progress report 2021\*\*\./,
      );

      // As the hint above says it, in English; the Dutch name works too.
      const [named] = await say(diego, 'summary progress report 2021');
      assert.ok(named);
      const [dutch] = await say(diego, 'summary voortgangsrapportage 2021');
      assert.match(text(dutch), /^Summary Progress report 2021\n/);
      assert.match(text(named), /^Summary Progress report 2021\n/);
      assert.match(text(named), /6 of 17 projects answered\./);
      const next = await press(diego, 'summaryPage', actionData(named, 'summaryPage'));
      assert.match(text(next), /^Summary Progress report 2021\n/);
      assert.match(text(next), /Page 2 of 2\./);

      const [closed] = await say(diego, 'summary jaarverslag 2020');
      assert.match(text(closed), /This round is closed; the answers are final\./);

      const [refused] = await say(diego, 'summary jaarverslag 2019');
      assert.equal(
        text(refused),
        'Which round?\nThere is no round for the annual report 2019. ' +
          'Open: the annual report 2021 and the progress report 2021. Closed: the annual report 2020. ' +
          'Type, for example, **summary annual report 2021**.',
      );
    });
  });

  describe('status', () => {
    it('shows the newest open round without a round, and names the other open round', async () => {
      const [status] = await say(bea, 'status');

      assert.match(text(status), /^Stand van de ronde: Jaarverslag 2021\n/);
      assert.match(
        text(status),
        /Dit is het jaarverslag 2021\. Ook de voortgangsrapportage 2021 is open: typ \*\*status voortgangsrapportage 2021\*\*\./,
      );
    });

    it('shows the round named, open or closed', async () => {
      const [open] = await say(bea, 'status voortgangsrapportage 2021');
      assert.match(
        text(open),
        /^Stand van de ronde: Voortgangsrapportage 2021\n6 van 17 projecten beantwoord/,
      );
      assert.doesNotMatch(text(open), /Ook .* open/);

      const [closed] = await say(bea, 'status jaarverslag 2020');
      assert.match(text(closed), /^Stand van de ronde: Jaarverslag 2020\n1 van 2 projecten beantwoord/);
      assert.match(text(closed), /Deze ronde is gesloten; de antwoorden liggen vast\./);
    });

    it('answers a round without a year, or one that does not exist, with the rounds that do', async () => {
      const [incomplete] = await say(bea, 'status jaarverslag');
      assert.match(text(incomplete), /^Welke ronde\?\nNoem de ronde met soort en jaar\. Open: /);
      assert.match(text(incomplete), /Typ bijvoorbeeld \*\*status jaarverslag 2021\*\*\.$/);

      const [english] = await say(diego, 'status voortgangsrapportage 2022');
      assert.match(text(english), /^Which round\?\nThere is no round for the progress report 2022\. Open: /);
      assert.match(text(english), /Type, for example, \*\*status annual report 2021\*\*\.$/);
    });

    it('says the same in English without a round', async () => {
      const [status] = await say(diego, 'status');

      assert.match(text(status), /^Round status: Annual report 2021\n/);
      assert.match(
        text(status),
        /This is the annual report 2021\. Also open: the progress report 2021; type \*\*status progress report 2021\*\*\./,
      );
    });
  });

  describe('beoordelen', () => {
    it('shows the answers of both open rounds without a round, and says so', async () => {
      const cards = await say(bea, 'beoordelen', 6);
      const queue = cards[5];

      assert.match(text(queue), /^8 antwoorden wachten op uw beoordeling\n/);
      assert.match(
        text(queue),
        /Dit zijn antwoorden uit het jaarverslag 2021 en de voortgangsrapportage 2021\. Alleen die van één ronde: typ bijvoorbeeld \*\*beoordelen jaarverslag 2021\*\*\./,
      );
    });

    it('shows only the round named, and Volgende keeps it', async () => {
      const cards = await say(bea, 'beoordelen voortgangsrapportage 2021', 6);
      const queue = cards[5];
      assert.ok(queue);
      assert.match(text(queue), /^6 antwoorden wachten op uw beoordeling\n/);
      assert.doesNotMatch(text(queue), /Dit zijn antwoorden uit/);
      for (const card of cards.slice(0, 5)) assert.match(text(card), /Voortgangsrapportage 2021/);

      connector.clear();
      const passed = await press(bea, 'reviewPage', actionData(queue, 'reviewPage'));
      assert.match(text(passed), /De volgende staan hieronder\./);
      const [next, nextQueue] = (await connector.waitForActivities(2)).map(
        (recorded) => recorded.activity.attachments?.[0]?.content ?? {},
      );
      assert.match(text(next), /Voortgangsrapportage 2021/);
      assert.match(text(next), /Antwoord 6 voor voortgangsrapportage-2021\./);
      assert.match(
        text(nextQueue),
        /^6 antwoorden wachten op uw beoordeling\nHierboven nummer 6, de oudste eerst\./,
      );
    });

    it('refuses a closed round and a round that does not exist, in words', async () => {
      const [closed] = await say(bea, 'beoordelen jaarverslag 2020');
      assert.match(text(closed), /Deze ronde is gesloten/);

      const [unknown] = await say(bea, 'beoordelen jaarverslag 2019');
      assert.match(text(unknown), /^Welke ronde\?\nEr is geen ronde voor het jaarverslag 2019\./);
      assert.match(text(unknown), /Typ bijvoorbeeld \*\*beoordelen jaarverslag 2021\*\*\.$/);
    });

    it('does the same in English', async () => {
      const all = await say(diego, 'review', 6);
      assert.match(
        text(all[5]),
        /These are answers from the annual report 2021 and the progress report 2021\. For one round only, type, for example, \*\*review annual report 2021\*\*\./,
      );

      const named = await say(diego, 'review jaarverslag 2021', 3);
      assert.match(text(named[2]), /^2 answers are waiting for your review\n/);
      assert.doesNotMatch(text(named[2]), /These are answers from/);
      for (const card of named.slice(0, 2)) assert.match(text(card), /Annual report 2021/);
    });
  });

  describe('compiling', () => {
    it('compiles either open round and a closed one', async () => {
      for (const [typed, title] of [
        ['voortgangsrapportage 2021', /^Voortgangsrapportage 2021: het hoofdstuk\n/],
        ['jaarverslag 2021', /^Jaarverslag 2021: het hoofdstuk\n/],
        ['jaarverslag 2020', /^Jaarverslag 2020: het hoofdstuk\n/],
      ] as const) {
        const [document] = await say(bea, typed);
        assert.match(text(document), title, typed);
      }
    });

    it('answers a round that does not exist with the rounds that do', async () => {
      const [refused] = await say(bea, 'jaarverslag 2019');

      assert.match(text(refused), /^Welke ronde\?\nEr is geen ronde voor het jaarverslag 2019\. Open: /);
      assert.match(text(refused), /Typ bijvoorbeeld \*\*jaarverslag 2021\*\*\.$/);
    });
  });
});
