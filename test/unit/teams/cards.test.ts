import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_PLAN } from '../../../src/domain/reminder-plan';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type * as AdaptiveCards from 'adaptivecards';

import type { Language, Project, ReviewDecision, Round, StatusUpdate } from '../../../src/domain/model';
import { reviewDecidedCard, reviewQueueCard, reviewRequestCard } from '../../../src/teams/review-cards';
import type { UnreachableOwner } from '../../../src/domain/use-cases/find-unreachable-owners';
import { EMPTY_RAW_ANSWER, FIELD_LIMITS } from '../../../src/domain/answer';
import { compileChapter } from '../../../src/domain/chapter';
import type { RoundSummary } from '../../../src/domain/use-cases/summarize-round';
import { RoundNotFound } from '../../../src/domain/use-cases/choose-round';
import type { RoundProgress } from '../../../src/domain/use-cases/weekly-digest';
import type { RoundStatus } from '../../../src/domain/use-cases/round-status';
import type { RoundProgressFigures } from '../../../src/domain/progress';
import {
  PROJECT_ROUNDS_PAGE_SIZE,
  type ProjectOverRounds,
} from '../../../src/domain/use-cases/summarize-project';
import { projectRoot } from '../../../src/project-root';
import {
  CARD_NAMES,
  closeCancelledCard,
  closeQuestionCard,
  digestCard,
  documentCard,
  helpCard,
  historyCard,
  importResultCard,
  noticeCard,
  notMineCard,
  PROJECT_SUMMARY_TEXT,
  projectSummaryCard,
  registerDraftCard,
  reminderCard,
  roundClosedCard,
  roundOpenedCard,
  roundNotFoundCard,
  roundReopenedCard,
  roundStateCard,
  roundStatusCard,
  statusRequestCard,
  sentBackNoticeCard,
  statusStoredCard,
  suggestionCard,
  summaryCard,
  reminderBundleCard,
  toFillCard,
  usageCard,
  WEEKLY_MISSING_SHOWN,
  weeklyDigestCard,
  welcomeCard,
  type AdaptiveCard,
  type CardName,
} from '../../../src/teams/cards';
import { CARD_ACTIONS } from '../../../src/teams/routes';
import { TEXTS, examplesOn } from '../../../src/teams/texts';

// The package's main entry (lib/) is ES modules without file extensions, which Node cannot load;
// dist/ holds the same API as one CommonJS bundle that needs no DOM to parse and validate.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const CARDS_DIR = join(projectRoot(), 'cards');
const LANGUAGES: readonly Language[] = ['nl', 'en'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readTemplate(file: string): Json {
  return JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')) as Json;
}

const TEMPLATE_FILES = readdirSync(CARDS_DIR).filter((file) => file.endsWith('.json'));

// Fixture data ----------------------------------------------------------------------------------

const ROUNDS: Record<Language, Round> = {
  nl: {
    id: 'voortgangsrapportage-2021',
    kind: 'voortgangsrapportage',
    year: 2021,
    deadline: '2021-07-01',
    status: 'open',
    openedAt: '2021-06-01T08:00:00.000Z',
    openedBy: '0b3c8f6e-2d4a-4e1b-9a7c-5f8e1d2c3b4a',
    reminderPlan: DEFAULT_REMINDER_PLAN,
  },
  en: {
    id: 'jaarverslag-2021',
    kind: 'jaarverslag',
    year: 2021,
    deadline: '2022-01-31',
    status: 'open',
    openedAt: '2022-01-03T08:00:00.000Z',
    openedBy: '0b3c8f6e-2d4a-4e1b-9a7c-5f8e1d2c3b4a',
    reminderPlan: DEFAULT_REMINDER_PLAN,
  },
};

const PROJECT: Project = {
  id: '2021:4.2.3',
  year: 2021,
  number: '4.2.3',
  title: 'Eén telefoonnummer voor alle gemeenten',
  speerpunt: 'Kwaliteit',
  goal: 'Inwoners bereiken hun gemeente via één nummer.',
  activities: 'Telefonie samenvoegen en de klantcontactcentra opleiden.',
  owners: ['7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13'],
};

function updateOf(round: Round, project: Project = PROJECT): StatusUpdate {
  return {
    id: project.id,
    roundId: round.id,
    project,
    versions: [
      {
        status: 'op-schema',
        answer: 'Eerste versie van het antwoord.',
        answeredAt: '2021-06-08T07:15:00.000Z',
        answeredBy: project.owners[0] ?? '',
        answeredByName: 'Olaf Eigenaar',
      },
      {
        status: 'vertraagd',
        answer: 'De aanbesteding liep vertraging op.\nOplevering nu in het tweede kwartaal.',
        answeredAt: '2021-06-10T09:30:00.000Z',
        answeredBy: project.owners[0] ?? '',
        answeredByName: 'Olaf Eigenaar',
      },
    ],
  };
}

function unanswered(round: Round, project: Project = PROJECT): StatusUpdate {
  return { ...updateOf(round, project), versions: [] };
}

/** The round of the other kind in the same year, open at the same time. */
function otherRound(round: Round): Round {
  const kind = round.kind === 'jaarverslag' ? 'voortgangsrapportage' : 'jaarverslag';
  return { ...round, id: `${kind}-${round.year}`, kind };
}

/** The round with review on (a jaarverslag's default). */
function reviewed(round: Round): Round {
  return { ...round, review: true };
}

const APPROVED: ReviewDecision = {
  version: 2,
  decision: 'approved',
  by: 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
  byName: 'Carla Coördinator',
  at: '2021-06-11T08:00:00.000Z',
};

const SENT_BACK: ReviewDecision = {
  ...APPROVED,
  decision: 'sentBack',
  comment: 'Licht toe waarom de oplevering is verschoven.',
};

/**
 * Seven projects over two speerpunten in a round with review: 3 answered (2 approved, 1 waiting
 * for a reviewer), 1 concept, 2 open and 1 sent back.
 */
const FIGURES: RoundProgressFigures = {
  states: { answered: 3, draft: 1, open: 2, sentBack: 1 },
  speerpunten: [
    { speerpunt: 'Kwaliteit', answered: 2, total: 4 },
    { speerpunt: 'Dienstverlening', answered: 1, total: 3 },
  ],
  review: { submitted: 1, approved: 2, sentBack: 1 },
};

/** Projects answered or open, all of one speerpunt, in a round without review. */
function plainFigures(answered: number, open: number): RoundProgressFigures {
  return {
    states: { answered, draft: 0, open, sentBack: 0 },
    speerpunten: answered + open > 0 ? [{ speerpunt: 'Kwaliteit', answered, total: answered + open }] : [],
  };
}

/** The coordinator's status of a round whose figures are these, with nobody to chase. */
function statusWith(round: Round, figures: RoundProgressFigures): RoundStatus {
  const { answered, draft, open, sentBack } = figures.states;
  return {
    round,
    named: true,
    alsoOpen: [],
    answered,
    open: draft + open + sentBack,
    unreachable: 0,
    snoozed: 0,
    unchanged: 0,
    waiting: [],
    figures,
  };
}

function summaryOf(round: Round): RoundSummary {
  return {
    round,
    total: 3,
    answered: 2,
    counts: { afgerond: 1, vertraagd: 1 },
    page: 1,
    pages: 2,
    scope: 'own',
    named: false,
    alsoOpen: [],
    figures: plainFigures(2, 1),
    projects: [
      {
        number: '2',
        title: 'Informatiebeveiliging',
        status: 'afgerond',
        firstLine: 'Afgerond volgens plan.',
      },
      {
        number: '4.2.3',
        title: PROJECT.title,
        status: 'vertraagd',
        firstLine: 'De aanbesteding liep vertraging op.',
      },
      { number: '10', title: 'Archief digitaliseren' },
    ],
  };
}

/**
 * The project over three rounds: the current one unanswered, last year's jaarverslag with a long
 * answer, a deviation and the jaarverslag's fields, and this year's closed voortgangsrapportage.
 */
function projectOverRounds(round: Round): ProjectOverRounds {
  const [first, second] = updateOf(round).versions;
  assert.ok(first && second);
  return {
    project: PROJECT,
    total: 5,
    answered: 2,
    counts: { vertraagd: 1, 'op-schema': 1 },
    page: 1,
    pages: 2,
    scope: 'own',
    rounds: [
      {
        round: { ...round, id: 'jaarverslag-2021', kind: 'jaarverslag' },
        versions: 0,
        current: true,
        fillable: true,
      },
      {
        round: { ...round, id: 'voortgangsrapportage-2021', kind: 'voortgangsrapportage', status: 'closed' },
        latest: second,
        versions: 2,
        current: false,
        fillable: false,
      },
      {
        round: { ...round, id: 'jaarverslag-2020', kind: 'jaarverslag', year: 2020, status: 'closed' },
        latest: {
          ...first,
          answer: 'Lang antwoord. '.repeat(400),
          achieved: 'deels',
          deviation: 'Oorspronkelijk gepland voor eind 2020.',
          expectedCompletion: { quarter: 2, year: 2021 },
        },
        versions: 1,
        current: false,
        fillable: false,
      },
    ],
  };
}

/** 57 projects, 9 answered: more unanswered numbers than the weekly digest lists. */
const LONG_PROGRESS: RoundProgress = {
  total: 57,
  answered: 9,
  counts: { 'op-schema': 5, vertraagd: 3, afgerond: 1 },
  missing: Array.from({ length: 48 }, (_, i) => `4.${i + 1}`),
  unchanged: 2,
  figures: plainFigures(9, 48),
};

/** Tuesday 1 June 2021, noon in Amsterdam: the day the examples in help and hints are made for. */
const NOW = new Date('2021-06-01T10:00:00Z');

/** Monday 7 June 2021, 09:00 Amsterdam time: when the weekly digest goes out. */
const MONDAY_MORNING = new Date('2021-06-07T07:00:00Z');

const UNREACHABLE: UnreachableOwner[] = [
  { ownerId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', projects: ['4.2.3', '4.2.10'] },
];

/** The round of this language closed by Carla the day after its deadline. */
function closedRound(language: Language): Round {
  const round = ROUNDS[language];
  const closedAt = new Date(Date.parse(`${round.deadline}T08:00:00Z`) + 86_400_000).toISOString();
  return {
    ...round,
    status: 'closed',
    closedAt,
    closedBy: APPROVED.by,
    history: [
      {
        action: 'opened',
        by: APPROVED.by,
        byName: APPROVED.byName,
        at: round.openedAt,
        deadline: round.deadline,
      },
      { action: 'closed', by: APPROVED.by, byName: APPROVED.byName, at: closedAt },
    ],
  };
}

/** That round reopened by Carla three days after closing, with a deadline two weeks on. */
function reopenedRound(language: Language): Round {
  const { closedAt: _closedAt, closedBy: _closedBy, ...closed } = closedRound(language);
  const at = new Date(Date.parse(_closedAt ?? '') + 3 * 86_400_000 + 4 * 3_600_000).toISOString();
  const deadline = new Date(Date.parse(at) + 14 * 86_400_000).toISOString().slice(0, 10);
  return {
    ...closed,
    status: 'open',
    deadline,
    history: [
      ...(closed.history ?? []),
      { action: 'reopened', by: APPROVED.by, byName: APPROVED.byName, at, deadline },
    ],
  };
}

function reopeningOf(round: Round): string {
  return round.history?.find((event) => event.action === 'reopened')?.at ?? round.openedAt;
}

/** 3 of 4 projects answered, 4.2.3 missing. */
function closeQuestion(language: Language) {
  return { round: ROUNDS[language], total: 4, answered: 3, missing: ['4.2.3'] };
}

interface Rendering {
  readonly name: string;
  /** The template the render function is expected to use; checked against the output's shape. */
  readonly template: CardName;
  /** False for a notice, which shows whatever text it is given in either language. */
  readonly bringsOwnText: boolean;
  render(language: Language): AdaptiveCard;
}

// Rendered inside each test, so that one template that cannot be rendered fails its own tests
// instead of stopping the whole file from loading.
const RENDERINGS: readonly Rendering[] = [
  {
    name: 'welcomeCard',
    template: 'welcome',
    bringsOwnText: true,
    render: (language) => welcomeCard(language),
  },
  { name: 'helpCard', template: 'help', bringsOwnText: true, render: (language) => helpCard(language, NOW) },
  {
    name: 'suggestionCard for a typo',
    template: 'suggestion',
    bringsOwnText: true,
    render: (language) => suggestionCard(language, { command: 'geschiedenis 4.2.2' }),
  },
  {
    name: 'suggestionCard for a command used the wrong way',
    template: 'suggestion',
    bringsOwnText: true,
    render: (language) =>
      suggestionCard(language, {
        command: 'samenvatting 4.2.2',
        text: TEXTS[language].statusOfProject('4.2.2', 'samenvatting 4.2.2'),
      }),
  },
  {
    name: 'usageCard of a command with dates',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      usageCard(language, 'openRound', TEXTS[language].roundUsage(examplesOn(language, NOW))),
  },
  {
    name: "usageCard of a command with a project number, listing the person's projects",
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      usageCard(language, 'history', TEXTS[language].historyUsage('4.2.2'), ['4.2.2', '4.2.3']),
  },
  {
    name: 'noticeCard with text and facts',
    template: 'notice',
    bringsOwnText: false,
    render: () =>
      noticeCard({
        title: 'Dat kan niet',
        text: 'Alleen een coördinator kan dit doen.',
        facts: [{ title: 'Code', value: 'NOT_COORDINATOR' }],
        tone: 'attention',
      }),
  },
  {
    name: 'noticeCard with a title only',
    template: 'notice',
    bringsOwnText: false,
    render: () => noticeCard({ title: 'Klaar' }),
  },
  {
    name: 'statusRequestCard',
    template: 'status-request',
    bringsOwnText: true,
    render: (language) => statusRequestCard(language, ROUNDS[language], updateOf(ROUNDS[language])),
  },
  {
    name: 'statusRequestCard for an unanswered project',
    template: 'status-request',
    bringsOwnText: true,
    render: (language) => statusRequestCard(language, ROUNDS[language], unanswered(ROUNDS[language])),
  },
  {
    name: 'statusRequestCard with a draft and an error',
    template: 'status-request',
    bringsOwnText: true,
    render: (language) =>
      statusRequestCard(language, ROUNDS[language], updateOf(ROUNDS[language]), {
        values: {
          ...EMPTY_RAW_ANSWER,
          status: 'gestopt',
          answer: 'Wat ik net typte.',
          deviation: 'x'.repeat(3000),
        },
        problems: { deviation: 'too-long', achieved: 'required' },
        error: 'De tekst is te lang.',
      }),
  },
  {
    name: 'statusRequestCard with a conflict to merge, refreshing itself',
    template: 'status-request',
    bringsOwnText: true,
    render: (language) => {
      const update = updateOf(ROUNDS[language]);
      return statusRequestCard(language, ROUNDS[language], update, {
        values: { ...EMPTY_RAW_ANSWER, status: 'op-schema', answer: 'Mijn eigen tekst.' },
        conflict: update.versions[update.versions.length - 1],
        refreshFor: ['29:owner'],
      });
    },
  },
  {
    name: 'statusStoredCard, read-only for someone else',
    template: 'status-stored',
    bringsOwnText: true,
    render: (language) =>
      statusStoredCard(language, ROUNDS[language], updateOf(ROUNDS[language]), {
        editable: false,
        refreshFor: ['29:other'],
      }),
  },
  {
    name: 'statusStoredCard',
    template: 'status-stored',
    bringsOwnText: true,
    render: (language) => statusStoredCard(language, ROUNDS[language], updateOf(ROUNDS[language])),
  },
  {
    name: 'historyCard with versions, a draft and a delegation',
    template: 'history',
    bringsOwnText: true,
    render: (language) => {
      const update = updateOf(ROUNDS[language]);
      return historyCard(language, ROUNDS[language], {
        ...update,
        versions: update.versions.map((version, i) =>
          i === 0
            ? { ...version, deviation: 'Later dan gepland.', financial: 'Extra budget.', viaCard: 'a-1' }
            : version,
        ),
        draft: {
          values: { ...EMPTY_RAW_ANSWER, answer: 'Half' },
          savedAt: '2021-06-11T08:00:00.000Z',
          savedBy: 'x',
          savedByName: 'Olaf',
        },
        delegations: [{ to: 'j.jansen@gemeente.nl', by: 'x', at: '2021-06-11T09:00:00.000Z' }],
      });
    },
  },
  {
    name: 'historyCard of a project without an answer',
    template: 'history',
    bringsOwnText: true,
    render: (language) => historyCard(language, ROUNDS[language], unanswered(ROUNDS[language])),
  },
  {
    name: 'importResultCard, imported',
    template: 'import-result',
    bringsOwnText: true,
    render: (language) =>
      importResultCard(
        language,
        'register.xlsx',
        {
          ok: true,
          added: [PROJECT],
          changed: [{ project: { ...PROJECT, id: '2021:9', number: '9' }, fields: ['title', 'owners'] }],
          unchanged: 3,
          published: [{ kind: 'jaarverslag', year: 2020, added: 2, changed: 0, unchanged: 0 }],
          answersWithoutRound: 1,
          stored: true,
        },
        NOW,
      ),
  },
  {
    name: 'importResultCard, refused with a problem per row',
    template: 'import-result',
    bringsOwnText: true,
    render: (language) =>
      importResultCard(
        language,
        'register.csv',
        {
          ok: false,
          problems: [
            { row: 2, code: 'missing', column: 'eigenaar' },
            { row: 3, code: 'invalid', column: 'jaar', value: 'twintig' },
          ],
        },
        NOW,
      ),
  },
  {
    name: 'registerDraftCard',
    template: 'register-draft',
    bringsOwnText: true,
    render: (language) =>
      registerDraftCard(
        language,
        {
          id: '6f1c2a9e-0000-4000-8000-000000000001',
          createdBy: 'x',
          createdAt: '2021-06-01T08:00:00.000Z',
          source: 'voortgangsrapportage-2020.txt',
          projects: [
            {
              number: '4.2.3',
              title: 'Balie',
              speerpunt: 'Kwaliteit',
              goal: 'Doel',
              activities: 'Doen',
              answer: '',
              line: 1,
            },
            {
              number: '4.2.4',
              title: 'Zaken',
              speerpunt: '',
              goal: '',
              activities: 'Doen',
              answer: '',
              line: 9,
            },
          ],
        },
        {
          url: 'https://bot.example.nl/api/register-sheets/x.xlsx?expires=1&sig=a',
          expiresAt: new Date('2021-06-01T08:15:00Z'),
        },
      ),
  },
  {
    name: 'registerDraftCard of a jaarverslag, with text it could not place',
    template: 'register-draft',
    bringsOwnText: true,
    render: (language) =>
      registerDraftCard(
        language,
        {
          id: '6f1c2a9e-0000-4000-8000-000000000002',
          createdBy: 'x',
          createdAt: '2023-01-10T08:00:00.000Z',
          source: 'jaarverslag-2022.txt',
          kind: 'jaarverslag',
          year: 2022,
          projects: [
            {
              number: '2',
              title: 'Balie',
              speerpunt: 'Kwaliteit',
              goal: 'Doel',
              activities: 'Doen',
              answer: 'Ja, de balie is open.',
              line: 3,
            },
          ],
          unplaced: [{ from: 1, to: 2, text: 'Inleiding van de burgemeester' }],
        },
        {
          url: 'https://bot.example.nl/api/register-sheets/y.xlsx?expires=1&sig=a',
          expiresAt: new Date('2023-01-10T08:15:00Z'),
        },
      ),
  },
  {
    name: 'toFillCard with projects waiting',
    template: 'to-fill',
    bringsOwnText: true,
    render: (language) =>
      toFillCard(language, [
        { round: ROUNDS[language], update: { ...unanswered(ROUNDS[language]), versionCount: 0 } },
        {
          round: ROUNDS[language],
          update: {
            ...unanswered(ROUNDS[language], { ...PROJECT, id: '2021:9', number: '9', title: 'Negen' }),
            versionCount: 0,
            hasDraft: true,
          },
        },
      ]),
  },
  {
    name: 'reminderBundleCard, a reminder of several projects',
    template: 'reminder-bundle',
    bringsOwnText: true,
    render: (language) =>
      reminderBundleCard(
        language,
        [
          {
            round: ROUNDS[language],
            updates: [
              unanswered(ROUNDS[language]),
              {
                ...unanswered(ROUNDS[language], { ...PROJECT, id: '2021:9', number: '9', title: 'Negen' }),
                hasDraft: true,
              },
            ],
          },
        ],
        { step: 'reminder' },
      ),
  },
  {
    name: 'reminderBundleCard, reminders of two rounds at the same moment',
    template: 'reminder-bundle',
    bringsOwnText: true,
    render: (language) =>
      reminderBundleCard(
        language,
        [
          { round: ROUNDS[language], updates: [unanswered(ROUNDS[language])] },
          {
            round: { ...otherRound(ROUNDS[language]), deadline: '2021-07-15' },
            updates: [unanswered(otherRound(ROUNDS[language]), { ...PROJECT, id: '2021:9', number: '9' })],
          },
        ],
        { step: 'reminder' },
      ),
  },
  {
    name: 'reminderBundleCard, the first ask as an overview, after a press',
    template: 'reminder-bundle',
    bringsOwnText: true,
    render: (language) =>
      reminderBundleCard(language, [{ round: ROUNDS[language], updates: [unanswered(ROUNDS[language])] }], {
        step: 'ask',
        reopened: true,
        banner: 'Goed.',
      }),
  },
  {
    name: 'toFillCard with nothing waiting',
    template: 'to-fill',
    bringsOwnText: true,
    render: (language) => toFillCard(language, []),
  },
  {
    name: 'documentCard',
    template: 'document',
    bringsOwnText: false,
    render: (language) =>
      documentCard(
        language,
        compileChapter(
          ROUNDS[language],
          [
            updateOf(ROUNDS[language]),
            unanswered(ROUNDS[language], { ...PROJECT, id: '2021:9', number: '9' }),
          ],
          '2021-07-02',
        ),
        {
          docx: 'https://bot.example.nl/api/documents/x.docx?expires=1&sig=a',
          md: 'https://bot.example.nl/api/documents/x.md?expires=1&sig=a',
          xlsx: 'https://bot.example.nl/api/answer-sheets/alle/x-antwoorden.xlsx?expires=1&sig=a',
          expiresAt: new Date('2021-07-02T10:15:00Z'),
        },
      ),
  },
  {
    name: 'summaryCard',
    template: 'summary',
    bringsOwnText: true,
    render: (language) => summaryCard(language, summaryOf(ROUNDS[language])),
  },
  {
    name: 'summaryCard with every chart: answered, concept, open and sent back, per speerpunt, the review',
    template: 'summary',
    bringsOwnText: true,
    render: (language) =>
      summaryCard(language, { ...summaryOf(reviewed(ROUNDS[language])), figures: FIGURES }),
  },
  {
    name: 'roundStatusCard of a round with review, with every chart',
    template: 'round-status',
    bringsOwnText: true,
    render: (language) => roundStatusCard(language, statusWith(reviewed(ROUNDS[language]), FIGURES)),
  },
  {
    name: 'weeklyDigestCard of a round with review, with every chart',
    template: 'weekly-digest',
    bringsOwnText: true,
    render: (language) =>
      weeklyDigestCard(
        language,
        reviewed(ROUNDS[language]),
        { ...LONG_PROGRESS, figures: FIGURES },
        MONDAY_MORNING,
      ),
  },
  {
    name: 'summaryCard of a round without projects',
    template: 'summary',
    bringsOwnText: true,
    render: (language) =>
      summaryCard(language, {
        round: ROUNDS[language],
        total: 0,
        answered: 0,
        projects: [],
        counts: {},
        page: 1,
        pages: 1,
        scope: 'all',
        named: false,
        alsoOpen: [],
        figures: plainFigures(0, 0),
      }),
  },
  {
    name: 'summaryCard with another round open',
    template: 'summary',
    bringsOwnText: true,
    render: (language) =>
      summaryCard(language, { ...summaryOf(ROUNDS[language]), alsoOpen: [otherRound(ROUNDS[language])] }),
  },
  {
    name: 'summaryCard with the answers as a sheet',
    template: 'summary',
    bringsOwnText: true,
    render: (language) =>
      summaryCard(
        language,
        summaryOf(ROUNDS[language]),
        'https://bot.example.nl/api/answer-sheets/7a1e4d2c/voortgangsrapportage-2021-antwoorden.xlsx?expires=1&sig=a',
      ),
  },
  {
    name: 'summaryCard of a closed round',
    template: 'summary',
    bringsOwnText: true,
    render: (language) =>
      summaryCard(language, {
        ...summaryOf({ ...ROUNDS[language], status: 'closed' }),
        named: true,
      }),
  },
  {
    name: 'roundNotFoundCard for a round that is not there',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      roundNotFoundCard(
        language,
        new RoundNotFound({ kind: ROUNDS[language].kind, year: 2019 }, [
          ROUNDS[language],
          otherRound(ROUNDS[language]),
          { ...ROUNDS[language], id: 'x-2020', year: 2020, status: 'closed' },
        ]),
        'summary',
      ),
  },
  {
    name: 'roundNotFoundCard for a round without a year',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      roundNotFoundCard(language, new RoundNotFound('incomplete', [ROUNDS[language]]), 'review'),
  },
  {
    name: 'roundNotFoundCard when no round is open',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      roundNotFoundCard(
        language,
        new RoundNotFound(undefined, [{ ...ROUNDS[language], status: 'closed' }]),
        'status',
      ),
  },
  {
    name: 'projectSummaryCard over three rounds, one unanswered and one clipped, page 1 of 2',
    template: 'project-summary',
    bringsOwnText: true,
    render: (language) => projectSummaryCard(language, projectOverRounds(ROUNDS[language])),
  },
  {
    name: 'projectSummaryCard of a project answered in one round, on its last page',
    template: 'project-summary',
    bringsOwnText: true,
    render: (language) => {
      const summary = projectOverRounds(ROUNDS[language]);
      return projectSummaryCard(language, {
        ...summary,
        total: 1,
        answered: 1,
        counts: { vertraagd: 1 },
        page: 2,
        pages: 2,
        scope: 'all',
        rounds: summary.rounds.slice(1, 2),
      });
    },
  },
  {
    name: 'roundOpenedCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      roundOpenedCard(language, {
        round: ROUNDS[language],
        projects: 12,
        cards: 14,
        unreachable: [],
        now: new Date(ROUNDS[language].openedAt),
      }),
  },
  {
    name: 'roundOpenedCard with unreachable owners, opened outside office hours',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      roundOpenedCard(language, {
        round: { ...ROUNDS[language], openedAt: '2021-06-05T20:00:00.000Z' },
        projects: 2,
        cards: 2,
        unreachable: UNREACHABLE,
        now: new Date('2021-06-05T20:00:00.000Z'),
      }),
  },
  {
    name: 'closeQuestionCard',
    template: 'round-close',
    bringsOwnText: true,
    render: (language) => closeQuestionCard(language, closeQuestion(language)),
  },
  {
    name: 'closeQuestionCard with every project answered',
    template: 'round-close',
    bringsOwnText: true,
    render: (language) =>
      closeQuestionCard(language, { round: ROUNDS[language], total: 4, answered: 4, missing: [] }),
  },
  {
    name: 'roundClosedCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) => roundClosedCard(language, closedRound(language)),
  },
  {
    name: 'closeCancelledCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) => closeCancelledCard(language, ROUNDS[language]),
  },
  {
    name: 'roundStateCard: closed already, on closing',
    template: 'notice',
    bringsOwnText: true,
    render: (language) => roundStateCard(language, closedRound(language), 'close'),
  },
  {
    name: 'roundStateCard: closed, on opening',
    template: 'notice',
    bringsOwnText: true,
    render: (language) => roundStateCard(language, closedRound(language), 'open', '15-7-2021'),
  },
  {
    name: 'roundStateCard: open after a reopening, on reopening',
    template: 'notice',
    bringsOwnText: true,
    render: (language) => roundStateCard(language, reopenedRound(language), 'reopen'),
  },
  {
    name: 'roundReopenedCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) => {
      const round = reopenedRound(language);
      return roundReopenedCard(language, { round, total: 4, waiting: 1 }, new Date(reopeningOf(round)));
    },
  },
  {
    name: 'roundStatusCard',
    template: 'round-status',
    bringsOwnText: true,
    render: (language) =>
      roundStatusCard(language, {
        round: ROUNDS[language],
        named: false,
        alsoOpen: [otherRound(ROUNDS[language])],
        answered: 1,
        open: 2,
        unreachable: 1,
        snoozed: 1,
        unchanged: 1,
        figures: plainFigures(1, 2),
        waiting: [
          { number: '4.2.4', title: 'Borgen', ownerId: 'a', ownerName: 'Alex', state: 'open' },
          {
            number: '4.2.4',
            title: 'Borgen',
            ownerId: 'c',
            ownerName: 'Chris',
            state: 'snoozed',
            snoozedUntil: '2021-06-02T07:00:00.000Z',
          },
          {
            number: '4.2.10',
            title: 'Archief',
            ownerId: 'b',
            ownerName: 'Bea',
            state: 'unreachable',
            reason: 'blocked',
          },
        ],
      }),
  },
  {
    name: 'notMineCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      notMineCard(language, ROUNDS[language], unanswered(ROUNDS[language]), 'Olaf Eigenaar'),
  },
  {
    name: 'reminderCard',
    template: 'status-request',
    bringsOwnText: true,
    render: (language) => reminderCard(language, ROUNDS[language], unanswered(ROUNDS[language])),
  },
  {
    name: 'weeklyDigestCard with more unanswered projects than it lists',
    template: 'weekly-digest',
    bringsOwnText: true,
    render: (language) => weeklyDigestCard(language, ROUNDS[language], LONG_PROGRESS, MONDAY_MORNING),
  },
  {
    name: 'weeklyDigestCard of a round answered in full, after its deadline',
    template: 'weekly-digest',
    bringsOwnText: true,
    render: (language) =>
      weeklyDigestCard(
        language,
        ROUNDS[language],
        {
          total: 3,
          answered: 3,
          counts: { 'op-schema': 2, gestopt: 1 },
          missing: [],
          unchanged: 0,
          figures: plainFigures(3, 0),
        },
        new Date('2022-02-07T08:00:00Z'),
      ),
  },
  {
    name: 'digestCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      digestCard(language, ROUNDS[language], [unanswered(ROUNDS[language]), updateOf(ROUNDS[language])], 12),
  },
  {
    name: 'reviewRequestCard comparing with the version before',
    template: 'review-request',
    bringsOwnText: true,
    render: (language) => reviewRequestCard(language, reviewed(ROUNDS[language]), updateOf(ROUNDS[language])),
  },
  {
    name: "reviewRequestCard comparing with last round's answer, with an error and the comment kept",
    template: 'review-request',
    bringsOwnText: true,
    render: (language) => {
      const update = updateOf(ROUNDS[language]);
      return reviewRequestCard(
        language,
        reviewed(ROUNDS[language]),
        {
          ...update,
          versions: update.versions.slice(1),
          previous: { roundId: 'jaarverslag-2020', fields: { status: 'op-schema', answer: 'Vorig jaar.' } },
        },
        { error: 'Schrijf bij het terugsturen wat er anders moet.', comment: 'Te vaag <b>' },
      );
    },
  },
  {
    name: 'reviewRequestCard of a first answer with nothing to compare',
    template: 'review-request',
    bringsOwnText: true,
    render: (language) => {
      const update = updateOf(ROUNDS[language]);
      return reviewRequestCard(language, reviewed(ROUNDS[language]), {
        ...update,
        versions: update.versions.slice(0, 1),
      });
    },
  },
  {
    name: 'reviewDecidedCard, approved',
    template: 'review-decided',
    bringsOwnText: true,
    render: (language) =>
      reviewDecidedCard(language, reviewed(ROUNDS[language]), updateOf(ROUNDS[language]), APPROVED),
  },
  {
    name: 'reviewDecidedCard, sent back by someone else first, with the own comment kept',
    template: 'review-decided',
    bringsOwnText: true,
    render: (language) =>
      reviewDecidedCard(language, reviewed(ROUNDS[language]), updateOf(ROUNDS[language]), SENT_BACK, {
        otherReviewer: true,
        ownComment: 'Prima zo.',
      }),
  },
  {
    name: 'reviewQueueCard with a next page',
    template: 'review-queue',
    bringsOwnText: true,
    render: (language) =>
      reviewQueueCard(
        language,
        {
          items: [{ round: reviewed(ROUNDS[language]), update: updateOf(ROUNDS[language]) }],
          next: 'k|1',
          waiting: 12,
          own: [],
          rounds: [reviewed(ROUNDS[language]), reviewed(otherRound(ROUNDS[language]))],
          named: false,
        },
        5,
      ),
  },
  {
    name: 'reviewQueueCard with nothing waiting',
    template: 'review-queue',
    bringsOwnText: true,
    render: (language) =>
      reviewQueueCard(
        language,
        { items: [], waiting: 0, own: [], rounds: [reviewed(ROUNDS[language])], named: true },
        0,
      ),
  },
  {
    name: 'reviewQueueCard with nothing waiting but own answers, one without another reviewer',
    template: 'review-queue',
    bringsOwnText: true,
    render: (language) =>
      reviewQueueCard(
        language,
        {
          items: [],
          waiting: 0,
          own: [{ round: reviewed(ROUNDS[language]), waiting: 2, withoutReviewer: 1 }],
          rounds: [],
          named: false,
        },
        0,
      ),
  },
  {
    name: 'statusRequestCard sent back by a reviewer',
    template: 'status-request',
    bringsOwnText: true,
    render: (language) =>
      statusRequestCard(language, reviewed(ROUNDS[language]), {
        ...updateOf(ROUNDS[language]),
        decisions: [SENT_BACK],
      }),
  },
  {
    name: 'statusStoredCard approved',
    template: 'status-stored',
    bringsOwnText: true,
    render: (language) =>
      statusStoredCard(language, reviewed(ROUNDS[language]), {
        ...updateOf(ROUNDS[language]),
        decisions: [APPROVED],
      }),
  },
  {
    name: 'statusStoredCard waiting for review',
    template: 'status-stored',
    bringsOwnText: true,
    render: (language) => statusStoredCard(language, reviewed(ROUNDS[language]), updateOf(ROUNDS[language])),
  },
  {
    name: 'sentBackNoticeCard',
    template: 'notice',
    bringsOwnText: true,
    render: (language) =>
      sentBackNoticeCard(language, reviewed(ROUNDS[language]), {
        ...updateOf(ROUNDS[language]),
        decisions: [SENT_BACK],
      }),
  },
  {
    name: 'historyCard with review decisions',
    template: 'history',
    bringsOwnText: true,
    render: (language) =>
      historyCard(language, reviewed(ROUNDS[language]), {
        ...updateOf(ROUNDS[language]),
        decisions: [{ ...SENT_BACK, version: 1 }, APPROVED],
      }),
  },
];

// Helpers ---------------------------------------------------------------------------------------

/** The colours Teams documents for a chart's data points (learn.microsoft.com, "Charts in Adaptive Cards"). */
const CHART_COLORS = new Set([
  'good',
  'warning',
  'attention',
  'neutral',
  ...['Red', 'Purple', 'Lavender', 'Blue', 'LightBlue', 'Teal', 'Green', 'Lime', 'Marigold'].map(
    (name) => `categorical${name}`,
  ),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((step) => `sequential${step}`),
  ...['Blue', 'LightBlue', 'Cyan', 'Teal', 'Yellow', 'Peach', 'LightRed', 'Red', 'Maroon', 'Gray'].map(
    (name) => `diverging${name}`,
  ),
]);

type ChartPointCheck = (point: Record<string, unknown>) => string[];

const legendValue: ChartPointCheck = (point) => [
  ...(typeof point.legend === 'string' && point.legend !== '' ? [] : ['a point without its legend']),
  ...(typeof point.value === 'number' ? [] : [`a value that is no number: ${JSON.stringify(point.value)}`]),
];
const xy: ChartPointCheck = (point) => [
  ...(typeof point.x === 'string' && point.x !== '' ? [] : ['a bar without its x (label)']),
  ...(typeof point.y === 'number' ? [] : [`a y that is no number: ${JSON.stringify(point.y)}`]),
];
const pointsIn = (data: unknown, check: ChartPointCheck): string[] =>
  Array.isArray(data) && data.length > 0
    ? (data as Record<string, unknown>[]).flatMap((point) => [
        ...check(point),
        ...(point.color === undefined || (typeof point.color === 'string' && CHART_COLORS.has(point.color))
          ? []
          : [`a colour Teams does not know: ${JSON.stringify(point.color)}`]),
        ...Object.keys(point)
          .filter((key) => !['legend', 'value', 'x', 'y', 'color', 'title', 'data'].includes(key))
          .map((key) => `a data field Teams does not know: ${key}`),
      ])
    : ['no data'];

/**
 * Teams' chart elements, which the official library does not know, and the shape of their `data`
 * as Microsoft documents it: `{ legend, value }` for a donut or pie, `{ x, y }` for bars, and for
 * stacked bars a `{ title, data: [{ legend, value }] }` per bar.
 */
const TEAMS_CHARTS: Record<string, (element: Record<string, unknown>) => string[]> = {
  'Chart.Donut': (element) => pointsIn(element.data, legendValue),
  'Chart.Pie': (element) => pointsIn(element.data, legendValue),
  'Chart.HorizontalBar': (element) => pointsIn(element.data, xy),
  'Chart.VerticalBar': (element) => pointsIn(element.data, xy),
  'Chart.HorizontalBar.Stacked': (element) =>
    pointsIn(element.data, (bar) => [
      ...(typeof bar.title === 'string' && bar.title !== '' ? [] : ['a bar without its title']),
      ...pointsIn(bar.data, legendValue),
    ]),
};

/** Every chart element of a card, however deeply nested. */
function chartsIn(json: unknown): Record<string, unknown>[] {
  return everyObjectIn(json as Json).filter((element) => String(element.type).startsWith('Chart.'));
}

/**
 * Every problem the official renderer finds when it parses and validates the card. The library
 * knows no Chart.* element: it logs it as unknown and puts its `fallback` in its place, which is
 * what Teams does on a client without charts. So a Teams chart passes when its data has the shape
 * Microsoft documents and its fallback is an element that passes itself; a chart without a
 * fallback, or any other unknown element, is a problem.
 */
function adaptiveCardProblems(json: AdaptiveCard): string[] {
  const declared = String(json.version);
  const version = AC.Versions.getAllDeclaredVersions().find((known) => known.toString() === declared);
  if (!version) return [`the card declares version ${declared}, which the library does not know`];

  const problems: string[] = [];
  const charts = new Set<string>();
  for (const chart of chartsIn(json.body)) {
    const type = String(chart.type);
    const check = TEAMS_CHARTS[type];
    if (!check) continue; // the library reports it as an unknown element below
    charts.add(type);
    problems.push(...check(chart).map((problem) => `${type}: ${problem}`));
    const fallback = chart.fallback;
    if (typeof fallback !== 'object' || fallback === null || !('type' in fallback))
      problems.push(`${type}: no fallback element, so a client without charts shows nothing`);
  }
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(version);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const knownChart =
      event.event === AC.ValidationEvent.UnknownElementType &&
      [...charts].some((type) => event.message.includes(`"${type}"`));
    if (!knownChart) problems.push(`parse: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** The card as a client without charts shows it: every chart replaced by its fallback. */
function withoutCharts(value: Json | AdaptiveCard): Json {
  if (Array.isArray(value)) return value.map((item) => withoutCharts(item));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as { [key: string]: Json };
  if (typeof object.type === 'string' && object.type.startsWith('Chart.'))
    return withoutCharts(object.fallback ?? null);
  return Object.fromEntries(Object.entries(object).map(([key, child]) => [key, withoutCharts(child)]));
}

const isBinding = (value: Json): boolean => typeof value === 'string' && value.includes('${');

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `rendered` is what `template` can expand to: literals equal, bindings anything, an
 * element with `$data` repeated zero or more times, an element with `$when` present or left out.
 */
function conformsTo(template: Json, rendered: Json | undefined): boolean {
  if (rendered === undefined) return false;
  if (isBinding(template)) return true;
  if (Array.isArray(template)) return Array.isArray(rendered) && listConforms(template, 0, rendered, 0);
  if (isObject(template)) {
    if (!isObject(rendered)) return false;
    const keys = Object.keys(template).filter((key) => key !== '$data' && key !== '$when');
    // A property whose value has its own $when may be left out altogether.
    const optional = (key: string) => {
      const value = template[key];
      return isObject(value) && '$when' in value;
    };
    return (
      Object.keys(rendered).every((key) => keys.includes(key)) &&
      keys.every(
        (key) => (optional(key) && !(key in rendered)) || conformsTo(template[key] ?? null, rendered[key]),
      )
    );
  }
  return template === rendered;
}

function listConforms(template: Json[], t: number, rendered: Json[], r: number): boolean {
  if (t === template.length) return r === rendered.length;
  const item = template[t] ?? null;
  const repeated = isObject(item) && '$data' in item;
  const optional = isObject(item) && '$when' in item;
  if ((repeated || optional) && listConforms(template, t + 1, rendered, r)) return true;
  if (r === rendered.length || !conformsTo(item, rendered[r])) return false;
  return listConforms(template, repeated ? t : t + 1, rendered, r + 1);
}

function everyObjectIn(value: Json | AdaptiveCard): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap((item) => everyObjectIn(item));
  if (typeof value !== 'object' || value === null) return [];
  return [value, ...Object.values(value).flatMap((child) => everyObjectIn(child as Json))];
}

function input(card: AdaptiveCard, id: string): Record<string, unknown> {
  const found = everyObjectIn(card).find(
    (element) => String(element.type).startsWith('Input.') && element.id === id,
  );
  assert.ok(found, `no input ${id} in the card`);
  return found;
}

function texts(card: AdaptiveCard): string[] {
  return everyObjectIn(card)
    .filter((element) => element.type === 'TextBlock' || element.type === 'TextRun')
    .map((element) => String(element.text));
}

// Tests -----------------------------------------------------------------------------------------

describe('cards', () => {
  for (const rendering of RENDERINGS) {
    describe(rendering.name, () => {
      for (const language of LANGUAGES) {
        it(`parses and validates in ${language} without a single problem in the official Adaptive Cards library`, () => {
          assert.deepEqual(adaptiveCardProblems(rendering.render(language)), []);
        });

        it(`leaves no \${} binding unbound in ${language}`, () => {
          assert.doesNotMatch(JSON.stringify(rendering.render(language)), /\$\{/);
        });

        it(`is an expansion of cards/${rendering.template}.json in ${language}`, () => {
          const card = rendering.render(language);

          assert.ok(
            conformsTo(readTemplate(`${rendering.template}.json`), card as Json),
            `${JSON.stringify(card)} does not have the shape of cards/${rendering.template}.json`,
          );
        });
      }

      if (rendering.bringsOwnText) {
        it('reads differently in nl and en', () => {
          assert.notDeepEqual(rendering.render('nl'), rendering.render('en'));
        });
      }
    });
  }

  it('renders every template in cards/ at least once', () => {
    const rendered = new Set(RENDERINGS.map((rendering) => `${rendering.template}.json`));

    assert.deepEqual(
      TEMPLATE_FILES.filter((file) => !rendered.has(file)),
      [],
    );
  });

  it('names exactly the templates that are in cards/', () => {
    assert.deepEqual([...CARD_NAMES].map((name) => `${name}.json`).sort(), [...TEMPLATE_FILES].sort());
  });

  const KINDS = ['jaarverslag', 'voortgangsrapportage'] as const;
  const roundOf = (kind: (typeof KINDS)[number]): Round => ({
    ...ROUNDS.nl,
    id: `${kind}-2021`,
    kind,
    deadline: kind === 'jaarverslag' ? '2022-01-31' : '2021-07-01',
  });
  /** Renders every card with a round of this kind in both languages; the fixture is put back after. */
  const everyCard = (kind: (typeof KINDS)[number]): { name: string; text: string }[] => {
    const saved = { ...ROUNDS };
    try {
      return LANGUAGES.flatMap((language) => {
        ROUNDS[language] = roundOf(kind);
        return RENDERINGS.map((rendering) => ({
          name: `${rendering.name} (${language}, ${kind})`,
          text: JSON.stringify(rendering.render(language)),
        }));
      });
    } finally {
      Object.assign(ROUNDS, saved);
    }
  };

  describe('markup in running text', () => {
    it('shows no backtick on any card, in nl or en, for either kind of round: Adaptive Cards print it as it is', () => {
      const found = KINDS.flatMap((kind) => everyCard(kind)).filter(({ text }) => text.includes('`'));

      assert.deepEqual(
        found.map(
          ({ name, text }) =>
            `${name}: …${text.slice(Math.max(0, text.indexOf('`') - 40), text.indexOf('`') + 40)}…`,
        ),
        [],
      );
    });
  });

  describe('the round confirmation in development (SEND_ANY_TIME)', () => {
    it('says that reminders go out at any moment, weekends included, instead of promising 09:00', () => {
      const round = { ...ROUNDS.nl, reminderPlan: { ...ROUNDS.nl.reminderPlan, sendAnyTime: true } };
      const text = JSON.stringify(
        roundOpenedCard('nl', {
          round,
          projects: 4,
          cards: 4,
          unreachable: [],
          now: new Date(round.openedAt),
        }),
      );
      assert.match(text, /Ontwikkelmodus \(SEND_ANY_TIME\): ik verstuur op elk moment, ook in het weekend/);
      assert.doesNotMatch(text, /om 09:00/);
      const office = JSON.stringify(
        roundOpenedCard('nl', {
          round: ROUNDS.nl,
          projects: 4,
          cards: 4,
          unreachable: [],
          now: new Date(round.openedAt),
        }),
      );
      assert.match(office, /om 09:00, aan wie nog niet heeft geantwoord/);
      assert.doesNotMatch(office, /Ontwikkelmodus/);
    });
  });

  describe('round names in running text', () => {
    /** A round named without its article, with the wrong one, or with a capital mid-sentence. */
    const WRONG = [
      /\bde jaarverslag \d{4}/i,
      /\bhet voortgangsrapportage \d{4}/i,
      /\b(voor|uit|van|in|for|from|of) (jaarverslag|voortgangsrapportage|annual report|progress report) \d{4}/i,
      /\b[a-zà-ÿ][\w-]* +(Jaarverslag|Voortgangsrapportage|Annual report|Progress report) \d{4}/,
      /\bthe (Annual report|Progress report)/,
    ];
    for (const kind of KINDS) {
      it(`names the ${kind} with its article and in lower case mid-sentence, in nl and en, on every card`, () => {
        const wrong = everyCard(kind).flatMap(({ name, text }) =>
          WRONG.flatMap((pattern) => {
            const found = pattern.exec(text);
            return found ? [`${name}: …${text.slice(Math.max(0, found.index - 40), found.index + 40)}…`] : [];
          }),
        );
        assert.deepEqual(wrong, []);
      });
    }

    it('tells whoever submitted an answer sent back which round it is for, with its article', () => {
      const text = (language: Language, kind: (typeof KINDS)[number]) =>
        JSON.stringify(
          sentBackNoticeCard(language, reviewed(roundOf(kind)), {
            ...updateOf(roundOf(kind)),
            decisions: [SENT_BACK],
          }),
        );
      assert.match(text('nl', 'jaarverslag'), /Pas uw antwoord voor het jaarverslag 2021 aan/);
      assert.match(
        text('nl', 'voortgangsrapportage'),
        /Pas uw antwoord voor de voortgangsrapportage 2021 aan/,
      );
      assert.match(
        text('en', 'jaarverslag'),
        /Change your answer for the annual report 2021 and send it again/,
      );
    });

    it('tells the coordinator from which round a "not mine" came, with its article', () => {
      const text = (language: Language, kind: (typeof KINDS)[number]) =>
        JSON.stringify(notMineCard(language, roundOf(kind), unanswered(roundOf(kind)), 'Olaf Eigenaar'));
      assert.match(text('nl', 'jaarverslag'), /vanaf de herinnering voor het jaarverslag 2021\./);
      assert.match(text('en', 'voortgangsrapportage'), /from the reminder for the progress report 2021\./);
    });

    it('catches a round named the old way, so the check above can fail', () => {
      for (const old of [
        'Pas uw antwoord voor de jaarverslag 2021 aan',
        'het antwoord uit de Voortgangsrapportage 2021',
        'in the chapter of the Annual report 2021',
      ]) {
        assert.ok(
          WRONG.some((pattern) => pattern.test(old)),
          old,
        );
      }
    });
  });

  it('tells the official library about a broken card, so the validation above can fail', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.ChoiceSet', id: 'status', choices: [] }],
    };

    assert.notDeepEqual(adaptiveCardProblems(broken), []);
  });

  describe('Teams charts, which the official library does not know', () => {
    const cardWith = (chart: Record<string, unknown>): AdaptiveCard => ({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [chart],
    });
    const FALLBACK = { type: 'FactSet', facts: [{ title: 'beantwoord', value: '3' }] };
    const DONUT = { type: 'Chart.Donut', data: [{ legend: 'beantwoord', value: 3, color: 'good' }] };

    it('pass with their data as Microsoft documents it and a fallback element that passes itself', () => {
      assert.deepEqual(adaptiveCardProblems(cardWith({ ...DONUT, fallback: FALLBACK })), []);
    });

    it('are caught without a fallback: a client without charts would show nothing', () => {
      assert.deepEqual(adaptiveCardProblems(cardWith(DONUT)), [
        'Chart.Donut: no fallback element, so a client without charts shows nothing',
      ]);
      assert.notDeepEqual(adaptiveCardProblems(cardWith({ ...DONUT, fallback: 'drop' })), []);
    });

    it('are caught with a broken fallback', () => {
      const broken = { type: 'Input.ChoiceSet', id: 'status', choices: [] };

      assert.notDeepEqual(adaptiveCardProblems(cardWith({ ...DONUT, fallback: broken })), []);
    });

    it('are caught with data in a shape Teams does not read', () => {
      const problems = (chart: Record<string, unknown>) =>
        adaptiveCardProblems(cardWith({ ...chart, fallback: FALLBACK }));

      assert.notDeepEqual(problems({ ...DONUT, data: [{ label: 'beantwoord', value: 3 }] }), []);
      assert.notDeepEqual(problems({ ...DONUT, data: [{ legend: 'beantwoord', value: '3' }] }), []);
      assert.notDeepEqual(
        problems({ ...DONUT, data: [{ legend: 'beantwoord', value: 3, color: 'Good' }] }),
        [],
      );
      assert.notDeepEqual(problems({ ...DONUT, data: [] }), []);
      assert.notDeepEqual(
        problems({
          type: 'Chart.HorizontalBar.Stacked',
          data: [{ title: 'Kwaliteit', data: [{ x: 'a', y: 1 }] }],
        }),
        [],
      );
      assert.notDeepEqual(problems({ type: 'Chart.HorizontalBar', data: [{ legend: 'a', value: 1 }] }), []);
    });

    it('leave any other unknown element a problem, fallback or not', () => {
      assert.notDeepEqual(
        adaptiveCardProblems(cardWith({ type: 'Chart.Sparkle', data: [], fallback: FALLBACK })),
        [],
      );
      assert.notDeepEqual(adaptiveCardProblems(cardWith({ type: 'Gauge', fallback: FALLBACK })), []);
    });
  });

  describe('progress charts in status, samenvatting and the weekly digest', () => {
    const CARDS: {
      name: string;
      render: (language: Language, figures: RoundProgressFigures) => AdaptiveCard;
    }[] = [
      {
        name: 'status',
        render: (language, figures) =>
          roundStatusCard(
            language,
            statusWith(figures.review ? reviewed(ROUNDS[language]) : ROUNDS[language], figures),
          ),
      },
      {
        name: 'samenvatting',
        render: (language, figures) =>
          summaryCard(language, {
            ...summaryOf(figures.review ? reviewed(ROUNDS[language]) : ROUNDS[language]),
            figures,
          }),
      },
      {
        name: 'the weekly digest',
        render: (language, figures) =>
          weeklyDigestCard(
            language,
            figures.review ? reviewed(ROUNDS[language]) : ROUNDS[language],
            { ...LONG_PROGRESS, figures },
            MONDAY_MORNING,
          ),
      },
    ];
    const chart = (card: AdaptiveCard, type: string): Record<string, unknown> => {
      const found = chartsIn(card.body).filter((element) => element.type === type);
      assert.equal(found.length, 1, `one ${type} on the card`);
      return found[0] ?? {};
    };
    const factsOf = (element: unknown): [string, string][] =>
      everyObjectIn(element as Json)
        .filter((candidate) => candidate.type === 'FactSet')
        .flatMap((set) =>
          (set.facts as { title: string; value: string }[]).map((f): [string, string] => [f.title, f.value]),
        );

    for (const { name, render } of CARDS) {
      describe(name, () => {
        it('draws a donut of answered, concept, open and sent back, leaving out a state no project is in', () => {
          const donut = chart(
            render('nl', { ...FIGURES, states: { ...FIGURES.states, draft: 0 } }),
            'Chart.Donut',
          );

          assert.equal(donut.title, 'Stand van de projecten');
          assert.deepEqual(donut.data, [
            { legend: 'beantwoord', value: 3, color: 'good' },
            { legend: 'open', value: 2, color: 'neutral' },
            { legend: 'teruggestuurd', value: 1, color: 'attention' },
          ]);
        });

        it('draws a stacked bar per speerpunt: answered, and the rest of its projects', () => {
          const bars = chart(render('en', FIGURES), 'Chart.HorizontalBar.Stacked');

          assert.equal(bars.title, 'Answered per speerpunt');
          assert.deepEqual(bars.data, [
            {
              title: 'Kwaliteit',
              data: [
                { legend: 'answered', value: 2, color: 'good' },
                { legend: 'not answered yet', value: 2, color: 'neutral' },
              ],
            },
            {
              title: 'Dienstverlening',
              data: [
                { legend: 'answered', value: 1, color: 'good' },
                { legend: 'not answered yet', value: 2, color: 'neutral' },
              ],
            },
          ]);
        });

        it('draws submitted, approved and sent back in a round with review', () => {
          const review = chart(render('nl', FIGURES), 'Chart.HorizontalBar');

          assert.equal(review.title, 'Beoordeling');
          assert.deepEqual(review.data, [
            { x: 'ingediend', y: 1, color: 'warning' },
            { x: 'goedgekeurd', y: 2, color: 'good' },
            { x: 'teruggestuurd', y: 1, color: 'attention' },
          ]);
        });

        it('draws no review chart in a round without review', () => {
          const { review, ...withoutReview } = FIGURES;
          assert.ok(review);

          const card = render('nl', withoutReview);

          assert.deepEqual(
            chartsIn(card.body).map((element) => element.type),
            ['Chart.Donut', 'Chart.HorizontalBar.Stacked'],
          );
        });

        it('gives every chart a fallback with the same numbers, every state included, for a client without charts', () => {
          const card = render('nl', FIGURES);

          assert.deepEqual(factsOf(chart(card, 'Chart.Donut').fallback), [
            ['beantwoord', '3'],
            ['concept', '1'],
            ['open', '2'],
            ['teruggestuurd', '1'],
          ]);
          assert.deepEqual(factsOf(chart(card, 'Chart.HorizontalBar.Stacked').fallback), [
            ['Kwaliteit', '2 van 4 beantwoord'],
            ['Dienstverlening', '1 van 3 beantwoord'],
          ]);
          assert.deepEqual(factsOf(chart(card, 'Chart.HorizontalBar').fallback), [
            ['ingediend', '1'],
            ['goedgekeurd', '2'],
            ['teruggestuurd', '1'],
          ]);
          const plain = withoutCharts(card);
          assert.deepEqual(chartsIn(plain), [], 'nothing of a chart is left where a client draws none');
          assert.match(JSON.stringify(plain), /"title":"concept","value":"1"/);
        });

        it('draws no chart of a round without projects', () => {
          assert.deepEqual(chartsIn(render('nl', plainFigures(0, 0)).body), []);
        });
      });
    }

    it('keeps the counts in text beside the charts, for screen readers', () => {
      const status = texts(roundStatusCard('nl', statusWith(reviewed(ROUNDS.nl), FIGURES)));
      assert.ok(status.some((text) => text.startsWith('3 van 7 projecten beantwoord.')));
      assert.ok(status.some((text) => /Beoordeling: 1 wacht op een beoordelaar/.test(text)));
      assert.ok(texts(summaryCard('nl', summaryOf(ROUNDS.nl))).includes('2 van 3 projecten beantwoord.'));
      assert.ok(
        texts(weeklyDigestCard('nl', ROUNDS.nl, LONG_PROGRESS, MONDAY_MORNING)).includes(
          '9 van 57 projecten beantwoord (15%)',
        ),
      );
    });
  });

  describe('user text', () => {
    const hostile: Project = {
      ...PROJECT,
      title: 'Project ${evil} met ${labels.send}',
      goal: '**Vet** _schuin_ [klik](https://evil.example) ${1 + 1}',
      activities: '${if(true, "ja", "nee")}',
    };
    const round = ROUNDS.nl;

    it('is shown literally, never evaluated as a binding', () => {
      const card = statusRequestCard('nl', round, unanswered(round, hostile), {
        values: { ...EMPTY_RAW_ANSWER, status: 'op-schema', answer: 'Zie ${labels.send} en ${answer}' },
      });

      assert.ok(texts(card).includes('4.2.3 Project ${evil} met ${labels.send}'));
      assert.ok(texts(card).includes('**Vet** _schuin_ [klik](https://evil.example) ${1 + 1}'));
      assert.ok(texts(card).includes('${if(true, "ja", "nee")}'));
      assert.equal(input(card, 'answer').value, 'Zie ${labels.send} en ${answer}');
    });

    it('is shown literally in the stored card and the summary', () => {
      const withHostileAnswer: StatusUpdate = {
        ...unanswered(round, hostile),
        versions: [
          {
            status: 'op-schema',
            answer: '${evil}\n**niet vet**',
            answeredAt: '2021-06-10T09:30:00.000Z',
            answeredBy: PROJECT.owners[0] ?? '',
            answeredByName: '${labels.savedBy}',
          },
        ],
      };

      const stored = statusStoredCard('nl', round, withHostileAnswer);
      assert.ok(texts(stored).includes('${evil}\n**niet vet**'));
      const answerElement = everyObjectIn(stored).find((element) => element.text === '${evil}\n**niet vet**');
      assert.equal(answerElement?.type, 'TextRun', 'a TextRun: Teams does not read markdown in it');
      assert.ok(
        everyObjectIn(stored).some((fact) => fact.title === 'Door' && fact.value === '${labels.savedBy}'),
      );
      const summary = summaryCard('nl', {
        round,
        total: 1,
        answered: 1,
        counts: { 'op-schema': 1 },
        page: 1,
        pages: 1,
        scope: 'all',
        named: false,
        alsoOpen: [],
        figures: {
          states: { answered: 1, draft: 0, open: 0, sentBack: 0 },
          speerpunten: [{ speerpunt: '${charts.states.title}', answered: 1, total: 1 }],
        },
        projects: [{ number: '1', title: '${evil}', status: 'op-schema', firstLine: '${labels.title}' }],
      });
      assert.ok(texts(summary).includes('**1** ${evil}'));
      assert.ok(texts(summary).includes('${labels.title}'));
      const bar = everyObjectIn(summary).find((element) => element.type === 'Chart.HorizontalBar.Stacked');
      assert.deepEqual(
        (bar?.data as { title: string }[]).map((speerpunt) => speerpunt.title),
        ['${charts.states.title}'],
        'a speerpunt from the register is shown as it is spelled, never as a binding',
      );
    });

    it('is shown literally, in TextRuns, in the project summary', () => {
      const summary = projectOverRounds(round);
      const [, answered] = summary.rounds;
      assert.ok(answered?.latest);

      const card = projectSummaryCard('nl', {
        ...summary,
        project: hostile,
        rounds: [
          {
            ...answered,
            latest: {
              ...answered.latest,
              answer: '${evil}\n**niet vet**',
              deviation: '[klik](https://evil.example)',
              answeredByName: '${labels.next}',
            },
          },
        ],
      });

      const runs = everyObjectIn(card)
        .filter((element) => element.type === 'TextRun')
        .map((element) => String(element.text));
      assert.ok(runs.includes('4.2.3 Project ${evil} met ${labels.send}'));
      assert.ok(runs.includes('${evil}\n**niet vet**'));
      assert.ok(runs.includes('Toelichting: [klik](https://evil.example)'));
      assert.ok(runs.some((text) => text.startsWith('${labels.next}, ')));
    });
  });

  describe('statusRequestCard', () => {
    const round = ROUNDS.nl;

    it('is pre-filled with the latest answer and its status', () => {
      const card = statusRequestCard('nl', round, updateOf(round));

      assert.equal(input(card, 'status').value, 'vertraagd');
      assert.equal(
        input(card, 'answer').value,
        'De aanbesteding liep vertraging op.\nOplevering nu in het tweede kwartaal.',
      );
    });

    it('shows the draft instead of the stored answer, with the reason it was refused', () => {
      const card = statusRequestCard('nl', round, updateOf(round), {
        values: { ...EMPTY_RAW_ANSWER, status: 'gestopt', answer: 'Wat ik net typte.' },
        problems: { answer: 'too-long' },
        error: 'De tekst is te lang.',
      });

      assert.equal(input(card, 'status').value, 'gestopt');
      assert.equal(input(card, 'answer').value, 'Wat ik net typte.');
      assert.ok(texts(card).includes('De tekst is te lang.'));
      const body = card['body'] as Record<string, unknown>[];
      const answerAt = body.findIndex((element) => element['id'] === 'answer');
      assert.equal(
        body[answerAt + 1]?.['text'],
        'Te lang: maximaal 6.000 tekens.',
        'the reason sits right under the field',
      );
    });

    it('shows no error without one', () => {
      const card = statusRequestCard('nl', round, updateOf(round));

      assert.ok(everyObjectIn(card).every((element) => element.style !== 'attention'));
    });

    it("starts from the previous round's answer when there is none yet, and says where it came from", () => {
      const card = statusRequestCard('nl', round, {
        ...unanswered(round),
        previous: {
          roundId: 'jaarverslag-2020',
          fields: {
            status: 'vertraagd',
            answer: 'Vorig jaar.',
            expectedCompletion: { quarter: 2, year: 2021 },
          },
        },
      });

      assert.equal(input(card, 'status').value, 'vertraagd');
      assert.equal(input(card, 'answer').value, 'Vorig jaar.');
      assert.equal(input(card, 'completionQuarter').value, '2');
      assert.ok(
        texts(card).some((text) => text.includes('Vooringevuld met het antwoord uit het jaarverslag 2020.')),
      );
    });

    it("starts from the published report's text with the status left to choose, and says so", () => {
      for (const language of ['nl', 'en'] as const) {
        const card = statusRequestCard(language, round, {
          ...unanswered(round),
          previous: {
            roundId: 'voortgangsrapportage-2021',
            published: true,
            fields: {
              status: 'op-schema',
              answer: 'De balie is open sinds het voorjaar.',
              deviation: 'Later door de verbouwing.',
              deviationAt: 'sinds het voorjaar',
            },
          },
        });

        assert.equal(input(card, 'status').value, '', 'a report prints no status');
        assert.equal(input(card, 'answer').value, 'De balie is open sinds het voorjaar.');
        assert.equal(input(card, 'deviation').value, 'Later door de verbouwing.');
        assert.equal(input(card, 'deviationAt').value, 'sinds het voorjaar');
        const said =
          language === 'nl'
            ? 'Vooringevuld met de tekst uit de voortgangsrapportage 2021 zoals die is gepubliceerd.'
            : 'Pre-filled with the text from the progress report 2021 as it was published.';
        assert.ok(
          texts(card).some((text) => text.includes(said)),
          said,
        );
      }
    });

    it('starts empty for a project not yet answered', () => {
      const card = statusRequestCard('nl', round, unanswered(round));

      assert.equal(input(card, 'status').value, '');
      assert.equal(input(card, 'answer').value, '');
    });

    it('never cuts what is typed, and says the limit the server holds it to, under each text', () => {
      const card = statusRequestCard('nl', round, updateOf(round));

      for (const field of ['answer', 'deviation', 'deviationAt', 'financial', 'financialAt']) {
        assert.equal(input(card, field).maxLength, undefined, `${field} has no maxLength`);
      }
      const shown = texts(card);
      assert.ok(shown.includes('Ten hoogste 6.000 tekens.'));
      assert.ok(shown.includes('Ten hoogste 2.000 tekens.'));
      assert.ok(shown.includes('Ten hoogste 1.000 tekens.'));
      assert.equal(FIELD_LIMITS.answer, 6_000);
    });

    it('folds a long stored answer to its first lines with "Meer tonen", and shows a short one whole', () => {
      const long = 'Een zin van de stand van zaken. '.repeat(60).trim();
      const answered = (answer: string): StatusUpdate => {
        const update = updateOf(round);
        return { ...update, versions: update.versions.map((version) => ({ ...version, answer })) };
      };
      const folded = statusStoredCard('nl', round, answered(long));
      const whole = statusStoredCard('nl', round, answered('Kort.'));

      const toggle = everyObjectIn(folded).find((element) => element.type === 'Action.ToggleVisibility');
      assert.equal(toggle?.title, 'Meer tonen');
      // The folded start is plain text in a TextRun, as the whole answer is: paragraphs kept,
      // no markdown read in what the owner typed.
      const start = everyObjectIn(folded).find((element) => element.id === 'answerShort');
      assert.ok(start);
      assert.equal(start.type, 'RichTextBlock');
      const startText = texts(start).join('');
      assert.ok(startText.endsWith(' …') && startText.length < 1_000, startText);
      assert.ok(long.startsWith(startText.slice(0, -2)), 'cut between words, at the start of the answer');
      assert.ok(texts(folded).filter((text) => text === long).length >= 1, 'the whole answer is on the card');
      assert.equal(
        everyObjectIn(whole).some((element) => element.type === 'Action.ToggleVisibility'),
        false,
      );
    });

    it('sends the round, project and language back with the submit', () => {
      const card = statusRequestCard('en', ROUNDS.en, updateOf(ROUNDS.en));

      const action = everyObjectIn(card).find((element) => element.type === 'Action.Execute');
      assert.deepEqual(action?.data, {
        roundId: 'jaarverslag-2021',
        projectId: '2021:4.2.3',
        language: 'en',
        baseVersion: '2',
        card: {
          kind: 'jaarverslag',
          year: '2021',
          deadline: ROUNDS.en.deadline,
          number: '4.2.3',
          title: PROJECT.title,
          speerpunt: PROJECT.speerpunt,
        },
      });
    });
  });

  describe('importResultCard', () => {
    it('names the round to open next with a deadline four weeks from the day of the import', () => {
      const imported = (language: Language, now: Date) =>
        texts(
          importResultCard(
            language,
            'register.xlsx',
            {
              ok: true,
              added: [PROJECT],
              changed: [],
              unchanged: 0,
              published: [],
              answersWithoutRound: 0,
              stored: true,
            },
            now,
          ),
        );

      assert.ok(
        imported('nl', NOW).includes(
          'Open daarna een ronde, bijvoorbeeld **ronde open voortgangsrapportage 2021 tot 29 juni 2021**.',
        ),
      );
      assert.ok(
        imported('en', new Date('2026-12-31T22:30:00Z')).includes(
          'Then open a round, for example **round open voortgangsrapportage 2021 until 28 January 2027**.',
        ),
      );
    });
  });

  describe('projectSummaryCard', () => {
    const card = () => projectSummaryCard('nl', projectOverRounds(ROUNDS.nl));

    it('shows per round its name, whether it is open, the status and the latest answer, newest first', () => {
      const shown = texts(card());

      assert.deepEqual(
        shown.filter((text) => / · (open|gesloten)$/.test(text)),
        ['Jaarverslag 2021 · open', 'Voortgangsrapportage 2021 · gesloten', 'Jaarverslag 2020 · gesloten'],
      );
      assert.ok(shown.includes('Vertraagd'));
      assert.ok(shown.includes('De aanbesteding liep vertraging op.\nOplevering nu in het tweede kwartaal.'));
      assert.ok(shown.includes('Toelichting: Oorspronkelijk gepland voor eind 2020.'));
      assert.ok(shown.includes('Beantwoord in 2 van 5 rondes.'));
      assert.ok(shown.includes('Op schema: 1 · Vertraagd: 1'));
    });

    it('says "Nog geen antwoord" for the open round and "Geen antwoord" for a closed one', () => {
      const summary = projectOverRounds(ROUNDS.nl);
      const [open, closed] = summary.rounds;
      assert.ok(open && closed);
      const unansweredClosed = { ...closed, versions: 0, latest: undefined };

      const shown = texts(projectSummaryCard('nl', { ...summary, rounds: [open, unansweredClosed] }));

      assert.ok(shown.includes('Nog geen antwoord'));
      assert.ok(shown.includes('Geen antwoord'));
    });

    it('shows whether the jaarverslag goal was achieved and the expected completion', () => {
      const facts = everyObjectIn(card()).filter((element) => 'title' in element && 'value' in element);

      assert.deepEqual(
        facts.map((fact) => `${String(fact.title)} ${String(fact.value)}`),
        ['Bereikt? Deels', 'Verwachte afronding Q2 2021'],
      );
    });

    it('clips a long answer with "…" and says where the full text is', () => {
      const shown = texts(card());

      const clipped = shown.find((text) => text.startsWith('Lang antwoord.'));
      assert.ok(clipped);
      assert.ok(clipped.length <= PROJECT_SUMMARY_TEXT.answer + 1);
      assert.ok(clipped.endsWith('…'));
      assert.ok(
        shown.includes('Tekst ingekort; de volledige tekst staat in het hoofdstuk van het jaarverslag 2020.'),
      );
    });

    it('points to geschiedenis for a clipped answer in the round geschiedenis is about', () => {
      const summary = projectOverRounds(ROUNDS.en);
      const long = summary.rounds[2];
      assert.ok(long);

      const shown = texts(projectSummaryCard('en', { ...summary, rounds: [{ ...long, current: true }] }));

      assert.ok(shown.includes('Text shortened; the full text and every version: **history 4.2.3**.'));
    });

    it('never cuts a character in two', () => {
      const summary = projectOverRounds(ROUNDS.nl);
      const long = summary.rounds[2];
      assert.ok(long?.latest);
      const answer = 'a' + '😀'.repeat(PROJECT_SUMMARY_TEXT.answer);

      const shown = texts(
        projectSummaryCard('nl', { ...summary, rounds: [{ ...long, latest: { ...long.latest, answer } }] }),
      );

      const clipped = shown.find((text) => text.startsWith('a😀'));
      assert.ok(clipped);
      assert.doesNotMatch(clipped, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no lone high surrogate');
    });

    it("stays under Teams' 28 KB with a full page of the longest answers in three-byte characters", () => {
      const summary = projectOverRounds(ROUNDS.nl);
      const long = summary.rounds[2];
      assert.ok(long?.latest);
      const longest = {
        ...long,
        latest: {
          ...long.latest,
          answer: '€'.repeat(FIELD_LIMITS.answer),
          deviation: '€'.repeat(FIELD_LIMITS.deviation),
          financial: '€'.repeat(FIELD_LIMITS.financial),
          answeredByName: '€'.repeat(256),
        },
      };
      const full = projectSummaryCard('nl', {
        ...summary,
        project: { ...PROJECT, title: '€'.repeat(300), speerpunt: '€'.repeat(100) },
        page: 2,
        pages: 3,
        rounds: Array.from({ length: PROJECT_ROUNDS_PAGE_SIZE }, () => longest),
      });

      const bytes = Buffer.byteLength(JSON.stringify(full), 'utf8');
      assert.ok(bytes < 26_000, `${bytes} bytes, with room left for the activity around it`);
    });

    it('pages with Vorige / Volgende that ask for the same project again', () => {
      const summary = projectOverRounds(ROUNDS.nl);

      const actions = projectSummaryCard('nl', { ...summary, page: 2, pages: 3 })['actions'] as {
        verb: string;
        title: string;
        data: Record<string, unknown>;
      }[];

      assert.deepEqual(
        actions.map((action) => [action.title, action.verb, action.data]),
        [
          ['Vorige', 'summaryPage', { about: '4.2.3', page: 1, language: 'nl' }],
          ['Volgende', 'summaryPage', { about: '4.2.3', page: 3, language: 'nl' }],
        ],
      );
      assert.ok(
        texts(card()).includes(
          'Alleen de rondes waarin dit project van u was of aan u was gedelegeerd; coördinatoren en lezers zien alles.',
        ),
      );
    });
  });

  describe('weeklyDigestCard', () => {
    const card = () => weeklyDigestCard('nl', ROUNDS.nl, LONG_PROGRESS, MONDAY_MORNING);

    it('shows the round, the moment, the deadline and how many answered, with the percentage', () => {
      assert.equal(texts(card())[0], 'Weekoverzicht: Voortgangsrapportage 2021');
      assert.match(texts(card())[1] ?? '', /^Stand van maandag 7 juni om 09:00\. Deadline: 1 juli 2021\.$/);
      assert.ok(texts(card()).includes('9 van 57 projecten beantwoord (15%)'));
    });

    it('counts the answers that are last round’s again, or nearly', () => {
      assert.ok(texts(card()).includes('2 antwoorden zijn (bijna) gelijk aan dat van de vorige ronde.'));
      const none = weeklyDigestCard('nl', ROUNDS.nl, { ...LONG_PROGRESS, unchanged: 0 }, MONDAY_MORNING);
      assert.ok(!texts(none).some((text) => text.includes('gelijk aan dat van de vorige ronde')));
    });

    it('counts per status, the unanswered included', () => {
      // The facts in text, not those a client without charts shows in their place.
      const inText = (card().body as Json[]).filter((element) => !chartsIn(element).length);
      const facts = everyObjectIn(inText).filter((element) => 'title' in element && 'value' in element);

      assert.deepEqual(
        facts.map((fact) => [fact.title, fact.value]),
        [
          ['Op schema', '5'],
          ['Vertraagd', '3'],
          ['Afgerond', '1'],
          ['Nog geen antwoord', '48'],
        ],
      );
    });

    it('lists the unanswered project numbers in a TextRun, clipped with "… en nog N"', () => {
      const runs = everyObjectIn(card()).filter((element) => element.type === 'TextRun');

      assert.equal(runs[0]?.text, LONG_PROGRESS.missing.slice(0, WEEKLY_MISSING_SHOWN).join(', '));
      assert.equal(runs[1]?.text, ` … en nog ${48 - WEEKLY_MISSING_SHOWN}`);
      assert.ok(texts(card()).includes('Nog zonder antwoord (48):'));
    });

    it('points to samenvatting in the 1:1 chat for the details', () => {
      assert.ok(
        texts(card()).includes('Typ **samenvatting** in de 1-op-1-chat met mij voor de stand per project.'),
      );
    });

    it('shows project numbers literally, never as a binding or markdown', () => {
      const hostile = weeklyDigestCard(
        'nl',
        ROUNDS.nl,
        {
          total: 2,
          answered: 0,
          counts: {},
          missing: ['${labels.title}', '**1**'],
          unchanged: 0,
          figures: plainFigures(0, 2),
        },
        MONDAY_MORNING,
      );

      const runs = everyObjectIn(hostile).filter((element) => element.type === 'TextRun');
      assert.deepEqual(
        runs.map((run) => run.text),
        ['${labels.title}, **1**'],
      );
    });

    it('says when every project is answered, and that the deadline has passed', () => {
      const done = weeklyDigestCard(
        'en',
        ROUNDS.nl,
        {
          total: 2,
          answered: 2,
          counts: { afgerond: 2 },
          missing: [],
          unchanged: 0,
          figures: plainFigures(2, 0),
        },
        new Date('2021-07-05T07:00:00Z'),
      );

      assert.ok(texts(done).includes('2 of 2 projects answered (100%)'));
      assert.ok(texts(done).includes('Every project has been answered.'));
      assert.match(texts(done)[1] ?? '', /The deadline was 1 July 2021\.$/);
      assert.equal(
        everyObjectIn(done).some((element) => element.type === 'TextRun'),
        false,
      );
    });

    it('never shows 100% while a project is open', () => {
      const almost = weeklyDigestCard(
        'nl',
        ROUNDS.nl,
        {
          total: 200,
          answered: 199,
          counts: { 'op-schema': 199 },
          missing: ['7'],
          unchanged: 0,
          figures: plainFigures(199, 1),
        },
        MONDAY_MORNING,
      );

      assert.ok(texts(almost).includes('199 van 200 projecten beantwoord (99%)'));
    });
  });

  describe('closing and reopening a round', () => {
    const read = (card: AdaptiveCard) => texts(card).join('\n');

    it('asks before closing with the answers in and the projects missing, and buttons that carry the round', () => {
      assert.equal(
        read(closeQuestionCard('nl', closeQuestion('nl'))),
        [
          'Voortgangsrapportage 2021 sluiten?',
          '3 van de 4 projecten hebben een antwoord; 1 ontbreekt (4.2.3).',
          'Na het sluiten krijgt niemand nog een herinnering en liggen de antwoorden vast.',
          'Heropenen kan met een nieuwe deadline: typ **ronde heropen voortgangsrapportage 2021 tot** en een datum.',
        ].join('\n'),
      );
      assert.match(
        read(closeQuestionCard('en', closeQuestion('en'))),
        /^Close the annual report 2021\?\n3 of the 4 projects have an answer; 1 is missing \(4\.2\.3\)\./,
      );
      const card = closeQuestionCard('nl', closeQuestion('nl'));
      const actions = (card['actions'] ?? []) as {
        title: string;
        verb: string;
        data: Record<string, string>;
      }[];
      assert.deepEqual(
        actions.map((action) => [action.title, action.verb, action.data]),
        [
          [
            'Sluiten',
            'closeRound',
            { roundId: 'voortgangsrapportage-2021', openSince: ROUNDS.nl.openedAt, language: 'nl' },
          ],
          ['Niet sluiten', 'keepRoundOpen', { roundId: 'voortgangsrapportage-2021', language: 'nl' }],
        ],
      );
    });

    it('lists at most ten missing numbers and counts the rest', () => {
      const missing = Array.from({ length: 13 }, (_, i) => String(i + 1));
      const question = { round: ROUNDS.nl, total: 14, answered: 1, missing };
      assert.match(
        read(closeQuestionCard('nl', question)),
        /1 van de 14 projecten heeft een antwoord; 13 ontbreken \(1, 2, 3, 4, 5, 6, 7, 8, 9, 10 en nog 3\)\./,
      );
    });

    it('refuses to open a closed round by naming its state and the command that reopens it, with the date typed', () => {
      assert.equal(
        read(roundStateCard('nl', closedRound('nl'), 'open', '15-7-2021')),
        'Dat kan niet\nDe voortgangsrapportage 2021 is gesloten. Heropen die met **ronde heropen voortgangsrapportage 2021 tot 15-7-2021**.',
      );
      assert.match(
        read(roundStateCard('en', closedRound('en'), 'open', '2022-03-01')),
        /The annual report 2021 is closed\. Reopen it with \*\*round reopen jaarverslag 2021 until 2022-03-01\*\*\./,
      );
    });

    it('refuses to open or reopen an open round by naming its deadline, and its reopening', () => {
      assert.match(
        read(roundStateCard('nl', ROUNDS.nl, 'open')),
        /De voortgangsrapportage 2021 is al open, met deadline 1 juli 2021\. Er is niets veranderd\./,
      );
      assert.match(
        read(roundStateCard('nl', reopenedRound('nl'), 'reopen')),
        /is al open, met deadline 19 juli 2021 \(heropend door Carla Coördinator op 5 jul 2021, 14:00\)\./,
      );
    });

    it('tells who closed a round that was closed already, and how to reopen it', () => {
      assert.match(
        read(roundStateCard('nl', closedRound('nl'), 'close')),
        /Voortgangsrapportage 2021 was al gesloten\nGesloten door Carla Coördinator op 2 jul 2021, 10:00; er is niets veranderd\. Heropenen kan/,
      );
    });

    it('confirms a reopening with the new deadline, when the reminder goes out, and who reopened and closed it', () => {
      const round = reopenedRound('nl');
      const text = read(
        roundReopenedCard('nl', { round, total: 4, waiting: 1 }, new Date(reopeningOf(round))),
      );
      assert.match(
        text,
        /^Voortgangsrapportage 2021 is heropend\n1 van de 4 projecten heeft nog geen antwoord; daarvoor gaat nu een herinnering uit\./,
      );
      const facts = JSON.stringify(
        roundReopenedCard('nl', { round, total: 4, waiting: 1 }, new Date(reopeningOf(round))),
      );
      assert.match(facts, /"title":"Deadline","value":"19 juli 2021"/);
      assert.match(facts, /"title":"Heropend door","value":"Carla Coördinator, 5 jul 2021, 14:00"/);
      assert.match(facts, /"title":"Eerder gesloten door","value":"Carla Coördinator, 2 jul 2021, 10:00"/);
    });

    it("says in the coordinator's status that the round was reopened, by whom, when and until when", () => {
      const status = {
        round: reopenedRound('nl'),
        named: false,
        alsoOpen: [],
        answered: 3,
        open: 1,
        unreachable: 0,
        snoozed: 0,
        unchanged: 0,
        waiting: [],
        figures: plainFigures(3, 1),
      };
      assert.match(
        read(roundStatusCard('nl', status)),
        /3 van 4 projecten beantwoord\. Heropend door Carla Coördinator op 5 jul 2021, 14:00, met deadline 19 juli 2021\./,
      );
      assert.doesNotMatch(read(roundStatusCard('nl', { ...status, round: ROUNDS.nl })), /Heropend/);
    });

    it('reminds the owners of a reopened round that it is open again, with the new deadline', () => {
      const round = reopenedRound('nl');
      assert.match(
        JSON.stringify(reminderCard('nl', round, unanswered(round), [], true)),
        /Herinnering: de voortgangsrapportage 2021 is heropend, met als nieuwe deadline 19 juli 2021\./,
      );
      assert.match(
        JSON.stringify(reminderCard('en', reopenedRound('en'), unanswered(reopenedRound('en')), [], true)),
        /Reminder: the annual report 2021 is open again, with a new deadline: /,
      );
    });
  });

  describe('reminderBundleCard', () => {
    it('lists each project with its state and per project the buttons Invullen, Herinner me morgen and Niet mijn project, each naming that project', () => {
      const nine = { ...unanswered(ROUNDS.nl, { ...PROJECT, id: '2021:9', number: '9', title: 'Negen' }) };
      const card = reminderBundleCard(
        'nl',
        [{ round: ROUNDS.nl, updates: [unanswered(ROUNDS.nl), { ...nine, hasDraft: true }] }],
        { step: 'reminder' },
      );
      const text = JSON.stringify(card);
      assert.match(text, /Herinnering: 2 projecten wachten/);
      assert.match(text, /nog niet ingevuld/);
      assert.match(text, /concept/);
      const actions = everyObjectIn(card as Json).filter((element) => element.type === 'Action.Execute');
      assert.deepEqual(
        actions.map(
          (action) => `${String(action.verb)} ${(action.data as Json as { projectId: string }).projectId}`,
        ),
        [
          `fillIn ${PROJECT.id}`,
          `snoozeReminder ${PROJECT.id}`,
          `notMyProject ${PROJECT.id}`,
          'fillIn 2021:9',
          'snoozeReminder 2021:9',
          'notMyProject 2021:9',
        ],
      );
    });

    it('offers no snooze on the first ask as an overview, only Invullen', () => {
      const card = reminderBundleCard('en', [{ round: ROUNDS.en, updates: [unanswered(ROUNDS.en)] }], {
        step: 'ask',
      });
      const verbs = everyObjectIn(card as Json)
        .filter((element) => element.type === 'Action.Execute')
        .map((action) => action.verb);
      assert.deepEqual(verbs, ['fillIn']);
      assert.match(JSON.stringify(card), /New round: 1 project waits for your status update/);
    });

    it('lists the projects of two rounds under each round’s name and deadline, and names both rounds in every button', () => {
      const jaarverslag = { ...otherRound(ROUNDS.nl), deadline: '2021-07-15' };
      const card = reminderBundleCard(
        'nl',
        [
          { round: ROUNDS.nl, updates: [unanswered(ROUNDS.nl)] },
          {
            round: jaarverslag,
            updates: [unanswered(jaarverslag, { ...PROJECT, id: '2021:9', number: '9', title: 'Negen' })],
          },
        ],
        { step: 'reminder' },
      );
      const texts = everyObjectIn(card as Json)
        .filter((element) => element.type === 'TextBlock')
        .map((element) => String(element.text));
      assert.ok(texts.includes('Herinnering: 2 projecten wachten op uw stand van zaken'));
      assert.ok(
        texts.includes(
          'Voor de voortgangsrapportage 2021 en het jaarverslag 2021. Druk bij een project op Invullen: het formulier van dat project komt eronder.',
        ),
        texts.join(' | '),
      );
      assert.ok(texts.includes('Voortgangsrapportage 2021: graag uiterlijk 1 juli 2021 invullen.'));
      assert.ok(texts.includes('Jaarverslag 2021: graag uiterlijk 15 juli 2021 invullen.'));
      assert.ok(!texts.some((entry) => entry.startsWith('Graag uiterlijk')), 'no single deadline on top');
      const data = everyObjectIn(card as Json)
        .filter((element) => element.type === 'Action.Execute')
        .map((action) => action.data as Json as { roundId: string; projectId: string; rounds: string });
      assert.deepEqual(
        data.map((entry) => `${entry.roundId} ${entry.projectId}`),
        [
          ...Array<string>(3).fill(`voortgangsrapportage-2021 ${PROJECT.id}`),
          ...Array<string>(3).fill('jaarverslag-2021 2021:9'),
        ],
      );
      assert.ok(data.every((entry) => entry.rounds === 'voortgangsrapportage-2021,jaarverslag-2021'));
    });

    it('shows two rounds of which one has projects left as that round’s card, whichever round leads', () => {
      const progress = { ...otherRound(ROUNDS.en), deadline: '2021-07-01' };
      const card = reminderBundleCard(
        'en',
        [
          { round: ROUNDS.en, updates: [] },
          { round: progress, updates: [unanswered(progress)] },
        ],
        { step: 'reminder' },
      );
      const text = JSON.stringify(card);
      assert.match(text, /For the progress report 2021\. Press Fill in/);
      assert.match(text, /Please answer by 1 July 2021\./);
      assert.doesNotMatch(text, /annual report/i);
    });
  });

  describe('Action.Execute verbs', () => {
    const verbsInCards = new Set(
      TEMPLATE_FILES.flatMap((file) =>
        everyObjectIn(readTemplate(file))
          .filter((element) => element.type === 'Action.Execute')
          .map((element) => String(element.verb)),
      ),
    );
    const routedVerbs = new Set(CARD_ACTIONS.map((action) => action.verb));

    it('are found in the templates', () => {
      assert.ok(verbsInCards.size > 0);
    });

    it('each have a route in CARD_ACTIONS', () => {
      assert.deepEqual(
        [...verbsInCards].filter((verb) => !routedVerbs.has(verb)),
        [],
      );
    });

    it('each route in CARD_ACTIONS is used by a card', () => {
      assert.deepEqual(
        [...routedVerbs].filter((verb) => !verbsInCards.has(verb)),
        [],
      );
    });

    it('are routed once each', () => {
      assert.equal(routedVerbs.size, CARD_ACTIONS.length);
    });
  });
});
