import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { answerFieldsOf, FIELD_LIMITS, placeIn, type AnswerFields } from '../answer';
import {
  isRoundKind,
  projectIdOf,
  publishedRoundIdOf,
  roundIdOf,
  type Person,
  type Project,
  type RoundKind,
  type StatusUpdate,
} from '../model';
import {
  MAX_REGISTER_BYTES,
  RegisterFileError,
  type RegisterColumn,
  type RegisterReader,
  type RegisterRow,
  type RowProblem,
} from '../register';
import type { ProjectRepository, StatusUpdateRepository } from '../repositories';

// The register's vocabulary lives in ../register; what importers of this module used is here too.
export {
  columnHeading,
  describeProblem,
  describeRegisterFileError,
  fieldName,
  MAX_REGISTER_BYTES,
  REGISTER_COLUMNS,
  RegisterFileError,
  type RegisterColumn,
  type RegisterReader,
  type RegisterRow,
  type RowProblem,
} from '../register';

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
      /** Published answers from a report, per round, kept for the next round to start from. */
      readonly published: readonly PublishedImport[];
      /** Rows with a published answer but no round it was published in: the answer is not kept. */
      readonly answersWithoutRound: number;
      /** False for a dry run: what would change, nothing stored. */
      readonly stored: boolean;
    }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

/** The answers of one published round that came with the register. */
export interface PublishedImport {
  /** The round they were published in. */
  readonly kind: RoundKind;
  readonly year: number;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
}

/** A row's project and, when the sheet gives one, the answer it had in a published report. */
interface ImportedRow {
  readonly project: Project;
  readonly published?: { readonly kind: RoundKind; readonly year: number; readonly fields: AnswerFields };
  /** The row has a published answer but does not say where it was published. */
  readonly withoutRound?: true;
}

const NUMBER = /^\d{1,3}(?:\.\d{1,3}){0,4}$/;
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS = { titel: 300, speerpunt: 100, doel: 6_000, activiteiten: 6_000 } as const;
const ROUND = /^(\p{L}+)[\s-]+(\d{4})$/u;
const MAX_ROWS = 5_000;

/**
 * A coordinator's register file, read through the {@link RegisterReader} and imported: anyone
 * else is refused before it is read, and a file that is no sheet is refused with a
 * {@link RegisterFileError}, nothing stored.
 */
export async function importRegisterFile(
  input: {
    readonly bytes: Uint8Array;
    readonly fileName: string;
    readonly by: Person;
    readonly defaultYear?: number;
    readonly dryRun?: boolean;
  },
  deps: Parameters<typeof importRegister>[1] & {
    readonly readRegister: RegisterReader;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<ImportResult> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  if (input.bytes.length > MAX_REGISTER_BYTES) throw new RegisterFileError('unreadable', 'file too large');
  const rows = await deps.readRegister(input.bytes, input.fileName);
  const { defaultYear, dryRun, by } = input;
  return importRegister(
    { rows, by, ...(defaultYear !== undefined ? { defaultYear } : {}), ...(dryRun ? { dryRun } : {}) },
    deps,
  );
}

/**
 * Imports the project register from a sheet: every row is checked (number, title, speerpunt,
 * one or more owners by e-mail / UPN or object id, goal, activities, year), and if any row has a
 * problem nothing is stored and every problem is listed by row number. Otherwise projects are
 * added or updated by number and year, and the result says what changed, field by field.
 *
 * A sheet the bot wrote from a published report also carries each project's published answer
 * and its footnotes, with the round they were published in. Those are kept as that round's
 * answers, apart from the rounds run in the bot (which they never replace), so the next round
 * in the cycle starts from them.
 */
export async function importRegister(
  input: {
    readonly rows: readonly RegisterRow[];
    readonly defaultYear?: number;
    readonly dryRun?: boolean;
    /** Who imports: named as the giver of published answers. */
    readonly by?: Person;
  },
  deps: {
    readonly projects: ProjectRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly clock: Clock;
  },
): Promise<ImportResult> {
  const problems: RowProblem[] = [];
  if (input.rows.length > MAX_ROWS) {
    return { ok: false, problems: [{ row: 0, code: 'too-many-rows', limit: MAX_ROWS }] };
  }
  const rows: ImportedRow[] = [];
  const seen = new Map<string, number>();
  for (const row of input.rows) {
    const result = projectOf(row, input.defaultYear);
    if (Array.isArray(result)) {
      problems.push(...result);
      continue;
    }
    const first = seen.get(result.project.id);
    if (first !== undefined) {
      problems.push({ row: row.row, code: 'duplicate', number: result.project.number, otherRow: first });
      continue;
    }
    seen.set(result.project.id, row.row);
    rows.push(result);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ row: 0, code: 'empty' }] };
  const projects = rows.map((row) => row.project);

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
  const published = await keepPublished(rows, input, deps);
  const answersWithoutRound = rows.filter((row) => row.withoutRound).length;
  return { ok: true, added, changed, unchanged, published, answersWithoutRound, stored: !input.dryRun };
}

/**
 * Stores the published answers, per round: a new one is created, a changed one replaced (the
 * coordinator corrected the sheet and sent it again), an unchanged one left alone.
 */
async function keepPublished(
  rows: readonly ImportedRow[],
  input: { readonly dryRun?: boolean; readonly by?: Person },
  deps: { readonly statusUpdates: StatusUpdateRepository; readonly clock: Clock },
): Promise<PublishedImport[]> {
  const byRound = new Map<
    string,
    { kind: RoundKind; year: number; answers: { project: Project; fields: AnswerFields }[] }
  >();
  for (const { project, published } of rows) {
    if (!published) continue;
    const roundId = roundIdOf(published.kind, published.year);
    const round = byRound.get(roundId) ?? { kind: published.kind, year: published.year, answers: [] };
    round.answers.push({ project, fields: published.fields });
    byRound.set(roundId, round);
  }
  const result: PublishedImport[] = [];
  const at = deps.clock.now().toISOString();
  for (const [roundId, { kind, year, answers }] of [...byRound].sort(([a], [b]) => a.localeCompare(b))) {
    const storedId = publishedRoundIdOf(roundId);
    const existing = new Map(
      (await deps.statusUpdates.listByRound(storedId)).map((update) => [update.project.number, update]),
    );
    const fresh: StatusUpdate[] = [];
    const replaced: StatusUpdate[] = [];
    let unchanged = 0;
    for (const { project, fields } of answers) {
      const update: StatusUpdate = {
        id: project.id,
        roundId: storedId,
        project,
        versions: [
          {
            ...fields,
            answeredAt: at,
            answeredBy: input.by?.id ?? 'import',
            answeredByName: input.by?.name ?? 'import',
          },
        ],
      };
      const before = existing.get(project.number);
      const beforeFields = before?.versions.at(-1);
      if (!before || before.id !== update.id) fresh.push(update);
      else if (beforeFields && JSON.stringify(answerFieldsOf(beforeFields)) === JSON.stringify(fields))
        unchanged++;
      else replaced.push(update);
    }
    if (!input.dryRun) {
      await deps.statusUpdates.createMany(fresh);
      for (const update of replaced) {
        const current = await deps.statusUpdates.get(storedId, update.id);
        if (current) await deps.statusUpdates.replace(update, current.etag);
      }
    }
    result.push({ kind, year, added: fresh.length, changed: replaced.length, unchanged });
  }
  return result;
}

/** The row as a project, or every problem it has (a coordinator fixes a row once, not once per problem). */
function projectOf(row: RegisterRow, defaultYear: number | undefined): ImportedRow | RowProblem[] {
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
  const published = publishedOf(row, problems);
  if (problems.length > 0 || year === undefined) return problems;
  const project = projectFrom(row, year, number, owners);
  if (published === 'without-round') return { project, withoutRound: true };
  return published ? { project, published } : { project };
}

function projectFrom(row: RegisterRow, year: number, number: string, owners: readonly string[]): Project {
  const cell = (column: RegisterColumn) => (row.cells[column] ?? '').replace(/\r\n?/g, '\n').trim();
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

/**
 * The row's published answer, if it has one: the round it was published in, the answer verbatim,
 * and the footnotes with the words they follow (which must be in the answer). The first round
 * started from it asks the owner for status and bereikt again: a report does not print them.
 */
function publishedOf(row: RegisterRow, problems: RowProblem[]): ImportedRow['published'] | 'without-round' {
  const at = row.row;
  const cell = (column: RegisterColumn) => (row.cells[column] ?? '').replace(/\r\n?/g, '\n').trim();
  const answer = cell('antwoord');
  const notes = (['afwijking', 'afwijkingBij', 'financieel', 'financieelBij'] as const).filter(
    (column) => cell(column) !== '',
  );
  if (answer === '' && notes.length === 0) return undefined;
  // Not said where it was published: the register is still imported, the answer is not kept.
  const roundText = cell('ronde');
  if (roundText === '') return 'without-round';
  const count = problems.length;
  if (answer === '') problems.push({ row: at, code: 'missing', column: 'antwoord' });
  else if (answer.length > FIELD_LIMITS.answer) {
    problems.push({ row: at, code: 'too-long', column: 'antwoord', limit: FIELD_LIMITS.answer });
  }
  const round = ROUND.exec(roundText.toLowerCase());
  const kind = round?.[1] ?? '';
  const year = Number(round?.[2]);
  if (!round || !isRoundKind(kind) || year < 2000 || year > 2100) {
    problems.push({ row: at, code: 'invalid', column: 'ronde', value: clip(roundText) });
  }
  const note = (text: 'afwijking' | 'financieel', place: 'afwijkingBij' | 'financieelBij', limit: number) => {
    const value = cell(text);
    const words = cell(place);
    if (value.length > limit) problems.push({ row: at, code: 'too-long', column: text, limit });
    if (words === '') return;
    if (value === '') problems.push({ row: at, code: 'missing', column: text });
    else if (words.length > FIELD_LIMITS.place) {
      problems.push({ row: at, code: 'too-long', column: place, limit: FIELD_LIMITS.place });
    } else if (answer !== '' && placeIn(answer, words) === undefined) {
      problems.push({ row: at, code: 'not-in-answer', column: place, value: clip(words) });
    }
  };
  note('afwijking', 'afwijkingBij', FIELD_LIMITS.deviation);
  note('financieel', 'financieelBij', FIELD_LIMITS.financial);
  if (problems.length > count || !isRoundKind(kind)) return undefined;
  const deviation = cell('afwijking');
  const financial = cell('financieel');
  return {
    kind,
    year,
    fields: {
      // A report prints no status; the field is required, and the card asks for it afresh.
      status: 'op-schema',
      answer,
      ...(deviation ? { deviation } : {}),
      ...(deviation && cell('afwijkingBij') ? { deviationAt: cell('afwijkingBij') } : {}),
      ...(financial ? { financial } : {}),
      ...(financial && cell('financieelBij') ? { financialAt: cell('financieelBij') } : {}),
    },
  };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
