import { mayAnswer } from '../access';
import type { Person, Round, StatusUpdate } from '../model';
import type { ContactRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import { awaitsAnswer } from '../review';
import { mayRead, readerOf } from './reader-scope';

/** What a person is shown of a project's card in a round. */
export type StatusCardView =
  /** The form: they may answer, the round is open, and nothing waits for them to change. */
  | { readonly show: 'form'; readonly round: Round; readonly update: StatusUpdate }
  /** The answer as it stands: with "Wijzigen" for whoever may answer, read-only for a reader. */
  | {
      readonly show: 'answer';
      readonly round: Round;
      readonly update: StatusUpdate;
      readonly editable: boolean;
    }
  /** Someone who may neither answer nor read it: nothing of the project. */
  | { readonly show: 'nothing' }
  /** No such round or project (any more). */
  | { readonly show: 'unknown' };

/**
 * Teams asks for a card again when it shows it (Universal Actions refresh): an owner, delegate or
 * coordinator gets the form while nothing is stored and the round is open, the stored answer with
 * "Wijzigen" after that; a reader sees the answer read-only, anyone else nothing of it (they
 * could only have forged the refresh).
 */
export async function statusCardView(
  input: { readonly roundId: string; readonly projectId: string; readonly by: Person },
  deps: {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly contacts: ContactRepository;
    readonly isCoordinator: (person: Person) => boolean;
    readonly mayReadAll: (person: Person) => boolean;
  },
): Promise<StatusCardView> {
  const round = await deps.rounds.get(input.roundId);
  const stored = round && (await deps.statusUpdates.get(round.id, input.projectId));
  if (!round || !stored) return { show: 'unknown' };
  const update = stored.value;
  const allowed = await mayAnswer(update, input.by, deps);
  if (!allowed && !mayRead(await readerOf(input.by, deps), update)) return { show: 'nothing' };
  if (allowed && round.status === 'open' && awaitsAnswer(update)) return { show: 'form', round, update };
  return { show: 'answer', round, update, editable: allowed };
}
