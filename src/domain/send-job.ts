import type { StepKind } from './reminder-plan';

export type SendJobState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/**
 * One message the bot owes one person: the first ask or a reminder about one project, or a
 * digest for the coordinator; or one it owes a team channel, the weekly digest. Every planned message is one of these, stored before it is sent,
 * so that a crash, a restart or a second instance neither loses it nor sends it twice.
 */
export interface SendJob {
  /** `${stepKey}|${projectId}|${recipientId}`: planning the same message twice makes one job. */
  readonly id: string;
  readonly roundId: string;
  readonly stepKey: string;
  /**
   * `ownership`: an owner said a project is not theirs; the coordinator is told.
   * `answered`: a card sent earlier is updated in place to show the answer that came in.
   * `reviewed`: a card sent earlier is updated in place to show a reviewer's decision.
   * `sentBack`: a new message to whoever submitted an answer a reviewer sent back, since Teams
   * does not notify anyone of a card updated in place.
   * `digestStopped`: the weekly digest could not be posted in a channel for good (the bot was
   * removed from the team, the channel deleted); whoever switched it on is told.
   * `delegateFailed`: the card for a delegated project could not reach the colleague for good;
   * whoever delegated it is told.
   */
  readonly kind:
    StepKind | 'ownership' | 'answered' | 'reviewed' | 'sentBack' | 'digestStopped' | 'delegateFailed';
  /**
   * Absent for a digest, which is about the whole round, and for a bundle of several projects;
   * a bundle that went out as one project's card carries that project, so the card is updated
   * in place when it is answered, like any other.
   */
  readonly projectId?: string;
  /**
   * A bundle: the projects one message to this recipient covers at this step (its reminder, or
   * the first ask as an overview), in report order, as planned. Those answered by the time it is
   * sent are left out then.
   */
  readonly projectIds?: readonly string[];
  /** An owner reference or object id; `channel:<id>` for the weekly digest in a team channel. */
  readonly recipientId: string;
  readonly dueAt: string;
  readonly state: SendJobState;
  readonly attempts: number;
  /** Who is sending it and until when; after that another instance may take it over. */
  readonly leaseOwner?: string;
  readonly leaseUntil?: string;
  /**
   * A reminder that went in the message of another round's reminder to the same person at the
   * same moment: that job's id. Its `activityId` is that message's.
   */
  readonly sentWith?: string;
  /** The Teams activity id of what was sent, so it can be updated in place later. */
  readonly activityId?: string;
  /** Why it was skipped or failed (answered, no-contact, blocked, not-found, …). */
  readonly reason?: string;
  /** For `ownership`: who said so, to show the coordinator. */
  readonly reportedBy?: string;
  /** For `delegateFailed`: the colleague the card could not reach (as delegated: an e-mail). */
  readonly delegate?: string;
  /** For `digestStopped`: the channel, as its contact names it. */
  readonly channelName?: string;
  /** For `answered` and `reviewed`: the Teams activity to update. */
  readonly updatesActivityId?: string;
  readonly updatedAt: string;
}

/**
 * Whether a job of this kind is a new message to its recipient, as opposed to an update in place
 * of a card sent earlier (`answered`, `reviewed`). Only a new message says whether a person can
 * be reached: an old card can be gone (a retention policy, a restart of the Playground) while
 * the chat with its recipient works fine.
 */
export function reachesRecipientAnew(kind: SendJob['kind']): boolean {
  switch (kind) {
    case 'answered':
    case 'reviewed':
      return false;
    case 'ask':
    case 'reminder':
    case 'digest':
    case 'weekly':
    case 'reviewDigest':
    case 'ownership':
    case 'sentBack':
    case 'digestStopped':
    case 'delegateFailed':
      return true;
  }
}

/**
 * A bundle's id names no project: whatever projects are open when an instance plans the step, the
 * step and recipient make one job, so two instances planning at different moments agree.
 */
export function bundleJobId(stepKey: string, recipientId: string): string {
  return `${stepKey}|bundle|${recipientId}`;
}

/** Whether the job is a bundle of projects (even one that holds a single project). */
export function isBundle(job: SendJob): boolean {
  return job.projectIds !== undefined;
}

export function sendJobId(stepKey: string, projectId: string | undefined, recipientId: string): string {
  return `${stepKey}|${projectId ?? '-'}|${recipientId}`;
}

/** The step of the card that goes to a colleague a project was delegated to. */
export function delegatedStepKey(to: string): string {
  return `delegated-${to}`;
}

/** Whether this job is the card to a delegated colleague. */
export function isDelegatedAsk(job: SendJob): boolean {
  return job.kind === 'ask' && job.stepKey === delegatedStepKey(job.recipientId);
}
