import type {
  Contact,
  DigestChannel,
  HouseTemplate,
  Project,
  ProjectStatus,
  ReviewDecision,
  Round,
  StatusUpdate,
} from './model';
import type { RegisterDraft } from './report-text';
import type { ReminderTally } from './reminder-bundle';
import type { SendJob } from './send-job';

/** A value together with the token that proves nobody changed it since it was read. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export interface ProjectRepository {
  /** Creates or replaces projects by id (year + number). */
  upsertMany(projects: readonly Project[]): Promise<void>;
  listByYear(year: number): Promise<Project[]>;
}

export interface RoundRepository {
  /** Returns false when a round with the same id exists already. */
  create(round: Round): Promise<boolean>;
  get(roundId: string): Promise<Round | undefined>;
  listOpen(): Promise<Round[]>;
  /** Every round, open and closed, in no particular order: a handful a year. */
  list(): Promise<Round[]>;
  /** Replaces a round that exists. */
  replace(round: Round): Promise<void>;
  /** The round with its ETag, for a change that must not overwrite another made meanwhile. */
  getVersioned(roundId: string): Promise<Versioned<Round> | undefined>;
  /** Replaces the round if nobody changed it since `etag`; false when someone did, or it is gone. */
  replaceIfUnchanged(round: Round, etag: string): Promise<boolean>;
}

export interface StatusUpdateRepository {
  createMany(updates: readonly StatusUpdate[]): Promise<void>;
  get(roundId: string, projectId: string): Promise<Versioned<StatusUpdate> | undefined>;
  /** Returns false when the stored document changed since `etag`. */
  replace(update: StatusUpdate, etag: string): Promise<boolean>;
  listByRound(roundId: string): Promise<StatusUpdate[]>;
  /**
   * The round's status updates as `LatestStatusUpdate`s: what reports, summaries and reminders
   * need, read page by page, so their cost does not grow with the versions stored.
   */
  listLatestByRound(roundId: string): Promise<LatestStatusUpdate[]>;
  /**
   * The round's status updates as a summary shows them (`ProjectGlance`): a fraction of what
   * `listLatestByRound` reads, for the commands people ask often (`samenvatting` and its pages).
   */
  listGlancesByRound(roundId: string): Promise<ProjectGlance[]>;
  /**
   * The round's status updates with every version, the decisions and the delegations, for the
   * answers as a sheet: no draft, no last round's text, no copy of the approved version. Read
   * page by page, in one query.
   */
  listAnswersByRound(roundId: string): Promise<StatusUpdate[]>;
  /**
   * Answers waiting for review (`reviewQueue` set) whose queue key comes after `after`, in key
   * order, at most `limit`; only in these speerpunten (lower case) when given, and never those
   * submitted by `notSubmittedBy` (or only those by `submittedBy`). One single-partition query,
   * whatever the round's size.
   */
  listAwaitingReview(
    roundId: string,
    filter: ReviewQueueFilter & { readonly after: string; readonly limit: number },
  ): Promise<StatusUpdate[]>;
  countAwaitingReview(roundId: string, filter: ReviewQueueFilter): Promise<number>;
}

export interface ReviewQueueFilter {
  readonly speerpunten?: readonly string[];
  readonly notSubmittedBy?: string;
  /** Only those this person submitted. */
  readonly submittedBy?: string;
}

/**
 * A status update as the chapter, summaries, status and the planner read it: the latest version
 * only (or none), the approved version and the newest decision when there are any, the
 * delegations, how many versions there are and whether there is a draft; no draft text, earlier
 * versions or last round's text.
 */
export type LatestStatusUpdate = StatusUpdate & {
  readonly versionCount: number;
  /** Whether a draft is saved (`status` calls the project "concept"), without its text. */
  readonly hasDraft?: boolean;
};

/** How many characters of the latest answer a glance carries: enough for a summary's line. */
export const GLANCE_CHARS = 400;

/**
 * One project of a round at a glance: who may read it, where it stands, and the start of its latest
 * answer (the first `GLANCE_CHARS` characters); not the goal, the activities, the rest of the
 * answer or any earlier version.
 */
export interface ProjectGlance {
  readonly id: string;
  readonly roundId: string;
  readonly project: Pick<Project, 'id' | 'number' | 'title' | 'speerpunt' | 'owners'>;
  readonly delegations?: StatusUpdate['delegations'];
  /** The newest decision only, if any. */
  readonly decisions?: readonly ReviewDecision[];
  readonly versionCount: number;
  readonly hasDraft?: boolean;
  /** The latest version, if there is one: its status and the start of its answer. */
  readonly latest?: {
    readonly status: ProjectStatus;
    readonly answerStart: string;
    /** Of the whole answer, so a reader can be told that there is more. */
    readonly answerLength: number;
  };
}

export interface ContactRepository {
  get(userId: string): Promise<Contact | undefined>;
  /**
   * The contact an owner reference from the register names: by object id, or by e-mail / UPN,
   * case-insensitively. Point reads only.
   */
  find(owner: string): Promise<Contact | undefined>;
  /**
   * What `find` gives for each of these owner references, keyed by the reference as given (those
   * that name nobody are left out): for work over a whole round, in a few requests however many
   * owners there are, not one or two per owner.
   */
  findMany(owners: readonly string[]): Promise<Map<string, Contact>>;
  /** Stores the contact and, when it has an e-mail, makes it findable by that e-mail. */
  upsert(contact: Contact): Promise<void>;
  /** Removes the contact and its e-mail alias (AVG erasure); nothing when there is none. */
  remove(userId: string): Promise<void>;
}

/**
 * The team channels that get the weekly digest. Planning reads the whole list at once, as one
 * point read, so it never needs a query across the people the bot knows.
 */
export interface DigestChannelRepository {
  list(): Promise<DigestChannel[]>;
  /** Adds the channel; false, and the entry left as it was, when it is there already. */
  add(channel: DigestChannel): Promise<boolean>;
  /** False when the channel was not there. */
  remove(channelId: string): Promise<boolean>;
}

export interface SendJobRepository {
  /** Creates the jobs that do not exist yet and leaves existing ones alone; returns how many were new. */
  createMany(jobs: readonly SendJob[]): Promise<number>;
  /**
   * Jobs of a round that may be taken now, earliest first: pending and due, or sending with a
   * lease that ran out (its instance died).
   */
  listClaimable(roundId: string, now: Date, limit: number): Promise<Versioned<SendJob>[]>;
  /**
   * One person's bundled reminders in a round that may be taken now (as `listClaimable`): what a
   * reminder of another round to the same person, sent at the same moment, takes along in its
   * message. `recipients`: the names the person goes by (register reference, object id, e-mail).
   */
  listClaimableReminders(
    roundId: string,
    recipients: readonly string[],
    now: Date,
  ): Promise<Versioned<SendJob>[]>;
  /** One job with its etag, or undefined when there is none: how a write whose answer was lost is settled. */
  get(roundId: string, id: string): Promise<Versioned<SendJob> | undefined>;
  /** The stored job with its new etag, or undefined when it changed since `etag` (another instance was first). */
  replace(job: SendJob, etag: string): Promise<Versioned<SendJob> | undefined>;
  listByRound(roundId: string): Promise<SendJob[]>;
  listByProject(roundId: string, projectId: string): Promise<SendJob[]>;
  /**
   * Whether a step was planned with a job per project and person (as before reminders were
   * bundled): such a step is planned that way again, or a restart after an update would send
   * everyone already reminded a bundle on top.
   */
  plannedPerProject(roundId: string, stepKey: string): Promise<boolean>;
  /** Removes a job (AVG erasure of its recipient); nothing when it is gone already. */
  remove(roundId: string, id: string): Promise<void>;
}

/**
 * Named leases that at most one holder has at a time, for work that must run on one instance
 * only (sending, which shares one rate limit per tenant). A lease that runs out can be taken.
 */
export interface LeaseRepository {
  /**
   * Takes the lease for `holder` until `until`, or renews it if `holder` has it. False when
   * another holder has it and it has not run out at `now`, or another instance was first.
   */
  acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Gives the lease up, if `holder` still has it. */
  release(name: string, holder: string): Promise<void>;
}

/** Projects recognised in an earlier report, kept while the coordinator adds their owners. */
export interface RegisterDraftRepository {
  create(draft: RegisterDraft): Promise<void>;
  get(id: string): Promise<RegisterDraft | undefined>;
}

/** The organisation's Word template for the chapter: one document, read at each download. */
export interface HouseTemplateRepository {
  get(): Promise<HouseTemplate | undefined>;
  /** Stores the template in place of the one before, if any. */
  put(template: HouseTemplate): Promise<void>;
  /** False when there was none. */
  remove(): Promise<boolean>;
}

export interface Repositories {
  readonly projects: ProjectRepository;
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
  readonly digestChannels: DigestChannelRepository;
  readonly sendJobs: SendJobRepository;
  readonly leases: LeaseRepository;
  readonly registerDrafts: RegisterDraftRepository;
  readonly houseTemplates: HouseTemplateRepository;
  readonly reminderTallies: ReminderTallyRepository;
}

/**
 * How many reminders each person got in an ISO week, for the weekly cap: one document per person
 * and week, written under its ETag, since two jobs for one person may be sent at once.
 */
export interface ReminderTallyRepository {
  get(recipientId: string, week: string): Promise<Versioned<ReminderTally> | undefined>;
  /** Creates (no etag) or replaces (etag) the tally; false when someone else wrote it first. */
  save(tally: ReminderTally, etag: string | undefined): Promise<boolean>;
  /** Every tally of the week: for `status`, a coordinator's command. */
  listWeek(week: string): Promise<ReminderTally[]>;
  /** Every tally of one person, all weeks: for an AVG inzage or erasure (rare, by hand). */
  listFor(recipientId: string): Promise<ReminderTally[]>;
  /** Removes one tally; nothing when it is gone already. */
  remove(recipientId: string, week: string): Promise<void>;
}
