import type { RawAnswer } from '../../domain/answer';

/** Reads a string field of Action.Execute data; anything else (missing, a number, an object) is ''. */
export function text(data: Readonly<Record<string, unknown>>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}

/** The card's inputs, as typed; a field that is not a string (a forged invoke) counts as empty. */
export function rawAnswerOf(data: Readonly<Record<string, unknown>>): RawAnswer {
  return {
    status: text(data, 'status'),
    answer: text(data, 'answer'),
    achieved: text(data, 'achieved'),
    deviation: text(data, 'deviation'),
    deviationAt: text(data, 'deviationAt'),
    financial: text(data, 'financial'),
    financialAt: text(data, 'financialAt'),
    completionQuarter: text(data, 'completionQuarter'),
    completionYear: text(data, 'completionYear'),
  };
}

/** The version count the card was made from, or undefined when the data does not say (older cards). */
export function baseVersionOf(data: Readonly<Record<string, unknown>>): number | undefined {
  const value = text(data, 'baseVersion');
  return /^\d{1,6}$/.test(value) ? Number(value) : undefined;
}
