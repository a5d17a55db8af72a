import { DomainError } from '../../domain/errors';
import { markCardsAnswered } from '../../domain/use-cases/mark-cards-answered';
import { submitStatusUpdate } from '../../domain/use-cases/submit-status-update';
import { statusRequestCard, statusStoredCard, noticeCard, type AdaptiveCard } from '../cards';
import { TEXTS } from '../texts';
import type { CardAction, Turn } from '../turn';
import { text } from './card-data';

export const submitStatusAction: CardAction = {
  verb: 'submitStatus',
  async handle(turn, data) {
    const draft = { status: text(data, 'status'), answer: text(data, 'answer') };
    const { repositories, clock } = turn.services;
    try {
      const { round, update } = await submitStatusUpdate(
        { roundId: text(data, 'roundId'), projectId: text(data, 'projectId'), ...draft, by: turn.person },
        { ...repositories, clock },
      );
      turn.services.log.info(
        { round: round.id, project: update.id, version: update.versions.length },
        'status stored',
      );
      // Not awaited: the invoke must be answered within Teams' 5 seconds, and the other cards
      // are updated through the scheduler's send jobs anyway.
      void markCardsAnswered(
        { update, pressedActivityId: turn.context.activity.replyToId },
        { sendJobs: repositories.sendJobs, clock },
      ).then(
        (planned) => {
          if (planned > 0) turn.services.sendDueMessages();
        },
        (error: unknown) => {
          turn.services.log.error({ err: error }, 'could not plan the answered-card updates');
        },
      );
      return statusStoredCard(turn.language, round, update);
    } catch (error) {
      return refusal(turn, data, draft, error);
    }
  },
};

/**
 * Answers a refused or failed submit with the same card, the owner's text still in it and the
 * reason on top, so nothing they typed is lost. Without a round to show, a notice explains.
 */
async function refusal(
  turn: Turn,
  data: Readonly<Record<string, unknown>>,
  draft: { status: string; answer: string },
  error: unknown,
): Promise<AdaptiveCard> {
  const t = TEXTS[turn.language];
  const message = error instanceof DomainError ? error.messageFor(turn.language) : t.unexpectedCardError;
  if (error instanceof DomainError) {
    turn.services.log.info({ code: error.code, user: turn.person.id }, 'status refused');
  } else {
    turn.services.log.error({ err: error, user: turn.person.id }, 'status submit failed');
  }
  try {
    const { rounds, statusUpdates } = turn.services.repositories;
    const round = await rounds.get(text(data, 'roundId'));
    const stored = round && (await statusUpdates.get(round.id, text(data, 'projectId')));
    if (round && stored)
      return statusRequestCard(turn.language, round, stored.value, { ...draft, error: message });
  } catch (lookupError) {
    turn.services.log.error({ err: lookupError }, 'could not rebuild the card');
  }
  return noticeCard({ title: t.refusedTitle, text: message, tone: 'attention' });
}
