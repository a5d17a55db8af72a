import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { systemClock } from '../../src/domain/clock';
import {
  describeProblem,
  importRegister,
  RegisterFileError,
} from '../../src/domain/use-cases/import-register';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { openCosmosStore, type CosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { readRegister } from '../../src/infrastructure/spreadsheet';
import { projectRoot } from '../../src/project-root';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';

const run = promisify(execFile);
const CSV = join(projectRoot(), 'test', 'fixtures', 'register', 'register.csv');

describe('importing the register from a spreadsheet', function () {
  this.timeout(60_000);
  let store: CosmosStore;
  let cosmos: Awaited<ReturnType<typeof freshCosmosConfig>>;

  before(async function () {
    cosmos = await freshCosmosConfig();
    store = await openCosmosStore(cosmos);
  });

  after(function () {
    store.dispose();
  });

  /** The command line, against this test's database, as a coordinator runs it. */
  const cli = (...args: string[]) =>
    run(process.execPath, [join(projectRoot(), 'dist', 'src', 'cli.js'), ...args], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
        COORDINATORS: 'carla@contoso.nl',
      },
    });

  it('reads a ;-separated CSV with a BOM, quoted line breaks and several owners', async function () {
    const rows = await readRegister(readFileSync(CSV), 'register.csv');

    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.row, 2, 'numbered as in the sheet');
    assert.equal(rows[0].cells.activiteiten, 'Regel een\nRegel twee; met puntkomma');
    assert.equal(rows[1]?.cells.speerpunt, 'Financiën');
  });

  it('reads a ,-separated CSV and an .xlsx the same way', async function () {
    const comma = 'nr,titel,speerpunt,eigenaar,jaar\n7,Zeven,Kwaliteit,a@b.nl,2021\n';
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(['Nummer', 'Titel', 'Speerpunt', 'Eigenaar', 'Jaar']);
    sheet.addRow(['7', 'Zeven', 'Kwaliteit', 'a@b.nl', 2021]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    for (const [bytes, name] of [
      [Buffer.from(comma), 'r.csv'],
      [xlsx, 'r.xlsx'],
    ] as const) {
      const rows = await readRegister(bytes, name);
      assert.deepEqual(rows, [
        {
          row: 2,
          cells: { nummer: '7', titel: 'Zeven', speerpunt: 'Kwaliteit', eigenaar: 'a@b.nl', jaar: '2021' },
        },
      ]);
    }
  });

  it('refuses a sheet without the needed columns, naming them', async function () {
    await assert.rejects(readRegister(Buffer.from('a;b\n1;2\n'), 'x.csv'), (error: unknown) => {
      assert.ok(error instanceof RegisterFileError);
      assert.equal(error.detail, 'nummer, titel, speerpunt, eigenaar');
      return true;
    });
  });

  it('stores nothing when any row is wrong, and lists every problem by row', async function () {
    const repositories = cosmosRepositories(store);
    const rows = [
      { row: 2, cells: { nummer: '1', titel: 'Goed', speerpunt: 'K', eigenaar: 'a@b.nl', jaar: '2021' } },
      { row: 3, cells: { nummer: 'x.1', titel: 'T', speerpunt: 'K', eigenaar: 'a@b.nl', jaar: '2021' } },
      { row: 4, cells: { nummer: '1', titel: 'Dubbel', speerpunt: 'K', eigenaar: 'a@b.nl', jaar: '2021' } },
      { row: 5, cells: { nummer: '5', titel: 'T', speerpunt: 'K', eigenaar: 'geen adres', jaar: '2021' } },
    ];

    const result = await importRegister({ rows }, { ...repositories, clock: systemClock });

    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => describeProblem(problem, 'nl')),
      [
        'rij 3: nummer "x.1" kan niet',
        'rij 4: project 1 staat ook in rij 2',
        'rij 5: eigenaar "geen" kan niet',
      ],
    );
    assert.equal(
      describeProblem(result.problems[0] ?? assert.fail(), 'en'),
      'row 3: number "x.1" is not valid',
    );
    assert.deepEqual(await repositories.projects.listByYear(2021), []);
  });

  it('through the CLI: imports, reports what changed on a re-import, and compiles the chapter', async function () {
    const first = await cli('import', CSV);
    assert.match(first.stdout, /Ingelezen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd\./);
    const projects = await cosmosRepositories(store).projects.listByYear(2021);
    assert.deepEqual(projects.find((project) => project.number === '4.2.3')?.owners, [
      'm.bowen@contoso.nl',
      'lee.gu@contoso.nl',
    ]);

    const changed = join(mkdtempSync(join(tmpdir(), 'register-')), 'register.csv');
    writeFileSync(changed, readFileSync(CSV, 'utf8').replace('Begroting;', 'Begroting meerjarig;'));
    const second = await cli('import', changed);
    assert.match(second.stdout, /Ingelezen: 0 nieuw, 1 gewijzigd, 1 ongewijzigd\./);
    assert.match(second.stdout, /~ 2021 2 Begroting meerjarig: titel/);

    const sheet = join(mkdtempSync(join(tmpdir(), 'report-')), 'uit-rapport.csv');
    const example = join(
      projectRoot(),
      'test',
      'fixtures',
      'report',
      'voortgangsrapportage-2021-excerpt.txt',
    );
    const recognised = await cli('import-report', example, '--sheet', sheet);
    assert.match(recognised.stdout, /Herkend: 2 projecten\./);
    assert.match(
      recognised.stdout,
      /4\.2\.4 Borgen zaakgericht werken in de vier organisaties \(regel \d+\), speerpunt Kwaliteit/,
    );
    const jaarverslag = await cli(
      'import-report',
      join(projectRoot(), 'test', 'fixtures', 'report', 'jaarverslag-2022-excerpt.txt'),
    );
    assert.match(jaarverslag.stdout, /Herkend: 3 projecten\./);
    assert.match(jaarverslag.stdout, /Soort: jaarverslag 2022, uit de verleden tijd van de vragen\./);
    assert.match(
      jaarverslag.stdout,
      /regels 3–4: Hebben we bereikt met wat we wilden gaan doen\? De laatste formulieren/,
    );
    assert.match(jaarverslag.stdout, /12 Huisvesting \(regel 38\), speerpunt Bedrijfsvoering/);
    assert.match(jaarverslag.stdout, /voetnoot 3 \(regel 46\) na ‘voorjaar’: \(Oorspronkelijk gepland/);
    // The coordinator fills in the owners and the year, and says where the answers were published.
    const table: string[][] = parse(readFileSync(sheet, 'utf8'), { delimiter: ';', bom: true });
    const heading = table[0] ?? [];
    const at = (name: string) => heading.indexOf(name);
    assert.deepEqual(
      [at('eigenaar'), at('jaar'), at('gepubliceerd in'), at('gepubliceerd antwoord')].map((i) => i >= 0),
      [true, true, true, true],
    );
    const filled = table
      .map((row, index) => {
        if (index === 0) return row;
        const copy = [...row];
        copy[at('eigenaar')] = 'a@b.nl';
        copy[at('jaar')] = '2022';
        copy[at('gepubliceerd in')] = 'voortgangsrapportage 2021';
        return copy;
      })
      .map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(';'))
      .join('\r\n');
    writeFileSync(sheet, filled);
    const fromReport = await cli('import', sheet);
    assert.match(fromReport.stdout, /Ingelezen: 2 nieuw/);
    assert.match(fromReport.stdout, /\+ 2022 4\.2\.4 Borgen zaakgericht werken/);
    assert.match(
      fromReport.stdout,
      /Gepubliceerde antwoorden uit voortgangsrapportage 2021: 1 nieuw, 0 gewijzigd, 0 ongewijzigd\. Daarmee wordt jaarverslag 2021 vooringevuld\./,
    );

    await assert.rejects(cli('round', 'open', 'voortgangsrapportage', '2099', '--deadline', '2099-07-01'), {
      code: 1,
      stderr: 'Er staan geen projecten voor dit jaar in het register.\n',
    });
    const opened = await cli('round', 'open', 'voortgangsrapportage', '2021', '--deadline', '2099-07-01');
    assert.match(opened.stdout, /voortgangsrapportage-2021 is geopend, deadline 2099-07-01: 3 kaarten/);

    const out = mkdtempSync(join(tmpdir(), 'chapter-'));
    const compiled = await cli('compile', 'voortgangsrapportage', '2021', '--out', out);
    assert.match(compiled.stdout, /Voortgangsrapportage 2021: 0 van 2 beantwoord/);
    const markdown = readFileSync(join(out, 'voortgangsrapportage-2021.md'), 'utf8');
    assert.match(markdown, /### 4\.2\.3 Integrale dienstverlening/);
    assert.match(markdown, /NOG GEEN ANTWOORD ONTVANGEN/);
    assert.equal(readFileSync(join(out, 'voortgangsrapportage-2021.docx')).subarray(0, 2).toString(), 'PK');
  });

  it('keeps the answers of a published jaarverslag, with their footnote places, for the next round to start from', async function () {
    const report = join(projectRoot(), 'test', 'fixtures', 'report', 'jaarverslag-2022-excerpt.txt');
    const sheet = join(mkdtempSync(join(tmpdir(), 'jaarverslag-')), 'register.xlsx');

    const recognised = await cli('import-report', report, '--sheet', sheet);
    assert.match(recognised.stdout, /Het blad zet dat in de kolom 'gepubliceerd in'/);

    // The sheet as the bot wrote it: the year of the next round and the report's round filled in.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheet);
    const rows = workbook.worksheets[0]?.getSheetValues() ?? [];
    const heading = (rows[1] as unknown[]).map(String);
    const column = (name: string) => heading.indexOf(name);
    const cellOf = (row: number, name: string) => {
      const value = (rows[row] as unknown[])[column(name)];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    };
    assert.deepEqual(
      [2, 3, 4].map((row) => [cellOf(row, 'nummer'), cellOf(row, 'jaar'), cellOf(row, 'gepubliceerd in')]),
      [
        ['7', '2023', 'jaarverslag 2022'],
        ['8', '2023', 'jaarverslag 2022'],
        ['12', '2023', 'jaarverslag 2022'],
      ],
    );
    assert.equal(cellOf(4, 'afwijking na de woorden'), 'voorjaar');
    assert.equal(cellOf(4, 'financieel na de woorden'), 'budget');

    // A place that is not in the answer is refused, by row, and nothing is stored.
    const sheetRows = workbook.worksheets[0];
    assert.ok(sheetRows);
    for (const row of [2, 3, 4]) sheetRows.getRow(row).getCell(column('eigenaar')).value = 'a@b.nl';
    sheetRows.getRow(4).getCell(column('afwijking na de woorden')).value = 'najaar van 2024';
    await workbook.xlsx.writeFile(sheet);
    await assert.rejects(cli('import', sheet), (error: { stdout: string }) => {
      assert.match(
        error.stdout,
        /rij 4: de woorden "najaar van 2024" \(afwijking na de woorden\) staan niet in het gepubliceerde antwoord/,
      );
      return true;
    });
    const repositories = cosmosRepositories(store);
    assert.deepEqual(await repositories.projects.listByYear(2023), []);

    sheetRows.getRow(4).getCell(column('afwijking na de woorden')).value = 'voorjaar';
    await workbook.xlsx.writeFile(sheet);
    const imported = await cli('import', sheet);
    assert.match(
      imported.stdout,
      /Gepubliceerde antwoorden uit jaarverslag 2022: 3 nieuw, 0 gewijzigd, 0 ongewijzigd\. Daarmee wordt voortgangsrapportage 2023 vooringevuld\./,
    );
    const again = await cli('import', sheet);
    assert.match(again.stdout, /jaarverslag 2022: 0 nieuw, 0 gewijzigd, 3 ongewijzigd/);

    await cli('round', 'open', 'voortgangsrapportage', '2023', '--deadline', '2099-07-01');
    const update = await repositories.statusUpdates.get('voortgangsrapportage-2023', '2023:12');
    const answer = cellOf(4, 'gepubliceerd antwoord');
    assert.ok(answer.includes('voorjaar') && answer.includes('budget'), answer);
    assert.deepEqual(update?.value.previous, {
      roundId: 'jaarverslag-2022',
      published: true,
      fields: {
        status: 'op-schema',
        answer,
        deviation:
          '(Oorspronkelijk gepland voor het najaar van 2022; de inschrijvingen lagen ver boven het budget.)',
        deviationAt: 'voorjaar',
        financial: 'Een extra krediet van € 250.000 is niet aangevraagd.',
        financialAt: 'budget',
      },
    });
    // The bot's own rounds are not touched: the published answers live apart.
    assert.deepEqual(await repositories.statusUpdates.listByRound('jaarverslag-2022'), []);
  });
});
