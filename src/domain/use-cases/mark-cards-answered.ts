import type { Clock } from '../clock';
import type { StatusUpdate } from '../model';
import type { SendJobRepository } from '../repositories';
import { sendJobId, type SendJob } from '../send-job';

/**
 * After an answer is stored, every card that asked for it (the first ask and the reminders,
 * to every owner of the project) is to show "al ingevuld" instead of an empty form, so nobody
 * answers twice or wonders whether it arrived. The updates are send jobs like any other message:
 * rate-limited, retried, and done once. The card the owner pressed is left out: the answer to
 * the press replaces it already.
 */
export async function markCardsAnswered(
  input: { readonly update: StatusUpdate; readonly pressedActivityId?: string },
  deps: { readonly sendJobs: SendJobRepository; readonly clock: Clock },
): Promise<number> {
  const { update } = input;
  const now = deps.clock.now().toISOString();
  const version = update.versions.length;
  const sent = (await deps.sendJobs.listByProject(update.roundId, update.id)).filter(
    (job) =>
      (job.kind === 'ask' || job.kind === 'reminder') &&
      job.state === 'sent' &&
      job.activityId !== undefined &&
      job.activityId !== input.pressedActivityId,
  );
  const updates = sent.map((job): SendJob => ({
    id: sendJobId(`answered-v${version}-${job.activityId ?? ''}`, update.id, job.recipientId),
    roundId: update.roundId,
    stepKey: `answered-v${version}`,
    kind: 'answered',
    projectId: update.id,
    recipientId: job.recipientId,
    updatesActivityId: job.activityId,
    dueAt: now,
    state: 'pending',
    attempts: 0,
    updatedAt: now,
  }));
  return deps.sendJobs.createMany(updates);
}
