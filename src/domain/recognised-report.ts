import { placeIn, type AnswerFields } from './answer';
import type { RoundKind } from './model';

/**
 * What import-report makes of a published report: the projects with their published answers
 * and footnotes, what it could not place, and the register draft kept for the coordinator. The
 * reading itself is in report-text.ts (a PDF's text) and report-markdown.ts (the bot's own .md).
 */

/** A footnote of the published answer: its text, and the words its marker stood after. */
export interface RecognisedFootnote {
  /** The number it had in the report. */
  readonly number: number;
  readonly text: string;
  /** The words of the field its marker followed, or '' when it stood at the field's end. */
  readonly after: string;
  /** The field the marker stood in: only the answer's footnotes carry over to a round. */
  readonly field: 'goal' | 'activities' | 'answer';
  /** 1-based line of the footnote's text. */
  readonly line: number;
}

/** A project as recognised in the text of an earlier report, before owners are added. */
export interface RecognisedProject {
  readonly number: string;
  readonly title: string;
  readonly speerpunt: string;
  readonly goal: string;
  readonly activities: string;
  /** The round question's answer in that report, to start the next round from. */
  readonly answer: string;
  /** 1-based line of the section's heading in the text. */
  readonly line: number;
  /** In reading order. Drafts stored before footnotes were read have none. */
  readonly footnotes?: readonly RecognisedFootnote[];
}

/** Lines of the text that belong to no recognised project's question, for the coordinator to check. */
export interface UnplacedText {
  /** 1-based first and last line. */
  readonly from: number;
  readonly to: number;
  /** The start of the text, up to 120 characters. */
  readonly text: string;
}

/** Everything recognised in the text of one published report. */
export interface RecognisedReport {
  readonly projects: readonly RecognisedProject[];
  /** From the questions' tense: *wilden* is a jaarverslag, *willen* a voortgangsrapportage. */
  readonly kind?: RoundKind;
  /** From the report's title where a page repeats it ("Jaarverslag 2022"). */
  readonly year?: number;
  readonly unplaced: readonly UnplacedText[];
}

/**
 * What was recognised in one report, kept (for a week) so the coordinator can download it as a
 * register sheet, add the owners and send it back as the register.
 */
export interface RegisterDraft {
  readonly id: string;
  /** The coordinator's object id. */
  readonly createdBy: string;
  readonly createdAt: string;
  /** The file it came from. */
  readonly source: string;
  readonly projects: readonly RecognisedProject[];
  /** The report's kind and year, where its text told them; the coordinator confirms them in the sheet. */
  readonly kind?: RoundKind;
  readonly year?: number;
  /** What could not be placed with a project. Drafts stored before this was kept have none. */
  readonly unplaced?: readonly UnplacedText[];
}

/** Where a recognised footnote's marker stood: a private-use pair around the footnote's index. */
export const MARKER = /\uE000(\d+)\uE001/g;

export interface FoundNote {
  readonly number: number;
  readonly text: string;
  readonly line: number;
}

/** The fields trimmed, and each footnote's marker taken out of them with the words it followed. */
export function tidyProject(project: RecognisedProject, notes: readonly FoundNote[]): RecognisedProject {
  const footnotes: RecognisedFootnote[] = [];
  const clean = (field: 'goal' | 'activities' | 'answer'): string => {
    let text = '';
    let from = 0;
    const raw = project[field].trim();
    const places: { index: number; note: FoundNote }[] = [];
    for (const match of raw.matchAll(MARKER)) {
      text += raw.slice(from, match.index);
      from = match.index + match[0].length;
      const note = notes[Number(match[1])];
      if (note) places.push({ index: text.length, note });
    }
    text += raw.slice(from);
    for (const { index, note } of places) {
      footnotes.push({
        number: note.number,
        text: note.text,
        after: wordsBefore(text, index),
        field,
        line: note.line,
      });
    }
    return text;
  };
  return {
    ...project,
    goal: clean('goal'),
    activities: clean('activities'),
    answer: clean('answer'),
    footnotes,
  };
}

/**
 * The fewest words ending at `index` that name that place (their first occurrence ends there),
 * as the card's "na de woorden" field takes them; '' at the end of the text.
 */
function wordsBefore(text: string, index: number): string {
  if (index >= text.trimEnd().length) return '';
  const words = text
    .slice(0, index)
    .split(/\s+/)
    .filter((word) => word !== '');
  for (let count = 1; count <= Math.min(words.length, 12); count++) {
    const place = words.slice(-count).join(' ');
    if (placeIn(text, place) === index) return place;
  }
  return words.slice(-12).join(' ');
}

/** The recognised answer as the fields a round starts from. */
export function previousAnswerOf(project: RecognisedProject): AnswerFields | undefined {
  if (project.answer === '') return undefined;
  const [deviation, financial] = (project.footnotes ?? []).filter((note) => note.field === 'answer');
  return {
    status: 'op-schema',
    answer: project.answer,
    ...(deviation
      ? { deviation: deviation.text, ...(deviation.after ? { deviationAt: deviation.after } : {}) }
      : {}),
    ...(financial
      ? { financial: financial.text, ...(financial.after ? { financialAt: financial.after } : {}) }
      : {}),
  };
}
