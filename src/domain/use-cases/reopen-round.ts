import { amsterdamDate, type Clock } from '../clock';
import { exampleRound } from '../dates';
import { readDate } from './open-round';
import { DomainError, RoundStateError } from '../errors';
import { roundHistory, type Person, type Round } from '../model';
import type { RoundRepository, StatusUpdateRepository } from '../repositories';
import { awaitsAnswer } from '../review';
import { changeRound, roundEvent, roundIdTyped } from './change-round';
import type { RoundTyped } from './close-round';

export interface ReopenedRound {
  readonly round: Round;
  readonly total: number;
  /** Projects still without an answer: their owners are reminded again. */
  readonly waiting: number;
}

/**
 * `ronde heropen voortgangsrapportage 2021 tot 15-7-2021`: a closed round is open again with a
 * new deadline, from today on, as when opening. The answers stay as they are and owners may
 * change them again; those still without an answer are reminded again, on the new deadline's
 * plan (see `plannedSteps`). Only a coordinator may; a round that is open, or that does not
 * exist, is refused, and the round's history keeps who reopened it, when and until when.
 */
export async function reopenRound(
  input: RoundTyped & { readonly deadline: string; readonly by: Person },
  deps: {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly clock: Clock;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<ReopenedRound> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const round = await changeRound(roundIdTyped(input), deps.rounds, (closed) => {
    if (closed.status === 'open') throw new RoundStateError(closed);
    const now = deps.clock.now();
    const today = amsterdamDate(now);
    const deadline = readDate(input.deadline, today);
    if (deadline < today) {
      throw new DomainError('DEADLINE_IN_PAST', {
        typed: input.deadline.trim(),
        date: exampleRound(today).deadline,
      });
    }
    if (closed.asksFrom && closed.asksFrom > deadline) throw new DomainError('OPEN_DATE_AFTER_DEADLINE');
    const { closedAt: _closedAt, closedBy: _closedBy, ...rest } = closed;
    return {
      ...rest,
      status: 'open',
      deadline,
      history: [...roundHistory(closed), roundEvent('reopened', input.by, now, deadline)],
    };
  });
  const updates = await deps.statusUpdates.listLatestByRound(round.id);
  return { round, total: updates.length, waiting: updates.filter((update) => awaitsAnswer(update)).length };
}
