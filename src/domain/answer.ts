import { isProjectStatus, type ProjectStatus, type RoundKind } from './model';

/** "Bereikt?" in a jaarverslag: did the project achieve what it set out to do. */
export const ACHIEVED = ['ja', 'deels', 'nee'] as const;
export type Achieved = (typeof ACHIEVED)[number];

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export interface ExpectedCompletion {
  readonly quarter: Quarter;
  readonly year: number;
}

/** What an owner tells about one project in one round: the card's fields, validated. */
export interface AnswerFields {
  readonly status: ProjectStatus;
  /** The answer to the round question, printed verbatim in the report. */
  readonly answer: string;
  /** Jaarverslag only, and required there. */
  readonly achieved?: Achieved;
  /** Why the project deviates from the plan; printed as a footnote. */
  readonly deviation?: string;
  /** The words of the answer the deviation's footnote follows; without them it ends the answer. */
  readonly deviationAt?: string;
  /** A financial note, for example extra budget asked. */
  readonly financial?: string;
  /** The words of the answer the financial footnote follows. */
  readonly financialAt?: string;
  readonly expectedCompletion?: ExpectedCompletion;
}

export type AnswerField =
  | 'status'
  | 'answer'
  | 'achieved'
  | 'deviation'
  | 'deviationAt'
  | 'financial'
  | 'financialAt'
  | 'expectedCompletion';

/**
 * Longest text per field, in characters (after line endings are normalised and the ends
 * trimmed). Long enough for the longest real section of a jaarverslag, short enough that a
 * card with every field full stays well under Teams' 28 KB message limit.
 */
export const FIELD_LIMITS = {
  answer: 6_000,
  deviation: 2_000,
  financial: 1_000,
  /** The words a footnote follows: a few words, not a sentence. */
  place: 200,
} as const;

/** How far ahead an expected completion may lie, from the round's year. */
export const COMPLETION_YEARS_AHEAD = 10;

/** `not-in-answer`: the words a footnote should follow do not occur in the answer. */
export type FieldProblem = 'required' | 'too-long' | 'invalid' | 'not-in-answer' | 'no-note';

/** The raw values of the card's inputs, as strings, exactly as the person typed them. */
export interface RawAnswer {
  readonly status: string;
  readonly answer: string;
  readonly achieved: string;
  readonly deviation: string;
  readonly deviationAt: string;
  readonly financial: string;
  readonly financialAt: string;
  readonly completionQuarter: string;
  readonly completionYear: string;
}

export const EMPTY_RAW_ANSWER: RawAnswer = {
  status: '',
  answer: '',
  achieved: '',
  deviation: '',
  deviationAt: '',
  financial: '',
  financialAt: '',
  completionQuarter: '',
  completionYear: '',
};

export type AnswerValidation =
  | { readonly ok: true; readonly fields: AnswerFields }
  | { readonly ok: false; readonly problems: Partial<Record<AnswerField, FieldProblem>> };

/**
 * Checks a submitted answer against the round's question set. The server is the authority: the
 * card checks the same rules, but anything can arrive in an invoke. Every problem is reported
 * at once, per field, so the card can show each at its input.
 */
export function validateAnswer(kind: RoundKind, roundYear: number, raw: RawAnswer): AnswerValidation {
  const problems: Partial<Record<AnswerField, FieldProblem>> = {};
  const answer = cleanText(raw.answer);
  const deviation = cleanText(raw.deviation);
  const financial = cleanText(raw.financial);

  if (!isProjectStatus(raw.status)) problems.status = raw.status === '' ? 'required' : 'invalid';
  if (answer === '') problems.answer = 'required';
  else if (answer.length > FIELD_LIMITS.answer) problems.answer = 'too-long';
  if (deviation.length > FIELD_LIMITS.deviation) problems.deviation = 'too-long';
  if (financial.length > FIELD_LIMITS.financial) problems.financial = 'too-long';
  const deviationAt = cleanText(raw.deviationAt);
  const financialAt = cleanText(raw.financialAt);
  const placeProblem = (place: string, note: string): FieldProblem | undefined => {
    if (place === '') return undefined;
    if (place.length > FIELD_LIMITS.place) return 'too-long';
    if (note === '') return 'no-note';
    return answer !== '' && placeIn(answer, place) === undefined ? 'not-in-answer' : undefined;
  };
  const deviationAtProblem = placeProblem(deviationAt, deviation);
  if (deviationAtProblem) problems.deviationAt = deviationAtProblem;
  const financialAtProblem = placeProblem(financialAt, financial);
  if (financialAtProblem) problems.financialAt = financialAtProblem;

  let achieved: Achieved | undefined;
  if (kind === 'jaarverslag') {
    if (raw.achieved === '') problems.achieved = 'required';
    else if (isAchieved(raw.achieved)) achieved = raw.achieved;
    else problems.achieved = 'invalid';
  }

  const completion = parseCompletion(raw.completionQuarter, raw.completionYear, roundYear);
  if (completion === 'invalid') problems.expectedCompletion = 'invalid';

  if (Object.keys(problems).length > 0 || !isProjectStatus(raw.status) || completion === 'invalid') {
    return { ok: false, problems };
  }
  return {
    ok: true,
    fields: {
      status: raw.status,
      answer,
      ...(achieved ? { achieved } : {}),
      ...(deviation ? { deviation } : {}),
      ...(deviationAt ? { deviationAt } : {}),
      ...(financial ? { financial } : {}),
      ...(financialAt ? { financialAt } : {}),
      ...(completion ? { expectedCompletion: completion } : {}),
    },
  };
}

/**
 * Where in `answer` the words `place` end: the first place they occur, in any case and with any
 * white space between them (the owner may retype a phrase that a line break splits). Undefined
 * when they do not occur.
 */
export function placeIn(answer: string, place: string): number | undefined {
  const words = place
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return undefined;
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const match = new RegExp(escaped.join('\\s+'), 'iu').exec(answer);
  return match ? match.index + match[0].length : undefined;
}

/** The fields as the card's inputs show them again (pre-filling, or keeping a refused submit). */
export function rawFrom(fields: Partial<AnswerFields>): RawAnswer {
  return {
    status: fields.status ?? '',
    answer: fields.answer ?? '',
    achieved: fields.achieved ?? '',
    deviation: fields.deviation ?? '',
    deviationAt: fields.deviationAt ?? '',
    financial: fields.financial ?? '',
    financialAt: fields.financialAt ?? '',
    completionQuarter: fields.expectedCompletion ? String(fields.expectedCompletion.quarter) : '',
    completionYear: fields.expectedCompletion ? String(fields.expectedCompletion.year) : '',
  };
}

/** Only the answer's fields, without who gave them and when. */
export function answerFieldsOf(fields: AnswerFields): AnswerFields {
  return {
    status: fields.status,
    answer: fields.answer,
    ...(fields.achieved ? { achieved: fields.achieved } : {}),
    ...(fields.deviation ? { deviation: fields.deviation } : {}),
    ...(fields.deviationAt ? { deviationAt: fields.deviationAt } : {}),
    ...(fields.financial ? { financial: fields.financial } : {}),
    ...(fields.financialAt ? { financialAt: fields.financialAt } : {}),
    ...(fields.expectedCompletion ? { expectedCompletion: fields.expectedCompletion } : {}),
  };
}

/** Whether two answers say the same: a double click, or a replayed invoke. */
export function sameAnswer(a: AnswerFields, b: AnswerFields): boolean {
  return (
    a.status === b.status &&
    a.answer === b.answer &&
    a.achieved === b.achieved &&
    a.deviation === b.deviation &&
    a.deviationAt === b.deviationAt &&
    a.financial === b.financial &&
    a.financialAt === b.financialAt &&
    a.expectedCompletion?.quarter === b.expectedCompletion?.quarter &&
    a.expectedCompletion?.year === b.expectedCompletion?.year
  );
}

/**
 * The typed fields of a draft that are longer than the field may be: a draft is not a way to
 * store arbitrary amounts of text, and what a person typed is never cut without telling them, so
 * such a draft is refused (the card keeps the whole text and says which field is too long).
 */
export function draftProblems(raw: RawAnswer): Partial<Record<AnswerField, FieldProblem>> {
  const problems: Partial<Record<AnswerField, FieldProblem>> = {};
  const over = (value: string, limit: number) => cleanText(value).length > limit;
  if (over(raw.answer, FIELD_LIMITS.answer)) problems.answer = 'too-long';
  if (over(raw.deviation, FIELD_LIMITS.deviation)) problems.deviation = 'too-long';
  if (over(raw.deviationAt, FIELD_LIMITS.place)) problems.deviationAt = 'too-long';
  if (over(raw.financial, FIELD_LIMITS.financial)) problems.financial = 'too-long';
  if (over(raw.financialAt, FIELD_LIMITS.place)) problems.financialAt = 'too-long';
  return problems;
}

/**
 * A draft as stored: the typed fields whole (checked by {@link draftProblems} first), the choices
 * (status, bereikt, quarter, year) cut to a length no real choice has, since only a forged invoke
 * sends more there.
 */
export function boundedDraft(raw: RawAnswer): RawAnswer {
  const cut = (value: string, limit: number) => value.slice(0, limit);
  return {
    ...raw,
    status: cut(raw.status, 40),
    achieved: cut(raw.achieved, 10),
    completionQuarter: cut(raw.completionQuarter, 2),
    completionYear: cut(raw.completionYear, 4),
  };
}

export function isAchieved(value: string): value is Achieved {
  return (ACHIEVED as readonly string[]).includes(value);
}

/** Line endings made \n and the ends trimmed; everything else is kept exactly as typed. */
function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

function parseCompletion(
  quarter: string,
  year: string,
  roundYear: number,
): ExpectedCompletion | undefined | 'invalid' {
  if (quarter === '' && year === '') return undefined;
  const q = Number(quarter);
  const y = Number(year);
  if (!QUARTERS.includes(q as Quarter) || !Number.isInteger(y)) return 'invalid';
  if (y < roundYear || y > roundYear + COMPLETION_YEARS_AHEAD) return 'invalid';
  return { quarter: q as Quarter, year: y };
}
