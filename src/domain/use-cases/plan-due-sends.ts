import type { Clock } from '../clock';
import type { Round, StatusUpdate } from '../model';
import { stepsDue, type PlannedStep } from '../reminder-plan';
import type { RoundRepository, SendJobRepository, StatusUpdateRepository } from '../repositories';
import { sendJobId, type SendJob } from '../send-job';

export interface PlanDueSendsDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly sendJobs: SendJobRepository;
  readonly clock: Clock;
}

/**
 * Turns what is due now into send jobs: the first ask for every owner of every project, a
 * reminder for every owner of a project still without an answer, a digest for the coordinator.
 * Job ids are derived from step, project and person, so any number of instances may plan the
 * same moment at once and still make each job once.
 */
export async function planDueSends(deps: PlanDueSendsDeps): Promise<{ readonly created: number }> {
  const now = deps.clock.now();
  let created = 0;
  for (const round of await deps.rounds.listOpen()) {
    const due = stepsDue(round, round.reminderPlan, now);
    if (due.length === 0) continue;
    const updates = await deps.statusUpdates.listByRound(round.id);
    const jobs = due.flatMap((step) => jobsFor(round, step, updates, now));
    created += await deps.sendJobs.createMany(jobs);
  }
  return { created };
}

function jobsFor(round: Round, step: PlannedStep, updates: readonly StatusUpdate[], now: Date): SendJob[] {
  const job = (projectId: string | undefined, recipientId: string): SendJob => ({
    id: sendJobId(step.key, projectId, recipientId),
    roundId: round.id,
    stepKey: step.key,
    kind: step.kind,
    projectId,
    recipientId,
    dueAt: step.at,
    state: 'pending',
    attempts: 0,
    updatedAt: now.toISOString(),
  });
  if (step.kind === 'digest') return [job(undefined, round.openedBy)];
  const asked = step.kind === 'ask' ? updates : updates.filter((update) => update.versions.length === 0);
  // Whoever a project was delegated to is reminded like its owners.
  return asked.flatMap((update) =>
    [...update.project.owners, ...(update.delegations ?? []).map((delegation) => delegation.to)].map(
      (recipient) => job(update.id, recipient),
    ),
  );
}
