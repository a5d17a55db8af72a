import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Language } from '../domain/model';
import type { RecognisedProject } from '../domain/report-text';
import { REGISTER_COLUMNS, type RegisterColumn, type RegisterRow } from '../domain/use-cases/import-register';

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
};

export class SpreadsheetError extends Error {
  constructor(
    readonly code: 'unreadable' | 'no-heading' | 'unknown-columns',
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'SpreadsheetError';
  }
}

/** Sheets larger than this are refused before they are parsed. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/** Reads a register from a .csv (`;` or `,`, UTF-8 with or without BOM) or .xlsx file's bytes. */
export async function readRegister(bytes: Buffer, fileName: string): Promise<RegisterRow[]> {
  if (bytes.length > MAX_SHEET_BYTES) throw new SpreadsheetError('unreadable', 'file too large');
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
    throw new SpreadsheetError('unreadable', error instanceof Error ? error.message : String(error));
  }
}

async function xlsxTable(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new SpreadsheetError('unreadable', error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('unreadable', 'no worksheet');
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
  if (!heading) throw new SpreadsheetError('no-heading');
  const columns = heading.map((cell) => HEADINGS[comparable(cell)]);
  const missing = (['nummer', 'titel', 'speerpunt', 'eigenaar'] as const).filter(
    (column) => !columns.includes(column),
  );
  if (missing.length > 0) throw new SpreadsheetError('unknown-columns', missing.join(', '));
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

/** Why a sheet could not be read, in words a coordinator can act on. */
export function describeSpreadsheetError(error: SpreadsheetError, language: Language): string {
  const nl = language === 'nl';
  if (error.code === 'unknown-columns') {
    return nl
      ? `De kolommen ${error.detail} ontbreken (nodig: nummer, titel, speerpunt, eigenaar; verder wat willen we bereiken, wat willen we ervoor doen, jaar).`
      : `The columns ${error.detail} are missing (needed: nummer, titel, speerpunt, eigenaar; also wat willen we bereiken, wat willen we ervoor doen, jaar).`;
  }
  if (error.code === 'no-heading') {
    return nl
      ? 'Het blad is leeg: de eerste regel moet de kolomnamen geven.'
      : 'The sheet is empty: its first row must name the columns.';
  }
  return nl
    ? `Het bestand is niet te lezen als .csv of .xlsx${error.detail ? ` (${error.detail})` : ''}.`
    : `The file cannot be read as .csv or .xlsx${error.detail ? ` (${error.detail})` : ''}.`;
}

const SHEET_HEADINGS = [
  'nummer',
  'titel',
  'speerpunt',
  'eigenaar',
  'wat willen we bereiken',
  'wat willen we ervoor doen',
  'jaar',
] as const;

function sheetRow(project: RecognisedProject): string[] {
  return [project.number, project.title, project.speerpunt, '', project.goal, project.activities, ''];
}

/** The same as a `;`-separated CSV with a BOM, for tools that want text; Excel users get {@link registerSheet}. */
export function registerCsv(projects: readonly RecognisedProject[]): Buffer {
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const lines = [SHEET_HEADINGS, ...projects.map(sheetRow)].map((row) => row.map(cell).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/**
 * Recognised projects as a register sheet (.xlsx) with the owner and year columns empty and
 * marked, for the coordinator to fill in and send back. Cells are text (never formulas, unlike
 * a CSV opened in Excel, where a goal starting with "-" or "=" would be read as one), and line
 * breaks survive.
 */
export async function registerSheet(projects: readonly RecognisedProject[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SHEET_HEADINGS.map((header, index) => ({
    header,
    width: [10, 40, 20, 32, 60, 60, 8][index] ?? 20,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const project of projects) {
    const row = sheet.addRow(sheetRow(project));
    for (const column of [4, 7]) {
      row.getCell(column).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
