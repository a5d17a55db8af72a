import type { Project, Round } from './model';
import { sortByProjectNumber } from './natural-order';
import { awaitsAnswer, reviewStateOf, versionCount, type ReviewedUpdate } from './review';

/**
 * Where the projects of a round stand, each in exactly one state, so the four add up to the
 * number of projects: `answered` (nothing owed), `sentBack` (a reviewer sent the latest version
 * back), `draft` (never answered, but a concept is saved) and `open` (nothing yet).
 */
export interface AnswerStates {
  readonly answered: number;
  readonly draft: number;
  readonly open: number;
  readonly sentBack: number;
}

/** One speerpunt's projects: how many there are, and how many of them are answered. */
export interface SpeerpuntProgress {
  readonly speerpunt: string;
  readonly answered: number;
  readonly total: number;
}

/** In a round with review: answers waiting for a reviewer, approved, and sent back. */
export interface ReviewCounts {
  readonly submitted: number;
  readonly approved: number;
  readonly sentBack: number;
}

/** What the progress charts of `status`, `samenvatting` and the weekly digest are drawn from. */
export interface RoundProgressFigures {
  readonly states: AnswerStates;
  /** One per speerpunt, in report order (the order of each speerpunt's first project). */
  readonly speerpunten: readonly SpeerpuntProgress[];
  /** Only in a round with review. */
  readonly review?: ReviewCounts;
}

/** A status update as the round's lists hold it: whether a concept is saved rides along. */
type Counted = ReviewedUpdate & {
  readonly project: Pick<Project, 'number' | 'speerpunt'>;
  readonly hasDraft?: boolean;
};

/**
 * The one state a project is in. A sent-back answer is owed again, like one never given, so it is
 * not answered (reminders, `status` and the digest agree on that); it is told apart from `open`
 * because the owner has something to start from.
 */
export function answerStateOf(update: Counted): keyof AnswerStates {
  if (!awaitsAnswer(update)) return 'answered';
  if (versionCount(update) > 0) return 'sentBack';
  return update.hasDraft ? 'draft' : 'open';
}

/**
 * The figures for a round's progress charts, over exactly the updates given (a summary passes
 * only what the person may read). Pure: one list in, no query per project.
 */
export function progressFigures(
  updates: readonly Counted[],
  round: Pick<Round, 'review'>,
): RoundProgressFigures {
  const states = { answered: 0, draft: 0, open: 0, sentBack: 0 };
  const review = { submitted: 0, approved: 0, sentBack: 0 };
  const bySpeerpunt = new Map<string, { speerpunt: string; answered: number; total: number }>();
  const sorted = sortByProjectNumber(updates, (update) => update.project.number);
  for (const update of sorted) {
    const state = answerStateOf(update);
    states[state]++;
    // The speerpunt as the register spells it; "kwaliteit" and "Kwaliteit " are one bar.
    const key = update.project.speerpunt.trim().toLowerCase();
    const bar = bySpeerpunt.get(key) ?? { speerpunt: update.project.speerpunt.trim(), answered: 0, total: 0 };
    bar.total++;
    if (state === 'answered') bar.answered++;
    bySpeerpunt.set(key, bar);
    const reviewState = reviewStateOf(update, round);
    if (reviewState === 'submitted' || reviewState === 'approved' || reviewState === 'sentBack')
      review[reviewState]++;
  }
  return {
    states,
    speerpunten: [...bySpeerpunt.values()],
    ...(round.review ? { review } : {}),
  };
}
