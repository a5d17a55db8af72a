import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { type Card, cardIn, visibleText } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000011',
  name: 'Carla',
};
const owner: TestUser = { id: '29:o', aadObjectId: 'eeeeeeee-0000-4000-8000-000000000012', name: 'Olaf' };
const englishOwner: TestUser = {
  id: '29:e',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000013',
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

/** The help card's command lines (the bold monospace usage above each description). */
function usages(card: Card): string[] {
  const body = card['body'] as { items?: { text?: string }[] }[];
  return body.flatMap((element) => (element.items?.[0]?.text === undefined ? [] : [element.items[0].text]));
}

describe('the help card and the hints, as a person reads them, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  // Tuesday 1 June 2021, 10:00 in Amsterdam: four weeks on is Tuesday 29 June.
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  async function say(user: TestUser, text: string, replies = 1): Promise<Card[]> {
    connector.clear();
    const locale = user === englishOwner ? 'en-GB' : 'nl-NL';
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }, locale));
    return (await connector.waitForActivities(replies)).map((reply) => cardIn(reply.activity));
  }

  async function read(user: TestUser, text: string): Promise<string> {
    const [card] = await say(user, text);
    assert.ok(card, `an answer to ${text}`);
    return visibleText(card);
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp({ COORDINATORS: coordinator.aadObjectId }, { clock }));
    await cosmosRepositories(app.store).projects.upsertMany([
      project('2', [owner.aadObjectId]),
      project('4.2.3', [owner.aadObjectId]),
      project('10', [coordinator.aadObjectId, englishOwner.aadObjectId]),
    ]);
    for (const [user, locale] of [
      [coordinator, 'nl-NL'],
      [owner, 'nl-NL'],
      [englishOwner, 'en-GB'],
    ] as const) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }, locale),
      );
    }
    await connector.waitForActivities(3);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('shows the commands in bold, never in backticks, with a deadline four weeks from today', async function () {
    const [card] = await say(owner, 'hulp');
    assert.ok(card);
    const text = visibleText(card);

    assert.doesNotMatch(JSON.stringify(card), /`/);
    assert.ok(usages(card).includes('ronde open voortgangsrapportage 2021 tot 29 juni 2021'));
    assert.ok(usages(card).includes('ronde sluit voortgangsrapportage 2021'));
    assert.match(text, /De deadline mag ook in cijfers: 29-6-2021\./);
    assert.match(text, /Zet er \*\*vanaf 8 juni 2021\*\* achter om de kaarten pas op die dag te versturen/);
    assert.match(text, /en \*\*met beoordeling\*\* of \*\*zonder beoordeling\*\* om te kiezen/);
    assert.match(text, /Ook: \*\*jaarverslag 2021\*\*\./);
    assert.doesNotMatch(text, /met met|1-7-2021/);
  });

  it('shows the English commands the same way, and dates them from the clock', async function () {
    const [card] = await say(englishOwner, 'help');
    assert.ok(card);

    assert.ok(usages(card).includes('round open voortgangsrapportage 2021 until 29 June 2021'));
    assert.match(visibleText(card), /Add \*\*from 8 June 2021\*\* to send the cards only from that day/);
    assert.doesNotMatch(visibleText(card), /with with|`/);

    clock.set('2026-12-31T22:30:00Z');
    try {
      const [later] = await say(englishOwner, 'help');
      assert.ok(later);
      assert.ok(usages(later).includes('round open jaarverslag 2026 until 28 January 2027'));
    } finally {
      clock.set('2021-06-01T08:00:00Z');
    }
  });

  it('opens a round with the deadline in words, and its start and review choice after it', async function () {
    const [opened] = await say(
      coordinator,
      'ronde open voortgangsrapportage 2021 tot 19 december 2021 vanaf 7 juni zonder beoordeling',
    );
    assert.ok(opened);

    assert.match(visibleText(opened), /Voortgangsrapportage 2021 is geopend/);
    assert.match(visibleText(opened), /Deadline: 19 december 2021/);
    const round = await cosmosRepositories(app.store).rounds.get('voortgangsrapportage-2021');
    assert.deepEqual([round?.deadline, round?.asksFrom, round?.review], ['2021-12-19', '2021-06-07', false]);
  });

  it('says what is wrong with a date it cannot take, with an example it would', async function () {
    const refusal = async (text: string) => {
      const shown = await read(coordinator, text);
      assert.match(shown, /^Dat kan niet\n/);
      return shown.replace(/^Dat kan niet\n/, '');
    };

    assert.equal(
      await refusal('ronde open jaarverslag 2021 tot 19 decmber 2021'),
      '‘19 decmber 2021’ is geen datum die ik ken; schrijf bijvoorbeeld 19 december 2021 of 19-12-2021.',
    );
    assert.equal(
      await refusal('ronde open jaarverslag 2021 tot volgende week'),
      '‘volgende week’ is geen datum die ik ken; schrijf bijvoorbeeld 29 juni 2021 of 29-6-2021.',
    );
    assert.equal(
      await refusal('ronde open jaarverslag 2021 tot 31 juni'),
      '‘31 juni’ bestaat niet: juni 2021 heeft 30 dagen.',
    );
    assert.equal(
      await refusal('ronde open jaarverslag 2021 tot 1-7-2020'),
      'De deadline 1-7-2020 ligt in het verleden; kies een datum vanaf vandaag, bijvoorbeeld 29 juni 2021.',
    );
  });

  it('titles a command typed without what it needs as a hint, not a refusal', async function () {
    assert.equal(
      await read(coordinator, 'ronde open'),
      'Zo gebruikt u ‘ronde open’\n' +
        'Typ bijvoorbeeld **ronde open voortgangsrapportage 2021 tot 29 juni 2021** (of jaarverslag). ' +
        'De deadline mag ook in cijfers: 29-6-2021.',
    );
    assert.equal(
      await read(englishOwner, 'round close'),
      'How to use ‘round close’\nType for example **round close voortgangsrapportage 2021** (or jaarverslag).',
    );
  });

  it("lists the person's own projects where a command needs a project number", async function () {
    assert.equal(
      await read(owner, 'geschiedenis'),
      'Zo gebruikt u ‘geschiedenis’\n' +
        'Typ **geschiedenis** en het projectnummer, bijvoorbeeld **geschiedenis 2**. Uw projecten: 2, 4.2.3.',
    );
    assert.equal(
      await read(owner, 'delegeer'),
      'Zo gebruikt u ‘delegeer’\n' +
        'Typ **delegeer**, het projectnummer, **aan** en het e-mailadres van de collega, bijvoorbeeld ' +
        '**delegeer 2 aan j.jansen@gemeente.nl**. Uw projecten: 2, 4.2.3.',
    );
    assert.equal(
      await read(englishOwner, 'history'),
      'How to use ‘history’\nType **history** and the project number, for example **history 10**. Your project: 10.',
    );
  });
});
