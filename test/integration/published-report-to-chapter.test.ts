import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { RunningApp } from '../../src/app';
import { projectIdOf } from '../../src/domain/model';
import { readRegister } from '../../src/infrastructure/spreadsheet';
import { projectRoot } from '../../src/project-root';
import { FILE_DOWNLOAD_INFO } from '../../src/teams/files';
import { activityFrom, executeAction, postActivity, type TestUser } from '../support/activities';
import { actionData, inputsOf, visibleText, type Card } from '../support/card-json';
import { FileHost } from '../support/file-host';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector, type RecordedActivity } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:c',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
/** Owns 7 and 8. */
const megan: TestUser = {
  id: '29:m',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
/** Owns 12. */
const lee: TestUser = {
  id: '29:l',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000003',
  name: 'Lee Gu',
};
const REPORT = join(projectRoot(), 'test', 'fixtures', 'report', 'jaarverslag-2022-excerpt.txt');

/** Project 12's answer as the jaarverslag 2022 printed it, its footnote markers taken out. */
const PUBLISHED_12 =
  'Nee. De aanbesteding is in het voorjaar stilgelegd; de raad besluit in 2023 over een nieuw plan dat past ' +
  'binnen het budget van het meerjarenperspectief. De ambtelijke voorbereiding loopt in de CO2-neutrale ' +
  'werkplaats van de regio, waar ook de Q3-rapportage wordt opgesteld.';

interface Note {
  readonly field: 'deviation' | 'financial';
  /** The number the chapter gives it: footnotes run through the chapter in reading order. */
  readonly number: number;
  readonly at: string;
  readonly text: string;
}

interface OwnerAnswer {
  readonly owner: TestUser;
  readonly number: string;
  readonly status: string;
  readonly achieved?: string;
  /** As the owner typed it: paragraphs split by an empty line, a numbered list by line breaks. */
  readonly answer: string;
  readonly notes: readonly Note[];
}

const STAND_VAN_ZAKEN = 'Wat is de stand van zaken?';
const BEREIKT = 'Hebben we bereikt met wat we wilden gaan doen?';

/** The voortgangsrapportage 2023, as the owners answer it: awkward text, notes mid-sentence. */
const PROGRESS: readonly OwnerAnswer[] = [
  {
    owner: megan,
    number: '7',
    status: 'op-schema',
    answer:
      'Alle twintig formulieren staan online & worden > 1.000 keer per week gebruikt; het beheer ligt bij het team Dienstverlening.\n\n' +
      '1. De koppeling met de basisregistratie volgt in het voorjaar.\n' +
      '2. De teksten gaan naar taalniveau B1 <eenvoudig>.',
    notes: [
      { field: 'deviation', number: 1, at: 'staan online', text: 'De koppeling was voor 2022 gepland.' },
    ],
  },
  {
    owner: megan,
    number: '8',
    status: 'vertraagd',
    answer:
      'Het loket is open; de aansluiting van Uithoorn & Aalsmeer volgt na de zomer.\n\n' +
      'De gemeenten tekenden in januari een convenant.',
    notes: [
      {
        field: 'deviation',
        number: 2,
        at: 'Uithoorn & Aalsmeer',
        text: 'De gemeenteraden besloten later dan verwacht.',
      },
    ],
  },
  {
    owner: lee,
    number: '12',
    status: 'vertraagd',
    answer:
      'De aanbesteding is opnieuw gestart; de gunning volgt in het najaar, binnen het budget van € 4,2 mln.\n\n' +
      'De stappen:\n' +
      '1. het ontwerp bijstellen met de architect;\n' +
      '2. de vergunning aanvragen bĳ de provincie & het waterschap.',
    notes: [
      {
        field: 'deviation',
        number: 3,
        at: 'gunning volgt',
        text: 'De eerste aanbesteding leverde geen geldige inschrijving op.',
      },
      {
        field: 'financial',
        number: 4,
        at: 'binnen het budget',
        text: 'Het budget is met € 250.000 verhoogd <na besluit van de raad>.',
      },
    ],
  },
];

/** The jaarverslag 2023: only 12 answers. */
const ANNUAL: OwnerAnswer = {
  owner: lee,
  number: '12',
  status: 'vertraagd',
  achieved: 'deels',
  answer:
    'De verbouwing begon in oktober; de eerste verdieping met de "flexplekken" is sinds december in gebruik.\n\n' +
    "De tweede verdieping volgt in 2024 & de kelder daarna ('s zomers).",
  notes: [
    {
      field: 'deviation',
      number: 1,
      at: 'eerste verdieping',
      text: 'De levering van de puien liep drie maanden uit.',
    },
  ],
};

/** A card's text and its actions, from the first attachment of an activity. */
function cardOf(activity: RecordedActivity['activity'] | undefined): {
  content: Card;
  text: string;
  actions: { title: string; url: string }[];
} {
  const content = (activity?.attachments?.[0]?.content ?? {}) as Card;
  return {
    content,
    text: JSON.stringify(content),
    actions: (content['actions'] ?? []) as { title: string; url: string }[],
  };
}

/** One `w:p` of a Word document: its text (`w:br` as a line break), its runs' texts, its notes. */
interface WordParagraph {
  readonly text: string;
  readonly runs: readonly string[];
  /** Each footnote reference and where in `text` it stands. */
  readonly refs: readonly { readonly id: number; readonly at: number }[];
}

function decode(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function wordParagraphs(xml: string): WordParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map(([, body = '']) => {
    let text = '';
    const runs: string[] = [];
    const refs: { id: number; at: number }[] = [];
    for (const [token, t, id] of body.matchAll(
      /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:footnoteReference w:id="(\d+)"\/>/g,
    )) {
      if (t !== undefined) {
        runs.push(decode(t));
        text += decode(t);
      } else if (id !== undefined) refs.push({ id: Number(id), at: text.length });
      else if (token === '<w:br/>') text += '\n';
    }
    return { text, runs, refs };
  });
}

/** Each footnote's text in `word/footnotes.xml`, by its id (the separators, typed, left out). */
function wordFootnotes(xml: string): Map<number, string> {
  return new Map(
    [...xml.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)].map(([, id, body = '']) => [
      Number(id),
      [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map(([, t = '']) => decode(t)).join(''),
    ]),
  );
}

/**
 * The answer stands in the document exactly as typed: its first paragraph after the question,
 * each further paragraph a `w:p` of its own, each line of a paragraph a run of its own after a
 * line break, and each footnote reference right after its words with the rest of the answer
 * after it; the footnote holds the note.
 */
function assertAnswerInWord(
  paragraphs: readonly WordParagraph[],
  footnotes: ReadonlyMap<number, string>,
  question: string,
  given: OwnerAnswer,
): void {
  const typed = given.answer.split('\n\n');
  const opening = `${question} ${typed[0] ?? ''}`;
  const start = paragraphs.findIndex(
    (paragraph) => paragraph.text === opening && paragraph.refs.length > 0 === given.notes.length > 0,
  );
  assert.ok(
    start >= 0,
    `project ${given.number}: no paragraph is exactly ${JSON.stringify(opening)}; the document has\n` +
      paragraphs.map((paragraph) => JSON.stringify(paragraph.text)).join('\n'),
  );
  const expected = [opening, ...typed.slice(1)];
  const found = paragraphs.slice(start, start + expected.length);
  assert.deepEqual(
    found.map((paragraph) => paragraph.text),
    expected,
    `project ${given.number}: each paragraph a w:p, byte for byte`,
  );
  found.forEach((paragraph, index) => {
    if (index === 0 || paragraph.refs.length > 0) return;
    // A numbered list inside a paragraph: each line its own run, the later ones after a <w:br/>.
    assert.deepEqual(paragraph.runs, (expected[index] ?? '').split('\n'), `project ${given.number}: lines`);
  });
  assert.equal(
    found.reduce((count, paragraph) => count + paragraph.refs.length, 0),
    given.notes.length,
    `project ${given.number}: one reference per note`,
  );
  for (const note of given.notes) {
    const paragraph = found.find((candidate) => candidate.refs.some((ref) => ref.id === note.number));
    assert.ok(paragraph, `project ${given.number}: no reference to footnote ${note.number}`);
    const at = paragraph.refs.find((ref) => ref.id === note.number)?.at ?? -1;
    const before = paragraph.text.slice(0, at);
    const after = paragraph.text.slice(at);
    assert.ok(
      before.endsWith(note.at),
      `project ${given.number}: footnote ${note.number} should follow "${note.at}", follows "${before}"`,
    );
    const end = paragraph.text.indexOf(note.at) + note.at.length;
    assert.equal(at, end, `project ${given.number}: footnote ${note.number} right after its words`);
    assert.ok(after !== '' && !/^\s*$/.test(after), 'the note stands mid-sentence');
    assert.equal(after, paragraph.text.slice(end), 'the answer continues after the reference');
    assert.equal(footnotes.get(note.number), ` ${note.text}`, `footnote ${note.number}'s text`);
  }
}

/** A register sheet with the owners filled in, as a coordinator would in Excel. */
async function withOwners(sheet: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sheet as unknown as ArrayBuffer);
  const worksheet = workbook.worksheets[0];
  assert.ok(worksheet);
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    row.getCell(4).value = row.getCell(1).text === '12' ? lee.aadObjectId : megan.aadObjectId;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('from a published jaarverslag to next year’s chapters, through the chat, the real server and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let files: FileHost;
  let app: RunningApp;
  let botUrl: string;
  let sheet: Buffer;
  const clock = new FixedClock(new Date('2023-01-16T09:00:00Z'));

  /** The coordinator sends files in their 1:1 chat; returns the bot's reply. */
  async function sendFile(name: string, bytes: Buffer) {
    connector.clear();
    const url = files.put(name, bytes);
    const response = await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: '',
        attachments: [
          {
            contentType: FILE_DOWNLOAD_INFO,
            name,
            content: { downloadUrl: url, uniqueId: name, fileType: name.split('.').pop() },
          },
        ],
      }),
    );
    assert.ok(response.status < 300, `status ${response.status}`);
    const [reply] = await connector.waitForActivities(1);
    return cardOf(reply?.activity);
  }

  /** The coordinator types a command; waits for `count` activities (its reply and any cards). */
  async function say(text: string, count = 1): Promise<RecordedActivity[]> {
    connector.clear();
    const response = await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, { type: 'message', text }),
    );
    assert.ok(response.status < 300, `status ${response.status}`);
    return connector.waitForActivities(count);
  }

  /** The cards the owner received, by project number. */
  function cardsFor(sent: readonly RecordedActivity[], owner: TestUser, year: number): Map<string, Card> {
    const cards = new Map<string, Card>();
    for (const recorded of sent) {
      if (recorded.conversationId !== `personal-${owner.id}`) continue;
      const card = cardOf(recorded.activity).content;
      const projectId = actionData(card, 'submitStatus')['projectId'];
      for (const number of ['7', '8', '12']) {
        if (projectId === projectIdOf(year, number)) cards.set(number, card);
      }
    }
    return cards;
  }

  /** What the card's inputs hold, by id, as Teams sends them with an action. */
  function inputValues(card: Card): Record<string, string> {
    return Object.fromEntries(
      inputsOf(card).map((input) => [
        String(input['id']),
        typeof input['value'] === 'string' ? input['value'] : '',
      ]),
    );
  }

  /** The owner presses "Versturen" on the card after typing the answer: every input goes along. */
  async function submit(card: Card, given: OwnerAnswer): Promise<void> {
    const note = (field: Note['field']) => given.notes.find((candidate) => candidate.field === field);
    const response = await executeAction(botUrl, given.owner, connector.url, 'submitStatus', {
      ...actionData(card, 'submitStatus'),
      ...inputValues(card),
      status: given.status,
      ...(given.achieved ? { achieved: given.achieved } : {}),
      answer: given.answer,
      deviation: note('deviation')?.text ?? '',
      deviationAt: note('deviation')?.at ?? '',
      financial: note('financial')?.text ?? '',
      financialAt: note('financial')?.at ?? '',
    });
    assert.equal(response.status, 200);
    assert.match(JSON.stringify(response.body), /Opgeslagen/, `project ${given.number}`);
  }

  /** Compiles the round by chat and downloads both files through the card's links. */
  async function compile(command: string) {
    const [reply] = await say(command);
    const card = cardOf(reply?.activity);
    const link = (extension: string) =>
      card.actions.find((action) => action.title.includes(extension))?.url ?? '';
    assert.match(link('.docx'), new RegExp(`^${botUrl}/`));
    assert.match(link('.md'), new RegExp(`^${botUrl}/`));
    const docx = await fetch(link('.docx'));
    assert.equal(docx.status, 200);
    const unzipped = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const part = (path: string) => {
      const bytes = unzipped[path];
      assert.ok(bytes, `the .docx has ${path}`);
      return strFromU8(bytes);
    };
    const markdown = await fetch(link('.md'));
    assert.equal(markdown.status, 200);
    return {
      card,
      paragraphs: wordParagraphs(part('word/document.xml')),
      footnotes: wordFootnotes(part('word/footnotes.xml')),
      markdown: await markdown.text(),
    };
  }

  before(async function () {
    connector = await new RecordingConnector().start();
    files = await new FileHost().start();
    ({ app, botUrl } = await startTestApp(
      { COORDINATORS: coordinator.aadObjectId, FILE_DOWNLOAD_HOSTS: '127.0.0.1' },
      { clock },
    ));
    for (const user of [coordinator, megan, lee]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(3);
  });

  after(async function () {
    await app.close();
    await files.stop();
    await connector.stop();
  });

  it('recognises the jaarverslag 2022 and writes its published answers into the register sheet', async function () {
    const card = await sendFile('jaarverslag-2022.txt', readFileSync(REPORT));

    assert.match(card.text, /3 projecten herkend in jaarverslag-2022\.txt/);
    assert.match(card.text, /Dit is het jaarverslag 2022\./);
    assert.match(card.text, /De 3 gepubliceerde antwoorden gaan mee in het blad/);
    assert.match(
      card.text,
      /"regels 3–4: ".*"Hebben we bereikt met wat we wilden gaan doen\? De laatste formulieren zijn in december omgezet\./,
      'the stretch it could not place, by line',
    );
    const link = card.actions.find((action) => action.title === 'Registerblad (.xlsx)')?.url ?? '';
    assert.match(link, new RegExp(`^${botUrl}/api/register-sheets/`));
    const response = await fetch(link);
    assert.equal(response.status, 200);
    sheet = Buffer.from(await response.arrayBuffer());

    const rows = await readRegister(sheet, 'registerblad.xlsx');
    assert.deepEqual(
      rows.map((row) => [row.cells.nummer, row.cells.jaar, row.cells.ronde, row.cells.eigenaar]),
      [
        ['7', '2023', 'jaarverslag 2022', ''],
        ['8', '2023', 'jaarverslag 2022', ''],
        ['12', '2023', 'jaarverslag 2022', ''],
      ],
    );
    const twelve = rows.find((row) => row.cells.nummer === '12')?.cells;
    assert.ok(twelve);
    assert.equal(twelve.antwoord, PUBLISHED_12);
    assert.equal(twelve.afwijkingBij, 'voorjaar');
    assert.equal(
      twelve.afwijking,
      '(Oorspronkelijk gepland voor het najaar van 2022; de inschrijvingen lagen ver boven het budget.)',
    );
    assert.equal(twelve.financieelBij, 'budget');
    assert.equal(twelve.financieel, 'Een extra krediet van € 250.000 is niet aangevraagd.');
    assert.match(
      rows[0]?.cells.antwoord ?? '',
      /Dienstverlening\.\n\nHet gebruik is in het tweede halfjaar verdubbeld\.$/,
      'paragraphs survive the sheet',
    );
  });

  it('imports the sheet with its owners and keeps the published answers', async function () {
    const card = await sendFile('registerblad.xlsx', await withOwners(sheet));

    assert.match(card.text, /Register ingelezen uit registerblad\.xlsx/);
    assert.match(card.text, /3 nieuw, 0 gewijzigd, 0 ongewijzigd/);
    assert.match(
      card.text,
      /3 gepubliceerde antwoorden uit het jaarverslag 2022 bewaard: daarmee wordt de voortgangsrapportage 2023 vooringevuld\./,
    );
  });

  let progressCards: Map<string, Card>;

  it('opens the voortgangsrapportage 2023 with the published answers pre-filled, the status left to choose', async function () {
    const sent = await say('ronde open voortgangsrapportage 2023 tot 1-7-2023', 4);
    progressCards = new Map([...cardsFor(sent, megan, 2023), ...cardsFor(sent, lee, 2023)]);
    assert.deepEqual([...progressCards.keys()].sort(), ['12', '7', '8']);

    const card = progressCards.get('12');
    assert.ok(card);
    assert.equal(cardsFor(sent, lee, 2023).size, 1, 'the owner of 12 gets its card');
    const values = inputValues(card);
    assert.equal(values['answer'], PUBLISHED_12);
    assert.equal(values['deviationAt'], 'voorjaar');
    assert.equal(values['financialAt'], 'budget');
    assert.equal(values['status'], '');
    assert.match(
      visibleText(card),
      /Vooringevuld met de tekst uit het jaarverslag 2022 zoals die is gepubliceerd/,
    );
  });

  it('takes the owners’ answers through Action.Execute', async function () {
    for (const given of PROGRESS) {
      const card = progressCards.get(given.number);
      assert.ok(card);
      await submit(card, given);
    }
  });

  it('takes a jaarverslag 2023 answer, without review', async function () {
    const sent = await say('ronde open jaarverslag 2023 tot 1-3-2024 zonder beoordeling', 4);
    const card = cardsFor(sent, lee, 2023).get('12');
    assert.ok(card);
    assert.equal(
      inputValues(card)['answer'],
      PROGRESS[2]?.answer,
      'the jaarverslag starts from the voortgangsrapportage the bot ran',
    );
    await submit(card, ANNUAL);
  });

  it('compiles the voortgangsrapportage 2023 with every answer as typed and each note after its words', async function () {
    const { card, paragraphs, footnotes, markdown } = await compile('voortgangsrapportage 2023');
    assert.match(card.text, /3 van 3 projecten beantwoord; 4 voetnoten/);

    for (const given of PROGRESS) assertAnswerInWord(paragraphs, footnotes, STAND_VAN_ZAKEN, given);
    assert.deepEqual([...footnotes.keys()], [1, 2, 3, 4], 'the four notes, numbered through the chapter');
    for (const paragraph of paragraphs) {
      assert.doesNotMatch(paragraph.text, /(?:^|\? )(?:Ja|Deels|Nee)\. /, 'no bereikt glued to an answer');
    }
    assert.ok(!paragraphs.some((paragraph) => paragraph.text.includes('aanbesteding is in het voorjaar')));

    for (const line of [
      `**${STAND_VAN_ZAKEN}** Alle twintig formulieren staan online[^1] \\& worden \\> 1.000 keer per week gebruikt; het beheer ligt bij het team Dienstverlening.`,
      '1\\. De koppeling met de basisregistratie volgt in het voorjaar.\\',
      '2\\. De teksten gaan naar taalniveau B1 \\<eenvoudig\\>.',
      `**${STAND_VAN_ZAKEN}** Het loket is open; de aansluiting van Uithoorn \\& Aalsmeer[^2] volgt na de zomer.`,
      `**${STAND_VAN_ZAKEN}** De aanbesteding is opnieuw gestart; de gunning volgt[^3] in het najaar, binnen het budget[^4] van € 4,2 mln.`,
      'De stappen:\\',
      '1\\. het ontwerp bijstellen met de architect;\\',
      '2\\. de vergunning aanvragen bĳ de provincie \\& het waterschap.',
      '[^1]: De koppeling was voor 2022 gepland.',
      '[^2]: De gemeenteraden besloten later dan verwacht.',
      '[^3]: De eerste aanbesteding leverde geen geldige inschrijving op.',
      '[^4]: Het budget is met € 250.000 verhoogd \\<na besluit van de raad\\>.',
    ]) {
      assert.ok(markdown.split('\n').includes(line), `the .md has the line\n${line}\nin\n${markdown}`);
    }
  });

  it('compiles the jaarverslag 2023 the same way, bereikt in the overview and not in the prose', async function () {
    const { card, paragraphs, footnotes, markdown } = await compile('jaarverslag 2023');
    assert.match(card.text, /1 van 3 projecten beantwoord; 1 voetnoot/);

    assertAnswerInWord(paragraphs, footnotes, BEREIKT, ANNUAL);
    assert.ok(
      paragraphs.some((paragraph) => paragraph.text === '● Deels'),
      'bereikt stands in the overview, with its marker',
    );
    assert.match(markdown, /^\| 12 \| Huisvesting \| Vertraagd \| Deels \| /m);
    assert.deepEqual([...footnotes.keys()], [1]);
    for (const paragraph of paragraphs) {
      assert.doesNotMatch(paragraph.text, /(?:^|\? )(?:Ja|Deels|Nee)\. /, 'no bereikt glued to an answer');
    }
    for (const line of [
      `**${BEREIKT}** De verbouwing begon in oktober; de eerste verdieping[^1] met de "flexplekken" is sinds december in gebruik.`,
      "De tweede verdieping volgt in 2024 \\& de kelder daarna ('s zomers).",
      '[^1]: De levering van de puien liep drie maanden uit.',
    ]) {
      assert.ok(markdown.split('\n').includes(line), `the .md has the line\n${line}\nin\n${markdown}`);
    }
  });
});
