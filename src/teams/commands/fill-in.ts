import { projectsToFill, projectToFill, type ProjectToFill } from '../../domain/use-cases/cards-to-fill';
import { awaitsAnswer } from '../../domain/review';
import { statusCardView } from '../../domain/use-cases/status-card-view';
import { statusRequestCard, statusStoredCard, toFillCard, type AdaptiveCard } from '../cards';
import { text } from '../actions/card-data';
import { bundleAgain } from '../actions/reminder-responses';
import type { CardAction, Command, Turn } from '../turn';

/**
 * `invullen 4.2.2` / `fill in 4.2.2`: the project's card again, as it stands (the form, or the
 * stored answer with Wijzigen). A bare `invullen`: the person's projects that wait for an
 * answer, with a button each. The way back to a card after a restart or a long chat.
 */
export const fillInCommand: Command = {
  name: 'fill-in',
  patterns: [/^(?:invullen|fill in|fill-in)(?:\s+(\S+))?$/],
  async handle(turn, match) {
    const number = match[1];
    if (number === undefined) {
      await turn.reply(
        toFillCard(turn.language, await projectsToFill({ by: turn.person }, turn.services.deps)),
      );
      return;
    }
    const found = await projectToFill({ number, by: turn.person }, turn.services.deps);
    await turn.reply(...found.map((entry) => cardOf(turn, entry)));
  },
};

/**
 * "Invullen" next to a project on the list: its card, sent below; the list stays as it is (a
 * bundled reminder stays the bundle, without the projects answered meanwhile). On a
 * notice about one project (sent back, a delegation that did not arrive), `in: place`: the
 * notice itself turns into the project's card.
 */
export const fillInAction: CardAction = {
  verb: 'fillIn',
  async handle(turn, data) {
    const view = await statusCardView(
      { roundId: text(data, 'roundId'), projectId: text(data, 'projectId'), by: turn.person },
      turn.services.deps,
    );
    if (text(data, 'in') === 'place') {
      if (view.show === 'form') return cardOf(turn, view);
      if (view.show === 'answer') return cardOf(turn, view, view.editable);
    }
    if (view.show === 'form') await turn.reply(cardOf(turn, view));
    if (view.show === 'answer') await turn.reply(cardOf(turn, view, view.editable));
    // Pressed on a bundled reminder or overview: that card stays, read afresh.
    if (text(data, 'from') === 'bundle' && (view.show === 'form' || view.show === 'answer')) {
      return bundleAgain(turn, data, view.round, { step: text(data, 'step') === 'ask' ? 'ask' : 'reminder' });
    }
    return toFillCard(turn.language, await projectsToFill({ by: turn.person }, turn.services.deps));
  },
};

/**
 * Sends the project's card below, as it stands for this person (the form, or the answer), or
 * nothing when they may not see it.
 */
export async function sendProjectCard(turn: Turn, roundId: string, projectId: string): Promise<void> {
  const view = await statusCardView({ roundId, projectId, by: turn.person }, turn.services.deps);
  if (view.show === 'form') await turn.reply(cardOf(turn, view));
  if (view.show === 'answer') await turn.reply(cardOf(turn, view, view.editable));
}

/** The form while the project waits for an answer and the round is open, else the answer as it stands. */
function cardOf(turn: Turn, { round, update }: ProjectToFill, editable = true): AdaptiveCard {
  const refreshFor = turn.chatUserId ? [turn.chatUserId] : [];
  return round.status === 'open' && awaitsAnswer(update)
    ? statusRequestCard(turn.language, round, update, { refreshFor })
    : statusStoredCard(turn.language, round, update, { editable, refreshFor });
}
