import assert from 'node:assert/strict';
import JSZip from 'jszip';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:o',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};

function project(number: string, speerpunt: string): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt,
    goal: `Doel ${number}`,
    activities: `Activiteiten ${number}`,
    owners: [owner.aadObjectId],
  };
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

describe('from answers in chat to the chapter, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));
  let links: { docx: string; md: string };
  let card: string;

  const say = (user: TestUser, text: string) =>
    postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      {
        COORDINATORS: coordinator.aadObjectId,
      },
      { clock },
    ));
    await cosmosRepositories(app.store).projects.upsertMany([
      project('4.2.10', 'Kwaliteit'),
      project('2', 'Financiën'),
      project('4.2.3', 'Kwaliteit'),
    ]);
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(2);
    connector.clear();
    await say(coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021');
    await connector.waitForActivities(4);
    for (const [number, answer, deviation] of [
      ['2', 'Sluitend.', ''],
      ['4.2.3', 'Loopt <b>mee</b> **nu**.', 'Later dan gepland.'],
    ] as const) {
      const response = await postActivity(
        botUrl,
        activityFrom(owner, connector.url, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'submitStatus',
              data: {
                roundId: 'voortgangsrapportage-2021',
                projectId: projectIdOf(2021, number),
                status: 'op-schema',
                answer,
                deviation,
              },
            },
          },
        }),
      );
      assert.match(textOf(response.body), /Opgeslagen/);
    }
    connector.clear();
    await say(coordinator, 'voortgangsrapportage 2021');
    const [reply] = await connector.waitForActivities(1);
    const content = reply?.activity.attachments?.[0]?.content ?? {};
    card = textOf(content);
    const actions = content['actions'] as { type: string; title: string; url: string }[];
    const url = (title: string) => actions.find((action) => action.title.includes(title))?.url ?? '';
    links = { docx: url('.docx'), md: url('.md') };
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('answers the coordinator with how complete the chapter is and links to Word and Markdown', function () {
    assert.match(card, /Voortgangsrapportage 2021: het hoofdstuk/);
    assert.match(card, /2 van 3 projecten beantwoord; 1 voetnoot/);
    assert.match(card, /Nog zonder antwoord \(gemarkeerd in het document\): 4\.2\.10/);
    assert.match(
      links.docx,
      new RegExp(`^${botUrl}/api/documents/voortgangsrapportage-2021\\.docx\\?expires=\\d+&sig=`),
    );
    assert.match(links.md, /\/api\/documents\/voortgangsrapportage-2021\.md\?/);
  });

  it('serves the Markdown behind its link, compiled from what is stored', async function () {
    const response = await fetch(links.md);
    const body = await response.text();

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(body, /^# Voortgangsrapportage 2021$/m);
    assert.ok(body.indexOf('## Speerpunt Financiën') < body.indexOf('## Speerpunt Kwaliteit'));
    assert.match(
      body,
      /\*\*Wat is de stand van zaken\?\*\* Loopt \\<b\\>mee\\<\/b\\> \\\*\\\*nu\\\*\\\*\.\[\^1\]/,
    );
    assert.match(body, /^\[\^1\]: Later dan gepland\.$/m);
    assert.match(body, /### 4\.2\.10 Project 4\.2\.10[\s\S]*NOG GEEN ANTWOORD ONTVANGEN/);
  });

  it('serves the Word document behind its link, with its headings and footnote', async function () {
    const response = await fetch(links.docx);
    const body = Buffer.from(await response.arrayBuffer());

    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /filename="voortgangsrapportage-2021\.docx"/,
    );
    const zip = await JSZip.loadAsync(body);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    assert.equal([...xml.matchAll(/<w:pStyle w:val="Heading3"\/>/g)].length, 3);
    assert.match(xml, /<w:footnoteReference w:id="1"\/>/);
  });

  it('starts the chapter with the overview, and leaves it out when the coordinator says so', async function () {
    const withOverview = await (await fetch(links.md)).text();
    assert.match(withOverview, /^## Overzicht$/m);
    assert.match(withOverview, /^\| 4\.2\.10 \| Project 4\.2\.10 \| — \| — \|$/m);

    connector.clear();
    await say(coordinator, 'voortgangsrapportage 2021 zonder overzicht');
    const [reply] = await connector.waitForActivities(1);
    const actions = (reply?.activity.attachments?.[0]?.content['actions'] ?? []) as {
      title: string;
      url: string;
    }[];
    const without = (title: string) => actions.find((action) => action.title.includes(title))?.url ?? '';
    assert.match(without('.md'), /\/api\/documents\/voortgangsrapportage-2021-zonder-overzicht\.md\?/);

    const markdown = await (await fetch(without('.md'))).text();
    assert.doesNotMatch(markdown, /Overzicht|\| ---/);
    assert.match(markdown, /^# Voortgangsrapportage 2021$/m);
    const docx = await fetch(without('.docx'));
    assert.match(
      docx.headers.get('content-disposition') ?? '',
      /voortgangsrapportage-2021-zonder-overzicht\.docx/,
    );
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    assert.doesNotMatch((await zip.file('word/document.xml')?.async('string')) ?? '', /<w:tbl>/);
  });

  it('refuses a link whose signature or document was changed, without saying what exists', async function () {
    const forged = links.md.replace(/sig=([^&]+)/, (_, sig: string) => `sig=${sig.slice(0, -2)}AA`);
    const otherDocument = links.md.replace('voortgangsrapportage-2021.md', 'jaarverslag-2021.md');
    const otherFormat = links.md.replace('.md?', '.docx?');
    const longer = links.md.replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 3600}`);

    for (const url of [
      forged,
      otherDocument,
      otherFormat,
      longer,
      `${botUrl}/api/documents/voortgangsrapportage-2021.md`,
    ]) {
      const response = await fetch(url);
      assert.equal(response.status, 403, url);
      assert.doesNotMatch(await response.text(), /Voortgangsrapportage/);
    }
  });

  it('refuses a link once it has expired', async function () {
    clock.advance({ minutes: 16 });
    try {
      const response = await fetch(links.docx);
      assert.equal(response.status, 410);
    } finally {
      clock.advance({ minutes: -16 });
    }
  });

  it('compiles only for coordinators', async function () {
    connector.clear();
    await say(owner, 'voortgangsrapportage 2021');
    const [reply] = await connector.waitForActivities(1);
    assert.match(textOf(reply?.activity), /Alleen een coördinator kan dit doen/);
    assert.doesNotMatch(textOf(reply?.activity), /api\/documents/);
  });

  it('gives the final version only once nothing is missing, and lists what blocks it until then', async function () {
    connector.clear();
    await say(coordinator, 'voortgangsrapportage 2021 definitief');
    const [blocked] = await connector.waitForActivities(1);
    assert.match(textOf(blocked?.activity), /de definitieve versie kan nog niet/);
    assert.match(textOf(blocked?.activity), /"title":"4\.2\.10","value":"Project 4\.2\.10: geen antwoord"/);
    assert.doesNotMatch(textOf(blocked?.activity), /api\/documents/);

    const response = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitStatus',
            data: {
              roundId: 'voortgangsrapportage-2021',
              projectId: projectIdOf(2021, '4.2.10'),
              status: 'afgerond',
              answer: 'Afgerond in mei.',
            },
          },
        },
      }),
    );
    assert.match(textOf(response.body), /Opgeslagen/);
    connector.clear();
    await say(coordinator, 'voortgangsrapportage 2021 definitief');
    const [final] = await connector.waitForActivities(1);
    const content = final?.activity.attachments?.[0]?.content ?? {};
    assert.match(textOf(content), /Voortgangsrapportage 2021: het hoofdstuk \(definitief\)/);
    const md =
      (content['actions'] as { url: string }[]).find((action) => action.url.includes('.md?'))?.url ?? '';
    assert.match(md, /\/api\/documents\/voortgangsrapportage-2021-definitief\.md\?/);

    const document = await fetch(md);
    assert.equal(document.status, 200);
    assert.equal(
      document.headers.get('content-disposition'),
      'attachment; filename="voortgangsrapportage-2021-definitief.md"',
    );
    assert.match(await document.text(), /Afgerond in mei\./);
  });
});
