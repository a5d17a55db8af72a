import { DomainError } from '../../domain/errors';
import type { Round, StatusUpdate } from '../../domain/model';
import { markCardsAnswered } from '../../domain/use-cases/mark-cards-answered';
import { DEFAULT_REMINDER_PLAN } from '../../domain/reminder-plan';
import {
  AnswerConflict,
  AnswerRejected,
  saveDraft,
  submitStatusUpdate,
} from '../../domain/use-cases/submit-status-update';
import { latestVersion } from '../../domain/model';
import { statusCardView } from '../../domain/use-cases/status-card-view';
import { noticeCard, statusRequestCard, statusStoredCard, type AdaptiveCard } from '../cards';
import { formatDateTime, TEXTS } from '../texts';
import type { CardAction, Turn } from '../turn';
import { baseVersionOf, rawAnswerOf, text } from './card-data';

/** The person's Teams id, so their own card keeps refreshing itself. */
function refreshFor(turn: Turn): string[] {
  const id = turn.chatUserId;
  return id ? [id] : [];
}

function deps(turn: Turn) {
  return turn.services.deps;
}

export const submitStatusAction: CardAction = {
  verb: 'submitStatus',
  async handle(turn, data) {
    const raw = rawAnswerOf(data);
    try {
      const { round, update, stored } = await submitStatusUpdate(
        {
          roundId: text(data, 'roundId'),
          projectId: text(data, 'projectId'),
          raw,
          baseVersion: baseVersionOf(data),
          by: turn.person,
          viaCard: turn.replyToId,
        },
        deps(turn),
      );
      turn.services.log.info(
        { round: round.id, project: update.id, version: update.versions.length, stored },
        stored ? 'status stored' : 'same status again: nothing stored',
      );
      if (stored) planCardUpdates(turn, update);
      return statusStoredCard(turn.language, round, update, { editable: true, refreshFor: refreshFor(turn) });
    } catch (error) {
      return refusal(turn, data, error);
    }
  },
};

export const saveDraftAction: CardAction = {
  verb: 'saveDraft',
  async handle(turn, data) {
    const raw = rawAnswerOf(data);
    try {
      const { round, stored } = await saveDraft(
        { roundId: text(data, 'roundId'), projectId: text(data, 'projectId'), raw, by: turn.person },
        deps(turn),
      );
      const when = formatDateTime(turn.language, turn.services.clock.now().toISOString());
      return statusRequestCard(turn.language, round, stored.value, {
        values: raw,
        note: TEXTS[turn.language].draftSaved(when),
        refreshFor: refreshFor(turn),
      });
    } catch (error) {
      return refusal(turn, data, error);
    }
  },
};

/**
 * Teams asks for the card again when it shows it (Universal Actions refresh): an owner, delegate
 * or coordinator gets the form while nothing is stored and the round is open, the stored answer
 * with "Wijzigen" after that; a reader sees the answer read-only, anyone else nothing of it.
 */
export const refreshStatusAction: CardAction = {
  verb: 'refreshStatus',
  async handle(turn, data) {
    const view = await statusCardView(
      { roundId: text(data, 'roundId'), projectId: text(data, 'projectId'), by: turn.person },
      deps(turn),
    );
    const t = TEXTS[turn.language];
    const shown = { refreshFor: refreshFor(turn) };
    switch (view.show) {
      case 'unknown':
        return noticeCard({ title: t.refusedTitle, text: t.unknownCard, tone: 'attention' });
      case 'nothing':
        return noticeCard({
          title: t.refusedTitle,
          text: new DomainError('NOT_PROJECT_READER').messageFor(turn.language),
          tone: 'attention',
        });
      case 'form':
        return statusRequestCard(turn.language, view.round, view.update, shown);
      case 'answer':
        return statusStoredCard(turn.language, view.round, view.update, {
          ...shown,
          editable: view.editable,
        });
    }
  },
};

/**
 * The other cards that asked for this project show the answer now; not awaited, since the
 * invoke must be answered within Teams' 5 seconds and the updates go out as send jobs anyway.
 */
function planCardUpdates(turn: Turn, update: StatusUpdate): void {
  const { repositories, clock } = turn.services;
  void markCardsAnswered(
    { update, pressedActivityId: turn.replyToId },
    { sendJobs: repositories.sendJobs, clock },
  ).then(
    (planned) => {
      if (planned > 0) turn.services.sendDueMessages();
    },
    (error: unknown) => {
      turn.services.log.error({ err: error }, 'could not plan the answered-card updates');
    },
  );
}

/**
 * Answers a refused or failed submit with the same card, everything the person typed still in
 * it, the reason at the fields and on top, so nothing they typed is lost. When the store itself
 * cannot be reached, the card is rebuilt from what the card sent along.
 */
async function refusal(
  turn: Turn,
  data: Readonly<Record<string, unknown>>,
  error: unknown,
): Promise<AdaptiveCard> {
  const t = TEXTS[turn.language];
  const values = rawAnswerOf(data);
  if (error instanceof AnswerConflict) {
    turn.services.log.info({ user: turn.person.id }, 'status conflicts with a newer answer');
    const round = await turn.services.repositories.rounds.get(error.current.roundId);
    if (round) {
      return statusRequestCard(turn.language, round, error.current, {
        values,
        conflict: latestVersion(error.current),
        error: error.messageFor(turn.language),
        refreshFor: refreshFor(turn),
      });
    }
  }
  if (error instanceof DomainError) {
    turn.services.log.info({ code: error.code, user: turn.person.id }, 'status refused');
  } else {
    turn.services.log.error({ err: error, user: turn.person.id }, 'status submit failed');
  }
  const message = error instanceof DomainError ? error.messageFor(turn.language) : t.storeUnavailable;
  const problems = error instanceof AnswerRejected ? error.problems : undefined;
  // The store failed: asking it again would only spend the seconds Teams gives an invoke.
  if (!(error instanceof DomainError)) {
    return (
      offlineCard(turn, data, message) ??
      noticeCard({ title: t.refusedTitle, text: message, tone: 'attention' })
    );
  }
  try {
    const { rounds, statusUpdates } = turn.services.repositories;
    const round = await rounds.get(text(data, 'roundId'));
    const stored = round && (await statusUpdates.get(round.id, text(data, 'projectId')));
    if (round && stored) {
      return statusRequestCard(turn.language, round, stored.value, { values, problems, error: message });
    }
  } catch (lookupError) {
    turn.services.log.warn({ err: lookupError }, 'could not read the round to rebuild the card');
    const offline = offlineCard(turn, data, message);
    if (offline) return offline;
  }
  return noticeCard({ title: t.refusedTitle, text: message, tone: 'attention' });
}

/**
 * The form rebuilt from the card's own data, for when the store is down: the project's context
 * is what the card carried, the person's text is all there, and the same action will work once
 * the store is back.
 */
function offlineCard(
  turn: Turn,
  data: Readonly<Record<string, unknown>>,
  message: string,
): AdaptiveCard | undefined {
  const context = data['card'];
  if (typeof context !== 'object' || context === null) return undefined;
  const field = (key: string) => text(context as Record<string, unknown>, key);
  const kind = field('kind');
  const year = Number(field('year'));
  if ((kind !== 'voortgangsrapportage' && kind !== 'jaarverslag') || !Number.isInteger(year))
    return undefined;
  const round: Round = {
    id: text(data, 'roundId'),
    kind,
    year,
    deadline: field('deadline'),
    status: 'open',
    openedAt: '',
    openedBy: '',
    reminderPlan: DEFAULT_REMINDER_PLAN,
  };
  const update: StatusUpdate = {
    id: text(data, 'projectId'),
    roundId: round.id,
    project: {
      id: text(data, 'projectId'),
      year,
      number: field('number'),
      title: field('title'),
      speerpunt: field('speerpunt'),
      goal: '',
      activities: '',
      owners: [],
    },
    versions: [],
  };
  return statusRequestCard(turn.language, round, update, {
    values: rawAnswerOf(data),
    error: message,
    baseVersion: baseVersionOf(data) ?? 0,
  });
}
