import { DomainError } from '../errors';
import { awaitsAnswer, reviewStateOf, type ReviewState } from '../review';
import { progressFigures, type RoundProgressFigures } from '../progress';
import type { Person, ProjectStatus, Round } from '../model';
import { sortByProjectNumber } from '../natural-order';
import { pageOf } from '../paging';
import type { ContactRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import { chooseRound, type AskedRound } from './choose-round';
import { mayRead, readerOf } from './reader-scope';

export interface ProjectSummary {
  readonly number: string;
  readonly title: string;
  readonly status?: ProjectStatus;
  /** The first line of the latest answer, for a glance; undefined while unanswered. */
  readonly firstLine?: string;
  /** In a round with review: where the answer stands with the reviewer. */
  readonly review?: ReviewState;
}

export interface RoundSummary {
  readonly round: Round;
  /**
   * Of the projects shown (all pages): how many, and how many answered. An answer sent back is
   * owed again and not counted, as in `status` and the weekly digest.
   */
  readonly total: number;
  readonly answered: number;
  /** Per status of the answers counted as answered, over all pages. */
  readonly counts: Readonly<Partial<Record<ProjectStatus, number>>>;
  /** This page's projects. */
  readonly projects: readonly ProjectSummary[];
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  /** The speerpunt asked for; absent: the whole round. */
  readonly about?: string;
  /** `own`: the person sees only the projects they may answer (they are no coordinator or reader). */
  readonly scope: 'all' | 'own';
  /** Whether the person named the round; if not, the other open rounds (see `chooseRound`). */
  readonly named: boolean;
  readonly alsoOpen: readonly Round[];
  /** What the charts show, over all pages of the projects shown. */
  readonly figures: RoundProgressFigures;
}

export const SUMMARY_PAGE_SIZE = 15;

/**
 * The line a summary shows of an answer: its first line, and of a first line longer than a glance
 * (an answer typed as one long paragraph) its start up to the last whole word, with "…" to say
 * there is more; `samenvatting <nummer>` shows the whole. Fifteen whole paragraphs would make a
 * card taller than anyone reads, and longer than Teams takes (28 KB).
 */
export function glanceLine(answerStart: string, answerLength: number): string {
  const newline = answerStart.indexOf('\n');
  if (newline >= 0) return answerStart.slice(0, newline).trimEnd();
  if (answerLength <= answerStart.length) return answerStart;
  const lastSpace = answerStart.search(/\s\S*$/);
  return `${(lastSpace > 0 ? answerStart.slice(0, lastSpace) : answerStart).trimEnd()}…`;
}

/**
 * `samenvatting [<ronde>] [<speerpunt>]`: the round named, open or closed (read only), or else the
 * most recently opened open round; per project in report order its status and the first line of
 * its answer, with counts per status. Coordinators and readers see every project; anyone else
 * only those they own or were delegated. Unanswered projects are listed too, since a missing
 * answer is exactly what the reader needs to see. (One project over all rounds,
 * `samenvatting <nummer>`, is `summarizeProject`.)
 */
export async function summarizeRound(
  input: {
    readonly by: Person;
    readonly round?: AskedRound;
    readonly about?: string;
    readonly page?: number;
  },
  deps: {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly contacts: ContactRepository;
    readonly mayReadAll: (person: Person) => boolean;
  },
): Promise<RoundSummary> {
  const { round, alsoOpen } = await chooseRound(input.round, deps.rounds);
  let about = input.about?.trim();
  let updates = sortByProjectNumber(
    await deps.statusUpdates.listGlancesByRound(round.id),
    (update) => update.project.number,
  );
  if (about) {
    const wanted = about.toLowerCase();
    updates = updates.filter((update) => update.project.speerpunt.toLowerCase() === wanted);
    if (updates.length === 0) throw new DomainError('SPEERPUNT_NOT_IN_ROUND');
    // The speerpunt as the register spells it, not as typed (the chat's text is lower-cased).
    about = updates[0]?.project.speerpunt.trim() ?? about;
  }
  const reader = await readerOf(input.by, deps);
  updates = updates.filter((update) => mayRead(reader, update));
  const counts: Partial<Record<ProjectStatus, number>> = {};
  let answered = 0;
  for (const update of updates) {
    const status = awaitsAnswer(update) ? undefined : update.latest?.status;
    if (!status) continue;
    answered++;
    counts[status] = (counts[status] ?? 0) + 1;
  }
  const { items, page, pages } = pageOf(updates, input.page, SUMMARY_PAGE_SIZE);
  const projects = items.map((update) => {
    const { latest } = update;
    return {
      number: update.project.number,
      title: update.project.title,
      status: latest?.status,
      firstLine: latest && glanceLine(latest.answerStart, latest.answerLength),
      ...(round.review ? { review: reviewStateOf(update, round) } : {}),
    };
  });
  return {
    round,
    total: updates.length,
    answered,
    counts,
    projects,
    page,
    pages,
    scope: reader.scope,
    named: input.round !== undefined,
    alsoOpen,
    figures: progressFigures(updates, round),
    ...(about ? { about } : {}),
  };
}
