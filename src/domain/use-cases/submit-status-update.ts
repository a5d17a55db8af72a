import { leftUnchanged } from '../review';
import {
  boundedDraft,
  draftProblems,
  sameAnswer,
  validateAnswer,
  type AnswerField,
  type FieldProblem,
  type RawAnswer,
} from '../answer';
import { mayAnswer, withContactUnderWay } from '../access';
import type { Clock } from '../clock';
import { DomainError, type PlainErrorCode } from '../errors';
import { latestVersion, type AnswerVersion, type Person, type Round, type StatusUpdate } from '../model';
import type { ContactRepository, RoundRepository, StatusUpdateRepository, Versioned } from '../repositories';

export interface AnswerDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly isCoordinator: (person: Person) => boolean;
}

export interface SubmitStatusUpdateInput {
  readonly roundId: string;
  readonly projectId: string;
  readonly raw: RawAnswer;
  /**
   * How many versions the card showed when it was filled in. A newer version stored since then
   * is someone else's answer this person has not seen: a conflict, never silently overwritten.
   * Absent: the caller does not know (the answer is appended after whatever is there).
   */
  readonly baseVersion?: number;
  readonly by: Person;
  /** The chat activity of the card that was submitted. */
  readonly viaCard?: string;
}

export interface SubmitStatusUpdateDeps extends AnswerDeps {
  readonly clock: Clock;
}

export interface SubmittedStatusUpdate {
  readonly round: Round;
  readonly update: StatusUpdate;
  /** False when the same answer was stored already (a double click, a replayed invoke). */
  readonly stored: boolean;
}

export interface Answerable {
  readonly round: Round;
  readonly stored: Versioned<StatusUpdate>;
}

/** The answer breaks a rule; the problems say which field and how, to show at each input. */
export class AnswerRejected extends DomainError {
  constructor(readonly problems: Partial<Record<AnswerField, FieldProblem>>) {
    super('ANSWER_INVALID');
  }
}

/** Someone stored a newer answer since this person's card was filled in. */
export class AnswerConflict extends DomainError {
  constructor(readonly current: StatusUpdate) {
    super('ANSWER_CONFLICT');
  }
}

/** Tries of a write that lost an ETag race to something unrelated (a draft, a delegation). */
const WRITE_TRIES = 3;

/**
 * Finds the status update a person is about to answer, refusing when the round is gone or
 * closed, the project is not in it, or the person may not answer it. Shared by showing the
 * form, saving a draft and storing, so that all apply the same rules.
 */
export async function findAnswerable(
  input: { readonly roundId: string; readonly projectId: string; readonly by: Person },
  deps: AnswerDeps,
  /** What someone who may not answer is told: refusing a reminder reads differently. */
  refusal: PlainErrorCode = 'NOT_PROJECT_OWNER',
): Promise<Answerable> {
  // Independent point reads, at the same time: with the replace that follows, a submit waits for
  // two store round trips, not three. The person's contact is among them when the access check may
  // need their e-mail (an owner the register names by e-mail).
  // A failed read of the update counts only once the round is known to exist: a forged round id
  // is answered as an unknown round, whatever the store makes of it as a partition key.
  const access = withContactUnderWay(deps, input.by);
  const [round, stored] = await Promise.all([
    deps.rounds.get(input.roundId),
    deps.statusUpdates.get(input.roundId, input.projectId).then(
      (found) => ({ found }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  if (round.status !== 'open') throw new DomainError('ROUND_CLOSED');
  if ('error' in stored) throw stored.error;
  if (!stored.found) throw new DomainError('UNKNOWN_PROJECT');
  if (!(await mayAnswer(stored.found.value, input.by, access))) throw new DomainError(refusal);
  return { round, stored: stored.found };
}

/**
 * Stores an answer as a new version. Nothing is ever overwritten: earlier versions stay, a
 * concurrent save is detected with the ETag, and an answer made without seeing a newer one is
 * refused as a conflict that carries the newer answer, so the person can merge. The same answer
 * twice (a double click, a replayed invoke) stores one version. A stored answer ends the draft.
 */
export async function submitStatusUpdate(
  input: SubmitStatusUpdateInput,
  deps: SubmitStatusUpdateDeps,
): Promise<SubmittedStatusUpdate> {
  const { round, stored } = await findAnswerable(input, deps);
  const validation = validateAnswer(round.kind, round.year, input.raw);
  if (!validation.ok) throw new AnswerRejected(validation.problems);
  const version: AnswerVersion = {
    ...validation.fields,
    answeredAt: deps.clock.now().toISOString(),
    answeredBy: input.by.id,
    answeredByName: input.by.name,
    ...(input.viaCard ? { viaCard: input.viaCard } : {}),
    ...(leftUnchanged(validation.fields.answer, stored.value.previous?.fields.answer)
      ? { unchanged: true }
      : {}),
  };

  let current = stored;
  for (let tries = 1; ; tries++) {
    const latest = latestVersion(current.value);
    if (latest && sameAnswer(latest, version)) return { round, update: current.value, stored: false };
    if (input.baseVersion !== undefined && current.value.versions.length > input.baseVersion) {
      throw new AnswerConflict(current.value);
    }
    const { draft: _draft, reviewQueue: waiting, ...rest } = current.value;
    const update: StatusUpdate = {
      ...rest,
      versions: [...current.value.versions, version],
      // With review, the new version waits for a reviewer; an edit of a waiting answer keeps its place.
      ...(round.review
        ? {
            reviewQueue: {
              key: waiting?.key ?? `${version.answeredAt}|${current.value.id}`,
              submittedBy: input.by.id,
              speerpunt: current.value.project.speerpunt.trim().toLowerCase(),
            },
          }
        : {}),
    };
    if (await deps.statusUpdates.replace(update, current.etag)) return { round, update, stored: true };
    const reread = await deps.statusUpdates.get(round.id, input.projectId);
    if (!reread || tries >= WRITE_TRIES) throw new AnswerConflict(reread?.value ?? current.value);
    current = reread;
  }
}

/**
 * "Opslaan als concept": keeps what was typed, unvalidated (a field longer than it may be is
 * refused, not cut), without making it an answer. The next card for this project starts from it.
 */
export async function saveDraft(
  input: {
    readonly roundId: string;
    readonly projectId: string;
    readonly raw: RawAnswer;
    readonly by: Person;
  },
  deps: SubmitStatusUpdateDeps,
): Promise<Answerable> {
  const tooLong = draftProblems(input.raw);
  if (Object.keys(tooLong).length > 0) throw new AnswerRejected(tooLong);
  const answerable = await findAnswerable(input, deps);
  let current = answerable.stored;
  for (let tries = 1; ; tries++) {
    const update: StatusUpdate = {
      ...current.value,
      draft: {
        values: boundedDraft(input.raw),
        savedAt: deps.clock.now().toISOString(),
        savedBy: input.by.id,
        savedByName: input.by.name,
      },
    };
    if (await deps.statusUpdates.replace(update, current.etag)) {
      return { round: answerable.round, stored: { value: update, etag: '' } };
    }
    const reread = await deps.statusUpdates.get(answerable.round.id, input.projectId);
    if (!reread || tries >= WRITE_TRIES) throw new DomainError('CONCURRENT_EDIT');
    current = reread;
  }
}
