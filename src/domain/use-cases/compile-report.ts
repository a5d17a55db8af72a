import { compileChapter, type Blocker, type Chapter, type ChapterOptions } from '../chapter';
import { amsterdamDate, type Clock } from '../clock';
import { DomainError } from '../errors';
import { isRoundKind, roundIdOf, type Person, type Round } from '../model';
import type { ContactRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import type { ReviewerLists } from '../access';
import { reviewStateOf } from '../review';
import { roundNotFound } from './choose-round';
import { stuckReviews, type StuckReview } from './stuck-reviews';

/**
 * `concept` (draft): everything as it stands, unapproved and missing answers flagged.
 * `definitief` (final): only when nothing is flagged; otherwise what blocks it.
 */
export type CompileMode = 'draft' | 'final';

/** The final version was asked for, but these projects have no (approved) answer yet. */
export class FinalBlocked extends DomainError {
  constructor(
    readonly round: Round,
    readonly blockers: readonly Blocker[],
    /** Of the blockers, answers nobody but their submitter may review: no wait will unblock them. */
    readonly stuck: readonly StuckReview[] = [],
  ) {
    super('FINAL_BLOCKED');
  }
}

export interface CompileReportDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly clock: Clock;
  /** Who may review: with them, a blocked final version says which answers nobody can review. */
  readonly reviewers?: ReviewerLists & { readonly contacts: ContactRepository };
}

/**
 * The chapter of one round as it stands now, from one query over the round's status updates
 * (never one per project). For a signed download link, whose signature is the authorisation.
 */
export async function compileRoundChapter(
  roundId: string,
  deps: CompileReportDeps,
  mode: CompileMode = 'draft',
  options: ChapterOptions = {},
): Promise<{ readonly round: Round; readonly chapter: Chapter }> {
  const round = await deps.rounds.get(roundId);
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  const updates = await deps.statusUpdates.listLatestByRound(round.id);
  const chapter = compileChapter(round, updates, amsterdamDate(deps.clock.now()), options);
  if (mode === 'final' && chapter.blockers.length > 0) {
    const submitted = round.review
      ? updates.filter((update) => reviewStateOf(update, round) === 'submitted')
      : [];
    const stuck = deps.reviewers && submitted.length > 0 ? await stuckReviews(submitted, deps.reviewers) : [];
    throw new FinalBlocked(round, chapter.blockers, stuck);
  }
  return { round, chapter };
}

/**
 * `jaarverslag 2021` / `voortgangsrapportage 2021`: a coordinator compiles a round's chapter, of
 * an open round or a closed one. A round that does not exist is refused with the rounds that do.
 */
export async function compileReport(
  input: {
    readonly kind: string;
    readonly year: string | number;
    readonly mode?: CompileMode;
    /** Leave the overview table out (`zonder overzicht`). */
    readonly overview?: boolean;
    readonly by: Person;
  },
  deps: CompileReportDeps & { readonly isCoordinator: (person: Person) => boolean },
): Promise<{ readonly round: Round; readonly chapter: Chapter }> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const kind = input.kind.trim().toLowerCase();
  if (!isRoundKind(kind)) throw new DomainError('INVALID_ROUND_KIND');
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('INVALID_YEAR');
  try {
    return await compileRoundChapter(roundIdOf(kind, year), deps, input.mode ?? 'draft', {
      overview: input.overview !== false,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'ROUND_NOT_FOUND') {
      throw await roundNotFound({ kind, year }, deps.rounds);
    }
    throw error;
  }
}
