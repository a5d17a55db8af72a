import { DomainError } from '../errors';
import { projectIdOf, type Person, type Round, type StatusUpdate } from '../model';
import { mayAnswer } from '../access';
import type { AnswerDeps } from './submit-status-update';

/** The round a command about "project <number>" is about: the most recently opened open round. */
export async function currentRound(deps: Pick<AnswerDeps, 'rounds'>): Promise<Round> {
  const [round] = (await deps.rounds.listOpen()).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  if (!round) throw new DomainError('NO_ROUND');
  return round;
}

/**
 * `geschiedenis <nr>`: every version of one project's answer in the current round, who gave it,
 * when and through which card, with the draft and delegations. For whoever may answer it.
 */
export async function projectHistory(
  input: { readonly number: string; readonly by: Person },
  deps: AnswerDeps,
): Promise<{ readonly round: Round; readonly update: StatusUpdate }> {
  const round = await currentRound(deps);
  const stored = await deps.statusUpdates.get(round.id, projectIdOf(round.year, input.number.trim()));
  if (!stored) throw new DomainError('PROJECT_NOT_IN_ROUND');
  if (!(await mayAnswer(stored.value, input.by, deps))) throw new DomainError('NOT_PROJECT_HISTORY');
  return { round, update: stored.value };
}
