import { awaitsAnswer } from '../review';
import type { Clock } from '../clock';
import type { DigestChannel, Round, StatusUpdate } from '../model';
import { bundleJobs } from '../reminder-bundle';
import { stepsDue, weeklyDigestDue, type PlannedStep } from '../reminder-plan';
import type {
  DigestChannelRepository,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
} from '../repositories';
import { sendJobId, type SendJob } from '../send-job';

export interface PlanDueSendsDeps {
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly sendJobs: SendJobRepository;
  readonly digestChannels: DigestChannelRepository;
  readonly clock: Clock;
  /**
   * The steps this instance has planned already (`<round>|<step>`). A step's jobs are fixed once
   * planned, so planning it again would only read the whole round and have the store refuse a
   * create per owner and project, every tick, for as long as the step stays due (the first ask:
   * the whole round). Without it every step is planned again, which is correct, only costly.
   */
  readonly planned?: PlannedSteps;
}

/** A memory of planned steps; the scheduler keeps one per instance. */
export interface PlannedSteps {
  has(key: string): boolean;
  add(key: string): void;
}

/**
 * Turns what is due now into send jobs: the first ask for every owner of every project (one card
 * each, or one overview per person when the round says so), one reminder per person listing
 * their projects still without an answer, a digest for the coordinator,
 * and this week's digest for every team channel that asked for it before the week's moment.
 * Job ids are derived from step, project and recipient, so any number of instances may plan the
 * same moment at once and still make each job once.
 */
export async function planDueSends(deps: PlanDueSendsDeps): Promise<{ readonly created: number }> {
  const now = deps.clock.now();
  let created = 0;
  let channels: readonly DigestChannel[] | undefined;
  for (const round of await deps.rounds.listOpen()) {
    const fresh = (step: PlannedStep | undefined) =>
      step !== undefined && deps.planned?.has(`${round.id}|${step.key}`) !== true;
    const due = stepsDue(round, round.reminderPlan, now).filter(fresh);
    const dueWeekly = weeklyDigestDue(round, round.reminderPlan, now);
    const weekly = fresh(dueWeekly) ? dueWeekly : undefined;
    if (due.length === 0 && !weekly) continue;
    // Only the steps about projects need the round's answers.
    const perProject = due.some((step) => step.kind === 'ask' || step.kind === 'reminder');
    const updates = perProject ? await deps.statusUpdates.listLatestByRound(round.id) : [];
    const jobs: SendJob[] = [];
    for (const step of due) {
      const bundled = bundles(round, step) && !(await deps.sendJobs.plannedPerProject(round.id, step.key));
      jobs.push(...(bundled ? bundleJobs(round, step, updates, now) : jobsFor(round, step, updates, now)));
    }
    if (weekly) {
      channels ??= await deps.digestChannels.list();
      for (const channel of channels) {
        if (channel.since <= weekly.at) jobs.push(jobOf(round, weekly, undefined, channel.channelId, now));
      }
    }
    created += await deps.sendJobs.createMany(jobs);
    for (const step of [...due, ...(weekly ? [weekly] : [])]) deps.planned?.add(`${round.id}|${step.key}`);
  }
  return { created };
}

/**
 * An owner with six projects gets one reminder, not six (reminder-bundle.ts); the first ask is
 * bundled too when the round asks for an overview.
 */
function bundles(round: Round, step: PlannedStep): boolean {
  return step.kind === 'reminder' || (step.kind === 'ask' && round.reminderPlan.firstAsk === 'overview');
}

function jobsFor(round: Round, step: PlannedStep, updates: readonly StatusUpdate[], now: Date): SendJob[] {
  if (step.kind === 'digest' || step.kind === 'reviewDigest') {
    return [jobOf(round, step, undefined, round.openedBy, now)];
  }
  const asked = step.kind === 'ask' ? updates : updates.filter((update) => awaitsAnswer(update));
  // Whoever a project was delegated to is reminded like its owners.
  return asked.flatMap((update) =>
    [...update.project.owners, ...(update.delegations ?? []).map((delegation) => delegation.to)].map(
      (recipient) => jobOf(round, step, update.id, recipient, now),
    ),
  );
}

function jobOf(
  round: Round,
  step: PlannedStep,
  projectId: string | undefined,
  recipientId: string,
  now: Date,
): SendJob {
  return {
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
  };
}
