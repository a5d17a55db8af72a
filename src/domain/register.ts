import type { Language, Project } from './model';

/**
 * The register as a sheet: its columns (in both languages' words), a row, what can be wrong with
 * a row or with the file, and the port through which a file's rows are read.
 */

/** Register files larger than this are refused before they are read. */
export const MAX_REGISTER_BYTES = 5 * 1024 * 1024;

/** Why a register file could not be read as a sheet at all (its rows' problems are {@link RowProblem}s). */
export class RegisterFileError extends Error {
  constructor(
    readonly code: 'unreadable' | 'no-heading' | 'unknown-columns',
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'RegisterFileError';
  }
}

/**
 * Reads the rows of a register file (.csv or .xlsx): the port through which the spreadsheet
 * formats, which live outside the domain, reach it. Throws a {@link RegisterFileError}.
 */
export type RegisterReader = (bytes: Uint8Array, fileName: string) => Promise<RegisterRow[]>;

/** Why a file could not be read, in words a coordinator can act on. */
export function describeRegisterFileError(error: RegisterFileError, language: Language): string {
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

/** One data row of a register sheet: cells by their column, as text, and the row's number in the sheet. */
export interface RegisterRow {
  readonly row: number;
  readonly cells: Readonly<Partial<Record<RegisterColumn, string>>>;
}

export const REGISTER_COLUMNS = [
  'nummer',
  'titel',
  'speerpunt',
  'eigenaar',
  'doel',
  'activiteiten',
  'jaar',
  'ronde',
  'antwoord',
  'afwijking',
  'afwijkingBij',
  'financieel',
  'financieelBij',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

export type RowProblem =
  | { readonly row: number; readonly code: 'missing'; readonly column: RegisterColumn }
  | {
      readonly row: number;
      readonly code: 'invalid';
      readonly column: RegisterColumn;
      readonly value: string;
    }
  | {
      readonly row: number;
      readonly code: 'too-long';
      readonly column: RegisterColumn;
      readonly limit: number;
    }
  | {
      /** The words a footnote should follow are not in the answer. */
      readonly row: number;
      readonly code: 'not-in-answer';
      readonly column: RegisterColumn;
      readonly value: string;
    }
  | { readonly row: number; readonly code: 'duplicate'; readonly number: string; readonly otherRow: number }
  | { readonly row: 0; readonly code: 'too-many-rows'; readonly limit: number }
  | { readonly row: 0; readonly code: 'empty' };

const COLUMN_NAMES: Record<Language, Record<RegisterColumn, string>> = {
  nl: {
    nummer: 'nummer',
    titel: 'titel',
    speerpunt: 'speerpunt',
    eigenaar: 'eigenaar',
    doel: 'wat willen we bereiken',
    activiteiten: 'wat willen we ervoor doen',
    jaar: 'jaar',
    ronde: 'gepubliceerd in',
    antwoord: 'gepubliceerd antwoord',
    afwijking: 'voetnoot afwijking',
    afwijkingBij: 'afwijking na de woorden',
    financieel: 'voetnoot financieel',
    financieelBij: 'financieel na de woorden',
  },
  en: {
    nummer: 'number',
    titel: 'title',
    speerpunt: 'speerpunt',
    eigenaar: 'owner',
    doel: 'goal',
    activiteiten: 'activities',
    jaar: 'year',
    ronde: 'published in',
    antwoord: 'published answer',
    afwijking: 'deviation footnote',
    afwijkingBij: 'deviation after the words',
    financieel: 'financial footnote',
    financieelBij: 'financial after the words',
  },
};

/** A register column's heading in the sheet the bot writes (and reads back). */
export function columnHeading(column: RegisterColumn, language: Language = 'nl'): string {
  return COLUMN_NAMES[language][column];
}

/** A row's problem in words, for the CLI and the chat. */
export function describeProblem(problem: RowProblem, language: Language): string {
  const nl = language === 'nl';
  const where = problem.row > 0 ? (nl ? `rij ${problem.row}: ` : `row ${problem.row}: `) : '';
  switch (problem.code) {
    case 'missing':
      return (
        where +
        (nl
          ? `${COLUMN_NAMES.nl[problem.column]} ontbreekt`
          : `${COLUMN_NAMES.en[problem.column]} is missing`)
      );
    case 'invalid':
      return (
        where +
        (nl
          ? `${COLUMN_NAMES.nl[problem.column]} "${problem.value}" kan niet`
          : `${COLUMN_NAMES.en[problem.column]} "${problem.value}" is not valid`)
      );
    case 'too-long':
      return (
        where +
        (nl
          ? `${COLUMN_NAMES.nl[problem.column]} is langer dan ${problem.limit} tekens`
          : `${COLUMN_NAMES.en[problem.column]} is longer than ${problem.limit} characters`)
      );
    case 'not-in-answer':
      return (
        where +
        (nl
          ? `de woorden "${problem.value}" (${COLUMN_NAMES.nl[problem.column]}) staan niet in het gepubliceerde antwoord`
          : `the words "${problem.value}" (${COLUMN_NAMES.en[problem.column]}) are not in the published answer`)
      );
    case 'duplicate':
      return (
        where +
        (nl
          ? `project ${problem.number} staat ook in rij ${problem.otherRow}`
          : `project ${problem.number} is also in row ${problem.otherRow}`)
      );
    case 'too-many-rows':
      return nl ? `meer dan ${problem.limit} rijen` : `more than ${problem.limit} rows`;
    case 'empty':
      return nl ? 'geen projecten gevonden' : 'no projects found';
  }
}

const FIELD_COLUMNS: Partial<Record<keyof Project, RegisterColumn>> = {
  number: 'nummer',
  title: 'titel',
  speerpunt: 'speerpunt',
  owners: 'eigenaar',
  goal: 'doel',
  activities: 'activiteiten',
  year: 'jaar',
};

/** A project field by the name of its register column, for lists of what changed. */
export function fieldName(field: keyof Project, language: Language): string {
  const column = FIELD_COLUMNS[field];
  return column ? COLUMN_NAMES[language][column] : field;
}
