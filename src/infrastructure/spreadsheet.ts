import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { roundAfter, type RoundKind } from '../domain/model';
import { previousAnswerOf, type RecognisedProject } from '../domain/report-text';
import {
  columnHeading,
  MAX_REGISTER_BYTES,
  REGISTER_COLUMNS,
  RegisterFileError,
  type RegisterColumn,
  type RegisterRow,
} from '../domain/use-cases/import-register';

/** Column headings as registers name them, made comparable (lower case, no accents or punctuation). */
const HEADINGS: Record<string, RegisterColumn> = {
  nummer: 'nummer',
  nr: 'nummer',
  projectnummer: 'nummer',
  number: 'nummer',
  titel: 'titel',
  naam: 'titel',
  projectnaam: 'titel',
  title: 'titel',
  speerpunt: 'speerpunt',
  thema: 'speerpunt',
  eigenaar: 'eigenaar',
  eigenaren: 'eigenaar',
  projecteigenaar: 'eigenaar',
  owner: 'eigenaar',
  owners: 'eigenaar',
  watwillenwebereiken: 'doel',
  doel: 'doel',
  goal: 'doel',
  watwillenweervoordoen: 'activiteiten',
  activiteiten: 'activiteiten',
  activities: 'activiteiten',
  jaar: 'jaar',
  year: 'jaar',
  // The published answer's columns, by the headings the bot writes in either language.
  ...Object.fromEntries(
    (['ronde', 'antwoord', 'afwijking', 'afwijkingBij', 'financieel', 'financieelBij'] as const).flatMap(
      (column) =>
        (['nl', 'en'] as const).map((language) => [comparable(columnHeading(column, language)), column]),
    ),
  ),
};

/** Reads a register from a .csv (`;` or `,`, UTF-8 with or without BOM) or .xlsx file's bytes. */
export async function readRegister(data: Uint8Array, fileName: string): Promise<RegisterRow[]> {
  if (data.length > MAX_REGISTER_BYTES) throw new RegisterFileError('unreadable', 'file too large');
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const table = /\.xlsx$/i.test(fileName) ? await xlsxTable(bytes) : csvTable(bytes);
  return rowsOf(table);
}

function csvTable(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  try {
    const records: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    });
    return records;
  } catch (error) {
    throw new RegisterFileError('unreadable', error instanceof Error ? error.message : String(error));
  }
}

async function xlsxTable(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new RegisterFileError('unreadable', error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RegisterFileError('unreadable', 'no worksheet');
  // Sparse: a sheet may skip rows and cells.
  const table: (string[] | undefined)[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text;
    });
    table[rowNumber - 1] = Array.from(cells, (value) => value ?? '');
  });
  return Array.from(table, (row) => row ?? []);
}

/** The first non-empty row names the columns; each later row becomes a register row, numbered as in the sheet. */
function rowsOf(table: readonly string[][]): RegisterRow[] {
  const headingAt = table.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  const heading = table[headingAt];
  if (!heading) throw new RegisterFileError('no-heading');
  const columns = heading.map((cell) => HEADINGS[comparable(cell)]);
  const missing = (['nummer', 'titel', 'speerpunt', 'eigenaar'] as const).filter(
    (column) => !columns.includes(column),
  );
  if (missing.length > 0) throw new RegisterFileError('unknown-columns', missing.join(', '));
  const rows: RegisterRow[] = [];
  for (let index = headingAt + 1; index < table.length; index++) {
    const row = table[index] ?? [];
    if (row.every((cell) => cell.trim() === '')) continue;
    const cells: Partial<Record<RegisterColumn, string>> = {};
    row.forEach((value, column) => {
      const name = columns[column];
      if (name && REGISTER_COLUMNS.includes(name)) cells[name] = value;
    });
    rows.push({ row: index + 1, cells });
  }
  return rows;
}

function comparable(heading: string): string {
  return heading
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

const SHEET_COLUMNS: readonly { readonly column: RegisterColumn; readonly width: number }[] = [
  { column: 'nummer', width: 10 },
  { column: 'titel', width: 40 },
  { column: 'speerpunt', width: 20 },
  { column: 'eigenaar', width: 32 },
  { column: 'doel', width: 60 },
  { column: 'activiteiten', width: 60 },
  { column: 'jaar', width: 8 },
  { column: 'ronde', width: 22 },
  { column: 'antwoord', width: 80 },
  { column: 'afwijking', width: 40 },
  { column: 'afwijkingBij', width: 24 },
  { column: 'financieel', width: 40 },
  { column: 'financieelBij', width: 24 },
];
/** Columns the coordinator fills in or confirms: owner, year, and the round the answers were published in. */
const TO_CHECK: readonly RegisterColumn[] = ['eigenaar', 'jaar', 'ronde'];

/** The report the projects were recognised in, as far as its text told. */
export interface SheetSource {
  readonly kind?: RoundKind;
  readonly year?: number;
}

function sheetRow(project: RecognisedProject, source: SheetSource): string[] {
  const answer = previousAnswerOf(project);
  const published = answer && source.kind && source.year ? `${source.kind} ${source.year}` : '';
  // The register is for the round that starts from this report's answers.
  const year = source.kind && source.year ? String(roundAfter(source.kind, source.year).year) : '';
  const cells: Record<RegisterColumn, string> = {
    nummer: project.number,
    titel: project.title,
    speerpunt: project.speerpunt,
    eigenaar: '',
    doel: project.goal,
    activiteiten: project.activities,
    jaar: year,
    ronde: published,
    antwoord: answer?.answer ?? '',
    afwijking: answer?.deviation ?? '',
    afwijkingBij: answer?.deviationAt ?? '',
    financieel: answer?.financial ?? '',
    financieelBij: answer?.financialAt ?? '',
  };
  return SHEET_COLUMNS.map(({ column }) => cells[column]);
}

const SHEET_HEADINGS = SHEET_COLUMNS.map(({ column }) => columnHeading(column));

/** The same as a `;`-separated CSV with a BOM, for tools that want text; Excel users get {@link registerSheet}. */
export function registerCsv(projects: readonly RecognisedProject[], source: SheetSource = {}): Buffer {
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const lines = [SHEET_HEADINGS, ...projects.map((project) => sheetRow(project, source))].map((row) =>
    row.map(cell).join(';'),
  );
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/**
 * Recognised projects as a register sheet (.xlsx) for the coordinator to complete and send back:
 * the owner column empty, the year (of the round that starts from this report) and the round the
 * answers were published in filled in where the report told them, all three marked to check.
 * Each project's published answer and footnotes come along, to start the next round from. Cells
 * are text (never formulas, unlike a CSV opened in Excel, where a goal starting with "-" or "="
 * would be read as one), and line breaks survive.
 */
export async function registerSheet(
  projects: readonly RecognisedProject[],
  source: SheetSource = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SHEET_COLUMNS.map(({ column, width }) => ({
    header: columnHeading(column),
    width,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  sheet.getRow(1).font = { bold: true };
  const marked = TO_CHECK.map((column) => SHEET_COLUMNS.findIndex((entry) => entry.column === column) + 1);
  for (const project of projects) {
    const row = sheet.addRow(sheetRow(project, source));
    for (const column of marked) {
      row.getCell(column).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
