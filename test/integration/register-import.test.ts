import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describeProblem, importRegister } from '../../src/domain/use-cases/import-register';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { openCosmosStore, type CosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { readRegister, SpreadsheetError } from '../../src/infrastructure/spreadsheet';
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
      assert.ok(error instanceof SpreadsheetError);
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

    const result = await importRegister({ rows }, repositories);

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
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: cosmos.database,
      COORDINATORS: 'carla@contoso.nl',
    };
    const cli = (...args: string[]) =>
      run(process.execPath, [join(projectRoot(), 'dist', 'src', 'cli.js'), ...args], { env });

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
    const filled = readFileSync(sheet, 'utf8').replace(
      /^("4\.2\.\d";"[^"]*";"[^"]*";)"";(.*;)""\r$/gm,
      '$1"a@b.nl";$2"2022"\r',
    );
    writeFileSync(sheet, filled);
    const fromReport = await cli('import', sheet);
    assert.match(fromReport.stdout, /Ingelezen: 2 nieuw/);
    assert.match(fromReport.stdout, /\+ 2022 4\.2\.4 Borgen zaakgericht werken/);

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
});
