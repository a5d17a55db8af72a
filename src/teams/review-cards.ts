import type { Language, ReviewDecision, Round, StatusUpdate } from '../domain/model';
import { comparedText, wordDiff } from '../domain/review';
import { COMMENT_LIMIT, type ReviewQueuePage } from '../domain/use-cases/review-answer';
import { answerFacts, renderCard, roundCommand, type AdaptiveCard } from './cards';
import {
  TEXTS,
  formatDateTime,
  headings,
  roundName,
  roundPhrase,
  roundPhraseOfId,
  statusTitle,
} from './texts';

/**
 * One answer for a reviewer: the project, who submitted which version when, the new text with
 * what changed since the version before (or last round's answer) marked word by word, the
 * deviation and financial notes, a comment box, and "Goedkeuren" / "Terugsturen".
 */
export function reviewRequestCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  options: { readonly error?: string; readonly comment?: string } = {},
): AdaptiveCard {
  const t = TEXTS[language];
  const version = update.versions.length;
  const latest = update.versions[version - 1];
  const before = comparedText(update, version);
  const diff = wordDiff(before.text, latest?.answer ?? '');
  const facts = [
    ...(latest ? [{ title: t.status, value: statusTitle(language, latest.status) }] : []),
    ...answerFacts(language, latest),
  ];
  return renderCard('review-request', {
    language,
    roundId: round.id,
    projectId: update.id,
    version: String(version),
    project: update.project,
    facts,
    diff,
    hasChanges: before.from !== 'none',
    deviation: latest?.deviation ?? '',
    deviationAt: latest?.deviation && latest.deviationAt ? t.placeShown(latest.deviationAt) : '',
    financial: latest?.financial ?? '',
    financialAt: latest?.financial && latest.financialAt ? t.placeShown(latest.financialAt) : '',
    comment: options.comment ?? '',
    commentLimit: COMMENT_LIMIT,
    error: options.error ?? '',
    labels: {
      title: t.review.cardTitle,
      round: roundName(language, round.kind, round.year),
      speerpunt: t.speerpunt,
      submitted: latest
        ? t.review.submittedBy(latest.answeredByName, formatDateTime(language, latest.answeredAt), version)
        : '',
      question: headings(language, round.kind).question,
      changes:
        before.from === 'version'
          ? t.review.changesSinceVersion(version - 1)
          : before.from === 'previousRound' && update.previous
            ? t.review.changesSincePrevious(roundPhraseOfId(language, update.previous.roundId))
            : t.review.changesNone,
      legend: t.review.legend,
      unchanged: latest?.unchanged ? t.review.unchanged : '',
      deviation: t.deviationHeading,
      financial: t.financialHeading,
      comment: t.review.comment,
      commentPlaceholder: t.review.commentPlaceholder,
      approve: t.review.approve,
      sendBack: t.review.sendBack,
    },
  });
}

/**
 * What the reviewer's card becomes once decided: the decision, by whom, when, and the comment.
 * When someone else was first, `ownComment` keeps what this reviewer typed, so nothing is lost.
 */
export function reviewDecidedCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  decision: ReviewDecision,
  options: { readonly otherReviewer?: boolean; readonly ownComment?: string } = {},
): AdaptiveCard {
  const t = TEXTS[language];
  const when = formatDateTime(language, decision.at);
  const approved = decision.decision === 'approved';
  return renderCard('review-decided', {
    project: update.project,
    color: options.otherReviewer ? 'Warning' : approved ? 'Good' : 'Attention',
    comment: decision.comment ?? '',
    ownComment: options.otherReviewer ? (options.ownComment?.trim() ?? '') : '',
    labels: {
      title: approved ? t.review.approvedTitle : t.review.sentBackTitle,
      round: roundName(language, round.kind, round.year),
      decided: options.otherReviewer
        ? t.review.alreadyDecided(decision.byName, t.review.decisionWord[decision.decision], when)
        : t.review.decidedBy(decision.byName, when),
      comment: options.otherReviewer ? t.review.theirComment : t.review.decisionComment,
      ownComment: t.review.yourComment,
    },
  });
}

/** Below a page of review cards: how many wait in all, which were shown, and "Volgende". */
export function reviewQueueCard(
  language: Language,
  page: ReviewQueuePage,
  shownBefore: number,
  options: { readonly passed?: boolean } = {},
): AdaptiveCard {
  const t = TEXTS[language];
  const from = shownBefore + 1;
  const to = shownBefore + page.items.length;
  // What this reviewer submitted waits for someone else; say so, or the queue looks done when it is not.
  const own = options.passed
    ? []
    : page.own.map(({ round, waiting, withoutReviewer }) =>
        t.review.ownWaiting(roundPhrase(language, round.kind, round.year), waiting, withoutReviewer),
      );
  const [first] = page.rounds;
  return renderCard('review-queue', {
    language,
    next: options.passed ? '' : (page.next ?? ''),
    shown: String(to),
    own: own.join('\n\n'),
    // Volgende keeps the round the reviewer named; without one, every open round with review.
    round: page.named && first ? first.id : '',
    labels: {
      title: t.review.queueTitle(page.waiting),
      text: options.passed
        ? t.review.queueNextBelow
        : page.items.length === 0
          ? own.length > 0
            ? t.review.queueEmptyButOwn
            : t.review.queueEmpty
          : t.review.queueShown(from, to),
      next: t.review.queueNext,
      rounds:
        !options.passed && !page.named && first && page.rounds.length > 1
          ? t.reviewRounds(
              page.rounds.map((round) => roundPhrase(language, round.kind, round.year)),
              roundCommand(language, 'review', first),
            )
          : '',
    },
  });
}
