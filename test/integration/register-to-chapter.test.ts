import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { RunningApp } from '../../src/app';
import { projectIdOf } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { readRegister } from '../../src/infrastructure/spreadsheet';
import { projectRoot } from '../../src/project-root';
import { FILE_DOWNLOAD_INFO } from '../../src/teams/files';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { FileHost } from '../support/file-host';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:o',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const REPORT = join(projectRoot(), 'test', 'fixtures', 'report', 'voortgangsrapportage-2021-excerpt.txt');

/** A card's text and its actions, from the first attachment of an activity. */
function cardOf(activity: { attachments?: { content?: unknown }[] } | undefined): {
  text: string;
  actions: { title: string; url: string }[];
} {
  const content = (activity?.attachments?.[0]?.content ?? {}) as Record<string, unknown>;
  return {
    text: JSON.stringify(content),
    actions: (content['actions'] ?? []) as { title: string; url: string }[],
  };
}

/** A register sheet with the owner and year filled in, as a coordinator would in Excel. */
async function completed(sheet: Buffer, change?: (row: ExcelJS.Row) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sheet as unknown as ArrayBuffer);
  const worksheet = workbook.worksheets[0];
  assert.ok(worksheet);
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    row.getCell(4).value = owner.aadObjectId;
    row.getCell(7).value = 2021;
    change?.(row);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('from an earlier report to this year’s chapter, through the chat, the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let files: FileHost;
  let app: RunningApp;
  let botUrl: string;
  let sheet: Buffer;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  /** The user sends files in their 1:1 chat; returns the bot's replies. */
  async function send(user: TestUser, attachments: Record<string, unknown>[], replies = 1) {
    connector.clear();
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'message', text: '', attachments }),
    );
    assert.ok(response.status < 300, `status ${response.status}`);
    return (await connector.waitForActivities(replies)).map((reply) => cardOf(reply.activity));
  }

  const file = (name: string, url: string) => ({
    contentType: FILE_DOWNLOAD_INFO,
    name,
    content: { downloadUrl: url, uniqueId: name, fileType: name.split('.').pop() },
  });
  const projects = () => cosmosRepositories(app.store).projects.listByYear(2021);

  before(async function () {
    connector = await new RecordingConnector().start();
    files = await new FileHost().start();
    ({ app, botUrl } = await startTestApp(
      {
        COORDINATORS: coordinator.aadObjectId,
        FILE_DOWNLOAD_HOSTS: '127.0.0.1',
      },
      { clock },
    ));
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(2);
  });

  after(async function () {
    await app.close();
    await files.stop();
    await connector.stop();
  });

  it('recognises the projects in the text of an earlier report and offers them as a sheet, storing no project', async function () {
    const url = files.put('voortgangsrapportage-2020.txt', readFileSync(REPORT));
    const [card] = await send(coordinator, [file('voortgangsrapportage-2020.txt', url)]);

    assert.match(card?.text ?? '', /2 projecten herkend in voortgangsrapportage-2020\.txt/);
    assert.match(
      card?.text ?? '',
      /4\.2\.3 .*Integrale dienstverlening afdeling bedrijfsvoering · Kwaliteit/,
    );
    assert.match(
      card?.text ?? '',
      /Dit lijkt een voortgangsrapportage, maar het jaar staat niet in de tekst\. Vul in het blad ‘gepubliceerd in’ aan/,
      'the kind it recognised, for the coordinator to confirm in the sheet',
    );
    assert.match(
      card?.text ?? '',
      /Eén stuk tekst kon ik niet bij een project plaatsen\..*"regels 3–26: ".*"Wat is de stand van zaken\? Recent/,
      'what it could not place, by line',
    );
    const link = card?.actions.find((action) => action.title === 'Registerblad (.xlsx)')?.url ?? '';
    assert.match(link, new RegExp(`^${botUrl}/api/register-sheets/[0-9a-f-]{36}\\.xlsx\\?expires=\\d+&sig=`));
    assert.deepEqual(await projects(), [], 'nothing is stored before the owners are added');

    const response = await fetch(link);
    assert.equal(response.status, 200);
    sheet = Buffer.from(await response.arrayBuffer());
    const rows = await readRegister(sheet, 'registerblad.xlsx');
    assert.deepEqual(
      rows.map((row) => [row.cells.nummer, row.cells.speerpunt, row.cells.eigenaar]),
      [
        ['4.2.3', 'Kwaliteit', ''],
        ['4.2.4', 'Kwaliteit', ''],
      ],
    );
    assert.equal(rows[1]?.cells.doel, 'Borgen zaakgericht werken in de vier organisaties');

    const forged = link.replace(/[0-9a-f]{8}-/, '00000000-');
    assert.equal((await fetch(forged)).status, 403, 'a link opens only its own draft');
  });

  it('refuses a file from someone who is not a coordinator, without fetching it', async function () {
    const before = files.requests.length;
    const url = files.put('register.xlsx', sheet);
    const [card] = await send(owner, [file('register.xlsx', url)]);

    assert.match(card?.text ?? '', /Alleen een coördinator kan dit doen/);
    assert.equal(files.requests.length, before);
  });

  it('lists every problem by row and stores nothing when the sheet is incomplete', async function () {
    const url = files.put('registerblad.xlsx', sheet);
    const [card] = await send(coordinator, [file('registerblad.xlsx', url)]);

    assert.match(card?.text ?? '', /Register niet ingelezen uit registerblad\.xlsx/);
    for (const row of [2, 3]) {
      assert.match(card?.text ?? '', new RegExp(`rij ${row}: eigenaar ontbreekt`));
      assert.match(card?.text ?? '', new RegExp(`rij ${row}: jaar ontbreekt`));
    }
    assert.match(card?.text ?? '', /4 fouten/);
    assert.match(card?.text ?? '', /er is niets opgeslagen/);
    assert.deepEqual(await projects(), []);
  });

  it('imports the completed sheet, and a re-import says what changed, field by field', async function () {
    let [card] = await send(coordinator, [
      file('registerblad.xlsx', files.put('registerblad.xlsx', await completed(sheet))),
    ]);
    assert.match(card?.text ?? '', /Register ingelezen uit registerblad\.xlsx/);
    assert.match(card?.text ?? '', /2 nieuw, 0 gewijzigd, 0 ongewijzigd/);
    assert.equal((await projects()).length, 2);

    const renamed = await completed(sheet, (row) => {
      if (row.getCell(1).text === '4.2.4') row.getCell(2).value = 'Zaakgericht werken, borging';
    });
    [card] = await send(coordinator, [file('registerblad.xlsx', files.put('registerblad.xlsx', renamed))]);
    assert.match(card?.text ?? '', /0 nieuw, 1 gewijzigd, 1 ongewijzigd/);
    assert.match(card?.text ?? '', /4\.2\.4 .*Zaakgericht werken, borging \(2021\) .*gewijzigd: titel/);
    const stored = (await projects()).find((project) => project.number === '4.2.4');
    assert.ok(stored);
    assert.equal(stored.title, 'Zaakgericht werken, borging');
    assert.deepEqual(stored.owners, [owner.aadObjectId]);
  });

  it('fetches nothing from a host that is not allowed, and says which files it reads', async function () {
    const replies = await send(
      coordinator,
      [
        file('register.xlsx', 'http://169.254.169.254/latest/meta-data/iam'),
        file('register.csv', 'https://intranet.gemeente.local/register.csv'),
        file('verslag.pdf', files.put('verslag.pdf', Buffer.from('%PDF'))),
      ],
      3,
    );

    assert.match(replies[0]?.text ?? '', /register\.xlsx niet opgehaald/);
    assert.match(replies[1]?.text ?? '', /register\.csv niet opgehaald/);
    assert.match(replies[2]?.text ?? '', /Dit bestand lees ik niet/);
    assert.ok(!files.requests.some((path) => path.includes('verslag.pdf')), 'an unknown kind is not fetched');
    assert.equal((await projects()).length, 2, 'nothing stored changed');
  });

  it('opens a round on the imported register, takes an answer in chat and compiles the chapter', async function () {
    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      }),
    );
    const sent = await connector.waitForActivities(3);
    assert.equal(
      sent.filter((reply) => reply.conversationId === `personal-${owner.id}`).length,
      2,
      'the owner gets a card per project',
    );
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
              projectId: projectIdOf(2021, '4.2.3'),
              status: 'vertraagd',
              answer: 'De balie is ingericht; de training volgt in het najaar.',
              deviation: 'De leverancier leverde later.',
            },
          },
        },
      }),
    );
    assert.match(JSON.stringify(response.body), /Opgeslagen/);

    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, { type: 'message', text: 'voortgangsrapportage 2021' }),
    );
    const [reply] = await connector.waitForActivities(1);
    const card = cardOf(reply?.activity);
    assert.match(card.text, /1 van 2 projecten beantwoord; 1 voetnoot/);
    const markdown = await (
      await fetch(card.actions.find((action) => action.title.includes('.md'))?.url ?? '')
    ).text();

    assert.match(markdown, /^## Speerpunt Kwaliteit$/m);
    assert.ok(markdown.indexOf('### 4.2.3 ') < markdown.indexOf('### 4.2.4 '));
    assert.match(
      markdown,
      /\*\*Wat willen we bereiken\?\*\* Integrale dienstverlening afdeling Bedrijfsvoering/,
    );
    assert.match(markdown, /De balie is ingericht; de training volgt in het najaar\.\[\^1\]/);
    assert.match(markdown, /^\[\^1\]: De leverancier leverde later\.$/m);
    assert.match(markdown, /### 4\.2\.4 Zaakgericht werken, borging[\s\S]*NOG GEEN ANTWOORD ONTVANGEN/);
  });
});
