import { reviewQueue } from '../../domain/use-cases/review-answer';
import { reviewDeps, sendReviewPage } from '../actions/review';
import { noticeCard } from '../cards';
import { TEXTS } from '../texts';
import type { Command } from '../turn';
import { ROUND_WORDS, answeringUnknownRound, askedRoundIn } from './round-choice';

/**
 * `beoordelen` / `review`: the first page of the answers waiting for this reviewer, in every open
 * round with review, or in the one named (`beoordelen jaarverslag 2021`).
 */
export const reviewCommand: Command = {
  name: 'review',
  patterns: [new RegExp(`^(?:beoordelen|beoordeel|review|reviews)(?: ${ROUND_WORDS})?$`)],
  async handle(turn, match) {
    // Owners' texts and the reviewer's comments are not for a whole team or group to read.
    if (turn.conversationType !== 'personal') {
      await turn.reply(noticeCard({ title: TEXTS[turn.language].review.onlyInPersonalChat }));
      return;
    }
    await answeringUnknownRound(turn, 'review', async () => {
      const page = await reviewQueue({ by: turn.person, round: askedRoundIn(match[1]) }, reviewDeps(turn));
      turn.services.log.info({ shown: page.items.length, waiting: page.waiting }, 'review queue shown');
      await sendReviewPage(turn, page, 0);
    });
  },
};
