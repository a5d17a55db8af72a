import type { Clock } from '../clock';
import { awaitsAnswer } from '../review';
import { DomainError } from '../errors';
import {
  channelTargetId,
  latestVersion,
  type Language,
  type Person,
  type ProjectStatus,
  type Round,
  type StatusUpdate,
} from '../model';
import { compareProjectNumbers } from '../natural-order';
import { progressFigures, type RoundProgressFigures } from '../progress';
import { nextWeeklyDigestAt } from '../reminder-plan';
import type { ContactRepository, DigestChannelRepository, RoundRepository } from '../repositories';

/** A team channel as the chat platform describes it. */
export interface ChannelToPostIn {
  /** The channel's own id (for Teams `19:…@thread.tacv2`), the same in every thread of it. */
  readonly id: string;
  /** The team and channel name, to recognise it by; may be empty. */
  readonly name: string;
  /** How to post a new message in the channel; opaque here. */
  readonly address: Readonly<Record<string, unknown>>;
}

export interface WeeklyDigestStarted {
  /** False when the channel had it already; its address, name and language are refreshed. */
  readonly added: boolean;
  /** When the channel gets its first digest of a round open now; undefined while none is open. */
  readonly firstAt?: Date;
}

/**
 * `weekoverzicht hier`: a coordinator has the progress of the open round posted, every week, in a
 * team channel. The channel is kept as a contact of its own (never as anyone's 1:1 chat) in the
 * coordinator's language, and added to the list the planner reads; only weeks from now on are
 * posted, so switching it on never posts a digest of a week already under way.
 */
export async function startWeeklyDigest(
  input: { readonly by: Person; readonly channel: ChannelToPostIn; readonly language: Language },
  deps: {
    readonly contacts: ContactRepository;
    readonly digestChannels: DigestChannelRepository;
    readonly rounds: RoundRepository;
    readonly clock: Clock;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<WeeklyDigestStarted> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const now = deps.clock.now();
  const channelId = channelTargetId(input.channel.id);
  await deps.contacts.upsert({
    userId: channelId,
    name: input.channel.name,
    language: input.language,
    address: input.channel.address,
    updatedAt: now.toISOString(),
  });
  const added = await deps.digestChannels.add({ channelId, by: input.by.id, since: now.toISOString() });
  const firstAt = (await deps.rounds.listOpen())
    .map((round) => nextWeeklyDigestAt(round, round.reminderPlan, now))
    .filter((at) => at !== undefined)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return firstAt ? { added, firstAt } : { added };
}

/**
 * `weekoverzicht uit`: the channel gets no more digests, including one planned but not yet
 * posted (the dispatcher checks the list before it posts). False when it had none.
 */
export async function stopWeeklyDigest(
  input: { readonly by: Person; readonly channelId: string },
  deps: {
    readonly digestChannels: DigestChannelRepository;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<boolean> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  return deps.digestChannels.remove(channelTargetId(input.channelId));
}

/** What the weekly digest tells a channel about a round. */
export interface RoundProgress {
  readonly total: number;
  readonly answered: number;
  /** Per status of the latest answer; unanswered projects are `total - answered`. */
  readonly counts: Readonly<Partial<Record<ProjectStatus, number>>>;
  /** Numbers of the projects still without an answer, in report order (2 < 4.2.3 < 10). */
  readonly missing: readonly string[];
  /** Answers that are last round's again, or nearly (`leftUnchanged`). */
  readonly unchanged: number;
  /** What the charts show: answered, concept, open and sent back; per speerpunt; the review. */
  readonly figures: RoundProgressFigures;
}

/**
 * How far a round is. Only numbers: a channel is read by the whole team, so the digest names
 * projects, not the people who have not answered yet.
 */
export function progressOf(
  updates: readonly (StatusUpdate & { readonly hasDraft?: boolean })[],
  round: Pick<Round, 'review'>,
): RoundProgress {
  const counts: Partial<Record<ProjectStatus, number>> = {};
  const missing: string[] = [];
  let unchanged = 0;
  for (const update of updates) {
    // A sent-back answer is owed again, like one never given.
    const latest = awaitsAnswer(update) ? undefined : latestVersion(update);
    if (latest) counts[latest.status] = (counts[latest.status] ?? 0) + 1;
    else missing.push(update.project.number);
    if (latest?.unchanged) unchanged++;
  }
  return {
    total: updates.length,
    answered: updates.length - missing.length,
    counts,
    missing: missing.sort(compareProjectNumbers),
    unchanged,
    figures: progressFigures(updates, round),
  };
}
