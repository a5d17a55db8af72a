import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type ExcelJS from 'exceljs';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, visibleText, type Card } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { projectRoot } from '../../src/project-root';
import { startTestApp } from '../support/test-app';
import { readWorkbook } from '../support/workbook';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000003',
  name: 'Megan Bowen',
};
/** Owns project 3 and was handed project 2 for this round: reads only those two. */
const colleague: TestUser = {
  id: '29:colleague',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000006',
  name: 'Nina Kwaliteit',
};

const ROUND_ID = 'jaarverslag-2021';

function project(number: string, speerpunt: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt,
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners,
  };
}

/** A worksheet's rows under the header, each as its cells' values (column 1 first). */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  assert.ok(sheet);
  const rows: unknown[][] = [];
  sheet.eachRow((row, index) => {
    // exceljs leaves holes for empty cells: read them as undefined.
    if (index > 1) rows.push(Array.from((row.values as unknown[]).slice(1)));
  });
  return rows;
}

describe("the round's answers as a sheet, through the real server, CloudAdapter and local Cosmos", function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const clock = new FixedClock(new Date('2021-12-01T08:00:00Z'));
  let compiled: Card;
  let sheetLink: string;
  let workbook: ExcelJS.Workbook;
  let cosmosEnv: Record<string, string>;

  const say = async (user: TestUser, text: string, replies = 1): Promise<Card[]> => {
    connector.clear();
    const response = await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    assert.ok(response.status < 300, `status ${response.status}`);
    return (await connector.waitForActivities(replies)).map(
      (recorded) => recorded.activity.attachments?.[0]?.content ?? {},
    );
  };

  const invoke = async (user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> => {
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
  };

  const submit = (by: TestUser, number: string, fields: Record<string, string>) =>
    invoke(by, 'submitStatus', {
      roundId: ROUND_ID,
      projectId: projectIdOf(2021, number),
      status: 'op-schema',
      achieved: 'ja',
      ...fields,
    });

  /** The coordinator decides on the one answer waiting for them. */
  const decide = async (decision: 'approved' | 'sentBack', comment = '') => {
    const [review] = await say(coordinator, 'beoordelen', 2);
    assert.ok(review);
    await invoke(coordinator, 'reviewDecision', {
      ...actionData(review, 'reviewDecision', { decision }),
      reviewComment: comment,
    });
  };

  const sheetUrlOn = (card: Card): string => {
    const actions = (card['actions'] ?? []) as { type: string; title: string; url?: string }[];
    const found = actions.find(
      (action) => action.type === 'Action.OpenUrl' && action.title.includes('.xlsx'),
    );
    assert.ok(found?.url, `no sheet link on ${JSON.stringify(actions)}`);
    return found.url;
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    const started = await startTestApp(
      { COORDINATORS: coordinator.aadObjectId, SPEERPUNT_REVIEWERS: '' },
      { clock },
    );
    ({ app, botUrl } = started);
    cosmosEnv = {
      COSMOS_ENDPOINT: started.cosmos.endpoint,
      COSMOS_KEY: started.cosmos.key ?? '',
      COSMOS_DATABASE: started.cosmos.database,
    };
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([
      project('1', 'Dienstverlening', [owner.aadObjectId]),
      project('2', 'Dienstverlening', [owner.aadObjectId]),
      project('3', 'Kwaliteit', [colleague.aadObjectId]),
      project('10', 'Kwaliteit', [owner.aadObjectId]),
    ]);
    for (const user of [coordinator, owner, colleague]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(3);
    // Four cards and the confirmation.
    await say(coordinator, 'ronde open jaarverslag 2021 tot 1-2-2022', 5);

    clock.advance({ minutes: 5 });
    await submit(owner, '1', {
      answer: 'De oplevering is nu voorzien in het voorjaar van 2023.',
      deviation: 'Oorspronkelijk gepland voor eind 2022.',
    });
    clock.advance({ minutes: 5 });
    await decide('sentBack', 'Zet de voetnoot bij het voorjaar.');
    clock.advance({ minutes: 5 });
    await submit(owner, '1', {
      status: 'vertraagd',
      answer: 'De oplevering is nu voorzien in het voorjaar van 2023.',
      deviation: 'Oorspronkelijk gepland voor eind 2022.',
      deviationAt: 'voorjaar',
    });
    clock.advance({ minutes: 5 });
    await decide('approved');
    clock.advance({ minutes: 5 });
    await submit(colleague, '3', { answer: 'Loopt volgens plan.' });
    // The owner handed project 2 to the colleague for this round.
    const handed = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '2'));
    assert.ok(handed);
    assert.ok(
      await repositories.statusUpdates.replace(
        {
          ...handed.value,
          delegations: [{ to: colleague.aadObjectId, by: owner.aadObjectId, at: clock.now().toISOString() }],
        },
        handed.etag,
      ),
    );

    const [card] = await say(coordinator, 'jaarverslag 2021');
    assert.ok(card);
    compiled = card;
    sheetLink = sheetUrlOn(compiled);
    const response = await fetch(sheetLink);
    assert.equal(response.status, 200);
    workbook = await readWorkbook(Buffer.from(await response.arrayBuffer()));
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('answers the compile command with three links: Word, Markdown and the answers as a sheet', function () {
    const actions = (compiled['actions'] ?? []) as { type: string; title: string; url: string }[];

    assert.deepEqual(
      actions.map((action) => [action.type, action.title]),
      [
        ['Action.OpenUrl', 'Word (.docx)'],
        ['Action.OpenUrl', 'Markdown (.md)'],
        ['Action.OpenUrl', 'Antwoorden (.xlsx)'],
      ],
    );
    assert.match(
      sheetLink,
      new RegExp(`^${botUrl}/api/answer-sheets/alle/jaarverslag-2021-antwoorden\\.xlsx\\?expires=\\d+&sig=`),
    );
    // The same expiry as the chapter's links.
    const expiry = (url: string) => /expires=(\d+)/.exec(url)?.[1];
    assert.equal(expiry(sheetLink), expiry(actions[0]?.url ?? ''));
  });

  it('serves the sheet as an .xlsx download, made at the moment of download', async function () {
    await submit(owner, '10', { answer: 'Afgerond in november.' });

    const response = await fetch(sheetLink);
    const later = await readWorkbook(Buffer.from(await response.arrayBuffer()));

    assert.equal(
      response.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /filename="jaarverslag-2021-antwoorden\.xlsx"/,
    );
    assert.equal(response.headers.get('cache-control'), 'no-store');
    // The answer stored after the link was given out is in it.
    const last = rowsOf(later.getWorksheet('Antwoorden')).at(-1);
    assert.deepEqual([last?.[0], last?.[7], last?.[13]], ['10', 'Afgerond in november.', 1]);
  });

  it('lists every project and version, a project never answered as one empty row', function () {
    const rows = rowsOf(workbook.getWorksheet('Antwoorden'));

    assert.deepEqual(
      rows.map((row) => [row[0], row[13]]),
      [
        ['1', 1],
        ['1', 2],
        ['2', undefined],
        ['3', 1],
        ['10', undefined],
      ],
    );
    assert.deepEqual(rows[4], ['10', 'Project 10', 'Kwaliteit', owner.aadObjectId]);
  });

  it('puts with each version its review decision, by whom, when (in Amsterdam time) and why', function () {
    const [first, second, , third] = rowsOf(workbook.getWorksheet('Antwoorden'));

    assert.deepEqual(first?.slice(14), [
      'Megan Bowen',
      new Date('2021-12-01T09:05:00Z'),
      'Teruggestuurd',
      'Alex Wilber',
      new Date('2021-12-01T09:10:00Z'),
      'Zet de voetnoot bij het voorjaar.',
    ]);
    assert.deepEqual(second?.slice(14, 19), [
      'Megan Bowen',
      new Date('2021-12-01T09:15:00Z'),
      'Goedgekeurd',
      'Alex Wilber',
      new Date('2021-12-01T09:20:00Z'),
    ]);
    assert.deepEqual(third?.slice(14), ['Nina Kwaliteit', new Date('2021-12-01T09:25:00Z')]);
  });

  it('shows the deviation and the words it goes with, and the delegate', function () {
    const [first, second, delegated] = rowsOf(workbook.getWorksheet('Antwoorden'));

    assert.deepEqual(first?.slice(5, 10), [
      'Op schema',
      'Ja',
      'De oplevering is nu voorzien in het voorjaar van 2023.',
      'Oorspronkelijk gepland voor eind 2022.',
      undefined,
    ]);
    assert.deepEqual(second?.slice(5, 10), [
      'Vertraagd',
      'Ja',
      'De oplevering is nu voorzien in het voorjaar van 2023.',
      'Oorspronkelijk gepland voor eind 2022.',
      'voorjaar',
    ]);
    // Never answered: nothing after the delegate.
    assert.deepEqual(delegated?.slice(3), [owner.aadObjectId, colleague.aadObjectId]);
  });

  it('filters on the header row and freezes the header and the number column', function () {
    for (const sheet of workbook.worksheets) {
      assert.equal(sheet.autoFilter, 'A1:T6', sheet.name);
      assert.deepEqual(
        sheet.views.map((view) => {
          const { state, xSplit, ySplit } = view as ExcelJS.WorksheetViewFrozen;
          return { state, xSplit, ySplit };
        }),
        [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
        sheet.name,
      );
      assert.equal(sheet.pageSetup.orientation, 'landscape');
      assert.equal(sheet.pageSetup.fitToWidth, 1);
    }
  });

  it('has the same rows on an English sheet, with English column names and words', function () {
    const english = workbook.getWorksheet('Answers');
    assert.ok(english);
    const header = (english.getRow(1).values as unknown[]).slice(1);
    const rows = rowsOf(english);

    assert.deepEqual(header.slice(0, 3), ['Number', 'Title', 'Speerpunt (theme)']);
    assert.equal(header[16], 'Review decision');
    assert.deepEqual(
      rows.map((row) => [row[0], row[13], row[16]]),
      [
        ['1', 1, 'Sent back'],
        ['1', 2, 'Approved'],
        ['2', undefined, undefined],
        ['3', 1, undefined],
        ['10', undefined, undefined],
      ],
    );
    assert.equal(rows[1]?.[5], 'Delayed');
  });

  it('gives someone who may not read everything, from their summary, only their own and delegated rows', async function () {
    const [summary] = await say(colleague, 'samenvatting jaarverslag 2021');
    assert.ok(summary);
    assert.match(visibleText(summary), /Alleen uw eigen projecten/);
    const link = sheetUrlOn(summary);
    assert.match(
      link,
      new RegExp(`/api/answer-sheets/${colleague.aadObjectId}/jaarverslag-2021-antwoorden\\.xlsx\\?`),
    );

    const own = await readWorkbook(Buffer.from(await (await fetch(link)).arrayBuffer()));

    for (const sheet of own.worksheets) {
      assert.deepEqual(
        rowsOf(sheet).map((row) => row[0]),
        ['2', '3'],
        sheet.name,
      );
      assert.equal(sheet.autoFilter, 'A1:T3');
    }
  });

  it('gives a coordinator, from the summary too, the link to every row', async function () {
    const [summary] = await say(coordinator, 'samenvatting jaarverslag 2021');
    assert.ok(summary);

    assert.match(sheetUrlOn(summary), /\/api\/answer-sheets\/alle\/jaarverslag-2021-antwoorden\.xlsx\?/);
  });

  it('refuses a link whose reader, round or signature was changed, without saying what exists', async function () {
    const [summary] = await say(colleague, 'samenvatting jaarverslag 2021');
    assert.ok(summary);
    const own = sheetUrlOn(summary);
    const forged = sheetLink.replace(/sig=([^&]+)/, (_, sig: string) => `sig=${sig.slice(0, -2)}AA`);
    const everything = own.replace(`/answer-sheets/${colleague.aadObjectId}/`, '/answer-sheets/alle/');
    const otherRound = sheetLink.replace('jaarverslag-2021', 'voortgangsrapportage-2021');
    const longer = sheetLink.replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 3600}`);

    for (const url of [forged, everything, otherRound, longer, sheetLink.replace(/\?.*$/, '')]) {
      const response = await fetch(url);
      assert.equal(response.status, 403, url);
      assert.doesNotMatch(await response.text(), /Project|jaarverslag/i);
    }
  });

  it('refuses a link once it has expired', async function () {
    clock.advance({ minutes: 16 });
    try {
      const response = await fetch(sheetLink);
      assert.equal(response.status, 410);
    } finally {
      clock.advance({ minutes: -16 });
    }
  });

  it('writes the same sheet from the command line: npm run cli -- export jaarverslag 2021 --out <file>', async function () {
    const folder = mkdtempSync(join(tmpdir(), 'answer-sheet-'));
    try {
      const file = join(folder, 'antwoorden.xlsx');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(projectRoot(), 'dist', 'src', 'cli.js'), 'export', 'jaarverslag', '2021', '--out', file],
        { env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...cosmosEnv } },
      );

      assert.match(stdout, /jaarverslag-2021: 5 rijen, 4 projecten, 3 beantwoord\./);
      const written = await readWorkbook(readFileSync(file));
      assert.deepEqual(
        written.worksheets.map((sheet) => rowsOf(sheet).map((row) => row[0])),
        [
          ['1', '1', '2', '3', '10'],
          ['1', '1', '2', '3', '10'],
        ],
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
