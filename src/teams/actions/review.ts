import { DomainError } from '../../domain/errors';
import type { ReviewDecision, StatusUpdate } from '../../domain/model';
import { RoundNotFound } from '../../domain/use-cases/choose-round';
import { markCardsReviewed } from '../../domain/use-cases/mark-cards-reviewed';
import {
  ReviewAlreadyDecided,
  ReviewOutdated,
  decideReview,
  reviewQueue,
  type ReviewQueuePage,
} from '../../domain/use-cases/review-answer';
import { noticeCard, roundNotFoundCard, type AdaptiveCard } from '../cards';
import { reviewDecidedCard, reviewQueueCard, reviewRequestCard } from '../review-cards';
import { TEXTS } from '../texts';
import type { CardAction, Turn } from '../turn';
import { roundOf, text } from './card-data';

export function reviewDeps(turn: Turn) {
  return turn.services.deps;
}

/** Refusals that leave the reviewer's card as it was, with the reason on top and their comment kept. */
const ASK_AGAIN = new Set(['COMMENT_REQUIRED', 'COMMENT_TOO_LONG', 'SELF_REVIEW']);

/** "Goedkeuren" / "Terugsturen" on a review card: the decision is stored, the card says what it was. */
export const reviewDecisionAction: CardAction = {
  verb: 'reviewDecision',
  async handle(turn, data) {
    const t = TEXTS[turn.language];
    const comment = text(data, 'reviewComment');
    const input = {
      roundId: text(data, 'roundId'),
      projectId: text(data, 'projectId'),
      version: text(data, 'version'),
      decision: text(data, 'decision'),
      comment,
      by: turn.person,
    };
    try {
      const { round, update, decision } = await decideReview(input, reviewDeps(turn));
      turn.services.log.info(
        { round: round.id, project: update.id, version: decision.version, decision: decision.decision },
        'review decided',
      );
      planCardUpdates(turn, update, decision);
      return reviewDecidedCard(turn.language, round, update, decision);
    } catch (error) {
      if (!(error instanceof DomainError)) {
        turn.services.log.error({ err: error, user: turn.person.id }, 'review decision failed');
        return noticeCard({ title: t.refusedTitle, text: t.storeUnavailable, tone: 'attention' });
      }
      turn.services.log.info({ code: error.code, user: turn.person.id }, 'review decision refused');
      const round = await turn.services.repositories.rounds.get(input.roundId).catch(() => undefined);
      if (error instanceof ReviewAlreadyDecided && round) {
        return reviewDecidedCard(turn.language, round, error.update, error.decided, {
          otherReviewer: true,
          ownComment: comment,
        });
      }
      if (error instanceof ReviewOutdated && round) {
        return reviewRequestCard(turn.language, round, error.update, {
          error: error.messageFor(turn.language),
          comment,
        });
      }
      if (ASK_AGAIN.has(error.code) && round) {
        const stored = await turn.services.repositories.statusUpdates
          .get(round.id, input.projectId)
          .catch(() => undefined);
        if (stored) {
          return reviewRequestCard(turn.language, round, stored.value, {
            error: error.messageFor(turn.language),
            comment,
          });
        }
      }
      return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
    }
  },
};

/**
 * The owner's cards show the decision; not awaited, since the invoke must be answered within
 * Teams' five seconds and the updates go out as send jobs anyway.
 */
function planCardUpdates(turn: Turn, update: StatusUpdate, decision: ReviewDecision): void {
  const { repositories, clock } = turn.services;
  void markCardsReviewed({ update, decision }, { sendJobs: repositories.sendJobs, clock }).then(
    (planned) => {
      if (planned > 0) turn.services.sendDueMessages();
    },
    (error: unknown) => {
      turn.services.log.error({ err: error }, 'could not plan the reviewed-card updates');
    },
  );
}

/**
 * Sends a page of the review queue: one card per answer, then the card that says how many wait
 * and offers the next page.
 */
export async function sendReviewPage(turn: Turn, page: ReviewQueuePage, shownBefore: number): Promise<void> {
  const cards: AdaptiveCard[] = [
    ...page.items.map(({ round, update }) => reviewRequestCard(turn.language, round, update)),
    reviewQueueCard(turn.language, page, shownBefore),
  ];
  await turn.reply(...cards);
}

/**
 * "Volgende" under a page of the queue: the next page below, of the round the reviewer named if
 * they did, this card without its button.
 */
export const reviewPageAction: CardAction = {
  verb: 'reviewPage',
  async handle(turn, data) {
    const t = TEXTS[turn.language];
    const after = text(data, 'after').slice(0, 300);
    const shown = Number(text(data, 'shown'));
    const shownBefore = Number.isInteger(shown) && shown >= 0 && shown < 1_000_000 ? shown : 0;
    const round = roundOf(data);
    try {
      const page = await reviewQueue({ by: turn.person, round, after }, reviewDeps(turn));
      await sendReviewPage(turn, page, shownBefore);
      return reviewQueueCard(turn.language, page, shownBefore, { passed: true });
    } catch (error) {
      if (error instanceof RoundNotFound) return roundNotFoundCard(turn.language, error, 'review');
      if (!(error instanceof DomainError)) throw error;
      return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
    }
  },
};
