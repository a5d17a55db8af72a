import { QUESTION_FIELDS } from './report-format';
import {
  MARKER,
  tidyProject,
  type FoundNote,
  type RecognisedProject,
  type RecognisedReport,
} from './recognised-report';

export { QUESTION_FIELDS } from './report-format';
export {
  previousAnswerOf,
  tidyProject,
  type FoundNote,
  type RecognisedFootnote,
  type RecognisedProject,
  type RecognisedReport,
  type RegisterDraft,
  type UnplacedText,
} from './recognised-report';

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
/** The questions in lower case: a line that starts one of them may be broken before its end. */
const QUESTION_TEXTS = [...QUESTION_FIELDS.keys()].map((question) => question.toLowerCase());

/** A numbered or bulleted list item at the start of a line: it starts a new line in the answer. */
const LIST_ITEM = /^(?:\d{1,2}[.)]|[•▪◦–-])\s/u;

/** Ligatures a PDF's text extraction gives as one character (docs/report-format.md). */
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
 * it (docs/report-format.md), of either kind of round:
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

/**
 * The footnotes at the bottom of the pages (docs/report-format.md): a line "3 Text …" (or "3" with the
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
