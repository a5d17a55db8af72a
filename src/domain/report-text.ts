import { placeIn, type AnswerFields } from './answer';
import type { RoundKind } from './model';
import { REPORT_HEADINGS } from './report-format';

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

const HEADING = /^(\d{1,3}(?:\.\d{1,3}){0,4})\s+(\p{L}.{0,200})$/u;
const SPEERPUNT = /^Speerpunt\s+(\S.*)$/;
/** A page number, or the report's title repeated in a page's header or footer. */
const PAGE_FURNITURE =
  /^(?:(?:pagina|page)\s+)?\d{1,4}(?:\s+(?:van|of)\s+\d{1,4})?$|^(?:\d{1,4}\s*\|\s*)?(?:jaarverslag|voortgangsrapportage)\s+\d{4}(?:\s*\|\s*\d{1,4})?$/i;
const QUESTIONS: readonly [RegExp, 'goal' | 'activities' | 'answer'][] = [
  [/^Wat (?:willen|wilden) we bereiken\?\s*/i, 'goal'],
  [/^Wat (?:willen|wilden) we ervoor doen\?\s*/i, 'activities'],
  [/^(?:Wat is de stand van zaken\?|Hebben we bereikt met wat we wilden gaan doen\?)\s*/i, 'answer'],
];
/** The longest question: a line that starts one of them may be broken before its end. */
const QUESTION_TEXTS = [
  'wat willen we bereiken?',
  'wat wilden we bereiken?',
  'wat willen we ervoor doen?',
  'wat wilden we ervoor doen?',
  'wat is de stand van zaken?',
  'hebben we bereikt met wat we wilden gaan doen?',
];
/** Each question as the chapter prints it, in either tense, and the field it asks for. */
export const QUESTION_FIELDS: ReadonlyMap<string, 'goal' | 'activities' | 'answer'> = new Map(
  Object.values(REPORT_HEADINGS).flatMap((headings) => [
    [headings.goal, 'goal'] as const,
    [headings.activities, 'activities'] as const,
    [headings.question, 'answer'] as const,
  ]),
);

/** A numbered or bulleted list item at the start of a line: it starts a new line in the answer. */
const LIST_ITEM = /^(?:\d{1,2}[.)]|[•▪◦–-])\s/u;

/** Ligatures a PDF's text extraction gives as one character (design.md §2). */
const LIGATURES: Readonly<Record<string, string>> = {
  '\u0133': 'ij',
  '\u0132': 'IJ',
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

interface QuestionAt {
  readonly field: 'goal' | 'activities' | 'answer';
  /** Index of the last line the question takes. */
  readonly last: number;
  /** The text after the question on that line. */
  readonly rest: string;
}

/**
 * Recognises the projects in the text of a published report as a PDF's text extraction gives
 * it (design.md §2, shared/examples), of either kind of round:
 * - a heading "4.2.3 Title" or "7 Title" (one level or several), its title possibly over two
 *   lines, counts only when a speerpunt line or a question follows, so a sentence that starts
 *   with a number ("2.5 miljoen …") stays text;
 * - "Speerpunt X" under the heading; repeated as a page's running header inside a section, it
 *   is left out of the text;
 * - the questions in either tense, also when the layout broke one over two lines;
 * - page numbers and the report's title on a line of their own are left out;
 * - ligatures (ĳ, ﬁ, ﬂ) become their letters; a line break inside a sentence is undone (a word
 *   split by a hyphen is joined again), and a blank line is a paragraph break only where a
 *   sentence ended before it.
 * Text before the first heading belongs to a section whose heading is not in the text and is left
 * out. Pure: the coordinator reviews the result before anything is stored.
 */
export function recogniseReportText(text: string): RecognisedProject[] {
  return [...recogniseReport(text).projects];
}

/**
 * The projects as {@link recogniseReportText} finds them, with the report's kind (from the
 * questions' tense) and year (from its title on a line of its own), and every stretch of text
 * that belongs to no project's question, by line number: never dropped without a word, never
 * merged into another project's text.
 */
export function recogniseReport(text: string): RecognisedReport {
  const raw = text
    .replace(/[\u0132\u0133\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(/\u00AD/g, '')
    .replace(/[\uE000\uE001]/g, '')
    .split(/\r?\n/);
  // pdftotext starts each page with a form feed.
  const pageStarts = new Set(raw.flatMap((line, index) => (line.includes('\f') ? [index] : [])));
  const lines = raw.map((line) => line.replace(/\f/g, '').trim());
  const notes = footnotesIn(lines, pageStarts);
  const projects: RecognisedProject[] = [];
  let current: { -readonly [K in keyof RecognisedProject]: RecognisedProject[K] } | undefined;
  let field: 'goal' | 'activities' | 'answer' | undefined;
  let pendingSpeerpunt = '';
  let blankBefore = false;
  const tenses = { past: 0, present: 0 };
  let year: number | undefined;
  const unplaced: { from: number; to: number; text: string }[] = [];
  const leave = (index: number, line: string) => {
    const last = unplaced[unplaced.length - 1];
    if (last && index + 1 - last.to <= 2) {
      last.to = index + 1;
      if (last.text.length < 120) last.text = `${last.text} ${line}`.slice(0, 120);
    } else {
      unplaced.push({ from: index + 1, to: index + 1, text: line.slice(0, 120) });
    }
  };

  const width = lineWidth(lines);
  // The length of the last line taken into a field, question included: was it cut short?
  let lastLength = 0;
  let inList = false;
  const append = (value: string, length = value.length) => {
    if (!current || !field) return;
    const before = current[field].replace(MARKER, '');
    // A sentence ended, and the line does not go on in lower case.
    const ended = /[.!?:;…]["”’)]*$/.test(before) && !/^\p{Ll}/u.test(value);
    const item = LIST_ITEM.test(value);
    // A line that ends a sentence well before the margin, where the next word would have fitted.
    const short = width > 0 && lastLength + 1 + (value.split(' ')[0]?.length ?? 0) < width * 0.85;
    // "DUO-" + "organisatie" is one word; "opdrachtgever-" + "en opdrachtnemerschap" is not.
    const hyphenated = before.endsWith('-') && !/^(?:en|of|tot)\b/.test(value);
    const glue =
      before === ''
        ? ''
        : ended && item && (inList || !blankBefore)
          ? '\n'
          : ended && blankBefore
            ? '\n\n'
            : ended && item
              ? '\n'
              : ended && short
                ? before.endsWith(':') && !inList
                  ? '\n'
                  : '\n\n'
                : hyphenated
                  ? ''
                  : ' ';
    if (glue.includes('\n')) inList = item;
    // A justified or laid-out line has runs of spaces the writer did not type.
    current[field] = current[field] + glue + value.replace(/ {2,}/g, ' ');
    lastLength = length;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') {
      blankBefore = true;
      continue;
    }
    if (PAGE_FURNITURE.test(line)) {
      const title = /(?:jaarverslag|voortgangsrapportage)\s+(\d{4})/i.exec(line);
      if (title && year === undefined) year = Number(title[1]);
      continue;
    }
    const heading = headingAt(lines, index);
    if (heading) {
      if (current) projects.push(tidyProject(current, notes));
      current = {
        number: heading.number,
        title: heading.title,
        speerpunt: pendingSpeerpunt,
        goal: '',
        activities: '',
        answer: '',
        line: index + 1,
      };
      field = undefined;
      blankBefore = false;
      index = heading.last;
      continue;
    }
    const speerpunt = SPEERPUNT.exec(line);
    if (speerpunt) {
      pendingSpeerpunt = (speerpunt[1] ?? '').trim();
      // Under the heading it names the project's speerpunt; in the text, a page's running header.
      if (current && !field) current.speerpunt = pendingSpeerpunt;
      continue;
    }
    const question = questionAt(lines, index);
    if (question) {
      tenses[
        /wilden|hebben we bereikt/i.test(lines.slice(index, question.last + 1).join(' ')) ? 'past' : 'present'
      ]++;
      if (!current) for (let at = index; at <= question.last; at++) if (lines[at]) leave(at, lines[at] ?? '');
      field = question.field;
      blankBefore = false;
      index = question.last;
      inList = false;
      if (question.rest !== '') append(question.rest, (lines[question.last] ?? '').length);
      continue;
    }
    if (current && field) append(line);
    else leave(index, line);
    blankBefore = false;
  }
  if (current) projects.push(tidyProject(current, notes));
  const kind =
    tenses.past > tenses.present
      ? 'jaarverslag'
      : tenses.present > tenses.past
        ? 'voortgangsrapportage'
        : undefined;
  return { projects, unplaced, ...(kind ? { kind } : {}), ...(year !== undefined ? { year } : {}) };
}

/**
 * The number, the title and the title's last line when line `index` starts a project: a
 * speerpunt line or a question follows (at line `shownBy`), after at most two more lines of title.
 */
function headingAt(
  lines: readonly string[],
  index: number,
): { number: string; title: string; last: number; shownBy: number } | undefined {
  const match = HEADING.exec(lines[index] ?? '');
  // A line with wide gaps is a table's row (the layout's columns), not a heading.
  if (!match || /[.:;,]$/.test(match[0]) || /\S\s{3,}\S/.test(match[0])) return undefined;
  let title = (match[2] ?? '').trim();
  let continuation = 0;
  let last = index;
  for (let next = index + 1, seen = 0; next < lines.length && seen < 6; next++) {
    const line = lines[next] ?? '';
    if (line === '' || PAGE_FURNITURE.test(line)) continue;
    seen++;
    if (SPEERPUNT.test(line) || questionAt(lines, next)) {
      return { number: match[1] ?? '', title, last, shownBy: next };
    }
    if (HEADING.test(line) || /[.:;]$/.test(line) || ++continuation > 2) return undefined;
    // The second (or third) line of a long title.
    title = /\p{L}-$/u.test(title) ? title + line : `${title} ${line}`;
    last = next;
  }
  return undefined;
}

/** The question line `index` starts, also when the layout broke it over two or three lines. */
function questionAt(lines: readonly string[], index: number): QuestionAt | undefined {
  let joined = lines[index] ?? '';
  for (let last = index; ;) {
    for (const [question, field] of QUESTIONS) {
      const match = question.exec(joined);
      if (match) return { field, last, rest: joined.slice(match[0].length).trim() };
    }
    const lower = joined.toLowerCase().replace(/\s+/g, ' ');
    if (lower.length < 8 || !QUESTION_TEXTS.some((text) => text.startsWith(lower) && text !== lower)) {
      return undefined;
    }
    do last++;
    while (last < lines.length && lines[last] === '');
    if (last >= lines.length || last - index > 3) return undefined;
    joined = `${joined} ${lines[last] ?? ''}`;
  }
}

/**
 * A footnote reference the layout set apart from the word or the full stop before it: "het 2",
 * "kwartaal. 4 Daarna", "project. 4,5" (two references at one place, numbered one after the other).
 */
const APART_MARKER = /(?<=[\p{L}.!?;:)’”]) (\d{1,3})(?= |$|,(\d{1,3})(?![\d%]))/gu;

/** Where a recognised footnote's marker stood: a private-use pair around the footnote's index. */
const MARKER = /\uE000(\d+)\uE001/g;

export interface FoundNote {
  readonly number: number;
  readonly text: string;
  readonly line: number;
}

/**
 * The footnotes at the bottom of the pages (design.md §2): a line "3 Text …" (or "3" with the
 * text on the next line) whose number a marker glued to a word a little earlier has ("voorjaar3",
 * "geopend3;"). Only then is it a footnote: a line that merely starts with a number stays text,
 * and a word that merely ends in a digit ("CO2", "Q3") keeps it. The footnote's lines are blanked
 * out and its marker replaced by a private-use pair, so the text around it reads on; the text
 * runs until a blank line, the next page, a page number, a heading, a speerpunt line, a question,
 * a list item or the next footnote.
 */
function footnotesIn(lines: string[], pageStarts: ReadonlySet<number>): FoundNote[] {
  const found: FoundNote[] = [];
  const candidates: {
    line: number;
    start: number;
    length: number;
    number: number;
    taken: boolean;
    apart: boolean;
  }[] = [];
  const markerPattern = /(?<=[\p{L}.,;:!?)’”])(\d{1,3})(?=[\s.,;:!?)’”]|$)/gu;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const start = /^(\d{1,3})(?:\s+(\S.*))?$/.exec(line);
    const number = start ? Number(start[1]) : NaN;
    // A section's heading ("6 Title" with its speerpunt line under it on the same page) is no
    // footnote; a footnote at a page's bottom may have the next page's running header under it.
    const heading = start ? headingAt(lines, index) : undefined;
    const startsSection =
      heading !== undefined && ![...pageStarts].some((page) => page > index && page <= heading.shownBy);
    const marker = start && !startsSection ? markerFor(candidates, Number(start[1]), index) : undefined;
    const first = start?.[2] ?? nextText(lines, index);
    if (marker && first !== undefined && !SPEERPUNT.test(first) && !QUESTIONS.some(([q]) => q.test(first))) {
      marker.taken = true;
      let text = first;
      let last = start?.[2] !== undefined ? index : lines.indexOf(first, index + 1);
      for (let next = last + 1; next < lines.length; next++) {
        const more = lines[next] ?? '';
        if (more === '' || PAGE_FURNITURE.test(more) || SPEERPUNT.test(more) || HEADING.test(more)) break;
        if (
          pageStarts.has(next) ||
          /^\d{1,3}(?:\s|$)/.test(more) ||
          LIST_ITEM.test(more) ||
          questionAt(lines, next)
        ) {
          break;
        }
        text = text.endsWith('-') ? text + more : `${text} ${more}`;
        last = next;
      }
      for (let blank = index; blank <= last; blank++) lines[blank] = '';
      const target = lines[marker.line] ?? '';
      lines[marker.line] =
        target.slice(0, marker.start) +
        `\uE000${found.length}\uE001` +
        target.slice(marker.start + marker.length);
      // Markers further on the same line moved; none of them comes before this one.
      const shift = `\uE000${found.length}\uE001`.length - marker.length;
      for (const other of candidates) {
        if (other.line === marker.line && other.start > marker.start) other.start += shift;
      }
      found.push({ number, text, line: index + 1 });
      // Two notes at one place print as "²,³": the comma between them is the layout's.
      lines[marker.line] = (lines[marker.line] ?? '').replace(/(\uE001),(?=\uE000)/g, '$1');
      continue;
    }
    if (PAGE_FURNITURE.test(line)) continue;
    // The digits of a leading number ("4.2.3 Title", "2.5 miljoen") are no marker, but an amount
    // that ends a sentence at the start of a line may have one after its full stop ("40.000.8";
    // "1.000.012" and "1.000.123" stay numbers).
    const lead =
      (/^\d{1,3}(?:\.\d{3})+(?=\.[1-9]\d?(?:[\s,]|$))/.exec(line) ?? /^\d[\d.]*/.exec(line))?.[0].length ?? 0;
    // The layout may set a reference apart from its word ("het 2"): taken only where no glued one fits.
    const patterns: [RegExp, boolean][] = [[markerPattern, false]];
    if (!HEADING.test(line)) patterns.push([APART_MARKER, true]);
    for (const [pattern, apart] of patterns) {
      for (const match of line.matchAll(pattern)) {
        if (match.index < lead) continue;
        const [digits, number, following] = match;
        // "kwartaal. 12,5" is an amount; "kwartaal. 4,5" two references.
        if (following !== undefined && Number(following) !== Number(number) + 1) continue;
        candidates.push({
          line: index,
          start: match.index,
          length: digits.length,
          number: Number(number),
          taken: false,
          apart,
        });
      }
    }
  }
  return found;
}

/**
 * The width of a full line in characters: the median length of lines the layout broke inside a
 * sentence (the next line goes on in lower case). 0 when the text has too few to tell.
 */
function lineWidth(lines: readonly string[]): number {
  const lengths = lines
    .filter((line, index) => line !== '' && !/[.!?:;]$/.test(line) && /^\p{Ll}/u.test(lines[index + 1] ?? ''))
    .map((line) => line.length)
    .sort((a, b) => a - b);
  return lengths.length < 3 ? 0 : (lengths[Math.floor(lengths.length / 2)] ?? 0);
}

/**
 * The last unclaimed marker with that number on the 80 lines (about a page) before `index`: one
 * glued to its word if there is one, else one set apart.
 */
function markerFor<T extends { line: number; number: number; taken: boolean; apart: boolean }>(
  candidates: readonly T[],
  number: number,
  index: number,
): T | undefined {
  let apart: T | undefined;
  for (let at = candidates.length - 1; at >= 0; at--) {
    const candidate = candidates[at];
    if (!candidate || index - candidate.line > 80) break;
    if (candidate.taken || candidate.number !== number || candidate.line >= index) continue;
    if (!candidate.apart) return candidate;
    apart ??= candidate;
  }
  return apart;
}

/** The next line with text after `index`, past at most one blank line. */
function nextText(lines: readonly string[], index: number): string | undefined {
  const next = lines[index + 1] === '' ? lines[index + 2] : lines[index + 1];
  return next === undefined || next === '' || PAGE_FURNITURE.test(next) || HEADING.test(next)
    ? undefined
    : next;
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
