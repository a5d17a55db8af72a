import { DomainError } from '../errors';
import { latestVersion, type ProjectStatus, type Round } from '../model';
import { compareProjectNumbers } from '../natural-order';
import type { RoundRepository, StatusUpdateRepository } from '../repositories';

export interface ProjectSummary {
  readonly number: string;
  readonly title: string;
  readonly status?: ProjectStatus;
  /** The first line of the latest answer, for a glance; undefined while unanswered. */
  readonly firstLine?: string;
}

export interface RoundSummary {
  readonly round: Round;
  readonly total: number;
  readonly answered: number;
  readonly projects: readonly ProjectSummary[];
}

/**
 * Summarises the most recently opened open round: how many projects answered and, per project
 * in report order, its status and the first line of its answer. Unanswered projects are listed
 * too, since a missing answer is exactly what the reader needs to see.
 */
export async function summarizeRound(deps: {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
}): Promise<RoundSummary> {
  const [round] = (await deps.rounds.listOpen()).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  if (!round) throw new DomainError('NO_ROUND');
  const updates = (await deps.statusUpdates.listByRound(round.id)).sort((a, b) =>
    compareProjectNumbers(a.project.number, b.project.number),
  );
  const projects = updates.map((update): ProjectSummary => {
    const latest = latestVersion(update);
    return {
      number: update.project.number,
      title: update.project.title,
      status: latest?.status,
      firstLine: latest?.answer.split('\n', 1)[0],
    };
  });
  return {
    round,
    total: projects.length,
    answered: projects.filter((p) => p.status !== undefined).length,
    projects,
  };
}
