import { mayAnswer } from '../access';
import { DomainError } from '../errors';
import { ownerMatches, type Person, type Round, type StatusUpdate } from '../model';
import { compareProjectNumbers } from '../natural-order';
import type { ContactRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import { awaitsAnswer } from '../review';

export interface ProjectToFill {
  readonly round: Round;
  readonly update: StatusUpdate;
}

interface Deps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly isCoordinator: (person: Person) => boolean;
}

/**
 * `invullen 4.2.2`: the project's card again, in every open round that asks about it, for whoever
 * may answer it (an owner, a delegate, a coordinator). After a restart of the chat, a card lost
 * in a long history, or a reminder that only points up, this is the way back to the form.
 */
export async function projectToFill(
  input: { readonly number: string; readonly by: Person },
  deps: Deps,
): Promise<ProjectToFill[]> {
  const found: ProjectToFill[] = [];
  for (const round of await openRoundsNewestFirst(deps.rounds)) {
    const update = (await deps.statusUpdates.listLatestByRound(round.id)).find(
      (candidate) => candidate.project.number === input.number,
    );
    if (update) found.push({ round, update });
  }
  if (found.length === 0) throw new DomainError('PROJECT_NOT_IN_OPEN_ROUND');
  const allowed: ProjectToFill[] = [];
  for (const entry of found) {
    if (await mayAnswer(entry.update, input.by, deps)) allowed.push(entry);
  }
  if (allowed.length === 0) throw new DomainError('NOT_PROJECT_OWNER');
  return allowed;
}

/**
 * A bare `invullen`: the projects the person owns or was handed in the open rounds that still
 * wait for their answer (not yet answered, or sent back), in round and number order. A
 * coordinator's own projects only: the coordinator may answer every project, but asked for
 * "mine", a list of the whole register would help nobody.
 */
export async function projectsToFill(input: { readonly by: Person }, deps: Deps): Promise<ProjectToFill[]> {
  const email = input.by.email ?? (await deps.contacts.get(input.by.id))?.email;
  const person = email ? { ...input.by, email } : input.by;
  const mine = (update: StatusUpdate) =>
    [...update.project.owners, ...(update.delegations ?? []).map((delegation) => delegation.to)].some(
      (name) => ownerMatches(name, person),
    );
  const found: ProjectToFill[] = [];
  for (const round of await openRoundsNewestFirst(deps.rounds)) {
    const waiting = (await deps.statusUpdates.listLatestByRound(round.id))
      .filter((update) => mine(update) && awaitsAnswer(update))
      .sort((a, b) => compareProjectNumbers(a.project.number, b.project.number));
    found.push(...waiting.map((update) => ({ round, update })));
  }
  return found;
}

async function openRoundsNewestFirst(rounds: RoundRepository): Promise<Round[]> {
  return (await rounds.listOpen()).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}
