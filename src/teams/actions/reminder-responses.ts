import { DomainError } from '../../domain/errors';
import { reportNotMyProject, snoozeReminder } from '../../domain/use-cases/respond-to-reminder';
import { noticeCard, statusRequestCard } from '../cards';
import { formatDateTime, TEXTS } from '../texts';
import type { CardAction, Turn } from '../turn';
import { rawAnswerOf, text } from './card-data';

function inputOf(turn: Turn, data: Readonly<Record<string, unknown>>) {
  return { roundId: text(data, 'roundId'), projectId: text(data, 'projectId'), by: turn.person };
}

/** What the owner typed so far stays in the card, whichever button they pressed. */
function draftOf(data: Readonly<Record<string, unknown>>) {
  return { values: rawAnswerOf(data), reminder: true };
}

function refusal(turn: Turn, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  const t = TEXTS[turn.language];
  return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
}

export const snoozeReminderAction: CardAction = {
  verb: 'snoozeReminder',
  async handle(turn, data) {
    try {
      const { round, stored, remindAt } = await snoozeReminder(inputOf(turn, data), turn.services.deps);
      const banner = TEXTS[turn.language].snoozed(formatDateTime(turn.language, remindAt.toISOString()));
      return statusRequestCard(turn.language, round, stored.value, { ...draftOf(data), banner });
    } catch (error) {
      return refusal(turn, error);
    }
  },
};

export const notMyProjectAction: CardAction = {
  verb: 'notMyProject',
  async handle(turn, data) {
    try {
      const { round, stored } = await reportNotMyProject(inputOf(turn, data), turn.services.deps);
      turn.services.sendDueMessages();
      const banner = TEXTS[turn.language].notMineNoted;
      return statusRequestCard(turn.language, round, stored.value, { ...draftOf(data), banner });
    } catch (error) {
      return refusal(turn, error);
    }
  },
};
