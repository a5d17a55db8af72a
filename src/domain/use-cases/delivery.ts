import { awaitsAnswer } from '../review';
import {
  isChannelTarget,
  isReachable,
  type Contact,
  type DigestChannel,
  type Round,
  type StatusUpdate,
} from '../model';
import type { ContactRepository, DigestChannelRepository, StatusUpdateRepository } from '../repositories';
import { isBundle, type SendJob } from '../send-job';
import { progressOf, type RoundProgress } from './weekly-digest';

/**
 * One send job's message: what it needs to be rendered and sent, read just before it goes, or
 * why it is not to be sent (any more). The dispatcher (dispatch-due-sends.ts) claims the job,
 * prepares it here, and hands the delivery to the chat's {@link JobSender}.
 */

/** What the chat platform made of one send. */
export type SendOutcome =
  | {
      readonly ok: true;
      readonly activityId?: string;
      /** A 1:1 chat the sender had to start first; kept so the next send goes straight there. */
      readonly newAddress?: Readonly<Record<string, unknown>>;
    }
  | { readonly ok: false; readonly permanent: true; readonly reason: string }
  | { readonly ok: false; readonly permanent: false; readonly reason: string; readonly retryAt: Date };

/**
 * What one kind of job's message needs beyond the job, its round and its recipient: a project's
 * status update for the messages about one project, the round's figures for the digests.
 */
export type DeliveryContent =
  | {
      readonly kind:
        'ask' | 'reminder' | 'answered' | 'reviewed' | 'sentBack' | 'ownership' | 'delegateFailed';
      readonly update: StatusUpdate;
    }
  /** The projects still without an answer, and how many projects the round has. */
  | { readonly kind: 'digest'; readonly missing: readonly StatusUpdate[]; readonly total: number }
  /** How many answers wait for a reviewer now. */
  | { readonly kind: 'reviewDigest'; readonly waiting: number }
  /** How far the round is, read when the digest is posted in a team channel. */
  | { readonly kind: 'weekly'; readonly progress: RoundProgress }
  | { readonly kind: 'digestStopped' }
  /**
   * One message about several projects (a bundled reminder, or the first ask as an overview):
   * those still waiting for this person's answer when it is sent, in report order; and, for a
   * reminder, those of other open rounds whose reminder to the same person fell due at the same
   * moment (`otherRounds`), so that the person gets one message.
   */
  | {
      readonly kind: 'bundle';
      readonly step: 'ask' | 'reminder';
      readonly updates: readonly StatusUpdate[];
      readonly otherRounds?: readonly RoundUpdates[];
    };

/** A round's projects on a bundled message. */
export interface RoundUpdates {
  readonly round: Round;
  readonly updates: readonly StatusUpdate[];
}

/** Everything needed to render and deliver one job, keyed by the job's kind. */
export type Delivery = {
  readonly job: SendJob;
  readonly round: Round;
  readonly contact: Contact;
} & DeliveryContent;

export interface JobSender {
  send(delivery: Delivery): Promise<SendOutcome>;
}

/** The stores a delivery is read from. */
export interface DeliveryDeps {
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly digestChannels: DigestChannelRepository;
}

export type Prepared =
  | { readonly skip: 'answered' | 'nothing-waiting' | 'switched-off' | 'no-contact' | 'no-project' }
  | {
      readonly delivery: Delivery;
      readonly channel: DigestChannel | undefined;
      /** A bundle that goes out as this one project's card: the job is to carry the project. */
      readonly narrowedTo?: string;
    };

/** Reads what the job's message needs, or says why it is not to be sent (any more). */
export async function prepare(
  job: SendJob,
  round: Round,
  deps: DeliveryDeps,
  store: { call<T>(operation: () => Promise<T>): Promise<T> },
): Promise<Prepared> {
  if (isBundle(job)) return prepareBundle(job, round, deps, store);
  // Two independent point reads: in parallel, since every millisecond here is a millisecond
  // the rate limiter's slot may go unused.
  const [stored, contact] = await Promise.all([
    job.projectId ? store.call(() => deps.statusUpdates.get(round.id, job.projectId ?? '')) : undefined,
    store.call(() => recipientOf(job, deps.contacts)),
  ]);
  const update = stored?.value;
  // A reminder, the news of a send-back or of a card that did not reach a delegate, about an
  // answer that came in meanwhile, is old news.
  if (
    (job.kind === 'reminder' || job.kind === 'sentBack' || job.kind === 'delegateFailed') &&
    update &&
    !awaitsAnswer(update)
  ) {
    return { skip: 'answered' };
  }
  const waiting =
    job.kind === 'reviewDigest'
      ? await store.call(() => deps.statusUpdates.countAwaitingReview(round.id, {}))
      : undefined;
  if (waiting === 0) return { skip: 'nothing-waiting' };
  const channel =
    job.kind === 'weekly' ? await store.call(() => digestChannelOf(job, deps.digestChannels)) : undefined;
  if (job.kind === 'weekly' && !channel) return { skip: 'switched-off' };
  if (!contact || !isReachable(contact)) return { skip: 'no-contact' };
  const base = { job, round, contact };
  const { kind } = job;
  switch (kind) {
    case 'digest': {
      const all = await store.call(() => deps.statusUpdates.listLatestByRound(round.id));
      const missing = all.filter((u) => awaitsAnswer(u));
      return { delivery: { ...base, kind, missing, total: all.length }, channel };
    }
    case 'weekly': {
      const updates = await store.call(() => deps.statusUpdates.listLatestByRound(round.id));
      const progress = progressOf(updates, round);
      return { delivery: { ...base, kind, progress }, channel };
    }
    case 'reviewDigest':
      return { delivery: { ...base, kind, waiting: waiting ?? 0 }, channel };
    case 'digestStopped':
      return { delivery: { ...base, kind }, channel };
    case 'ask':
    case 'reminder':
    case 'answered':
    case 'reviewed':
    case 'sentBack':
    case 'ownership':
    case 'delegateFailed':
      // A job about a project whose status update is gone can never be sent: not retried.
      return update ? { delivery: { ...base, kind, update }, channel } : { skip: 'no-project' };
  }
}

/**
 * A bundle is read afresh when it goes: projects answered since it was planned drop out. None
 * left, nothing is sent; one left, that project's own card goes, as it would to an owner of one.
 */
async function prepareBundle(
  job: SendJob,
  round: Round,
  deps: DeliveryDeps,
  store: { call<T>(operation: () => Promise<T>): Promise<T> },
): Promise<Prepared> {
  const ids = job.projectIds ?? [];
  const [stored, contact] = await Promise.all([
    Promise.all(ids.map((id) => store.call(() => deps.statusUpdates.get(round.id, id)))),
    store.call(() => recipientOf(job, deps.contacts)),
  ]);
  const existing = stored.flatMap((entry) => (entry ? [entry.value] : []));
  if (existing.length === 0) return { skip: 'no-project' };
  const updates = existing.filter((update) => awaitsAnswer(update));
  const [only] = updates;
  if (!only) return { skip: 'answered' };
  if (!contact || !isReachable(contact)) return { skip: 'no-contact' };
  const step = job.kind === 'ask' ? 'ask' : 'reminder';
  const base = { job, round, contact };
  if (updates.length === 1) {
    return { delivery: { ...base, kind: step, update: only }, channel: undefined, narrowedTo: only.id };
  }
  return { delivery: { ...base, kind: 'bundle', step, updates }, channel: undefined };
}

/**
 * A team channel gets the weekly digest and nothing else, and the weekly digest goes to channels
 * only: whatever a register names as an owner, a status card never lands in a team channel.
 */
function recipientOf(job: SendJob, contacts: ContactRepository): Promise<Contact | undefined> {
  const toChannel = job.kind === 'weekly';
  if (toChannel !== isChannelTarget(job.recipientId)) return Promise.resolve(undefined);
  return toChannel ? contacts.get(job.recipientId) : contacts.find(job.recipientId);
}

/** The channel's entry; none when it was switched off after the digest was planned (`weekoverzicht uit`). */
async function digestChannelOf(
  job: SendJob,
  digestChannels: DigestChannelRepository,
): Promise<DigestChannel | undefined> {
  return (await digestChannels.list()).find((channel) => channel.channelId === job.recipientId);
}
