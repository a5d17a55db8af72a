import { reviewQueue } from '../../domain/use-cases/review-answer';
import { reviewDeps, sendReviewPage } from '../actions/review';
import type { Command } from '../turn';

/** `beoordelen` / `review`: the first page of the answers waiting for this reviewer. */
export const reviewCommand: Command = {
  name: 'review',
  patterns: [/^(?:beoordelen|beoordeel|review|reviews)$/],
  async handle(turn) {
    const page = await reviewQueue({ by: turn.person }, reviewDeps(turn));
    turn.services.log.info({ shown: page.items.length, waiting: page.waiting }, 'review queue shown');
    await sendReviewPage(turn, page, 0);
  },
};
