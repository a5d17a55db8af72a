import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
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
