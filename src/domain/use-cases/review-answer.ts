import type { Clock } from '../clock';
import { DomainError } from '../errors';
import {
  REVIEW_DECISIONS,
  newestInCycleFirst,
  type Person,
  type ReviewDecision,
  type ReviewDecisionKind,
  type Round,
  type StatusUpdate,
} from '../model';
import { mayReview, reviewScopeOf, type ReviewerLists, type SpeerpuntReviewers } from '../access';
import { decisionOn } from '../review';
import { chooseRound, type AskedRound } from './choose-round';
import type { ContactRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import { stuckReviews } from './stuck-reviews';

/** The longest comment a reviewer may write: a paragraph, not a second report. */
export const COMMENT_LIMIT = 2_000;

export interface ReviewDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly isCoordinator: (person: Person) => boolean;
  /** Keys in lower case. */
  readonly speerpuntReviewers: SpeerpuntReviewers;
  /** Object ids or e-mail addresses, lower case. */
  readonly coordinators: ReviewerLists['coordinators'];
}

export interface DecideReviewInput {
  readonly roundId: string;
  readonly projectId: string;
  /** As the card sent it: checked here, since a forged invoke can send anything. */
  readonly version: string;
  readonly decision: string;
  readonly comment: string;
  readonly by: Person;
}

/** Someone decided on this version first; carries their decision so the card can say who and what. */
export class ReviewAlreadyDecided extends DomainError {
  constructor(
    readonly decided: ReviewDecision,
    readonly update: StatusUpdate,
  ) {
    super('ALREADY_DECIDED');
  }
}

/** The card showed an older version than the latest; carries the current state to review again. */
export class ReviewOutdated extends DomainError {
  constructor(readonly update: StatusUpdate) {
    super('VERSION_NOT_LATEST');
  }
}

export interface DecidedReview {
  readonly round: Round;
  readonly update: StatusUpdate;
  readonly decision: ReviewDecision;
}

const WRITE_TRIES = 3;

/**
 * Records a reviewer's decision on the latest version of an answer: approved (the chapter prints
 * it) or sent back with a comment (the owner is asked again). One decision per version: of two
 * reviewers deciding at once, the ETag lets one win and the other hears who decided what. Every
 * refusal stores nothing.
 */
export async function decideReview(
  input: DecideReviewInput,
  deps: ReviewDeps & { readonly clock: Clock },
): Promise<DecidedReview> {
  if (!(REVIEW_DECISIONS as readonly string[]).includes(input.decision))
    throw new DomainError('INVALID_DECISION');
  const kind = input.decision as ReviewDecisionKind;
  if (!/^\d{1,6}$/.test(input.version)) throw new DomainError('UNKNOWN_VERSION');
  const version = Number(input.version);
  const round = await deps.rounds.get(input.roundId);
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  if (round.status !== 'open') throw new DomainError('ROUND_CLOSED');
  if (!round.review) throw new DomainError('REVIEW_OFF');
  let stored = await deps.statusUpdates.get(round.id, input.projectId);
  if (!stored) throw new DomainError('UNKNOWN_PROJECT');
  if (!mayReview(await reviewScopeOf(input.by, deps), stored.value)) throw new DomainError('NOT_REVIEWER');
  const comment = input.comment.trim();
  if (kind === 'sentBack' && comment === '') throw new DomainError('COMMENT_REQUIRED');
  if (comment.length > COMMENT_LIMIT) throw new DomainError('COMMENT_TOO_LONG');

  for (let tries = 1; ; tries++) {
    const update = stored.value;
    const count = update.versions.length;
    if (version < 1 || version > count) throw new DomainError('UNKNOWN_VERSION');
    const earlier = decisionOn(update, version);
    if (earlier) throw new ReviewAlreadyDecided(earlier, update);
    if (version !== count) throw new ReviewOutdated(update);
    const decided = update.versions[version - 1];
    if (!decided) throw new DomainError('UNKNOWN_VERSION');
    if (decided.answeredBy === input.by.id) throw new DomainError('SELF_REVIEW');
    const decision: ReviewDecision = {
      version,
      decision: kind,
      ...(comment ? { comment } : {}),
      by: input.by.id,
      byName: input.by.name,
      at: deps.clock.now().toISOString(),
    };
    const { reviewQueue: _queued, ...rest } = update;
    const next: StatusUpdate = {
      ...rest,
      decisions: [...(update.decisions ?? []), decision],
      ...(kind === 'approved' ? { approved: { ...decided, version } } : {}),
    };
    if (await deps.statusUpdates.replace(next, stored.etag)) return { round, update: next, decision };
    const reread = await deps.statusUpdates.get(round.id, input.projectId);
    if (!reread || tries >= WRITE_TRIES) throw new DomainError('CONCURRENT_EDIT');
    stored = reread;
  }
}

/** One answer waiting for review, with its round. */
export interface ReviewItem {
  readonly round: Round;
  readonly update: StatusUpdate;
}

export interface ReviewQueuePage {
  readonly items: readonly ReviewItem[];
  /** The cursor of the next page; absent on the last page. */
  readonly next?: string;
  /** How many answers wait for this reviewer in all, this page included. */
  readonly waiting: number;
  /**
   * Per round, the answers this person submitted that wait for someone else's review, and how
   * many of those nobody else may review (they wait for good until a reviewer is added).
   */
  readonly own: readonly OwnAwaiting[];
  /** The round named, or else each open round with review in which answers wait for this reviewer. */
  readonly rounds: readonly Round[];
  /** Whether the reviewer named the round. */
  readonly named: boolean;
}

export interface OwnAwaiting {
  readonly round: Round;
  readonly waiting: number;
  readonly withoutReviewer: number;
}

/** The reviewer's own waiting answers read per round, at most this many (they are few). */
const OWN_LIMIT = 100;

/** Cards per page: each is a whole answer with its changes, so a few at a time. */
export const REVIEW_PAGE_SIZE = 5;

/**
 * The answers waiting for this reviewer, oldest submission first, a page at a time: those in the
 * round named, or else in every open round with review, in their speerpunten, not submitted by
 * themselves. A round named must be open and have review: a closed round's answers are final.
 * Per page one query per round with review (and one count), whatever the size of the round.
 */
export async function reviewQueue(
  input: { readonly by: Person; readonly round?: AskedRound; readonly after?: string },
  deps: ReviewDeps,
): Promise<ReviewQueuePage> {
  const scope = await reviewScopeOf(input.by, deps);
  if (!scope.all && scope.speerpunten.length === 0) throw new DomainError('NOT_REVIEWER');
  const rounds = input.round
    ? [await namedReviewRound(input.round, deps.rounds)]
    : await openReviewRounds(deps.rounds);
  if (rounds.length === 0) throw new DomainError('NO_REVIEW_ROUND');
  const filter = {
    ...(scope.all ? {} : { speerpunten: scope.speerpunten }),
    notSubmittedBy: input.by.id,
  };
  const pages = await Promise.all(
    rounds.map(async (round) => {
      const [found, waiting, own] = await Promise.all([
        deps.statusUpdates.listAwaitingReview(round.id, {
          ...filter,
          after: input.after ?? '',
          limit: REVIEW_PAGE_SIZE + 1,
        }),
        deps.statusUpdates.countAwaitingReview(round.id, filter),
        deps.statusUpdates.listAwaitingReview(round.id, {
          submittedBy: input.by.id,
          after: '',
          limit: OWN_LIMIT,
        }),
      ]);
      return { round, found, waiting, own };
    }),
  );
  const own = await Promise.all(
    pages
      .filter((page) => page.own.length > 0)
      .map(async ({ round, own: waiting }) => {
        const stuck = await stuckReviews(waiting, deps);
        return {
          round,
          waiting: waiting.length,
          withoutReviewer: stuck.reduce((sum, entry) => sum + entry.numbers.length, 0),
        };
      }),
  );
  const all = pages
    .flatMap(({ round, found }) => found.map((update) => ({ round, update })))
    .sort((a, b) => (a.update.reviewQueue?.key ?? '').localeCompare(b.update.reviewQueue?.key ?? ''));
  const items = all.slice(0, REVIEW_PAGE_SIZE);
  const last = items[items.length - 1];
  return {
    items,
    ...(all.length > REVIEW_PAGE_SIZE && last?.update.reviewQueue
      ? { next: last.update.reviewQueue.key }
      : {}),
    waiting: pages.reduce((sum, page) => sum + page.waiting, 0),
    own,
    rounds: input.round ? rounds : pages.filter((page) => page.waiting > 0).map((page) => page.round),
    named: input.round !== undefined,
  };
}

async function namedReviewRound(asked: AskedRound, rounds: RoundRepository): Promise<Round> {
  const { round } = await chooseRound(asked, rounds);
  if (round.status !== 'open') throw new DomainError('ROUND_CLOSED');
  if (!round.review) throw new DomainError('REVIEW_OFF');
  return round;
}

/** Newest first in the cycle, so the queue card names them in a fixed order. */
async function openReviewRounds(rounds: RoundRepository): Promise<Round[]> {
  return (await rounds.listOpen()).filter((round) => round.review).sort(newestInCycleFirst);
}
