import { placeIn, type Achieved, type AnswerFields, type ExpectedCompletion } from './answer';
import type { ProjectStatus, Round, RoundKind, StatusUpdate } from './model';
import { printableAnswer, reviewStateOf, type ReviewState } from './review';
import { compareProjectNumbers } from './natural-order';
import { REPORT_HEADINGS, type ReportHeadings } from './report-format';

/**
 * A piece of running text: owner text kept verbatim, a numbered footnote reference, or a flag
 * for the coordinator in a draft (a missing or unapproved answer), printed so it cannot be missed.
 */
export type Inline = { readonly text: string } | { readonly footnote: number } | { readonly flag: string };

/** One question and its answer in a project's section. */
export interface ChapterEntry {
  readonly question: string;
  /** Lines as written; an empty line separates paragraphs. */
  readonly answer: readonly Inline[];
}

export interface ChapterSection {
  readonly number: string;
  readonly title: string;
  readonly speerpunt: string;
  readonly entries: readonly ChapterEntry[];
  /** Nothing to print (no answer, or with review none approved): flagged, never dropped. */
  readonly missing: boolean;
  /** Why the section is flagged in a draft, if it is. */
  readonly flag?: SectionFlag;
}

export type SectionFlag = 'missing' | 'notApproved' | 'newerPending';

/** A project that keeps the final version from being compiled, and why. */
export interface Blocker {
  readonly number: string;
  readonly title: string;
  readonly state: ReviewState;
  readonly flag: SectionFlag;
}

export interface ChapterGroup {
  readonly speerpunt: string;
  readonly sections: readonly ChapterSection[];
}

export interface Footnote {
  readonly number: number;
  readonly text: string;
}

/**
 * One project in the overview at the start of the chapter: the structured answers, which never
 * appear in the prose. Without a printable answer there is nothing to show but the project.
 */
export interface OverviewRow {
  readonly number: string;
  readonly title: string;
  readonly status?: ProjectStatus;
  readonly achieved?: Achieved;
  readonly expectedCompletion?: ExpectedCompletion;
}

export interface Overview {
  /** Only a jaarverslag asks whether the goal was reached. */
  readonly showAchieved: boolean;
  /** Every project, in report order. */
  readonly rows: readonly OverviewRow[];
}

/** The chapter, format-neutral: the Markdown and Word renderers only lay it out. */
export interface Chapter {
  readonly title: string;
  readonly kind: RoundKind;
  readonly year: number;
  /** Calendar date (YYYY-MM-DD) the chapter was compiled, in Europe/Amsterdam. */
  readonly compiledOn: string;
  readonly answered: number;
  readonly total: number;
  readonly groups: readonly ChapterGroup[];
  /** Numbered through the whole chapter, in the order they appear. */
  readonly footnotes: readonly Footnote[];
  /** Whether answers were reviewed: only approved text is printed then. */
  readonly review: boolean;
  /** Every flagged project, in report order: what stands in the way of the final version. */
  readonly blockers: readonly Blocker[];
  /** The table of structured answers at the start; absent when the coordinator leaves it out. */
  readonly overview?: Overview;
}

export interface ChapterOptions {
  /** Whether the chapter starts with the overview table (default: yes). */
  readonly overview?: boolean;
}

const ROUND_TITLES: Record<RoundKind, string> = {
  voortgangsrapportage: 'Voortgangsrapportage',
  jaarverslag: 'Jaarverslag',
};

/** The words printed where an answer is missing, so that a draft shows it at a glance. */
export const MISSING_ANSWER = 'NOG GEEN ANTWOORD ONTVANGEN';
/** Printed where an answer came in but no version of it is approved yet. */
export const NOT_APPROVED = 'NOG NIET GOEDGEKEURD: er is een antwoord, maar nog geen goedgekeurde versie';
/** Printed after an approved answer that has a newer version waiting. */
export const NEWER_PENDING =
  'Er is een nieuwere versie die nog niet is goedgekeurd; hierboven staat de goedgekeurde';

/**
 * Compiles a round's answers into the chapter the organisation publishes (docs/report-format.md): one
 * section per project in natural number order, grouped by speerpunt (groups in the order of
 * their first project), the questions in the round's tense, each answer verbatim (nothing before
 * or after it), the explanation of a deviation and a financial note as footnotes numbered
 * through the chapter, and a project without an answer flagged, never dropped. Status,
 * *bereikt* and the expected completion go in the overview at the start, never into the prose.
 * Pure: one list of status updates in, no query per project.
 */
export function compileChapter(
  round: Round,
  updates: readonly StatusUpdate[],
  compiledOn: string,
  options: ChapterOptions = {},
): Chapter {
  const headings: ReportHeadings = REPORT_HEADINGS[round.kind];
  const sorted = [...updates].sort((a, b) => compareProjectNumbers(a.project.number, b.project.number));
  // Grouped first, so footnotes are numbered in the order a reader meets them.
  const byGroup = new Map<string, StatusUpdate[]>();
  for (const update of sorted) {
    const group = byGroup.get(update.project.speerpunt) ?? [];
    group.push(update);
    byGroup.set(update.project.speerpunt, group);
  }
  const footnotes: Footnote[] = [];
  const blockers: Blocker[] = [];
  const rows: OverviewRow[] = [];
  const section = (update: StatusUpdate): ChapterSection => {
    const { project } = update;
    const printable = printableAnswer(update, round);
    const fields = printable.fields;
    const answer: Inline[] = [];
    rows.push({
      number: project.number,
      title: project.title,
      ...(fields
        ? {
            status: fields.status,
            ...(fields.achieved ? { achieved: fields.achieved } : {}),
            ...(fields.expectedCompletion ? { expectedCompletion: fields.expectedCompletion } : {}),
          }
        : {}),
    });
    if (fields) {
      answer.push(...withNotes(fields, footnotes));
      if (printable.flag === 'newerPending') answer.push({ text: '\n\n' }, { flag: NEWER_PENDING });
    } else {
      answer.push({ flag: printable.flag === 'notApproved' ? NOT_APPROVED : MISSING_ANSWER });
    }
    const flag = printable.flag === 'ok' ? undefined : printable.flag;
    if (flag) {
      blockers.push({
        number: project.number,
        title: project.title,
        state: reviewStateOf(update, round),
        flag,
      });
    }
    return {
      number: project.number,
      title: project.title,
      speerpunt: project.speerpunt,
      missing: !fields,
      ...(flag ? { flag } : {}),
      entries: [
        { question: headings.goal, answer: [{ text: project.goal }] },
        { question: headings.activities, answer: [{ text: project.activities }] },
        { question: headings.question, answer },
      ],
    };
  };
  const groups = [...byGroup].map(([speerpunt, members]) => ({ speerpunt, sections: members.map(section) }));
  const answered = groups.flatMap((group) => group.sections).filter((section) => !section.missing).length;

  return {
    title: `${ROUND_TITLES[round.kind]} ${round.year}`,
    kind: round.kind,
    year: round.year,
    compiledOn,
    answered,
    total: sorted.length,
    groups,
    footnotes,
    review: round.review === true,
    blockers,
    ...(options.overview === false ? {} : { overview: { showAchieved: round.kind === 'jaarverslag', rows } }),
  };
}

/**
 * The answer with its notes' references, each right after the words the owner placed it at (or
 * at the end, when no place was given or its words are gone), numbered in reading order and
 * added to `footnotes`. The answer's text is kept whole: it is only cut where a marker goes.
 */
function withNotes(fields: AnswerFields, footnotes: Footnote[]): Inline[] {
  const text = fields.answer;
  const notes = [
    { text: fields.deviation, at: fields.deviationAt },
    { text: fields.financial, at: fields.financialAt },
  ]
    .filter((note): note is { text: string; at: string | undefined } => Boolean(note.text))
    .map((note, order) => ({
      text: note.text,
      order,
      position: (note.at ? placeIn(text, note.at) : undefined) ?? text.length,
    }))
    .sort((a, b) => a.position - b.position || a.order - b.order);
  const out: Inline[] = [];
  let from = 0;
  for (const note of notes) {
    if (note.position > from) out.push({ text: text.slice(from, note.position) });
    from = note.position;
    footnotes.push({ number: footnotes.length + 1, text: note.text });
    out.push({ footnote: footnotes.length });
  }
  if (from < text.length || out.length === 0) out.push({ text: text.slice(from) });
  return out;
}
