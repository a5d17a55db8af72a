import type { Clock } from '../clock';
import type { ReviewDecision, StatusUpdate } from '../model';
import type { SendJobRepository } from '../repositories';
import { sendJobId, type SendJob } from '../send-job';

/**
 * After a reviewer decides, the owner's cards for this project show it, in place: the card the
 * version was submitted from (kept as `viaCard` with the version) and every card the bot sent
 * about the project (the first ask, the reminders). Sent back, they become the form again with the
 * reviewer's comment, and whoever submitted the version gets a message saying so (an update in
 * place makes no sound in Teams); approved, they say so. Send jobs, like every other message: rate-limited,
 * retried and done once, so a decision is recorded at once and never waits for Teams.
 */
export async function markCardsReviewed(
  input: { readonly update: StatusUpdate; readonly decision: ReviewDecision },
  deps: { readonly sendJobs: SendJobRepository; readonly clock: Clock },
): Promise<number> {
  const { update, decision } = input;
  const now = deps.clock.now().toISOString();
  const stepKey = `reviewed-v${decision.version}`;
  const targets = new Map<string, string>();
  const decided = update.versions[decision.version - 1];
  if (decided?.viaCard) targets.set(decided.viaCard, decided.answeredBy);
  for (const job of await deps.sendJobs.listByProject(update.roundId, update.id)) {
    if ((job.kind === 'ask' || job.kind === 'reminder') && job.state === 'sent' && job.activityId) {
      if (!targets.has(job.activityId)) targets.set(job.activityId, job.recipientId);
    }
  }
  const jobs: SendJob[] = [...targets].map(([activityId, recipientId]): SendJob => ({
    id: sendJobId(`${stepKey}-${activityId}`, update.id, recipientId),
    roundId: update.roundId,
    stepKey,
    kind: 'reviewed',
    projectId: update.id,
    recipientId,
    updatesActivityId: activityId,
    dueAt: now,
    state: 'pending',
    attempts: 0,
    updatedAt: now,
  }));
  // An update in place makes no sound: whoever submitted a version sent back also gets a message.
  if (decision.decision === 'sentBack' && decided) {
    jobs.push({
      id: sendJobId(`sent-back-v${decision.version}`, update.id, decided.answeredBy),
      roundId: update.roundId,
      stepKey: `sent-back-v${decision.version}`,
      kind: 'sentBack',
      projectId: update.id,
      recipientId: decided.answeredBy,
      dueAt: now,
      state: 'pending',
      attempts: 0,
      updatedAt: now,
    });
  }
  return deps.sendJobs.createMany(jobs);
}
