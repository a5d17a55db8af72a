import { DomainError } from '../errors';
import { newestInCycleFirst, roundIdOf, type Round, type RoundName } from '../model';
import type { RoundRepository } from '../repositories';

/** The round a person named with a command (`samenvatting jaarverslag 2021`), or a kind without a year. */
export type AskedRound = RoundName | 'incomplete';

/**
 * The round asked for does not exist, or none was named and none is open. Carries the rounds that
 * do exist, open ones first, so the answer can name them and how to ask for one.
 */
export class RoundNotFound extends DomainError {
  constructor(
    readonly asked: AskedRound | undefined,
    readonly known: readonly Round[],
  ) {
    super(asked === undefined ? 'NO_OPEN_ROUND' : 'ROUND_NOT_FOUND');
  }
}

export interface ChosenRound {
  readonly round: Round;
  /**
   * When no round was named: the other open rounds, newest first in the cycle, so the person
   * hears that they exist and how to ask for them. Empty when a round was named.
   */
  readonly alsoOpen: readonly Round[];
}

/**
 * The round a command about "a round" reads: the one named, open or closed, or else the most
 * recently opened open round. With two rounds open (a voortgangsrapportage and the jaarverslag
 * before it), only naming one reaches the other, so the rest of the open rounds are returned too.
 */
export async function chooseRound(
  asked: AskedRound | undefined,
  rounds: RoundRepository,
): Promise<ChosenRound> {
  if (asked === undefined) {
    const [round, ...others] = (await rounds.listOpen()).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    if (round) return { round, alsoOpen: others.sort(newestInCycleFirst) };
  } else if (asked !== 'incomplete') {
    const round = await rounds.get(roundIdOf(asked.kind, asked.year));
    if (round) return { round, alsoOpen: [] };
  }
  throw await roundNotFound(asked, rounds);
}

/** The refusal for a round that is not there: with the rounds that are, or, when there are none, NO_ROUND. */
export async function roundNotFound(
  asked: AskedRound | undefined,
  rounds: RoundRepository,
): Promise<DomainError> {
  const known = await rounds.list();
  if (known.length === 0) return new DomainError('NO_ROUND');
  const open = known.filter((round) => round.status === 'open').sort(newestInCycleFirst);
  const closed = known.filter((round) => round.status !== 'open').sort(newestInCycleFirst);
  return new RoundNotFound(asked, [...open, ...closed]);
}
