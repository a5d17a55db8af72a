import { reviewQueue } from '../../domain/use-cases/review-answer';
import { reviewDeps, sendReviewPage } from '../actions/review';
import { noticeCard } from '../cards';
import { TEXTS } from '../texts';
import type { Command } from '../turn';

/** `beoordelen` / `review`: the first page of the answers waiting for this reviewer. */
export const reviewCommand: Command = {
  name: 'review',
  patterns: [/^(?:beoordelen|beoordeel|review|reviews)$/],
  async handle(turn) {
    // Owners' texts and the reviewer's comments are not for a whole team or group to read.
    if (turn.conversationType !== 'personal') {
      await turn.reply(noticeCard({ title: TEXTS[turn.language].review.onlyInPersonalChat }));
      return;
    }
    const page = await reviewQueue({ by: turn.person }, reviewDeps(turn));
    turn.services.log.info({ shown: page.items.length, waiting: page.waiting }, 'review queue shown');
    await sendReviewPage(turn, page, 0);
  },
};
