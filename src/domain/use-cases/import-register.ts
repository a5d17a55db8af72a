import { projectIdOf, type Language, type Project } from '../model';
import type { ProjectRepository } from '../repositories';

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
  },
  en: {
    nummer: 'number',
    titel: 'title',
    speerpunt: 'speerpunt',
    eigenaar: 'owner',
    doel: 'goal',
    activiteiten: 'activities',
    jaar: 'year',
  },
};

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

export interface ProjectChange {
  readonly project: Project;
  /** The fields that differ from the stored project; empty for a new one. */
  readonly fields: readonly (keyof Project)[];
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly added: readonly Project[];
      readonly changed: readonly ProjectChange[];
      readonly unchanged: number;
      /** False for a dry run: what would change, nothing stored. */
      readonly stored: boolean;
    }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

const NUMBER = /^\d{1,3}(?:\.\d{1,3}){0,4}$/;
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS = { titel: 300, speerpunt: 100, doel: 6_000, activiteiten: 6_000 } as const;
const MAX_ROWS = 5_000;

/**
 * Imports the project register from a sheet: every row is checked (number, title, speerpunt,
 * one or more owners by e-mail / UPN or object id, goal, activities, year), and if any row has a
 * problem nothing is stored and every problem is listed by row number. Otherwise projects are
 * added or updated by number and year, and the result says what changed, field by field.
 */
export async function importRegister(
  input: { readonly rows: readonly RegisterRow[]; readonly defaultYear?: number; readonly dryRun?: boolean },
  deps: { readonly projects: ProjectRepository },
): Promise<ImportResult> {
  const problems: RowProblem[] = [];
  if (input.rows.length > MAX_ROWS) {
    return { ok: false, problems: [{ row: 0, code: 'too-many-rows', limit: MAX_ROWS }] };
  }
  const projects: Project[] = [];
  const seen = new Map<string, number>();
  for (const row of input.rows) {
    const result = projectOf(row, input.defaultYear);
    if (Array.isArray(result)) {
      problems.push(...result);
      continue;
    }
    const first = seen.get(result.id);
    if (first !== undefined) {
      problems.push({ row: row.row, code: 'duplicate', number: result.number, otherRow: first });
      continue;
    }
    seen.set(result.id, row.row);
    projects.push(result);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (projects.length === 0) return { ok: false, problems: [{ row: 0, code: 'empty' }] };

  const stored = new Map<string, Project>();
  for (const year of new Set(projects.map((project) => project.year))) {
    for (const project of await deps.projects.listByYear(year)) stored.set(project.id, project);
  }
  const added: Project[] = [];
  const changed: ProjectChange[] = [];
  let unchanged = 0;
  for (const project of projects) {
    const before = stored.get(project.id);
    if (!before) {
      added.push(project);
      continue;
    }
    const fields = (Object.keys(project) as (keyof Project)[]).filter(
      (field) => JSON.stringify(project[field]) !== JSON.stringify(before[field]),
    );
    if (fields.length === 0) unchanged++;
    else changed.push({ project, fields });
  }
  if (!input.dryRun) await deps.projects.upsertMany([...added, ...changed.map((change) => change.project)]);
  return { ok: true, added, changed, unchanged, stored: !input.dryRun };
}

/** The row as a project, or every problem it has (a coordinator fixes a row once, not once per problem). */
function projectOf(row: RegisterRow, defaultYear: number | undefined): Project | RowProblem[] {
  const at = row.row;
  const cell = (column: RegisterColumn) => (row.cells[column] ?? '').replace(/\r\n?/g, '\n').trim();
  const problems: RowProblem[] = [];
  const number = cell('nummer');
  if (number === '') problems.push({ row: at, code: 'missing', column: 'nummer' });
  else if (!NUMBER.test(number))
    problems.push({ row: at, code: 'invalid', column: 'nummer', value: clip(number) });
  for (const column of ['titel', 'speerpunt', 'doel', 'activiteiten'] as const) {
    const value = cell(column);
    if (value === '' && (column === 'titel' || column === 'speerpunt')) {
      problems.push({ row: at, code: 'missing', column });
    } else if (value.length > LIMITS[column]) {
      problems.push({ row: at, code: 'too-long', column, limit: LIMITS[column] });
    }
  }
  const owners = cell('eigenaar')
    .split(/[\s,;]+/)
    .map((owner) => owner.trim().toLowerCase())
    .filter((owner) => owner !== '');
  const wrong = owners.find((owner) => !EMAIL.test(owner) && !OBJECT_ID.test(owner));
  if (owners.length === 0) problems.push({ row: at, code: 'missing', column: 'eigenaar' });
  else if (wrong) problems.push({ row: at, code: 'invalid', column: 'eigenaar', value: clip(wrong) });
  const yearText = cell('jaar');
  const year = yearText === '' ? defaultYear : Number(yearText);
  if (year === undefined) problems.push({ row: at, code: 'missing', column: 'jaar' });
  else if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    problems.push({ row: at, code: 'invalid', column: 'jaar', value: clip(yearText) });
  }
  if (problems.length > 0 || year === undefined) return problems;
  return {
    id: projectIdOf(year, number),
    year,
    number,
    title: cell('titel'),
    speerpunt: cell('speerpunt'),
    goal: cell('doel'),
    activities: cell('activiteiten'),
    owners: [...new Set(owners)],
  };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
