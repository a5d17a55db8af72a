import { z } from 'zod';
import type { RawAnswer } from '../../domain/answer';
import { parseRoundId, type RoundName } from '../../domain/model';

/** A field of Action.Execute data as text: anything else (missing, a number, an object) is ''. */
const lenientText = z.string().catch('');

/** The card's inputs, as typed; a field that is not a string (a forged invoke) counts as empty. */
const RAW_ANSWER = z.object({
  status: lenientText,
  answer: lenientText,
  achieved: lenientText,
  deviation: lenientText,
  deviationAt: lenientText,
  financial: lenientText,
  financialAt: lenientText,
  completionQuarter: lenientText,
  completionYear: lenientText,
}) satisfies z.ZodType<RawAnswer>;

/** The version count the card was made from; undefined when the data does not say (older cards). */
const BASE_VERSION = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .optional()
  .catch(undefined);

/** The round a card's button keeps (`jaarverslag-2021`); missing, empty or of another shape: none. */
const ROUND = z
  .string()
  .transform((id) => parseRoundId(id))
  .catch(undefined);

/** Reads a string field of Action.Execute data; anything else (missing, a number, an object) is ''. */
export function text(data: Readonly<Record<string, unknown>>, key: string): string {
  return lenientText.parse(data[key]);
}

export function rawAnswerOf(data: Readonly<Record<string, unknown>>): RawAnswer {
  return RAW_ANSWER.parse(data);
}

export function baseVersionOf(data: Readonly<Record<string, unknown>>): number | undefined {
  return BASE_VERSION.parse(data['baseVersion']);
}

/** The round a summary's or review queue's button keeps; undefined on older cards and for the current round. */
export function roundOf(data: Readonly<Record<string, unknown>>): RoundName | undefined {
  return ROUND.parse(data['round']);
}
