import type { RoundKind } from './model';

export interface ReportHeadings {
  readonly goal: string;
  readonly activities: string;
  readonly question: string;
}

/**
 * The headings of a project section as the organisation publishes them (design.md §2): the
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
