import type { Clock } from '../clock';
import { DomainError, RoundStateError } from '../errors';
import { openSince, roundHistory, type Person, type Round } from '../model';
import { compareProjectNumbers } from '../natural-order';
import type { RoundRepository, StatusUpdateRepository } from '../repositories';
import { awaitsAnswer } from '../review';
import { changeRound, roundEvent, roundIdTyped } from './change-round';

export interface RoundTyped {
  readonly kind: string;
  readonly year: string | number;
}

/** What a coordinator is shown before closing: how far the round is. */
export interface CloseQuestion {
  readonly round: Round;
  readonly total: number;
  /** Projects with an answer (an answer sent back by a reviewer does not count: it is owed again). */
  readonly answered: number;
  /** The numbers of the projects still without an answer, in report order. */
  readonly missing: readonly string[];
}

/**
 * `ronde sluit`: closing is final for the owners (no reminders, no more changes), so the
 * coordinator first sees how many projects have an answer and which have none, and confirms.
 * Only a coordinator may ask; a round that is closed already says so.
 */
export async function askToCloseRound(
  input: RoundTyped & { readonly by: Person },
  deps: {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<CloseQuestion> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const round = await deps.rounds.get(roundIdTyped(input));
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  if (round.status === 'closed') throw new RoundStateError(round);
  const updates = await deps.statusUpdates.listLatestByRound(round.id);
  const missing = updates
    .filter((update) => awaitsAnswer(update))
    .map((update) => update.project.number)
    .sort(compareProjectNumbers);
  return { round, total: updates.length, answered: updates.length - missing.length, missing };
}

/**
 * Closes a round: from then on no answer is accepted or changed and no reminder goes out (the
 * scheduler only looks at open rounds). Only a coordinator may, checked again here because the
 * confirmation is a button anyone could press. Closing twice is refused rather than moving the
 * moment it was closed, and so is a confirmation asked before the round was last reopened
 * (`openSince`), which would otherwise close a round its coordinator has just opened again.
 * The round's history keeps who closed it and when.
 */
export async function closeRound(
  input: RoundTyped & { readonly by: Person; readonly openSince?: string },
  deps: {
    readonly rounds: RoundRepository;
    readonly clock: Clock;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<Round> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  return changeRound(roundIdTyped(input), deps.rounds, (round) => {
    if (round.status === 'closed') throw new RoundStateError(round);
    if (input.openSince !== undefined && input.openSince !== openSince(round)) {
      throw new DomainError('CLOSE_OUTDATED');
    }
    const now = deps.clock.now();
    return {
      ...round,
      status: 'closed',
      closedAt: now.toISOString(),
      closedBy: input.by.id,
      history: [...roundHistory(round), roundEvent('closed', input.by, now)],
    };
  });
}
