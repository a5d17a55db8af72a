import { PassThrough } from 'node:stream';
import ExcelJS, { PaperSize } from 'exceljs';
import { DateTime } from 'luxon';
import type { Achieved } from '../domain/answer';
import type { Language, ProjectStatus, ReviewDecisionKind, RoundKind } from '../domain/model';
import { completionLabel } from '../domain/report-format';
import type { AnswerSheet, AnswerSheetRow } from '../domain/use-cases/answer-sheet';

/** A cell's value; undefined leaves the cell out (an empty cell is not written at all). */
type Value = string | number | Date | undefined;

interface SheetColumn {
  readonly nl: string;
  readonly en: string;
  /** In characters of the default font. */
  readonly width: number;
  readonly value: (
    row: AnswerSheetRow,
    words: Words,
    date: (iso: string | undefined) => Date | undefined,
  ) => Value;
  /** Long text: wrapped, and counted for the row's height. */
  readonly long?: true;
  readonly date?: true;
  /** Short figures (a version, a date): centred, so that they never run into the next column's text. */
  readonly centred?: true;
}

interface Words {
  readonly language: Language;
  readonly statuses: Record<ProjectStatus, string>;
  readonly achieved: Record<Achieved, string>;
  readonly decisions: Record<ReviewDecisionKind, string>;
  readonly sheetName: string;
  readonly dateFormat: string;
}

const WORDS: Record<Language, Words> = {
  nl: {
    language: 'nl',
    statuses: {
      'op-schema': 'Op schema',
      vertraagd: 'Vertraagd',
      'on-hold': 'On hold',
      afgerond: 'Afgerond',
      gestopt: 'Gestopt',
    },
    achieved: { ja: 'Ja', deels: 'Deels', nee: 'Nee' },
    decisions: { approved: 'Goedgekeurd', sentBack: 'Teruggestuurd' },
    sheetName: 'Antwoorden',
    dateFormat: 'dd-mm-yyyy hh:mm',
  },
  en: {
    language: 'en',
    statuses: {
      'op-schema': 'On track',
      vertraagd: 'Delayed',
      'on-hold': 'On hold',
      afgerond: 'Completed',
      gestopt: 'Stopped',
    },
    achieved: { ja: 'Yes', deels: 'Partly', nee: 'No' },
    decisions: { approved: 'Approved', sentBack: 'Sent back' },
    sheetName: 'Answers',
    dateFormat: 'yyyy-mm-dd hh:mm',
  },
};

const text = (value: string | undefined): Value => value || undefined;

/** The columns, in order, with their Dutch and English names. */
export const ANSWER_SHEET_COLUMNS: readonly SheetColumn[] = [
  { nl: 'Nummer', en: 'Number', width: 9, value: (row) => row.number },
  { nl: 'Titel', en: 'Title', width: 28, value: (row) => row.title, long: true },
  { nl: 'Speerpunt', en: 'Speerpunt (theme)', width: 16, value: (row) => row.speerpunt },
  { nl: 'Eigenaren', en: 'Owners', width: 26, value: (row) => row.owners.join('; '), long: true },
  {
    nl: 'Gedelegeerd aan',
    en: 'Delegated to',
    width: 24,
    value: (row) => row.delegates.join('; ') || undefined,
    long: true,
  },
  {
    nl: 'Status',
    en: 'Status',
    width: 12,
    value: (row, w) => (row.status ? w.statuses[row.status] : undefined),
  },
  {
    nl: 'Bereikt',
    en: 'Achieved',
    width: 10,
    value: (row, w) => (row.achieved ? w.achieved[row.achieved] : undefined),
  },
  { nl: 'Antwoord', en: 'Answer', width: 80, value: (row) => text(row.answer), long: true },
  { nl: 'Afwijking', en: 'Deviation', width: 36, value: (row) => text(row.deviation), long: true },
  {
    nl: 'Afwijking hoort bij de woorden',
    en: 'Deviation goes with the words',
    width: 22,
    value: (row) => text(row.deviationAt),
    long: true,
  },
  {
    nl: 'Financiële toelichting',
    en: 'Financial note',
    width: 32,
    value: (row) => text(row.financial),
    long: true,
  },
  {
    nl: 'Financieel hoort bij de woorden',
    en: 'Financial note goes with the words',
    width: 22,
    value: (row) => text(row.financialAt),
    long: true,
  },
  {
    nl: 'Verwachte afronding',
    en: 'Expected completion',
    width: 12,
    value: (row) => (row.expectedCompletion ? completionLabel(row.expectedCompletion) : undefined),
  },
  { nl: 'Versie', en: 'Version', width: 8, value: (row) => row.version, centred: true },
  { nl: 'Ingediend door', en: 'Submitted by', width: 20, value: (row) => text(row.submittedBy) },
  {
    nl: 'Ingediend op',
    en: 'Submitted at',
    width: 16,
    value: (row, _, date) => date(row.submittedAt),
    date: true,
    centred: true,
  },
  {
    nl: 'Beoordeling',
    en: 'Review decision',
    width: 14,
    value: (row, w) => (row.review ? w.decisions[row.review.decision] : undefined),
  },
  { nl: 'Beoordeeld door', en: 'Reviewed by', width: 20, value: (row) => text(row.review?.by) },
  {
    nl: 'Beoordeeld op',
    en: 'Reviewed at',
    width: 16,
    value: (row, _, date) => date(row.review?.at),
    date: true,
    centred: true,
  },
  {
    nl: 'Opmerking beoordelaar',
    en: 'Reviewer comment',
    width: 32,
    value: (row) => text(row.review?.comment),
    long: true,
  },
];

const ZONE = 'Europe/Amsterdam';

/**
 * An instant as Excel keeps a date: the wall-clock time in Amsterdam, without a zone. Excel has
 * no time zones, and exceljs writes a Date's UTC fields, so the Date carries Amsterdam's fields
 * as if they were UTC.
 */
export function excelDate(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(ZONE);
  if (!local.isValid) return undefined;
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/**
 * Each row is as high as its longest wrapped text needs at its column's width, estimated (one
 * character per unit of width, a line per paragraph at least): neither Excel nor LibreOffice
 * fits the rows of a file it opens, and a row of the default height would print a long answer
 * over the rows below it. At most Excel's highest row.
 */
const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;

function linesOf(value: string | undefined, width: number): number {
  if (!value) return 1;
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = value.indexOf('\n', start);
    lines += Math.max(1, Math.ceil(((end === -1 ? value.length : end) - start) / width));
    if (end === -1) return lines;
    start = end + 1;
  }
}

/** The row's height in points; undefined: the default, one line. */
function heightOf(row: AnswerSheetRow): number | undefined {
  let lines = 1;
  for (const column of ANSWER_SHEET_COLUMNS) {
    if (!column.long) continue;
    // Long text is the owner's or the register's, the same in either language.
    const value = column.value(row, WORDS.nl, () => undefined);
    lines = Math.max(lines, linesOf(typeof value === 'string' ? value : undefined, column.width));
  }
  return lines > 1 ? Math.min(lines * LINE_POINTS, MAX_ROW_POINTS) : undefined;
}

const SHEET_TITLES: Record<RoundKind, Record<Language, string>> = {
  voortgangsrapportage: { nl: 'Voortgangsrapportage', en: 'Progress report' },
  jaarverslag: { nl: 'Jaarverslag', en: 'Annual report' },
};

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: AnswerSheet,
  words: Words,
  date: (iso: string | undefined) => Date | undefined,
  heights: readonly (number | undefined)[],
): void {
  const { round } = sheet;
  const worksheet = workbook.addWorksheet(words.sheetName, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
    pageSetup: {
      paperSize: PaperSize.A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${SHEET_TITLES[round.kind][words.language]} ${round.year}`,
      oddFooter: words.language === 'nl' ? '&RPagina &P van &N' : '&RPage &P of &N',
    },
  });
  worksheet.columns = ANSWER_SHEET_COLUMNS.map((column) => ({
    header: column[words.language],
    width: column.width,
    style: {
      alignment: {
        vertical: 'top',
        wrapText: column.long === true,
        ...(column.centred ? { horizontal: 'center' } : {}),
      },
      ...(column.date ? { numFmt: words.dateFormat } : {}),
    },
  }));
  const header = worksheet.getRow(1);
  // The workbook's own font, named: a bold font without a name is a serif one in LibreOffice.
  header.font = { name: 'Calibri', size: 11, bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
  header.height = 32;
  sheet.rows.forEach((row, index) => {
    const added = worksheet.addRow(ANSWER_SHEET_COLUMNS.map((column) => column.value(row, words, date)));
    const height = heights[index];
    if (height !== undefined) added.height = height;
    added.commit();
  });
  worksheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, sheet.rows.length + 1), column: ANSWER_SHEET_COLUMNS.length },
  };
  worksheet.commit();
}

/**
 * The round's answers as an .xlsx: one row per project and version, on a Dutch sheet
 * ("Antwoorden") and the same rows on an English one ("Answers"); a filter on the header row,
 * the header and the number column frozen, long text wrapped, dates as real Excel dates in
 * Amsterdam time, printed landscape and fitted to the page's width. Every value is written as
 * a value, never as a formula, whatever the owner typed.
 */
export async function renderAnswerSheet(sheet: AnswerSheet, compiledAt: Date): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'Stand van zaken';
  workbook.created = compiledAt;
  workbook.modified = compiledAt;
  // Both sheets show the same instants: each is converted to Amsterdam time once.
  const dates = new Map<string, Date | undefined>();
  const date = (iso: string | undefined) => {
    if (!iso) return undefined;
    if (!dates.has(iso)) dates.set(iso, excelDate(iso));
    return dates.get(iso);
  };
  const heights = sheet.rows.map(heightOf);
  for (const language of ['nl', 'en'] as const) addSheet(workbook, sheet, WORDS[language], date, heights);
  await workbook.commit();
  return Buffer.concat(chunks);
}
