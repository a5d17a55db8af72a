import { mayAnswer } from '../access';
import { DomainError } from '../errors';
import { ownerMatches, type Person, type Round, type StatusUpdate } from '../model';
import { compareProjectNumbers } from '../natural-order';
import type {
  ContactRepository,
  LatestStatusUpdate,
  RoundRepository,
  StatusUpdateRepository,
} from '../repositories';
import { awaitsAnswer } from '../review';

export interface ProjectToFill {
  readonly round: Round;
  readonly update: StatusUpdate;
}

/** A project on the list of a bare `invullen`: its latest version, and whether a draft is saved. */
export interface ProjectWaiting {
  readonly round: Round;
  readonly update: LatestStatusUpdate;
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
    const listed = (await deps.statusUpdates.listLatestByRound(round.id)).find(
      (candidate) => candidate.project.number === input.number,
    );
    // The list holds the latest version only; the card starts from the draft or last round's
    // answer and counts every version, so it needs the whole update.
    const stored = listed && (await deps.statusUpdates.get(round.id, listed.id));
    if (stored) found.push({ round, update: stored.value });
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
export async function projectsToFill(input: { readonly by: Person }, deps: Deps): Promise<ProjectWaiting[]> {
  const mine = await ownership(input.by, deps.contacts);
  const found: ProjectWaiting[] = [];
  for (const round of await openRoundsNewestFirst(deps.rounds)) {
    const waiting = (await deps.statusUpdates.listLatestByRound(round.id))
      .filter((update) => mine(update) && awaitsAnswer(update))
      .sort((a, b) => compareProjectNumbers(a.project.number, b.project.number));
    found.push(...waiting.map((update) => ({ round, update })));
  }
  return found;
}

/**
 * The numbers of the projects the person owns or was handed in the open rounds, answered or not,
 * once each and in number order: what a hint for a command that takes a project number offers
 * ("Uw projecten: 4.2.2, 4.2.3").
 */
export async function ownProjectNumbers(input: { readonly by: Person }, deps: Deps): Promise<string[]> {
  const mine = await ownership(input.by, deps.contacts);
  const numbers = new Set<string>();
  for (const round of await openRoundsNewestFirst(deps.rounds)) {
    for (const update of await deps.statusUpdates.listLatestByRound(round.id)) {
      if (mine(update)) numbers.add(update.project.number);
    }
  }
  return [...numbers].sort(compareProjectNumbers);
}

/** Whether an update is the person's: they own it or it was delegated to them, by id or e-mail. */
async function ownership(
  by: Person,
  contacts: ContactRepository,
): Promise<(update: StatusUpdate) => boolean> {
  const email = by.email ?? (await contacts.get(by.id))?.email;
  const person = email ? { ...by, email } : by;
  return (update) =>
    [...update.project.owners, ...(update.delegations ?? []).map((delegation) => delegation.to)].some(
      (name) => ownerMatches(name, person),
    );
}

async function openRoundsNewestFirst(rounds: RoundRepository): Promise<Round[]> {
  return (await rounds.listOpen()).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}
