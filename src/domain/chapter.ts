import { latestVersion, type Round, type RoundKind, type StatusUpdate } from './model';
import { compareProjectNumbers } from './natural-order';
import { REPORT_HEADINGS, type ReportHeadings } from './report-format';

/** A piece of running text: owner text kept verbatim, or a numbered footnote reference. */
export type Inline = { readonly text: string } | { readonly footnote: number };

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
  /** No answer came in: flagged in the document, never dropped. */
  readonly missing: boolean;
}

export interface ChapterGroup {
  readonly speerpunt: string;
  readonly sections: readonly ChapterSection[];
}

export interface Footnote {
  readonly number: number;
  readonly text: string;
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
}

const ROUND_TITLES: Record<RoundKind, string> = {
  voortgangsrapportage: 'Voortgangsrapportage',
  jaarverslag: 'Jaarverslag',
};

const ACHIEVED_WORDS = { ja: 'Ja.', deels: 'Deels.', nee: 'Nee.' } as const;

/** The words printed where an answer is missing, so that a draft shows it at a glance. */
export const MISSING_ANSWER = 'NOG GEEN ANTWOORD ONTVANGEN';

/**
 * Compiles a round's answers into the chapter the organisation publishes (design.md §2): one
 * section per project in natural number order, grouped by speerpunt (groups in the order of
 * their first project), the questions in the round's tense, each answer verbatim, the
 * explanation of a deviation and a financial note as footnotes numbered through the chapter,
 * and a project without an answer flagged, never dropped. Pure: one list of status updates in,
 * no query per project.
 */
export function compileChapter(round: Round, updates: readonly StatusUpdate[], compiledOn: string): Chapter {
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
  const section = (update: StatusUpdate): ChapterSection => {
    const { project } = update;
    const latest = latestVersion(update);
    const answer: Inline[] = [];
    if (latest) {
      if (latest.achieved) answer.push({ text: `${ACHIEVED_WORDS[latest.achieved]} ` });
      answer.push({ text: latest.answer });
      for (const note of [latest.deviation, latest.financial]) {
        if (!note) continue;
        footnotes.push({ number: footnotes.length + 1, text: note });
        answer.push({ footnote: footnotes.length });
      }
    } else {
      answer.push({ text: MISSING_ANSWER });
    }
    return {
      number: project.number,
      title: project.title,
      speerpunt: project.speerpunt,
      missing: !latest,
      entries: [
        { question: headings.goal, answer: [{ text: project.goal }] },
        { question: headings.activities, answer: [{ text: project.activities }] },
        { question: headings.question, answer },
      ],
    };
  };
  const groups = [...byGroup].map(([speerpunt, members]) => ({ speerpunt, sections: members.map(section) }));
  const answered = sorted.filter((update) => latestVersion(update) !== undefined).length;

  return {
    title: `${ROUND_TITLES[round.kind]} ${round.year}`,
    kind: round.kind,
    year: round.year,
    compiledOn,
    answered,
    total: sorted.length,
    groups,
    footnotes,
  };
}
