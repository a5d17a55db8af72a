import { DomainError } from '../../domain/errors';
import { findAnswerable } from '../../domain/use-cases/submit-status-update';
import { noticeCard, statusRequestCard } from '../cards';
import { TEXTS } from '../texts';
import type { CardAction } from '../turn';
import { text } from './card-data';

/** Turns the read-only card back into the form, filled with the stored answer. */
export const editStatusAction: CardAction = {
  verb: 'editStatus',
  async handle(turn, data) {
    try {
      const { round, stored } = await findAnswerable(
        { roundId: text(data, 'roundId'), projectId: text(data, 'projectId'), by: turn.person },
        turn.services.deps,
      );
      const from = turn.chatUserId;
      return statusRequestCard(turn.language, round, stored.value, { refreshFor: from ? [from] : [] });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return noticeCard({
        title: TEXTS[turn.language].refusedTitle,
        text: error.messageFor(turn.language),
        tone: 'attention',
      });
    }
  },
};
