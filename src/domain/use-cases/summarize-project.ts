import { reviewStateOf, type ReviewState } from '../review';
import { DomainError } from '../errors';
import {
  latestVersion,
  newestInCycleFirst,
  projectIdOf,
  type AnswerVersion,
  type Person,
  type Project,
  type ProjectStatus,
  type Round,
} from '../model';
import { pageOf } from '../paging';
import type { ContactRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import { mayRead, readerOf } from './reader-scope';
import { mayAnswer } from '../access';
import { awaitsAnswer } from '../review';

/** One round in which the project was asked about, and the latest answer given there. */
export interface ProjectInRound {
  readonly round: Round;
  /** Undefined while (or when, once the round closed) nobody answered. */
  readonly latest?: AnswerVersion;
  /** How many versions were stored; the latest is shown, `geschiedenis` shows them all. */
  readonly versions: number;
  /** In a round with review: where the answer stands with the reviewer. */
  readonly review?: ReviewState;
  /**
   * The round that commands about one project (`geschiedenis`, `delegeer`) are about: the most
   * recently opened open round.
   */
  readonly current: boolean;
  /** The round is open, the project waits for an answer, and this person may give it. */
  readonly fillable: boolean;
}

export interface ProjectOverRounds {
  /** As it was asked in the newest round shown: the register may change from year to year. */
  readonly project: Project;
  /** Of the rounds shown (all pages): how many, and in how many it was answered. */
  readonly total: number;
  readonly answered: number;
  /** Latest status per round, counted over all pages. */
  readonly counts: Readonly<Partial<Record<ProjectStatus, number>>>;
  /** This page's rounds, newest first. */
  readonly rounds: readonly ProjectInRound[];
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  /** `own`: only the rounds in which the person owned the project or had it delegated. */
  readonly scope: 'all' | 'own';
}

/** Rounds per page: with each answer clipped on the card, a full page stays well under Teams' 28 KB. */
export const PROJECT_ROUNDS_PAGE_SIZE = 4;

/** Whether the text after `samenvatting` is a project number (4.2.3) rather than a speerpunt. */
export function isProjectNumber(text: string): boolean {
  return /^\d+(?:\.\d+)*$/.test(text.trim());
}

/**
 * `samenvatting <nummer>`: one project's answers over every round it was asked in, open and
 * closed, newest first in the order of the planning & control cycle (jaarverslag Y-1,
 * voortgangsrapportage Y, jaarverslag Y), not in the order the rounds happened to be opened.
 * A project is followed by its number, as the previous answer is when a round opens. A round in
 * which it was asked but not answered is shown, because a missing answer is what the reader
 * needs to see. Coordinators and readers see every round; anyone else only the rounds in which
 * they owned the project or had it delegated.
 *
 * Reads: one cross-partition query for the rounds, then one point read per round (the status
 * updates are partitioned by round), in parallel: rounds are few, two a year.
 */
export async function summarizeProject(
  input: { readonly by: Person; readonly number: string; readonly page?: number },
  deps: {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly contacts: ContactRepository;
    readonly mayReadAll: (person: Person) => boolean;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<ProjectOverRounds> {
  const number = input.number.trim();
  const rounds = await deps.rounds.list();
  if (rounds.length === 0) throw new DomainError('NO_ROUND');
  const [current] = rounds
    .filter((round) => round.status === 'open')
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const found = await Promise.all(
    rounds.map(async (round) => ({
      round,
      update: (await deps.statusUpdates.get(round.id, projectIdOf(round.year, number)))?.value,
    })),
  );
  const asked = found.flatMap(({ round, update }) => (update ? [{ round, update }] : []));
  if (asked.length === 0) throw new DomainError('UNKNOWN_PROJECT_NUMBER');
  const reader = await readerOf(input.by, deps);
  const shown = asked
    .filter(({ update }) => mayRead(reader, update))
    .sort((a, b) => newestInCycleFirst(a.round, b.round));
  const [newest] = shown;
  if (!newest) throw new DomainError('NOT_PROJECT_READER');

  const counts: Partial<Record<ProjectStatus, number>> = {};
  let answered = 0;
  for (const { update } of shown) {
    const status = latestVersion(update)?.status;
    if (!status) continue;
    answered++;
    counts[status] = (counts[status] ?? 0) + 1;
  }
  const { items, page, pages } = pageOf(shown, input.page, PROJECT_ROUNDS_PAGE_SIZE);
  return {
    project: newest.update.project,
    total: shown.length,
    answered,
    counts,
    rounds: await Promise.all(
      items.map(async ({ round, update }) => {
        const latest = latestVersion(update);
        const open = round.status === 'open' && awaitsAnswer(update);
        return {
          round,
          versions: update.versions.length,
          current: round.id === current?.id,
          fillable: open && (await mayAnswer(update, input.by, deps)),
          ...(latest ? { latest } : {}),
          ...(round.review ? { review: reviewStateOf(update, round) } : {}),
        };
      }),
    ),
    page,
    pages,
    scope: reader.scope,
  };
}
