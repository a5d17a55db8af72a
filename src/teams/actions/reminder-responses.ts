import { projectsToFill } from '../../domain/use-cases/cards-to-fill';
import type { Round } from '../../domain/model';
import { DomainError } from '../../domain/errors';
import { reportNotMyProject, snoozeReminder } from '../../domain/use-cases/respond-to-reminder';
import { noticeCard, reminderBundleCard, statusRequestCard, type AdaptiveCard } from '../cards';
import { formatDateTime, roundName, TEXTS } from '../texts';
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

/**
 * Pressed on a bundled reminder: the bundle stays, with what the press did on top, so the other
 * projects on it keep their buttons. Read afresh: projects answered meanwhile have gone from it.
 * A bundle of several rounds names them in its buttons (`rounds`); an older card, only the
 * pressed project's round.
 */
export async function bundleAgain(
  turn: Turn,
  data: Readonly<Record<string, unknown>>,
  round: Round,
  view: { readonly step: 'ask' | 'reminder'; readonly banner?: string },
): Promise<AdaptiveCard> {
  const named = text(data, 'rounds')
    .split(',')
    .filter((id) => id !== '');
  const roundIds = named.includes(round.id) ? named : [round.id];
  const waiting = await projectsToFill({ by: turn.person }, turn.services.deps);
  const groups = roundIds.flatMap((id) => {
    const ofRound = waiting.filter((entry) => entry.round.id === id);
    const [first] = ofRound;
    const known = first?.round ?? (id === round.id ? round : undefined);
    return known ? [{ round: known, updates: ofRound.map((entry) => entry.update) }] : [];
  });
  return reminderBundleCard(turn.language, groups, view);
}

function fromBundle(data: Readonly<Record<string, unknown>>): boolean {
  return text(data, 'from') === 'bundle';
}

/**
 * The project as the banner on a bundle names it: its number, and on a bundle of several rounds,
 * where the same number can stand in each, also its round ("4.2.2 (Jaarverslag 2021)").
 */
function projectOnBundle(
  turn: Turn,
  data: Readonly<Record<string, unknown>>,
  round: Round,
  number: string,
): string {
  const several =
    text(data, 'rounds')
      .split(',')
      .filter((id) => id !== '').length > 1;
  return several ? `${number} (${roundName(turn.language, round.kind, round.year)})` : number;
}

export const snoozeReminderAction: CardAction = {
  verb: 'snoozeReminder',
  async handle(turn, data) {
    try {
      const { round, stored, remindAt } = await snoozeReminder(inputOf(turn, data), turn.services.deps);
      const when = formatDateTime(turn.language, remindAt.toISOString());
      if (fromBundle(data)) {
        const project = projectOnBundle(turn, data, round, stored.value.project.number);
        const banner = TEXTS[turn.language].bundleSnoozed(project, when);
        return await bundleAgain(turn, data, round, { step: 'reminder', banner });
      }
      const banner = TEXTS[turn.language].snoozed(when);
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
      if (fromBundle(data)) {
        const project = projectOnBundle(turn, data, round, stored.value.project.number);
        const banner = TEXTS[turn.language].bundleNotMineNoted(project);
        return await bundleAgain(turn, data, round, { step: 'reminder', banner });
      }
      const banner = TEXTS[turn.language].notMineNoted;
      return statusRequestCard(turn.language, round, stored.value, { ...draftOf(data), banner });
    } catch (error) {
      return refusal(turn, error);
    }
  },
};
