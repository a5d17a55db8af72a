import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { latestVersion, type Person, type Round, type StatusUpdate } from '../model';
import { awaitsAnswer, reviewStateOf } from '../review';
import { progressFigures, type RoundProgressFigures } from '../progress';
import { compareProjectNumbers } from '../natural-order';
import type {
  ContactRepository,
  ReminderTallyRepository,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
} from '../repositories';
import { reminderCap, reminderWeek } from '../reminder-bundle';
import { reachesRecipientAnew, type SendJob } from '../send-job';
import type { ReviewerLists } from '../access';
import { stuckReviews, type StuckReview } from './stuck-reviews';
import { chooseRound, type AskedRound } from './choose-round';

/**
 * `sentBack`: a reviewer sent the answer back; the owner is asked again. `draft`: not answered,
 * but a concept is saved.
 */
export type OwnerState = 'open' | 'draft' | 'snoozed' | 'unreachable' | 'sentBack';

export interface OwnerProgress {
  readonly number: string;
  readonly title: string;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly state: OwnerState;
  /** Not an owner but a colleague the project was delegated to in this round. */
  readonly delegate?: boolean;
  /** Why the owner cannot be reached: no-contact, blocked, not-found, … */
  readonly reason?: string;
  /** When a snoozed owner is reminded again (ISO). */
  readonly snoozedUntil?: string;
  /** Reminders this person got this ISO week, in any round (with the cap: `RoundStatus.reminderCap`). */
  readonly remindedThisWeek?: number;
}

export interface RoundStatus {
  readonly round: Round;
  /** Whether the coordinator named the round; if not, the other open rounds (see `chooseRound`). */
  readonly named: boolean;
  readonly alsoOpen: readonly Round[];
  readonly answered: number;
  readonly open: number;
  /** Owners the bot cannot reach, each counted once however many projects they own. */
  readonly unreachable: number;
  /** Owners who asked to be reminded later and will be. */
  readonly snoozed: number;
  /** Answers that are last round's again, or nearly (`leftUnchanged`). */
  readonly unchanged: number;
  /**
   * Every project in one state (answered, concept, open, sent back), answered of all per
   * speerpunt, and with review how many answers wait for a reviewer, are approved, or were sent
   * back: what the charts and the counts in text show.
   */
  readonly figures: RoundProgressFigures;
  /** With review: the projects whose answer waits for a reviewer, in report order. */
  readonly awaitingReview?: readonly { readonly number: string; readonly title: string }[];
  /** With review: answers that nobody but their submitter may review, so they wait for good. */
  readonly stuckReviews?: readonly StuckReview[];
  /** Every owner of every project not yet answered, in report order. */
  readonly waiting: readonly OwnerProgress[];
  /** Reminder messages a person gets at most per week; present when the tallies were read. */
  readonly reminderCap?: number;
}

/**
 * The coordinator's view of a round in progress: per project and owner whether it is answered,
 * still open, or cannot be reached and why, so the coordinator knows whom to chase by hand. The
 * round named, or else the most recently opened open round; a closed round can be named too, to
 * see what was missing when it closed.
 */
export async function roundStatus(
  input: { readonly by: Person; readonly round?: AskedRound },
  deps: ReviewerLists & {
    readonly rounds: RoundRepository;
    readonly statusUpdates: StatusUpdateRepository;
    readonly sendJobs: SendJobRepository;
    readonly contacts: ContactRepository;
    readonly isCoordinator: (person: Person) => boolean;
    readonly clock: Clock;
    /** Each person's reminders this week; without it, `status` does not show them. */
    readonly reminderTallies?: ReminderTallyRepository;
  },
): Promise<RoundStatus> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const { round, alsoOpen } = await chooseRound(input.round, deps.rounds);
  const [updates, jobs] = await Promise.all([
    deps.statusUpdates.listLatestByRound(round.id),
    deps.sendJobs.listByRound(round.id),
  ]);
  const failedReasons = new Map<string, string>();
  // Oldest first, so the newest message to a project's owner decides. An old card that could not
  // be updated in place says nothing about whether its owner can be reached.
  // A bundle speaks for each project on it.
  const messages = jobs.filter((job) => projectsOf(job).length > 0 && reachesRecipientAnew(job.kind));
  for (const job of messages.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))) {
    for (const projectId of projectsOf(job)) {
      if (job.state === 'failed')
        failedReasons.set(`${projectId}|${job.recipientId}`, job.reason ?? 'failed');
      if (job.state === 'sent') failedReasons.delete(`${projectId}|${job.recipientId}`);
    }
  }
  const now = deps.clock.now().toISOString();
  // "Herinner me morgen" plans a reminder for the person who pressed it, by object id.
  const snoozes = jobs.filter(
    (job) => job.state === 'pending' && job.stepKey.startsWith('snooze-') && job.dueAt > now,
  );
  const sorted = [...updates].sort((a, b) => compareProjectNumbers(a.project.number, b.project.number));
  // Sent back counts as open: the owner owes a new answer.
  const answered = sorted.filter((update) => !awaitsAnswer(update)).length;
  // Every owner and delegate in a few requests, however many there are (a coordinator's command,
  // not a hot path: cross-partition queries are fine here).
  const unanswered = sorted.filter((update) => awaitsAnswer(update));
  const people = new Set(unanswered.flatMap((update) => peopleAsked(update).map(({ id }) => id)));
  const contacts = people.size > 0 ? await deps.contacts.findMany([...people]) : new Map<string, never>();
  const tallies =
    deps.reminderTallies && round.status === 'open'
      ? await deps.reminderTallies.listWeek(reminderWeek(round, deps.clock.now()))
      : undefined;
  const reminded = new Map(tallies?.map((tally) => [tally.recipientId, tally.jobIds.length]));
  const waiting: OwnerProgress[] = [];
  for (const update of unanswered) {
    const sentBack = update.versions.length > 0;
    for (const { id: ownerId, delegate } of peopleAsked(update)) {
      const reason = failedReasons.get(`${update.id}|${ownerId}`);
      const contact = contacts.get(ownerId);
      const snooze = snoozes.find(
        (job) =>
          job.projectId === update.id && (job.recipientId === ownerId || job.recipientId === contact?.userId),
      );
      const common = {
        number: update.project.number,
        title: update.project.title,
        ownerId,
        ownerName: contact?.name || ownerId,
        ...(delegate ? { delegate } : {}),
        ...(tallies ? { remindedThisWeek: reminded.get(contact?.userId ?? ownerId) ?? 0 } : {}),
      };
      if (reason) waiting.push({ ...common, state: 'unreachable', reason });
      else if (snooze) waiting.push({ ...common, state: 'snoozed', snoozedUntil: snooze.dueAt });
      else waiting.push({ ...common, state: sentBack ? 'sentBack' : update.hasDraft ? 'draft' : 'open' });
    }
  }
  const submitted = round.review
    ? sorted.filter((update) => reviewStateOf(update, round) === 'submitted')
    : [];
  const stuck = await stuckReviews(submitted, deps);
  const figures = progressFigures(sorted, round);
  return {
    round,
    named: input.round !== undefined,
    alsoOpen,
    answered,
    open: sorted.length - answered,
    unreachable: new Set(
      waiting
        .filter((owner) => owner.state === 'unreachable' && !owner.delegate)
        .map((owner) => owner.ownerId),
    ).size,
    snoozed: waiting.filter((owner) => owner.state === 'snoozed').length,
    unchanged: sorted.filter((update) => !awaitsAnswer(update) && latestVersion(update)?.unchanged).length,
    waiting,
    figures,
    ...(tallies ? { reminderCap: reminderCap(round) } : {}),
    ...(round.review
      ? {
          awaitingReview: submitted.map(({ project }) => ({ number: project.number, title: project.title })),
          stuckReviews: stuck,
        }
      : {}),
  };
}

/** The projects a message was about: its project, or each project of a bundle. */
function projectsOf(job: SendJob): readonly string[] {
  return job.projectId ? [job.projectId] : (job.projectIds ?? []);
}

/** Who is asked for a project's answer: its owners, then whoever it was delegated to. */
function peopleAsked(update: StatusUpdate): { readonly id: string; readonly delegate: boolean }[] {
  return [
    ...update.project.owners.map((id) => ({ id, delegate: false })),
    ...(update.delegations ?? []).map((delegation) => ({ id: delegation.to, delegate: true })),
  ];
}
