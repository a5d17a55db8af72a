import { answerFacts } from './facts';
/** The card an owner answers, the answer as stored, and the reminder. */
import {
  COMPLETION_YEARS_AHEAD,
  EMPTY_RAW_ANSWER,
  FIELD_LIMITS,
  QUARTERS,
  rawFrom,
  type AnswerField,
  type FieldProblem,
  type RawAnswer,
} from '../../domain/answer';
import {
  latestVersion,
  type AnswerVersion,
  type Language,
  type Round,
  type StatusUpdate,
} from '../../domain/model';
import { decisionOn, reviewStateOf } from '../../domain/review';
import {
  TEXTS,
  formatDate,
  formatDateTime,
  headings,
  listText,
  roundName,
  roundPhrase,
  roundPhraseOfId,
  statusChoices,
  statusTitle,
} from '../texts';
import { renderCard, type AdaptiveCard } from './render';

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
  /**
   * The version the person started from, when the card is rebuilt from its own data (the store
   * down), so a retry is still checked for conflicts; else the number of versions stored.
   */
  readonly baseVersion?: number;
}

/** A stored answer longer than this is folded, with "show more": about a screen of text. */
const LONG_ANSWER = 1_200;

/** How much of a folded answer shows: its first paragraphs, cut between words. */
const FOLDED_LENGTH = 900;

/** The start of a text, cut between words, with "…" where it goes on. */
function foldedStart(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.search(/\s\S*$/);
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
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
    baseVersion: String(draft.baseVersion ?? update.versions.length),
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
    // The card never cuts what is typed (no maxLength): it says the limit, and the server's
    // "Te lang" meets a longer text, which comes back whole.
    limitHints: {
      answer: t.limitHint(FIELD_LIMITS.answer),
      deviation: t.limitHint(FIELD_LIMITS.deviation),
      financial: t.limitHint(FIELD_LIMITS.financial),
    },
    labels: {
      round: roundName(language, round.kind, round.year),
      speerpunt: t.speerpunt,
      goal: h.goal,
      activities: h.activities,
      question: h.question,
      status: t.status,
      statusRequired: t.statusRequired,
      statusPlaceholder: t.statusPlaceholder,
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
    facts.push(...answerFacts(language, latest));
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
    // A long answer is folded to its first lines, with "Meer tonen", not shown metres tall.
    answerLong: (latest?.answer.length ?? 0) > LONG_ANSWER,
    // Its first part as plain text, as the full answer is shown: paragraphs kept, nothing the
    // owner typed read as markdown.
    answerStart: foldedStart(latest?.answer ?? '', FOLDED_LENGTH),
    unchangedNote: latest?.unchanged ? t.unchangedNote : '',
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
      showMore: t.showMore,
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

/**
 * A reminder is the same card as the first ask, with a line on top; the one a reopened round
 * sends says that it is open again, since its owner last heard it was closed.
 */
export function reminderCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  refreshFor: readonly string[] = [],
  reopened = false,
): AdaptiveCard {
  const t = TEXTS[language];
  const deadline = formatDate(language, round.deadline);
  const banner = reopened
    ? t.reopenedBanner(roundPhrase(language, round.kind, round.year), deadline)
    : t.reminderBanner(deadline);
  return statusRequestCard(language, round, update, { banner, reminder: true, refreshFor });
}

/** How a project on a bundled card stands: not started, a concept saved, or sent back. */
function bundleState(language: Language, update: StatusUpdate & { readonly hasDraft?: boolean }): string {
  const t = TEXTS[language];
  if (update.versions.length > 0) return t.toFillState.sentBack;
  return update.draft !== undefined || update.hasDraft === true ? t.toFillState.concept : t.toFillState.open;
}

export interface BundleView {
  /** `ask`: the first ask of a round as an overview; `reminder`: a bundled reminder. */
  readonly step: 'ask' | 'reminder';
  readonly reopened?: boolean;
  /** A line on top: what a press on the card did. */
  readonly banner?: string;
}

/**
 * One message about several projects: each with its state and an Invullen button that sends
 * that project's card below (the verb of `invullen`); on a reminder also, per project, "herinner
 * me morgen" and "niet mijn project", which act on that project alone. Projects of more than one
 * round (reminders of several rounds due at the same moment) are listed per round, each under its
 * name and deadline. `groups`: the rounds the card is about, the first one leading.
 */
export function reminderBundleCard(
  language: Language,
  groups: readonly BundleGroup[],
  view: BundleView,
): AdaptiveCard {
  const t = TEXTS[language];
  const [lead] = groups;
  if (!lead) throw new Error('a bundled card is about one round at least');
  const waiting = groups.filter((group) => group.updates.length > 0);
  const several = waiting.length > 1;
  // One round with projects left: that round's card, whichever round led.
  const single = waiting[0] ?? lead;
  const count = groups.reduce((sum, group) => sum + group.updates.length, 0);
  let room = BUNDLE_SHOWN;
  const rounds = (several ? waiting : [single]).map(({ round }) => {
    const updates = several
      ? (waiting.find((group) => group.round.id === round.id)?.updates ?? [])
      : allOf(groups);
    const shown = updates.slice(0, room);
    room -= shown.length;
    return {
      heading: several
        ? t.bundleRoundHeading(
            roundName(language, round.kind, round.year),
            formatDate(language, round.deadline),
          )
        : '',
      projects: shown.map((update) => ({
        roundId: update.roundId,
        projectId: update.project.id,
        number: update.project.number,
        title: update.project.title,
        state: bundleState(language, update),
      })),
    };
  });
  const shownCount = rounds.reduce((sum, entry) => sum + entry.projects.length, 0);
  const phrases = (several ? waiting : [single]).map(({ round }) =>
    roundPhrase(language, round.kind, round.year),
  );
  return renderCard('reminder-bundle', {
    language,
    banner: view.banner ?? '',
    title:
      count === 0
        ? t.bundleNoneLeft
        : view.step === 'ask'
          ? t.bundleAskTitle(count)
          : t.bundleReminderTitle(count),
    intro:
      view.reopened && !several
        ? t.bundleReopenedIntro(roundName(language, single.round.kind, single.round.year))
        : t.bundleIntro(listText(language, phrases)),
    deadline: several ? '' : t.bundleDeadline(formatDate(language, single.round.deadline)),
    step: view.step,
    responses: view.step === 'reminder',
    roundIds: groups.map((group) => group.round.id).join(','),
    labels: { fillIn: t.toFillButton, snooze: t.snooze, notMine: t.notMine },
    rounds,
    more: count > shownCount ? t.importMore(count - shownCount) : '',
  });
}

/** A round's projects on a bundled card, as a delivery or `invullen` has them. */
export interface BundleGroup {
  readonly round: Round;
  readonly updates: readonly (StatusUpdate & { readonly hasDraft?: boolean })[];
}

function allOf(groups: readonly BundleGroup[]): BundleGroup['updates'] {
  return groups.flatMap((group) => group.updates);
}

/** A card of more projects than this gets long; the rest is counted (`invullen` lists them all). */
const BUNDLE_SHOWN = 15;
