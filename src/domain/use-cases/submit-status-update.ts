import type { Clock } from '../clock';
import { DomainError } from '../errors';
import {
  isEmailOwner,
  isProjectStatus,
  ownerMatches,
  type Person,
  type Round,
  type StatusUpdate,
} from '../model';
import type { ContactRepository, RoundRepository, StatusUpdateRepository, Versioned } from '../repositories';

/** Long enough for the longest real answer in a jaarverslag, short enough to stay one document. */
export const MAX_ANSWER_LENGTH = 10_000;

export interface SubmitStatusUpdateInput {
  readonly roundId: string;
  readonly projectId: string;
  readonly status: string;
  readonly answer: string;
  readonly by: Person;
}

export interface SubmitStatusUpdateDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly clock: Clock;
}

export interface SubmittedStatusUpdate {
  readonly round: Round;
  readonly update: StatusUpdate;
}

export interface Answerable {
  readonly round: Round;
  readonly stored: Versioned<StatusUpdate>;
}

/**
 * Finds the status update a person is about to answer, refusing when the round is gone or
 * closed, the project is not in it, or the person does not own it. Shared by showing the form
 * and by storing, so that both apply the same rules.
 */
export async function findAnswerable(
  input: { readonly roundId: string; readonly projectId: string; readonly by: Person },
  deps: {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly contacts: ContactRepository;
  },
): Promise<Answerable> {
  const round = await deps.rounds.get(input.roundId);
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  if (round.status !== 'open') throw new DomainError('ROUND_CLOSED');
  const stored = await deps.statusUpdates.get(round.id, input.projectId);
  if (!stored) throw new DomainError('UNKNOWN_PROJECT');
  if (!(await isOwnedBy(stored.value, input.by, deps.contacts))) throw new DomainError('NOT_PROJECT_OWNER');
  return { round, stored };
}

/**
 * Whether the person owns the project: by object id, or by the e-mail / UPN the register names.
 * A card action carries only the object id, so the e-mail is looked up (one point read) only
 * when the register names owners by e-mail and the id did not match.
 */
async function isOwnedBy(
  update: StatusUpdate,
  person: Person,
  contacts: ContactRepository,
): Promise<boolean> {
  const owners = update.project.owners;
  if (owners.some((owner) => ownerMatches(owner, person))) return true;
  if (person.email !== undefined || !owners.some(isEmailOwner)) return false;
  const email = (await contacts.get(person.id))?.email;
  return email !== undefined && owners.some((owner) => ownerMatches(owner, { ...person, email }));
}

/**
 * Stores an owner's answer as a new version: the round must be open, the person must own the
 * project, the answer must be present and not absurdly long. Earlier versions are kept, and a
 * concurrent save is detected (ETag) instead of overwriting someone else's answer.
 */
export async function submitStatusUpdate(
  input: SubmitStatusUpdateInput,
  deps: SubmitStatusUpdateDeps,
): Promise<SubmittedStatusUpdate> {
  const { round, stored } = await findAnswerable(input, deps);
  if (!isProjectStatus(input.status)) throw new DomainError('INVALID_STATUS');
  const answer = input.answer.replace(/\r\n?/g, '\n').trim();
  if (answer.length === 0) throw new DomainError('ANSWER_REQUIRED');
  if (answer.length > MAX_ANSWER_LENGTH) throw new DomainError('ANSWER_TOO_LONG');

  const update: StatusUpdate = {
    ...stored.value,
    versions: [
      ...stored.value.versions,
      {
        status: input.status,
        answer,
        answeredAt: deps.clock.now().toISOString(),
        answeredBy: input.by.id,
        answeredByName: input.by.name,
      },
    ],
  };
  if (!(await deps.statusUpdates.replace(update, stored.etag))) {
    throw new DomainError('CONCURRENT_EDIT');
  }
  return { round, update };
}
