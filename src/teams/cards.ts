import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import {
  COMPLETION_YEARS_AHEAD,
  EMPTY_RAW_ANSWER,
  FIELD_LIMITS,
  QUARTERS,
  rawFrom,
  type AnswerField,
  type FieldProblem,
  type RawAnswer,
} from '../domain/answer';
import {
  latestVersion,
  roundAfter,
  PROJECT_STATUSES,
  type AnswerVersion,
  type Language,
  type ProjectStatus,
  type Round,
  type StatusUpdate,
} from '../domain/model';
import { decisionOn, reviewStateOf } from '../domain/review';
import type { UnreachableOwner } from '../domain/use-cases/find-unreachable-owners';
import { compareProjectNumbers } from '../domain/natural-order';
import { calendarFor, plannedSteps } from '../domain/reminder-plan';
import type { RoundStatus } from '../domain/use-cases/round-status';
import type { RoundSummary } from '../domain/use-cases/summarize-round';
import type { RoundProgress } from '../domain/use-cases/weekly-digest';
import type { ProjectInRound, ProjectOverRounds } from '../domain/use-cases/summarize-project';
import type { Chapter } from '../domain/chapter';
import type { RegisterDraft } from '../domain/report-text';
import { describeProblem, fieldName, type ImportResult } from '../domain/use-cases/import-register';
import { projectRoot } from '../project-root';
import { VERSION } from '../version';
import {
  TEXTS,
  formatDate,
  formatDateTime,
  formatShortDate,
  formatWeekdayTime,
  headings,
  roundName,
  roundPhrase,
  roundPhraseOfId,
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
  'project-summary',
  'history',
  'document',
  'import-result',
  'register-draft',
  'weekly-digest',
  'review-request',
  'review-decided',
  'review-queue',
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

/**
 * Binds data to a template. Data is only ever data: text in it is never evaluated. A card-level
 * property left out by its `$when` (a refresh nobody gets) is dropped rather than sent as null.
 */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  return Object.fromEntries(Object.entries(card).filter(([, value]) => value !== null));
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
  return renderCard('help', {
    title: t.helpTitle,
    intro: t.helpIntro,
    commands: t.commands,
    version: t.helpVersion(VERSION),
  });
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
  /** What the inputs show instead of what is stored: a refused submit, a conflict to merge. */
  readonly values?: RawAnswer;
  /** Why the submit was refused, per field. */
  readonly problems?: Partial<Record<AnswerField, FieldProblem>>;
  /** A message above the inputs. */
  readonly error?: string;
  /** A line above the card, for a reminder. */
  readonly banner?: string;
  /** A quiet line above the inputs (a draft saved). */
  readonly note?: string;
  /** Offer "remind me tomorrow" and "not my project", as on a reminder. */
  readonly reminder?: boolean;
  /** A newer answer, saved by someone else meanwhile, to merge with. */
  readonly conflict?: AnswerVersion;
  /** Teams user ids whose client refreshes the card by itself (Universal Actions). */
  readonly refreshFor?: readonly string[];
}

/** Goal and activities longer than this (together) are folded, with "show more". */
const LONG_CONTEXT = 600;

/**
 * The card an owner answers. What it shows, first found: what they just typed (a refused
 * submit never throws their text away), the saved draft, the stored answer, the answer from the
 * round before.
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
  // Drafts stored before a field existed lack it: every input gets a value.
  const values: RawAnswer = {
    ...EMPTY_RAW_ANSWER,
    ...(draft.values ??
      update.draft?.values ??
      (latest ? rawFrom(latest) : update.previous ? previousValues(update.previous) : EMPTY_RAW_ANSWER)),
  };
  const note =
    draft.note ??
    (!draft.values && update.draft
      ? t.fromDraft(update.draft.savedByName, formatDateTime(language, update.draft.savedAt))
      : !latest && update.previous
        ? (update.previous.published ? t.fromPublished : t.fromPrevious)(
            roundPhraseOfId(language, update.previous.roundId),
          )
        : '');
  const { project } = update;
  const conflict = draft.conflict;
  // A reviewer sent the latest version back: their comment on top, the owner's own text below.
  const sentBack = latest ? decisionOn(update, update.versions.length) : undefined;
  const returned = sentBack?.decision === 'sentBack' ? sentBack : undefined;
  return renderCard('status-request', {
    sentBack: {
      shown: returned !== undefined,
      title: returned ? t.review.ownerSentBack(returned.byName, formatDateTime(language, returned.at)) : '',
      comment: returned?.comment ?? '',
    },
    language,
    roundId: round.id,
    projectId: project.id,
    baseVersion: String(update.versions.length),
    roundKind: round.kind,
    roundYear: String(round.year),
    roundDeadline: round.deadline,
    project,
    contextLong: project.goal.length + project.activities.length > LONG_CONTEXT,
    values,
    errors: fieldErrors(language, draft.problems ?? {}),
    error: draft.error ?? '',
    banner: draft.banner ?? '',
    note,
    reminder: draft.reminder ?? false,
    refreshFor: draft.refreshFor ?? [],
    conflict: {
      shown: conflict !== undefined,
      by: conflict
        ? t.conflictBy(conflict.answeredByName, formatDateTime(language, conflict.answeredAt))
        : '',
      statusTitle: conflict ? statusTitle(language, conflict.status) : '',
      answer: conflict?.answer ?? '',
    },
    askAchieved: round.kind === 'jaarverslag',
    statusChoices: statusChoices(language),
    achievedChoices: t.achievedChoices,
    quarterChoices: QUARTERS.map((quarter) => ({ title: `Q${quarter}`, value: String(quarter) })),
    yearChoices: Array.from({ length: COMPLETION_YEARS_AHEAD + 1 }, (_, i) => ({
      title: String(round.year + i),
      value: String(round.year + i),
    })),
    limits: FIELD_LIMITS,
    labels: {
      round: roundName(language, round.kind, round.year),
      speerpunt: t.speerpunt,
      goal: h.goal,
      activities: h.activities,
      question: h.question,
      status: t.status,
      statusRequired: t.statusRequired,
      achieved: t.achieved,
      achievedRequired: t.achievedRequired,
      answerRequired: t.answerRequired,
      answerPlaceholder: t.answerPlaceholder,
      deviation: t.deviation,
      deviationHint: t.deviationHint,
      financial: t.financial,
      financialHint: t.financialHint,
      place: t.place,
      placeHint: t.placeHint,
      completion: t.completion,
      quarter: t.quarter,
      year: t.year,
      conflictTitle: t.conflictTitle,
      showMore: t.showMore,
      deadline: t.deadline(formatDate(language, round.deadline)),
      send: t.send,
      saveDraft: t.saveDraft,
      snooze: t.snooze,
      notMine: t.notMine,
    },
  });
}

export interface StoredView {
  /** Offer "Wijzigen": the person may answer and the round is open. */
  readonly editable: boolean;
  readonly refreshFor?: readonly string[];
}

/**
 * The answer as stored, read-only: what the owner sees once it is in (with "Wijzigen" until the
 * round closes), and what anyone else sees.
 */
export function statusStoredCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  view: StoredView = { editable: true },
): AdaptiveCard {
  const t = TEXTS[language];
  const latest = latestVersion(update);
  const facts: { title: string; value: string }[] = [];
  if (latest) {
    facts.push({ title: t.status, value: statusTitle(language, latest.status) });
    if (latest.achieved) {
      const achieved = t.achievedChoices.find((choice) => choice.value === latest.achieved);
      facts.push({ title: t.achieved, value: achieved?.title ?? latest.achieved });
    }
    if (latest.expectedCompletion) {
      const { quarter, year } = latest.expectedCompletion;
      facts.push({ title: t.expectedCompletion, value: `Q${quarter} ${year}` });
    }
    facts.push(
      { title: t.savedBy, value: latest.answeredByName },
      { title: t.savedAt, value: formatDateTime(language, latest.answeredAt) },
      { title: t.version, value: String(update.versions.length) },
    );
  }
  const state = reviewStateOf(update, round);
  const decision = latest ? decisionOn(update, update.versions.length) : undefined;
  if (state === 'approved' || state === 'sentBack' || state === 'submitted') {
    facts.push({ title: t.review.reviewFact, value: t.review.state[state] });
  }
  if (decision?.comment) facts.push({ title: t.review.theirComment, value: decision.comment });
  const header =
    state === 'approved' && decision
      ? t.review.ownerApproved(decision.byName, formatDateTime(language, decision.at))
      : state === 'submitted'
        ? t.review.ownerSubmitted
        : latest
          ? t.stored
          : view.editable
            ? t.notAnsweredYet
            : t.readOnlyNote;
  const editable = view.editable && round.status === 'open';
  return renderCard('status-stored', {
    language,
    roundId: round.id,
    projectId: update.project.id,
    project: update.project,
    answered: latest !== undefined,
    answer: latest?.answer ?? t.notAnsweredYet,
    deviation: latest?.deviation ?? '',
    deviationAt: latest?.deviation && latest.deviationAt ? t.placeShown(latest.deviationAt) : '',
    financial: latest?.financial ?? '',
    financialAt: latest?.financial && latest.financialAt ? t.placeShown(latest.financialAt) : '',
    facts,
    editable,
    refreshFor: view.refreshFor ?? [],
    headerColor: state === 'submitted' ? 'Accent' : latest ? 'Good' : 'Default',
    labels: {
      header,
      round: roundName(language, round.kind, round.year),
      speerpunt: t.speerpunt,
      question: headings(language, round.kind).question,
      deviation: t.deviationHeading,
      financial: t.financialHeading,
      edit: t.edit,
    },
  });
}

function fieldErrors(
  language: Language,
  problems: Partial<Record<AnswerField, FieldProblem>>,
): Record<AnswerField, string> {
  const t = TEXTS[language];
  const message = (field: AnswerField): string => {
    const problem = problems[field];
    if (!problem) return '';
    if (field === 'expectedCompletion') return t.problems.completion;
    if (problem === 'too-long' && (field === 'answer' || field === 'deviation' || field === 'financial')) {
      return t.problems['too-long'](FIELD_LIMITS[field]);
    }
    if (problem === 'too-long' && (field === 'deviationAt' || field === 'financialAt')) {
      return t.problems['too-long'](FIELD_LIMITS.place);
    }
    if (problem === 'not-in-answer' || problem === 'no-note') return t.problems[problem];
    if (problem === 'required' && field === 'status') return t.statusRequired;
    if (problem === 'required' && field === 'answer') return t.answerRequired;
    if (problem === 'required' && field === 'achieved') return t.achievedRequired;
    return problem === 'required' ? t.problems.required : t.problems.invalid;
  };
  return {
    status: message('status'),
    answer: message('answer'),
    achieved: message('achieved'),
    deviation: message('deviation'),
    deviationAt: message('deviationAt'),
    financial: message('financial'),
    financialAt: message('financialAt'),
    expectedCompletion: message('expectedCompletion'),
  };
}

/**
 * Last round's answer as the card's starting values. A published report's text brings no status
 * or bereikt (a report does not print them): the owner chooses those afresh.
 */
function previousValues(previous: NonNullable<StatusUpdate['previous']>): RawAnswer {
  const values = rawFrom(previous.fields);
  return previous.published ? { ...values, status: '', achieved: '' } : values;
}

const STATUS_COLORS: Record<string, string> = {
  'op-schema': 'Good',
  afgerond: 'Good',
  vertraagd: 'Warning',
  'on-hold': 'Warning',
  gestopt: 'Default',
};

/** "Op schema: 2 · Vertraagd: 1": the statuses in the order the card offers them. */
function statusCounts(language: Language, counts: Readonly<Partial<Record<ProjectStatus, number>>>): string {
  return PROJECT_STATUSES.flatMap((status) => {
    const count = counts[status];
    return count ? [`${statusTitle(language, status)}: ${String(count)}`] : [];
  }).join(' · ');
}

export function summaryCard(language: Language, summary: RoundSummary): AdaptiveCard {
  const t = TEXTS[language];
  const name = roundName(language, summary.round.kind, summary.round.year);
  const counts = statusCounts(language, summary.counts);
  return renderCard('summary', {
    language,
    about: summary.about ?? '',
    page: summary.page,
    pages: summary.pages,
    labels: {
      title: summary.about ? t.summaryAbout(name, summary.about) : t.summaryTitle(name),
      progress: t.summaryProgress(summary.answered, summary.total),
      deadline: t.summaryDeadline(formatDate(language, summary.round.deadline)),
      counts,
      scope: summary.scope === 'own' ? t.summaryOwn : '',
      page: summary.pages > 1 ? t.summaryPage(summary.page, summary.pages) : '',
      previous: t.previous,
      next: t.next,
    },
    projects: summary.projects.map((project) => ({
      number: project.number,
      title: project.title,
      statusTitle:
        statusTitle(language, project.status) +
        (project.review && project.review !== 'open' ? ` · ${t.review.state[project.review]}` : ''),
      statusColor: project.status ? (STATUS_COLORS[project.status] ?? 'Default') : 'Attention',
      firstLine: project.firstLine ?? '',
    })),
  });
}

/**
 * Longest answer and deviation per round on the project summary. With PROJECT_ROUNDS_PAGE_SIZE
 * rounds a page, a page of answers in characters of three UTF-8 bytes each stays under Teams'
 * 28 KB; the full text is one `geschiedenis` or the compiled chapter away.
 */
export const PROJECT_SUMMARY_TEXT = { answer: 1_000, deviation: 300 } as const;

/** `samenvatting <nummer>`: per round, newest first, the status and the latest answer, clipped. */
export function projectSummaryCard(language: Language, summary: ProjectOverRounds): AdaptiveCard {
  const t = TEXTS[language];
  const { project } = summary;
  return renderCard('project-summary', {
    language,
    project: { number: project.number, title: project.title, speerpunt: project.speerpunt },
    page: summary.page,
    pages: summary.pages,
    labels: {
      speerpunt: t.speerpunt,
      subtitle: t.projectSummarySubtitle,
      progress: t.projectSummaryProgress(summary.answered, summary.total),
      counts: statusCounts(language, summary.counts),
      scope: summary.scope === 'own' ? t.projectSummaryOwn : '',
      page: summary.pages > 1 ? t.summaryPage(summary.page, summary.pages) : '',
      previous: t.previous,
      next: t.next,
    },
    rounds: summary.rounds.map((entry) => projectRound(language, project.number, entry)),
  });
}

function projectRound(language: Language, number: string, entry: ProjectInRound) {
  const t = TEXTS[language];
  const { round, latest } = entry;
  const name = roundName(language, round.kind, round.year);
  const answer = clip(latest?.answer ?? '', PROJECT_SUMMARY_TEXT.answer);
  const deviation = clip(latest?.deviation ?? '', PROJECT_SUMMARY_TEXT.deviation);
  const facts: { title: string; value: string }[] = [];
  if (latest?.achieved) {
    const achieved = t.achievedChoices.find((choice) => choice.value === latest.achieved);
    facts.push({ title: t.achieved, value: achieved?.title ?? latest.achieved });
  }
  if (latest?.expectedCompletion) {
    const { quarter, year } = latest.expectedCompletion;
    facts.push({ title: t.expectedCompletion, value: `Q${quarter} ${year}` });
  }
  return {
    name: t.projectSummaryRound(name, round.status === 'open'),
    statusTitle: latest
      ? statusTitle(language, latest.status) +
        (entry.review && entry.review !== 'open' ? ` · ${t.review.state[entry.review]}` : '')
      : round.status === 'open'
        ? statusTitle(language, undefined)
        : t.noAnswer,
    statusColor: latest ? (STATUS_COLORS[latest.status] ?? 'Default') : 'Attention',
    by: latest
      ? t.answeredBy(
          latest.answeredByName || latest.answeredBy,
          formatDateTime(language, latest.answeredAt),
          entry.versions,
        )
      : '',
    answer: answer.text,
    deviation: deviation.text ? t.deviationPrefix + deviation.text : '',
    facts,
    clipped:
      answer.clipped || deviation.clipped
        ? entry.current
          ? t.clippedCurrent(number)
          : t.clippedOther(name)
        : '',
  };
}

/** At most `limit` characters, cut at a character (never inside a surrogate pair), with "…". */
function clip(text: string, limit: number): { text: string; clipped: boolean } {
  if (text.length <= limit) return { text, clipped: false };
  let cut = text.slice(0, limit);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, clipped: true };
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

/** A reminder is the same card as the first ask, with a line on top. */
export function reminderCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  refreshFor: readonly string[] = [],
): AdaptiveCard {
  const banner = TEXTS[language].reminderBanner(formatDate(language, round.deadline));
  return statusRequestCard(language, round, update, { banner, reminder: true, refreshFor });
}

export interface DocumentLinks {
  readonly docx: string;
  readonly md: string;
  readonly expiresAt: Date;
}

/** The compiled chapter: how complete it is, and links to download it (they expire). */
export function documentCard(
  language: Language,
  chapter: Chapter,
  links: DocumentLinks,
  options: { readonly final?: boolean; readonly houseTemplate?: string } = {},
): AdaptiveCard {
  const t = TEXTS[language];
  const missing = chapter.groups
    .flatMap((group) => group.sections)
    .filter((section) => section.missing)
    .map((section) => section.number);
  const unapproved = chapter.blockers.filter((blocker) => blocker.flag !== 'missing').map((b) => b.number);
  return renderCard('document', {
    title: t.documentTitle(roundName(language, chapter.kind, chapter.year), options.final === true),
    cover:
      t.documentCover(chapter.answered, chapter.total, chapter.footnotes.length) +
      (chapter.review ? ` ${t.documentReviewed(unapproved)}` : '') +
      (options.houseTemplate ? ` ${t.documentHouseTemplate(options.houseTemplate)}` : ''),
    missing: missing.length > 0 ? t.documentMissing(missing) : '',
    expires: t.documentExpires(formatDateTime(language, links.expiresAt.toISOString())),
    links: { docx: links.docx, md: links.md },
    labels: { docx: t.documentDocx, md: t.documentMd },
  });
}

/** Longest answer text per version in the history; the full text is in the report and the card. */
const HISTORY_TEXT = 1_500;

/** `geschiedenis <nr>`: every version, newest first, with who, when and through what. */
export function historyCard(language: Language, round: Round, update: StatusUpdate): AdaptiveCard {
  const t = TEXTS[language];
  const cut = (text: string) => (text.length > HISTORY_TEXT ? `${text.slice(0, HISTORY_TEXT)}…` : text);
  const placed = (words: string | undefined) => (words ? ` (${t.placeAfter(words)})` : '');
  const versions = update.versions
    .map((version, index) => ({
      header: t.historyVersion(index + 1, statusTitle(language, version.status)),
      facts: t.historyFacts(
        version.answeredByName || version.answeredBy,
        formatDateTime(language, version.answeredAt),
        version.viaCard !== undefined,
      ),
      answer: cut(version.answer),
      deviation: version.deviation
        ? t.deviationPrefix + cut(version.deviation) + placed(version.deviationAt)
        : '',
      financial: version.financial
        ? t.financialPrefix + cut(version.financial) + placed(version.financialAt)
        : '',
      // Every review decision on this version: who, when, what, and the comment.
      decisions: (update.decisions ?? [])
        .filter((decision) => decision.version === index + 1)
        .map((decision) => ({
          text: t.historyDecision(
            t.review.decisionWord[decision.decision],
            decision.byName || decision.by,
            formatDateTime(language, decision.at),
            decision.comment ? cut(decision.comment) : '',
          ),
          color: decision.decision === 'approved' ? 'Good' : 'Attention',
        })),
    }))
    .reverse();
  const draft = update.draft;
  return renderCard('history', {
    title: t.historyTitle(`${update.project.number} ${update.project.title}`),
    subtitle: roundName(language, round.kind, round.year),
    empty: t.historyEmpty,
    versions,
    draft: draft ? t.historyDraft(draft.savedByName, formatDateTime(language, draft.savedAt)) : '',
    delegations: (update.delegations ?? []).map((delegation) => ({
      title: delegation.to,
      value: t.historyDelegation(formatDateTime(language, delegation.at)),
    })),
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
      hint: t.weeklyHint,
    },
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
          : owner.state === 'sentBack'
            ? t.ownerSentBack(owner.ownerName)
            : t.ownerOpen(owner.ownerName),
  }));
  for (const project of status.awaitingReview ?? []) {
    rows.push({ title: `${project.number} ${project.title}`, value: t.review.awaitingReview });
  }
  const shown = rows.slice(0, MAX_STATUS_ROWS);
  if (rows.length > shown.length) shown.push({ title: '…', value: t.moreRows(rows.length - shown.length) });
  return noticeCard({
    title: t.statusTitle(roundName(language, status.round.kind, status.round.year)),
    text:
      t.statusText(status.answered, status.answered + status.open, status.unreachable) +
      (status.review
        ? ` ${t.statusReview(status.review.submitted, status.review.approved, status.review.sentBack)}`
        : ''),
    facts: shown,
    tone: status.unreachable > 0 ? 'attention' : 'default',
  });
}

/**
 * The message that goes with a send-back: Teams makes no sound for a card updated in place, so
 * whoever submitted the answer hears it here, with the comment and where to change the answer.
 */
export function sentBackNoticeCard(language: Language, round: Round, update: StatusUpdate): AdaptiveCard {
  const t = TEXTS[language];
  const decision = decisionOn(update, update.versions.length);
  return noticeCard({
    title: t.review.sentBackNoticeTitle(`${update.project.number} ${update.project.title}`),
    text: t.review.sentBackNoticeText(
      decision?.byName ?? '',
      decision?.comment ?? '',
      roundName(language, round.kind, round.year).toLowerCase(),
    ),
    tone: 'attention',
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

/** At most this many lines of projects or problems on a card; the rest are counted. */
const LIST_LINES = 40;

function listed<T>(items: readonly T[], language: Language): { shown: readonly T[]; more: string } {
  const more = items.length - LIST_LINES;
  return { shown: items.slice(0, LIST_LINES), more: more > 0 ? TEXTS[language].importMore(more) : '' };
}

/** A register sheet sent in the chat: what was added and changed, or every row's problem and nothing stored. */
export function importResultCard(language: Language, fileName: string, result: ImportResult): AdaptiveCard {
  const t = TEXTS[language];
  if (!result.ok) {
    const { shown, more } = listed(result.problems, language);
    return renderCard('import-result', {
      title: t.importFailedTitle(fileName),
      color: 'Attention',
      summary: t.importProblems(result.problems.length),
      lines: shown.map((problem) => ({ label: '', text: describeProblem(problem, language), note: '' })),
      more,
      next: '',
    });
  }
  const lines = [
    ...result.added.map((project) => ({ project, note: t.importAdded })),
    ...result.changed.map((change) => ({
      project: change.project,
      note: t.importChanged(change.fields.map((field) => fieldName(field, language)).join(', ')),
    })),
  ].sort(
    (a, b) => a.project.year - b.project.year || compareProjectNumbers(a.project.number, b.project.number),
  );
  const { shown, more } = listed(lines, language);
  const published = result.published.map((round) => {
    const next = roundAfter(round.kind, round.year);
    return t.importPublished(
      round.added + round.changed + round.unchanged,
      roundPhrase(language, round.kind, round.year),
      roundPhrase(language, next.kind, next.year),
    );
  });
  const first = result.published[0];
  const nextRound = first
    ? roundAfter(first.kind, first.year)
    : { kind: 'voortgangsrapportage' as const, year: Math.max(...lines.map(({ project }) => project.year)) };
  return renderCard('import-result', {
    title: t.importTitle(fileName),
    color: 'Good',
    summary: [
      t.importCounts(result.added.length, result.changed.length, result.unchanged),
      ...published,
      ...(result.answersWithoutRound > 0 ? [t.importWithoutRound(result.answersWithoutRound)] : []),
    ].join(' '),
    lines: shown.map(({ project, note }) => ({
      label: `${project.number} `,
      text: `${project.title} (${project.year}) `,
      note: `— ${note}`,
    })),
    more,
    next: lines[0] || first ? t.importNext(nextRound.kind, nextRound.year) : '',
  });
}

/** The projects recognised in an earlier report, and the link to them as a register sheet. */
export function registerDraftCard(
  language: Language,
  draft: RegisterDraft,
  link: { readonly url: string; readonly expiresAt: Date },
): AdaptiveCard {
  const t = TEXTS[language];
  const { shown, more } = listed(draft.projects, language);
  const unplaced = listed(draft.unplaced ?? [], language);
  return renderCard('register-draft', {
    title: t.draftTitle(draft.projects.length, draft.source),
    intro: t.draftIntro,
    lines: shown.map((project) => {
      const missing = (
        [
          ['speerpunt', project.speerpunt],
          ['goal', project.goal],
          ['activities', project.activities],
        ] as const
      )
        .filter(([, value]) => value === '')
        .map(([field]) => fieldName(field, language));
      return {
        label: `${project.number} `,
        text: `${project.title}${project.speerpunt ? ` · ${project.speerpunt}` : ''} `,
        note: missing.length > 0 ? `— ${t.draftMissing(missing.join(', '))}` : '',
        noteColor: 'Attention',
      };
    }),
    more,
    kind: draftKindText(language, draft),
    unplacedTitle: draft.unplaced?.length ? t.draftUnplaced(draft.unplaced.length) : '',
    unplaced: unplaced.shown.map((stretch) => ({
      label: t.draftLines(stretch.from, stretch.to),
      text: stretch.text.length >= 120 ? `${stretch.text} …` : stretch.text,
    })),
    unplacedMore: unplaced.more,
    expires: t.draftExpires(formatDateTime(language, link.expiresAt.toISOString())),
    download: t.draftDownload,
    link: link.url,
  });
}

/** What the report was recognised as, and what the coordinator confirms or fills in on the sheet. */
function draftKindText(language: Language, draft: RegisterDraft): string {
  const t = TEXTS[language];
  if (!draft.kind) return t.draftKindUnknown;
  if (!draft.year) return t.draftKindOnly(draft.kind);
  const next = roundAfter(draft.kind, draft.year);
  const answers = draft.projects.filter((project) => project.answer !== '').length;
  return t.draftKind(
    roundPhrase(language, draft.kind, draft.year),
    roundPhrase(language, next.kind, next.year),
    answers,
  );
}
