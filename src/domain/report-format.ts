import type { Achieved, ExpectedCompletion } from './answer';
import type { ProjectStatus, RoundKind } from './model';

export interface ReportHeadings {
  readonly goal: string;
  readonly activities: string;
  readonly question: string;
}

/**
 * The headings of a project section as the organisation publishes them (docs/report-format.md): the
 * jaarverslag looks back, so its first two questions are in the past tense.
 */
export const REPORT_HEADINGS: Record<RoundKind, ReportHeadings> = {
  voortgangsrapportage: {
    goal: 'Wat willen we bereiken?',
    activities: 'Wat willen we ervoor doen?',
    question: 'Wat is de stand van zaken?',
  },
  jaarverslag: {
    goal: 'Wat wilden we bereiken?',
    activities: 'Wat wilden we ervoor doen?',
    question: 'Hebben we bereikt met wat we wilden gaan doen?',
  },
};

/** Each question as the chapter prints it, in either tense, and the field it asks for. */
export const QUESTION_FIELDS: ReadonlyMap<string, 'goal' | 'activities' | 'answer'> = new Map(
  Object.values(REPORT_HEADINGS).flatMap((headings) => [
    [headings.goal, 'goal'] as const,
    [headings.activities, 'activities'] as const,
    [headings.question, 'answer'] as const,
  ]),
);

/** The overview table at the start of the chapter, as printed (Dutch, like the report). */
export const OVERVIEW_LABELS = {
  title: 'Overzicht',
  number: 'Nr.',
  project: 'Project',
  status: 'Status',
  achieved: 'Bereikt',
  expectedCompletion: 'Verwachte afronding',
  /** In a cell without an answer. */
  none: '—',
  statuses: {
    'op-schema': 'Op schema',
    vertraagd: 'Vertraagd',
    'on-hold': 'On hold',
    afgerond: 'Afgerond',
    gestopt: 'Gestopt',
  } satisfies Record<ProjectStatus, string>,
  achievedValues: { ja: 'Ja', deels: 'Deels', nee: 'Nee' } satisfies Record<Achieved, string>,
} as const;

/** How a value reads at a glance: on course, needs attention, or off course. */
export type Signal = 'good' | 'attention' | 'bad';

export const STATUS_SIGNALS: Record<ProjectStatus, Signal> = {
  'op-schema': 'good',
  afgerond: 'good',
  vertraagd: 'attention',
  'on-hold': 'attention',
  gestopt: 'bad',
};

export const ACHIEVED_SIGNALS: Record<Achieved, Signal> = { ja: 'good', deels: 'attention', nee: 'bad' };

/** "Q2 2023" */
export function completionLabel(completion: ExpectedCompletion): string {
  return `Q${completion.quarter} ${completion.year}`;
}
