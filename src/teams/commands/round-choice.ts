import { roundNamedIn } from '../../domain/model';
import { RoundNotFound, type AskedRound } from '../../domain/use-cases/choose-round';
import { roundNotFoundCard, type RoundCommand } from '../cards';
import type { Turn } from '../turn';

/**
 * What `status` and `beoordelen` may be followed by: a round, as people write it. Anything else
 * after the command word is not this command.
 */
export const ROUND_WORDS = '((?:voortgangsrapportage|jaarverslag)\\b.{0,100})';

/** The round all of these words name (`jaarverslag 2021`); a kind without a year, or more words: a round not understood. */
export function askedRoundIn(words: string | undefined): AskedRound | undefined {
  if (words === undefined) return undefined;
  const { round, rest } = roundNamedIn(words);
  return round !== undefined && rest === '' ? round : 'incomplete';
}

/** Runs a command about a round; a round that is not there is answered with the rounds that are. */
export async function answeringUnknownRound(
  turn: Turn,
  command: RoundCommand,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof RoundNotFound)) throw error;
    turn.services.log.info({ code: error.code, command }, 'round not found');
    await turn.reply(roundNotFoundCard(turn.language, error, command));
  }
}
