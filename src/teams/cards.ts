import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { latestVersion, type Language, type Round, type StatusUpdate } from '../domain/model';
import type { UnreachableOwner } from '../domain/use-cases/find-unreachable-owners';
import { compareProjectNumbers } from '../domain/natural-order';
import { calendarFor, plannedSteps } from '../domain/reminder-plan';
import type { RoundStatus } from '../domain/use-cases/round-status';
import type { RoundSummary } from '../domain/use-cases/summarize-round';
import { projectRoot } from '../project-root';
import {
  TEXTS,
  formatDate,
  formatDateTime,
  formatShortDate,
  headings,
  roundName,
  statusChoices,
  statusTitle,
} from './texts';

export type AdaptiveCard = Record<string, unknown>;

export const CARD_NAMES = [
  'welcome',
  'help',
  'notice',
  'status-request',
  'status-stored',
  'summary',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

const templates = new Map<CardName, Template>();

function template(name: CardName): Template {
  let found = templates.get(name);
  if (!found) {
    const json: unknown = JSON.parse(readFileSync(join(projectRoot(), 'cards', `${name}.json`), 'utf8'));
    found = new Template(json);
    templates.set(name, found);
  }
  return found;
}

/** Binds data to a template. Data is only ever data: text in it is never evaluated. */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  return template(name).expand({ $root: data }) as AdaptiveCard;
}

export function welcomeCard(language: Language): AdaptiveCard {
  const t = TEXTS[language];
  return renderCard('welcome', {
    title: t.welcomeTitle,
    intro: t.welcomeIntro,
    how: t.welcomeHow,
    helpHint: t.welcomeHelp,
  });
}

export function helpCard(language: Language): AdaptiveCard {
  const t = TEXTS[language];
  return renderCard('help', { title: t.helpTitle, intro: t.helpIntro, commands: t.commands });
}

export interface Notice {
  readonly title: string;
  readonly text?: string;
  readonly facts?: readonly { title: string; value: string }[];
  readonly tone?: 'default' | 'good' | 'attention';
}

export function noticeCard(notice: Notice): AdaptiveCard {
  const color = { default: 'Default', good: 'Good', attention: 'Attention' }[notice.tone ?? 'default'];
  return renderCard('notice', {
    title: notice.title,
    text: notice.text ?? '',
    facts: notice.facts ?? [],
    color,
  });
}

export interface StatusRequestDraft {
  readonly status?: string;
  readonly answer?: string;
  readonly error?: string;
  /** A line above the card, for a reminder. */
  readonly banner?: string;
  /** Offer "remind me tomorrow" and "not my project", as on a reminder. */
  readonly reminder?: boolean;
}

/**
 * The card an owner answers. A draft (what they typed, and why it was refused) wins over the
 * stored answer, so a refused submit never throws their text away.
 */
export function statusRequestCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  draft: StatusRequestDraft = {},
): AdaptiveCard {
  const t = TEXTS[language];
  const h = headings(language, round.kind);
  const latest = latestVersion(update);
  return renderCard('status-request', {
    language,
    roundId: round.id,
    projectId: update.project.id,
    project: update.project,
    status: draft.status ?? latest?.status ?? '',
    answer: draft.answer ?? latest?.answer ?? '',
    error: draft.error ?? '',
    banner: draft.banner ?? '',
    reminder: draft.reminder ?? false,
    statusChoices: statusChoices(language),
    labels: {
      round: roundName(language, round.kind, round.year),
      speerpunt: t.speerpunt,
      goal: h.goal,
      activities: h.activities,
      question: h.question,
      status: t.status,
      statusRequired: t.statusRequired,
      answerRequired: t.answerRequired,
      answerPlaceholder: t.answerPlaceholder,
      deadline: t.deadline(formatDate(language, round.deadline)),
      send: t.send,
      snooze: t.snooze,
      notMine: t.notMine,
    },
  });
}

/** What the owner sees once the answer is stored: read-only, with who, when and which version. */
export function statusStoredCard(language: Language, round: Round, update: StatusUpdate): AdaptiveCard {
  const t = TEXTS[language];
  const latest = latestVersion(update);
  return renderCard('status-stored', {
    language,
    roundId: round.id,
    projectId: update.project.id,
    project: update.project,
    answer: latest?.answer ?? '',
    statusTitle: statusTitle(language, latest?.status),
    savedBy: latest?.answeredByName ?? '',
    savedAt: latest ? formatDateTime(language, latest.answeredAt) : '',
    version: String(update.versions.length),
    labels: {
      stored: t.stored,
      round: roundName(language, round.kind, round.year),
      speerpunt: t.speerpunt,
      question: headings(language, round.kind).question,
      status: t.status,
      savedBy: t.savedBy,
      savedAt: t.savedAt,
      version: t.version,
      edit: t.edit,
    },
  });
}

const STATUS_COLORS: Record<string, string> = {
  'op-schema': 'Good',
  afgerond: 'Good',
  vertraagd: 'Warning',
  'on-hold': 'Warning',
  gestopt: 'Default',
};

export function summaryCard(language: Language, summary: RoundSummary): AdaptiveCard {
  const t = TEXTS[language];
  return renderCard('summary', {
    labels: {
      title: t.summaryTitle(roundName(language, summary.round.kind, summary.round.year)),
      progress: t.summaryProgress(summary.answered, summary.total),
      deadline: t.summaryDeadline(formatDate(language, summary.round.deadline)),
    },
    projects: summary.projects.map((project) => ({
      number: project.number,
      title: project.title,
      statusTitle: statusTitle(language, project.status),
      statusColor: project.status ? (STATUS_COLORS[project.status] ?? 'Default') : 'Attention',
      firstLine: project.firstLine ?? '',
    })),
  });
}

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
      value: reminders.length > 0 ? t.remindersValue(reminders.join(', ')) : t.noReminders,
    },
  ];
  if (round.reminderPlan.dailyDigestAfterDeadline) facts.push({ title: t.digestFact, value: t.digestValue });
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

/** A reminder is the same card as the first ask, with a line on top. */
export function reminderCard(language: Language, round: Round, update: StatusUpdate): AdaptiveCard {
  const banner = TEXTS[language].reminderBanner(formatDate(language, round.deadline));
  return statusRequestCard(language, round, update, { banner, reminder: true });
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

/** Rows a FactSet can hold before the card gets too long to read in a chat. */
const MAX_STATUS_ROWS = 40;

/** The coordinator's `status`: who has not answered yet, and who cannot be reached and why. */
export function roundStatusCard(language: Language, status: RoundStatus): AdaptiveCard {
  const t = TEXTS[language];
  const rows = status.waiting.map((owner) => ({
    title: `${owner.number} ${owner.title}`,
    value:
      owner.state === 'unreachable'
        ? t.ownerUnreachable(owner.ownerName, t.reasons[owner.reason ?? ''] ?? owner.reason ?? '')
        : owner.state === 'snoozed'
          ? t.ownerSnoozed(owner.ownerName, formatDateTime(language, owner.snoozedUntil ?? ''))
          : t.ownerOpen(owner.ownerName),
  }));
  const shown = rows.slice(0, MAX_STATUS_ROWS);
  if (rows.length > shown.length) shown.push({ title: '…', value: t.moreRows(rows.length - shown.length) });
  return noticeCard({
    title: t.statusTitle(roundName(language, status.round.kind, status.round.year)),
    text: t.statusText(status.answered, status.answered + status.open, status.unreachable),
    facts: shown,
    tone: status.unreachable > 0 ? 'attention' : 'default',
  });
}

/** Tells the coordinator that an owner says a project is not theirs. */
export function notMineCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  reportedBy: string,
): AdaptiveCard {
  const t = TEXTS[language];
  return noticeCard({
    title: t.notMineNotice(reportedBy, `${update.project.number} ${update.project.title}`),
    text: t.notMineText(roundName(language, round.kind, round.year).toLowerCase()),
    tone: 'attention',
  });
}
