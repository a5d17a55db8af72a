import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { isRoundKind, roundIdOf, type Person, type Round } from '../model';
import type { RoundRepository } from '../repositories';

/**
 * Closes a round: from then on no answer is accepted or changed and no reminder goes out (the
 * scheduler only looks at open rounds). Only a coordinator may, and closing twice is refused
 * rather than moving the moment it was closed.
 */
export async function closeRound(
  input: { readonly kind: string; readonly year: string | number; readonly by: Person },
  deps: {
    readonly rounds: RoundRepository;
    readonly clock: Clock;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<Round> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const kind = input.kind.trim().toLowerCase();
  if (!isRoundKind(kind)) throw new DomainError('INVALID_ROUND_KIND');
  const round = await deps.rounds.get(roundIdOf(kind, Number(input.year)));
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  if (round.status === 'closed') throw new DomainError('ROUND_CLOSED');
  const closed: Round = {
    ...round,
    status: 'closed',
    closedAt: deps.clock.now().toISOString(),
    closedBy: input.by.id,
  };
  await deps.rounds.replace(closed);
  return closed;
}
