import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerVersion, Project, Round, StatusUpdate } from '../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../src/domain/reminder-plan';
import { answerSheetRows } from '../src/domain/use-cases/answer-sheet';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { renderAnswerSheet } from '../src/report/answer-sheet';

const log = logger.child({ module: 'render-answer-sheet' });

/** The page in inches, the picture's resolution, and how much of the page's height it shows. */
const A4_LANDSCAPE = { width: 297 / 25.4, height: 210 / 25.4 };
const DPI = 200;
const SHOWN = 0.22;

const ROUND: Round = {
  id: 'jaarverslag-2021',
  kind: 'jaarverslag',
  year: 2021,
  deadline: '2022-01-31',
  status: 'open',
  openedAt: '2021-12-01T08:00:00.000Z',
  openedBy: 'coordinator',
  reminderPlan: DEFAULT_REMINDER_PLAN,
  review: true,
};

function project(number: string, title: string, speerpunt: string, owners: readonly string[]): Project {
  return { id: `2021:${number}`, year: 2021, number, title, speerpunt, goal: '', activities: '', owners };
}

function version(at: string, fields: Partial<AnswerVersion> & Pick<AnswerVersion, 'answer'>): AnswerVersion {
  return {
    status: 'op-schema',
    achieved: 'ja',
    answeredAt: at,
    answeredBy: 'owner',
    answeredByName: 'Megan Bowen',
    ...fields,
  };
}

const LONG =
  'Recent zijn de visie en ambities op dit onderwerp bij de verschillende DUO-werkgevers, het bestuur van ' +
  'Duo+ én de colleges opgehaald. Met deze opbrengst wordt een kader vormgegeven, waarmee het panel, onder ' +
  'leiding van de teamleider PenO, aan de slag gaat.\n\nDe verwachting is dat het panel in het voorjaar van ' +
  '2022 een gedragen concept-visie ter besluitvorming kan aanbieden. Als startpunt zal een nulmeting moeten ' +
  'plaatsvinden; hierna kan deze meting zich jaarlijks herhalen.';

/** A jaarverslag with review: sent back and approved versions, a delegate, a project never answered. */
const UPDATES: StatusUpdate[] = [
  {
    id: '2021:4.2.2',
    roundId: ROUND.id,
    project: project('4.2.2', 'Inclusief werkgeverschap', 'Kwaliteit', ['megan.bowen@gemeente.nl']),
    versions: [
      version('2021-12-06T09:12:00.000Z', {
        answer: 'Het panel werkt aan een concept-visie.',
        achieved: 'deels',
      }),
      version('2021-12-08T14:40:00.000Z', {
        status: 'vertraagd',
        achieved: 'deels',
        answer: LONG,
        deviation:
          'Oorspronkelijk gepland voor het derde kwartaal van 2021; de motie in Diemen verbreedde de opdracht.',
        deviationAt: 'voorjaar',
        expectedCompletion: { quarter: 2, year: 2022 },
      }),
    ],
    decisions: [
      {
        version: 1,
        decision: 'sentBack',
        comment: 'Noem wanneer de visie nu wordt verwacht, en waarom later.',
        by: 'c',
        byName: 'Alex Wilber',
        at: '2021-12-07T10:05:00.000Z',
      },
      { version: 2, decision: 'approved', by: 'c', byName: 'Alex Wilber', at: '2021-12-09T08:30:00.000Z' },
    ],
  },
  {
    id: '2021:4.2.3',
    roundId: ROUND.id,
    project: project('4.2.3', 'Integrale dienstverlening afdeling bedrijfsvoering', 'Kwaliteit', [
      'megan.bowen@gemeente.nl',
    ]),
    versions: [
      version('2021-12-10T11:20:00.000Z', {
        answer:
          'Deze ontwikkeling loopt mee in het Programma Integrale Dienstverlening. Daarin is bepaald dat de bedrijfsvoering de basis is waarop alle dienstverlenende processen hun bodem vinden.',
        financial: 'Extra budget van € 40.000 aangevraagd voor externe begeleiding.',
        financialAt: 'Programma Integrale Dienstverlening',
      }),
    ],
  },
  {
    id: '2021:4.2.4',
    roundId: ROUND.id,
    project: project('4.2.4', 'Borgen zaakgericht werken in de vier organisaties', 'Kwaliteit', [
      'j.devries@gemeente.nl',
    ]),
    versions: [
      version('2021-12-13T16:02:00.000Z', {
        answer: 'Zaakgericht werken is in drie van de vier organisaties geborgd; de vierde volgt in maart.',
        achieved: 'deels',
        status: 'vertraagd',
        expectedCompletion: { quarter: 1, year: 2022 },
        answeredByName: 'Nina Kwaliteit',
      }),
    ],
    delegations: [
      { to: 'nina.kwaliteit@gemeente.nl', by: 'j.devries@gemeente.nl', at: '2021-12-02T09:00:00.000Z' },
    ],
  },
  {
    id: '2021:2',
    roundId: ROUND.id,
    project: project('2', 'Begroting meerjarig sluitend', 'Financiën', ['p.bakker@gemeente.nl']),
    versions: [
      version('2021-12-03T08:45:00.000Z', { answer: 'De begroting 2022 is sluitend.', status: 'afgerond' }),
    ],
    decisions: [
      { version: 1, decision: 'approved', by: 'c', byName: 'Bea Jansen', at: '2021-12-03T13:15:00.000Z' },
    ],
  },
  {
    id: '2021:10',
    roundId: ROUND.id,
    project: project('10', 'Digitale dienstverlening', 'Financiën', ['p.bakker@gemeente.nl']),
    versions: [],
  },
];

/**
 * The answers of a jaarverslag with review as a sheet (.xlsx), opened in LibreOffice Calc
 * (headless, to PDF) and its first page turned into a picture by pdftoppm: `path`. Part of
 * `npm run screenshot`; on its own: `node dist/scripts/render-answer-sheet.js`.
 */
export async function renderAnswerSheetPicture(path: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'answer-sheet-'));
  try {
    const rows = answerSheetRows(UPDATES, { scope: 'all' });
    const file = join(work, 'antwoorden.xlsx');
    writeFileSync(
      file,
      await renderAnswerSheet(
        { round: ROUND, rows, projects: UPDATES.length, answered: 4 },
        new Date('2021-12-14T09:00:00.000Z'),
      ),
    );
    execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, file], {
      stdio: 'ignore',
    });
    // The first page, the Dutch sheet, sharp enough to read; only its top, where the rows are.
    execFileSync('pdftoppm', [
      ...['-png', '-r', String(DPI), '-f', '1', '-l', '1', '-singlefile'],
      ...[
        '-x',
        '0',
        '-y',
        '0',
        '-W',
        String(Math.round(A4_LANDSCAPE.width * DPI)),
        '-H',
        String(Math.round(A4_LANDSCAPE.height * DPI * SHOWN)),
      ],
      join(work, 'antwoorden.pdf'),
      join(work, 'page'),
    ]);
    const [first] = readdirSync(work).filter((name) => name.startsWith('page') && name.endsWith('.png'));
    if (!first) throw new Error('pdftoppm made no picture');
    renameSync(join(work, first), path);
    log.info(`wrote ${path}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  renderAnswerSheetPicture(join(projectRoot(), 'docs', 'screenshots', 'answers-sheet.png')).catch(
    (error: unknown) => {
      log.fatal(
        { err: error },
        'rendering the answer sheet failed (are libreoffice and pdftoppm installed?)',
      );
      process.exit(1);
    },
  );
}
