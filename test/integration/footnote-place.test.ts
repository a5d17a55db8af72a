import assert from 'node:assert/strict';
import JSZip from 'jszip';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, executeAction, postActivity, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:fc',
  aadObjectId: 'eeeeeeee-0000-0000-0000-0000000000f1',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:fo',
  aadObjectId: 'eeeeeeee-0000-0000-0000-0000000000f2',
  name: 'Megan Bowen',
};
const ROUND = 'jaarverslag-2021';
const ANSWER =
  'De aanbesteding is gegund.\n\nDe oplevering is nu voorzien in het tweede kwartaal van 2022, met de koppeling naar het zaaksysteem.';

const project: Project = {
  id: projectIdOf(2021, '7'),
  year: 2021,
  number: '7',
  title: 'Digitale dienstverlening',
  speerpunt: 'Dienstverlening',
  goal: 'Meer zaken online.',
  activities: 'Formulieren digitaliseren.',
  owners: [owner.aadObjectId],
};

describe('a footnote where the author puts it, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;

  const say = (user: TestUser, text: string) =>
    postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
  const submit = (data: Record<string, string>) =>
    executeAction(botUrl, owner, connector.url, 'submitStatus', {
      roundId: ROUND,
      projectId: project.id,
      status: 'vertraagd',
      achieved: 'deels',
      answer: ANSWER,
      ...data,
    });

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      { COORDINATORS: coordinator.aadObjectId },
      { clock: new FixedClock(new Date('2022-01-10T09:00:00Z')) },
    ));
    await cosmosRepositories(app.store).projects.upsertMany([project]);
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(2);
    await say(coordinator, 'ronde open jaarverslag 2021 tot 1-2-2022 zonder beoordeling');
    await connector.waitForActivities(4);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('refuses words that are not in the answer, at the field, keeps every word typed, and stores nothing', async function () {
    const response = await submit({
      deviation: 'Oorspronkelijk gepland voor eind 2021.',
      deviationAt: 'derde kwartaal',
    });
    const card = JSON.stringify(response.body);

    assert.match(card, /Deze woorden staan niet in uw antwoord/);
    assert.ok(card.includes(JSON.stringify(ANSWER).slice(1, -1)), 'the answer comes back whole');
    assert.match(card, /"id":"deviationAt"[^}]*"value":"derde kwartaal"/);
    assert.match(card, /Oorspronkelijk gepland voor eind 2021\./);
    const stored = await cosmosRepositories(app.store).statusUpdates.get(ROUND, project.id);
    assert.equal(stored?.value.versions.length ?? 0, 0);
  });

  it('stores the place, shows it on the stored card and in geschiedenis', async function () {
    const response = await submit({
      deviation: 'Oorspronkelijk gepland voor eind 2021.',
      deviationAt: 'tweede  kwartaal',
      financial: 'Geen extra kosten.',
      financialAt: 'aanbesteding is gegund',
    });
    const card = JSON.stringify(response.body);
    assert.match(card, /Opgeslagen/);
    assert.match(card, /Voetnoot na de woorden ‘tweede {2}kwartaal’/);
    assert.match(card, /Voetnoot na de woorden ‘aanbesteding is gegund’/);

    connector.clear();
    await say(owner, 'geschiedenis 7');
    const [history] = await connector.waitForActivities(1);
    assert.match(JSON.stringify(history?.activity), /voetnoot na de woorden ‘tweede {2}kwartaal’/);
  });

  it('puts each footnote reference right after its words in the Word chapter, numbered in reading order', async function () {
    connector.clear();
    await say(coordinator, 'jaarverslag 2021');
    const [reply] = await connector.waitForActivities(1);
    const actions = (reply?.activity.attachments?.[0]?.content['actions'] ?? []) as {
      title: string;
      url: string;
    }[];
    const link = (format: string) => actions.find((action) => action.title.includes(format))?.url ?? '';

    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(link('.docx'))).arrayBuffer()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const texts = (runs: string) =>
      [...runs.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:footnoteReference w:id="(\d+)"\/>/g)]
        .map((match) => (match[2] ? `[${match[2]}]` : (match[1] ?? '')))
        .join('');
    const body = texts(xml);
    assert.ok(body.includes('De aanbesteding is gegund[1].'), body);
    assert.ok(body.includes('in het tweede kwartaal[2] van 2022, met de koppeling'), body);
    const notes = (await zip.file('word/footnotes.xml')?.async('string')) ?? '';
    assert.ok(
      notes.indexOf('Geen extra kosten.') < notes.indexOf('Oorspronkelijk gepland voor eind 2021.'),
      'the note met first is number 1',
    );

    const markdown = await (await fetch(link('.md'))).text();
    assert.match(markdown, /De aanbesteding is gegund\[\^1\]\./);
    assert.match(markdown, /tweede kwartaal\[\^2\] van 2022/);
    // The answer itself is unchanged: take the markers out and it is the owner's text.
    const answerInWord = body.slice(body.indexOf('De aanbesteding'), body.indexOf('zaaksysteem.') + 12);
    assert.equal(answerInWord.replace(/\[\d+\]/g, ''), ANSWER.replace('\n\n', ''));
  });
});
