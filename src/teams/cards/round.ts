/** For the coordinator: a round opened, closed and reopened, its status, and the daily and weekly digests. */
import { reminderCap } from '../../domain/reminder-bundle';
import {
  lastReopening,
  openSince,
  PROJECT_STATUSES,
  roundHistory,
  type Language,
  type Round,
  type RoundEvent,
  type StatusUpdate,
} from '../../domain/model';
import type { CloseQuestion } from '../../domain/use-cases/close-round';
import type { ReopenedRound } from '../../domain/use-cases/reopen-round';
import type { UnreachableOwner } from '../../domain/use-cases/find-unreachable-owners';
import { compareProjectNumbers } from '../../domain/natural-order';
import { calendarFor, plannedSteps, REOPENED_STEP_PREFIX } from '../../domain/reminder-plan';
import type { RoundStatus } from '../../domain/use-cases/round-status';
import type { RoundProgress } from '../../domain/use-cases/weekly-digest';
import {
  listText,
  TEXTS,
  formatDate,
  formatDateTime,
  formatShortDate,
  formatWeekdayTime,
  roundName,
  roundPhrase,
  statusTitle,
} from '../texts';
import type { RoundWords } from '../texts/round';
import { chartsView } from './charts';
import { noticeCard } from './notices';
import { renderCard, type AdaptiveCard } from './render';
import { otherRoundsLine } from './round-choice';

export interface RoundOpenedView {
  readonly round: Round;
  readonly projects: number;
  /** Cards to send: one per owner per project. */
  readonly cards: number;
  readonly unreachable: readonly UnreachableOwner[];
  readonly now: Date;
}

/** The coordinator's confirmation: what goes out when, and whom the bot cannot reach. */
export function roundOpenedCard(language: Language, view: RoundOpenedView): AdaptiveCard {
  const t = TEXTS[language];
  const { round } = view;
  const calendar = calendarFor(round.reminderPlan);
  const steps = plannedSteps(round, round.reminderPlan);
  const askAt = steps[0]?.at ?? view.now.toISOString();
  const reminders = steps
    .filter((step) => step.kind === 'reminder')
    .map((step) => formatShortDate(language, calendar.localDate(new Date(step.at))));
  const facts = [
    { title: t.deadlineFact, value: formatDate(language, round.deadline) },
    { title: t.projectsFact, value: String(view.projects) },
    {
      title: t.remindersFact,
      value:
        reminders.length === 0
          ? t.noReminders
          : round.reminderPlan.sendAnyTime
            ? t.remindersValueAnyTime(reminders.join(', '))
            : t.remindersValue(reminders.join(', ')),
    },
  ];
  facts.push({
    title: t.firstAskFact,
    value: round.reminderPlan.firstAsk === 'overview' ? t.firstAskOverview : t.firstAskPerProject,
  });
  facts.push({ title: t.bundleFact, value: t.bundleValue(reminderCap(round)) });
  if (round.reminderPlan.dailyDigestAfterDeadline) facts.push({ title: t.digestFact, value: t.digestValue });
  facts.push({ title: t.review.reviewFact, value: round.review ? t.review.roundOn : t.review.roundOff });
  for (const owner of view.unreachable) {
    facts.push({ title: t.unreachable, value: `${owner.ownerId} (${owner.projects.join(', ')})` });
  }
  return noticeCard({
    title: t.roundOpenedTitle(roundName(language, round.kind, round.year)),
    text:
      new Date(askAt) <= view.now
        ? t.roundOpenedNow(view.cards)
        : t.roundOpenedLater(view.cards, formatDateTime(language, askAt)),
    facts,
    tone: view.unreachable.length > 0 ? 'attention' : 'good',
  });
}

/** The coordinator's daily list of projects without an answer, after the deadline. */
export function digestCard(
  language: Language,
  round: Round,
  missing: readonly StatusUpdate[],
  total: number,
): AdaptiveCard {
  const t = TEXTS[language];
  const sorted = [...missing].sort((a, b) => compareProjectNumbers(a.project.number, b.project.number));
  return noticeCard({
    title: t.digestTitle(roundName(language, round.kind, round.year)),
    text: t.digestText(missing.length, total, formatDate(language, round.deadline)),
    facts: sorted.map((update) => ({ title: update.project.number, value: update.project.title })),
    tone: 'attention',
  });
}

/** Numbers of unanswered projects the weekly digest lists before it counts the rest. */
export const WEEKLY_MISSING_SHOWN = 40;

/**
 * The weekly digest in a team channel, in the language the channel was set up in: how far the
 * round is, per status, and which project numbers are still open, as of `asOf`.
 */
export function weeklyDigestCard(
  language: Language,
  round: Round,
  progress: RoundProgress,
  asOf: Date,
): AdaptiveCard {
  const t = TEXTS[language];
  const { total, answered, missing } = progress;
  // Rounded down, so 100% means every project, never 199 of 200.
  const percent = total > 0 ? Math.floor((answered * 100) / total) : 0;
  const counts = PROJECT_STATUSES.flatMap((status) => {
    const count = progress.counts[status];
    return count ? [{ title: statusTitle(language, status), value: String(count) }] : [];
  });
  if (missing.length > 0)
    counts.push({ title: statusTitle(language, undefined), value: String(missing.length) });
  const shown = missing.slice(0, WEEKLY_MISSING_SHOWN);
  const passed = calendarFor(round.reminderPlan).localDate(asOf) > round.deadline;
  return renderCard('weekly-digest', {
    progressColor: missing.length === 0 ? 'Good' : 'Default',
    counts,
    charts: chartsView(language, progress.figures),
    missing: shown.join(', '),
    labels: {
      title: t.weeklyTitle(roundName(language, round.kind, round.year)),
      asOf: t.weeklyAsOf(
        formatWeekdayTime(language, asOf.toISOString()),
        formatDate(language, round.deadline),
        passed,
      ),
      progress: t.weeklyProgress(answered, total, percent),
      missing: t.weeklyMissing(missing.length),
      more: missing.length > shown.length ? t.weeklyMore(missing.length - shown.length) : '',
      allAnswered: missing.length === 0 ? t.weeklyAllAnswered : '',
      unchanged: progress.unchanged > 0 ? t.statusUnchanged(progress.unchanged) : '',
      hint: t.weeklyHint,
    },
  });
}

/** Rows a FactSet can hold before the card gets too long to read in a chat. */
const MAX_STATUS_ROWS = 40;

/**
 * The coordinator's `status`: how far the round is, in charts and in text, who has not answered
 * yet, and who cannot be reached and why.
 */
export function roundStatusCard(language: Language, status: RoundStatus): AdaptiveCard {
  const t = TEXTS[language];
  const rows = status.waiting.map((owner) => {
    const name = owner.delegate ? t.delegateName(owner.ownerName) : owner.ownerName;
    const reminded =
      owner.remindedThisWeek !== undefined && status.reminderCap !== undefined
        ? ` · ${t.remindedThisWeek(owner.remindedThisWeek, status.reminderCap)}`
        : '';
    return {
      title: `${owner.number} ${owner.title}`,
      value:
        (owner.state === 'unreachable'
          ? t.ownerUnreachable(name, t.reasons[owner.reason ?? ''] ?? owner.reason ?? '')
          : owner.state === 'snoozed'
            ? t.ownerSnoozed(name, formatDateTime(language, owner.snoozedUntil ?? ''))
            : owner.state === 'sentBack'
              ? t.ownerSentBack(name)
              : owner.state === 'draft'
                ? t.ownerDraft(name)
                : t.ownerOpen(name)) + reminded,
    };
  });
  for (const project of status.awaitingReview ?? []) {
    rows.push({ title: `${project.number} ${project.title}`, value: t.review.awaitingReview });
  }
  const shown = rows.slice(0, MAX_STATUS_ROWS);
  if (rows.length > shown.length) shown.push({ title: '…', value: t.moreRows(rows.length - shown.length) });
  const reopened = lastReopening(status.round);
  const review = status.figures.review;
  const unreachable = status.waiting.some((owner) => owner.state === 'unreachable');
  return renderCard('round-status', {
    title: t.statusTitle(roundName(language, status.round.kind, status.round.year)),
    color: unreachable ? 'Attention' : 'Default',
    text: [
      t.statusText(status.answered, status.answered + status.open, status.unreachable) +
        (review ? ` ${t.statusReview(review.submitted, review.approved, review.sentBack)}` : '') +
        (reopened
          ? ` ${t.statusReopened(reopened.byName ?? '', formatDateTime(language, reopened.at), formatDate(language, status.round.deadline))}`
          : ''),
      status.unchanged > 0 ? t.statusUnchanged(status.unchanged) : '',
      ...(status.stuckReviews ?? []).map((stuck) =>
        t.review.stuck(listText(language, stuck.numbers), stuck.numbers.length, stuck.submitterName),
      ),
      status.round.status === 'open' ? otherRoundsLine(language, 'status', status) : t.closedRound,
    ]
      .filter((paragraph) => paragraph !== '')
      .join('\n\n'),
    charts: chartsView(language, status.figures),
    facts: shown,
  });
}

function wordsFor(language: Language, round: Round): RoundWords {
  return {
    name: roundName(language, round.kind, round.year),
    phrase: roundPhrase(language, round.kind, round.year),
    kind: round.kind,
    year: round.year,
  };
}

/**
 * `ronde sluit`: how far the round is, what closing means, and the buttons. "Sluiten" carries the
 * moment the round was (re)opened, so a confirmation left standing cannot close a later reopening.
 */
export function closeQuestionCard(language: Language, question: CloseQuestion): AdaptiveCard {
  const t = TEXTS[language];
  const { round } = question;
  return renderCard('round-close', {
    roundId: round.id,
    openSince: openSince(round),
    language,
    labels: {
      title: t.closeQuestionTitle(wordsFor(language, round)),
      counts: t.closeQuestionCounts(question.answered, question.total, question.missing),
      consequence: t.closeQuestionText,
      reopen: t.reopenHint(round.kind, round.year),
      confirm: t.closeConfirm,
      cancel: t.closeCancel,
    },
  });
}

/** The round is closed now: the question's card turns into this, without buttons. */
export function roundClosedCard(language: Language, round: Round): AdaptiveCard {
  const t = TEXTS[language];
  return noticeCard({
    title: t.roundClosedTitle(roundName(language, round.kind, round.year)),
    text: `${t.roundClosedText} ${t.reopenHint(round.kind, round.year)}`,
    tone: 'good',
  });
}

/** "Niet sluiten": nothing changed. */
export function closeCancelledCard(language: Language, round: Round): AdaptiveCard {
  const t = TEXTS[language];
  return noticeCard({
    title: t.closeCancelledTitle(roundName(language, round.kind, round.year)),
    text: t.closeCancelledText(formatDate(language, round.deadline)),
  });
}

function lastEvent(round: Round, action: RoundEvent['action']): RoundEvent | undefined {
  return [...roundHistory(round)].reverse().find((event) => event.action === action);
}

/**
 * The round is not in the state the command needs: it says which state it is in and what to
 * type instead. `deadline` is the date the coordinator typed, for the command to suggest.
 */
export function roundStateCard(
  language: Language,
  round: Round,
  wanted: 'open' | 'close' | 'reopen',
  deadline = '',
): AdaptiveCard {
  const t = TEXTS[language];
  const words = wordsFor(language, round);
  if (round.status === 'closed') {
    if (wanted === 'open') {
      return noticeCard({
        title: t.refusedTitle,
        text: t.isClosedReopenWith(words, deadline),
        tone: 'attention',
      });
    }
    const closed = lastEvent(round, 'closed');
    return noticeCard({
      title: t.alreadyClosedTitle(words.name),
      text:
        (closed ? `${t.closedOnBy(formatDateTime(language, closed.at), closed.byName ?? '')} ` : '') +
        t.reopenHint(round.kind, round.year),
    });
  }
  const reopened = lastReopening(round);
  return noticeCard({
    title: t.refusedTitle,
    text: t.isOpenAlready(
      words.phrase,
      formatDate(language, round.deadline),
      reopened && { when: formatDateTime(language, reopened.at), who: reopened.byName ?? '' },
    ),
    tone: 'attention',
  });
}

/** `ronde heropen` reopened the round: the new deadline, who is reminded when, and who reopened it. */
export function roundReopenedCard(language: Language, reopened: ReopenedRound, now: Date): AdaptiveCard {
  const t = TEXTS[language];
  const { round } = reopened;
  const calendar = calendarFor(round.reminderPlan);
  const steps = plannedSteps(round, round.reminderPlan);
  const first = steps.find((step) => step.key.startsWith(REOPENED_STEP_PREFIX));
  const later = steps
    .filter((step) => step.kind === 'reminder' && step !== first && new Date(step.at) > now)
    .map((step) => formatShortDate(language, calendar.localDate(new Date(step.at))));
  const reopening = lastReopening(round);
  const closed = lastEvent(round, 'closed');
  const facts = [
    { title: t.deadlineFact, value: formatDate(language, round.deadline) },
    {
      title: t.remindersFact,
      value:
        later.length === 0
          ? t.noReminders
          : round.reminderPlan.sendAnyTime
            ? t.remindersValueAnyTime(later.join(', '))
            : t.remindersValue(later.join(', ')),
    },
  ];
  if (reopening) {
    facts.push({
      title: t.reopenedByFact,
      value: t.byAt(reopening.byName ?? '', formatDateTime(language, reopening.at)),
    });
  }
  if (closed) {
    facts.push({
      title: t.closedByFact,
      value: t.byAt(closed.byName ?? '', formatDateTime(language, closed.at)),
    });
  }
  const when = first && new Date(first.at) > now ? formatWeekdayTime(language, first.at) : undefined;
  return noticeCard({
    title: t.roundReopenedTitle(roundName(language, round.kind, round.year)),
    text: t.roundReopenedText(reopened.waiting, reopened.total, when),
    facts,
    tone: 'good',
  });
}
