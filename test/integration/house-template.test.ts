import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { RunningApp } from '../../src/app';
import type { Config } from '../../src/config';
import { projectIdOf, type Project } from '../../src/domain/model';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { projectRoot } from '../../src/project-root';
import { FILE_DOWNLOAD_INFO } from '../../src/teams/files';
import { activityFrom, executeAction, postActivity, type TestUser } from '../support/activities';
import { FileHost } from '../support/file-host';
import { FixedClock } from '../support/fixed-clock';
import { sampleHouseTemplate, wordTemplate } from '../support/house-template';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const run = promisify(execFile);

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'ffffffff-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:o',
  aadObjectId: 'ffffffff-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};

function project(number: string): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: `Doel ${number}`,
    activities: `Activiteiten ${number}`,
    owners: [owner.aadObjectId],
  };
}

/** A Word file's parts that the house template changes. */
async function wordParts(docx: Buffer): Promise<{ document: string; styles: string; theme: string }> {
  const zip = await JSZip.loadAsync(docx);
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    theme: await read('word/theme/theme1.xml'),
  };
}

describe('the house template, sent in chat, through the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let files: FileHost;
  let app: RunningApp;
  let botUrl: string;
  let cosmos: Config['cosmos'];
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));

  /** The user's message (text or files) in their 1:1 chat; the bot's cards as text and actions. */
  async function send(user: TestUser, message: { text?: string; attachments?: unknown[] }, replies = 1) {
    connector.clear();
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'message', text: '', ...message }),
    );
    assert.ok(response.status < 300, `status ${response.status}`);
    return (await connector.waitForActivities(replies)).map((reply) => {
      const content = reply.activity.attachments?.[0]?.content ?? {};
      return {
        text: JSON.stringify(content),
        actions: (content['actions'] ?? []) as { title: string; url: string }[],
      };
    });
  }

  const file = (name: string, bytes: Buffer) => ({
    contentType: FILE_DOWNLOAD_INFO,
    name,
    content: { downloadUrl: files.put(name, bytes), uniqueId: name, fileType: name.split('.').pop() },
  });
  const stored = () => cosmosRepositories(app.store).houseTemplates.get();

  /** The coordinator asks for the chapter and opens its Word link, as Teams would. */
  async function compiled(): Promise<{ card: string } & Awaited<ReturnType<typeof wordParts>>> {
    const [card] = await send(coordinator, { text: 'voortgangsrapportage 2021' });
    assert.ok(card);
    const link = card.actions.find((action) => action.title.includes('.docx'))?.url ?? assert.fail('no link');
    const response = await fetch(link);
    assert.equal(response.status, 200);
    return { card: card.text, ...(await wordParts(Buffer.from(await response.arrayBuffer()))) };
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    files = await new FileHost().start();
    ({ app, botUrl, cosmos } = await startTestApp(
      { COORDINATORS: coordinator.aadObjectId, FILE_DOWNLOAD_HOSTS: '127.0.0.1' },
      { clock },
    ));
    await cosmosRepositories(app.store).projects.upsertMany([project('4.2.3'), project('4.2.4')]);
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(2);
    await send(coordinator, { text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021' }, 3);
    const response = await executeAction(botUrl, owner, connector.url, 'submitStatus', {
      roundId: 'voortgangsrapportage-2021',
      projectId: projectIdOf(2021, '4.2.3'),
      status: 'vertraagd',
      answer: 'De balie is ingericht.',
      deviation: 'De leverancier leverde later.',
    });
    assert.match(JSON.stringify(response.body), /Opgeslagen/);
  });

  after(async function () {
    await app.close();
    await files.stop();
    await connector.stop();
  });

  it('takes a coordinator’s template, says what it has, and the chapter downloaded then uses it', async function () {
    const [card] = await send(coordinator, {
      attachments: [file('huisstijl.dotx', await sampleHouseTemplate())],
    });

    assert.match(card?.text ?? '', /Huisstijl ingesteld: huisstijl\.dotx/);
    assert.match(card?.text ?? '', /Het volgende hoofdstuk dat u samenstelt/);
    assert.match(card?.text ?? '', /\*\*huisstijl verwijderen\*\*/);
    assert.match(card?.text ?? '', /"Kop 1 \(hoofdstuk\)","value":"uit het sjabloon"/);
    assert.match(card?.text ?? '', /"Tabel \(overzicht\)","value":"uit het sjabloon"/);
    const template = await stored();
    assert.equal(template?.fileName, 'huisstijl.dotx');
    assert.equal(template.storedBy, coordinator.aadObjectId);
    assert.equal(template.storedAt, '2021-06-01T08:00:00.000Z');

    const chapter = await compiled();
    assert.match(chapter.card, /Het Word-bestand krijgt de huisstijl uit huisstijl\.dotx/);
    assert.equal(chapter.styles, template.styles);
    assert.match(
      chapter.document,
      /<w:pStyle w:val="Kop3"\/><w:keepNext\/><\/w:pPr><w:r><w:t xml:space="preserve">4\.2\.3 Project 4\.2\.3</,
    );
    assert.match(
      chapter.document,
      /<w:rStyle w:val="Voetnootmarkering"\/><\/w:rPr><w:footnoteReference w:id="1"\/>/,
    );
    assert.match(chapter.document, /<w:tblStyle w:val="Huisstijltabel"\/>/);
    assert.doesNotMatch(chapter.document, /"Heading\d"/);
    assert.match(chapter.theme, /<a:minorFont><a:latin typeface="DejaVu Serif"/);
  });

  it('refuses what is no usable template, in Dutch and in English, and keeps the one in use', async function () {
    const before = await stored();
    const [broken, old] = await send(
      coordinator,
      {
        attachments: [
          file('kapot.dotx', await wordTemplate({})),
          file('oud.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
        ],
      },
      2,
    );
    assert.match(broken?.text ?? '', /Huisstijl niet ingesteld: kapot\.dotx/);
    assert.match(broken?.text ?? '', /geen Word-opmaakprofielen/);
    assert.match(broken?.text ?? '', /De huisstijl uit huisstijl\.dotx blijft in gebruik\./);
    assert.match(old?.text ?? '', /oude formaat \(\.doc of \.dot\)/);

    await send(coordinator, { text: 'language en' });
    const [english] = await send(coordinator, {
      attachments: [file('huisstijl.docx', Buffer.from('%PDF-1.7'))],
    });
    await send(coordinator, { text: 'taal nl' });
    assert.match(english?.text ?? '', /House template not set: huisstijl\.docx/);
    assert.match(english?.text ?? '', /cannot be opened/);
    assert.match(english?.text ?? '', /The house template from huisstijl\.dotx stays in use\./);

    assert.deepEqual(await stored(), before, 'nothing replaced');
    assert.match((await compiled()).document, /<w:pStyle w:val="Kop1"\/>/);
  });

  it('refuses a template from someone who is not a coordinator, without fetching it, and keeps the one in use', async function () {
    const before = await stored();
    const fetched = files.requests.length;

    const [card] = await send(owner, { attachments: [file('eigen.dotx', await sampleHouseTemplate())] });
    assert.match(card?.text ?? '', /Alleen een coördinator kan dit doen/);
    assert.equal(files.requests.length, fetched);
    const [removal] = await send(owner, { text: 'huisstijl verwijderen' });
    assert.match(removal?.text ?? '', /Alleen een coördinator kan dit doen/);

    assert.deepEqual(await stored(), before);
  });

  it('compiles with the stored template from the command line too, or with --template, and refuses a broken one', async function () {
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: cosmos.database,
      COORDINATORS: coordinator.aadObjectId,
    };
    const cli = (...args: string[]) =>
      run(process.execPath, [join(projectRoot(), 'dist', 'src', 'cli.js'), ...args], { env });
    const out = mkdtempSync(join(tmpdir(), 'house-'));
    const word = () => readFileSync(join(out, 'voortgangsrapportage-2021.docx'));

    const storedRun = await cli('compile', 'voortgangsrapportage', '2021', '--out', out);
    assert.match(storedRun.stdout, /voortgangsrapportage-2021\.docx \(huisstijl huisstijl\.dotx\)/);
    assert.match((await wordParts(word())).document, /<w:pStyle w:val="Kop1"\/>/);

    const plain = await cli('compile', 'voortgangsrapportage', '2021', '--out', out, '--no-template');
    assert.doesNotMatch(plain.stdout, /huisstijl/);
    assert.match((await wordParts(word())).document, /<w:pStyle w:val="Heading1"\/>/);

    const other = join(out, 'ander.dotx');
    writeFileSync(
      other,
      await wordTemplate({
        styles: '<w:style w:type="paragraph" w:styleId="Titel1"><w:name w:val="heading 1"/></w:style>',
      }),
    );
    const given = await cli('compile', 'voortgangsrapportage', '2021', '--out', out, '--template', other);
    assert.match(given.stdout, /\(huisstijl ander\.dotx\)/);
    assert.match((await wordParts(word())).document, /<w:pStyle w:val="Titel1"\/>/);

    const broken = join(out, 'kapot.dotx');
    writeFileSync(broken, 'geen zip');
    await assert.rejects(
      cli('compile', 'voortgangsrapportage', '2021', '--out', out, '--template', broken),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1);
        assert.equal(
          error.stderr,
          'kapot.dotx: Dit is geen Word-document of Word-sjabloon (.docx of .dotx): het bestand is niet te openen.\n',
        );
        return true;
      },
    );
  });

  it('says which template is in use and removes it on request; the next chapter has the plain styles', async function () {
    const [shown] = await send(coordinator, { text: 'huisstijl' });
    assert.match(shown?.text ?? '', /Huisstijl: huisstijl\.dotx/);
    assert.match(shown?.text ?? '', /Ingesteld door Alex Wilber op /);

    const [removed] = await send(coordinator, { text: 'huisstijl verwijderen' });
    assert.match(removed?.text ?? '', /Huisstijl verwijderd: huisstijl\.dotx/);
    assert.equal(await stored(), undefined);

    const chapter = await compiled();
    assert.doesNotMatch(chapter.card, /huisstijl/);
    assert.match(chapter.document, /<w:pStyle w:val="Heading1"\/>/);
    assert.doesNotMatch(chapter.styles, /Kop1/);

    const [none] = await send(coordinator, { text: 'remove template' });
    assert.match(none?.text ?? '', /Geen huisstijl ingesteld/);
  });
});
