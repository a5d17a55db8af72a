import {
  isEmailOwner,
  normaliseOwner,
  type Contact,
  type DigestChannel,
  type HouseTemplate,
  type Project,
  type Round,
  type StatusUpdate,
} from '../../src/domain/model';
import type {
  ContactRepository,
  DigestChannelRepository,
  LatestStatusUpdate,
  LeaseRepository,
  RegisterDraftRepository,
  HouseTemplateRepository,
  ReminderTallyRepository,
  ReviewQueueFilter,
  ProjectRepository,
  Repositories,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
  Versioned,
  ProjectGlance,
} from '../../src/domain/repositories';
import { GLANCE_CHARS } from '../../src/domain/repositories';
import type { ReminderTally } from '../../src/domain/reminder-bundle';
import type { RegisterDraft } from '../../src/domain/report-text';
import type { SendJob } from '../../src/domain/send-job';

// Every value is copied on the way in and on the way out, as a database would: a test that
// mutates what it stored or what it read cannot change what the repository holds.
const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryProjectRepository implements ProjectRepository {
  private readonly projects = new Map<string, Project>();

  upsertMany(projects: readonly Project[]): Promise<void> {
    for (const project of projects) this.projects.set(project.id, copy(project));
    return Promise.resolve();
  }

  listByYear(year: number): Promise<Project[]> {
    return Promise.resolve([...this.projects.values()].filter((p) => p.year === year).map(copy));
  }
}

export class InMemoryRoundRepository implements RoundRepository {
  private readonly rounds = new Map<string, Round>();
  private readonly etags = new Map<string, string>();
  private writes = 0;

  create(round: Round): Promise<boolean> {
    if (this.rounds.has(round.id)) return Promise.resolve(false);
    this.store(round);
    return Promise.resolve(true);
  }

  get(roundId: string): Promise<Round | undefined> {
    const round = this.rounds.get(roundId);
    return Promise.resolve(round && copy(round));
  }

  listOpen(): Promise<Round[]> {
    return Promise.resolve([...this.rounds.values()].filter((r) => r.status === 'open').map(copy));
  }

  list(): Promise<Round[]> {
    return Promise.resolve([...this.rounds.values()].map(copy));
  }

  replace(round: Round): Promise<void> {
    if (!this.rounds.has(round.id)) return Promise.reject(new Error(`no round ${round.id}`));
    this.store(round);
    return Promise.resolve();
  }

  getVersioned(roundId: string): Promise<Versioned<Round> | undefined> {
    const round = this.rounds.get(roundId);
    const etag = this.etags.get(roundId);
    return Promise.resolve(round && etag ? { value: copy(round), etag } : undefined);
  }

  replaceIfUnchanged(round: Round, etag: string): Promise<boolean> {
    if (this.etags.get(round.id) !== etag) return Promise.resolve(false);
    this.store(round);
    return Promise.resolve(true);
  }

  private store(round: Round): void {
    this.writes++;
    this.rounds.set(round.id, copy(round));
    this.etags.set(round.id, `"round-etag-${this.writes}"`);
  }
}

/**
 * Keeps an ETag per document that changes on every write, so a replace with the ETag of an
 * earlier read fails exactly as Cosmos DB's If-Match does.
 */
export class InMemoryStatusUpdateRepository implements StatusUpdateRepository {
  private readonly documents = new Map<string, Versioned<StatusUpdate>>();
  private writes = 0;

  /** Like the Cosmos repository, keeps a document that already exists (answers included). */
  createMany(updates: readonly StatusUpdate[]): Promise<void> {
    for (const update of updates) {
      const key = keyOf(update.roundId, update.id);
      if (!this.documents.has(key)) this.documents.set(key, this.stamp(update));
    }
    return Promise.resolve();
  }

  get(roundId: string, projectId: string): Promise<Versioned<StatusUpdate> | undefined> {
    const stored = this.documents.get(keyOf(roundId, projectId));
    return Promise.resolve(stored && copy(stored));
  }

  replace(update: StatusUpdate, etag: string): Promise<boolean> {
    const key = keyOf(update.roundId, update.id);
    const stored = this.documents.get(key);
    if (!stored) return Promise.reject(new Error(`no status update ${key} to replace`));
    if (stored.etag !== etag) return Promise.resolve(false);
    this.documents.set(key, this.stamp(update));
    return Promise.resolve(true);
  }

  listByRound(roundId: string): Promise<StatusUpdate[]> {
    return Promise.resolve(
      [...this.documents.values()]
        .filter(({ value }) => value.roundId === roundId)
        .map(({ value }) => copy(value)),
    );
  }

  async listLatestByRound(roundId: string): Promise<LatestStatusUpdate[]> {
    return (await this.listByRound(roundId)).map(
      ({ id, roundId: round, project, versions, approved, decisions, delegations, draft }) => ({
        id,
        roundId: round,
        project,
        versions: versions.slice(-1),
        ...(approved ? { approved } : {}),
        ...(decisions ? { decisions: decisions.slice(-1) } : {}),
        ...(delegations ? { delegations } : {}),
        versionCount: versions.length,
        hasDraft: draft !== undefined,
      }),
    );
  }

  async listGlancesByRound(roundId: string): Promise<ProjectGlance[]> {
    return (await this.listByRound(roundId)).map(
      ({ id, roundId: round, project, versions, decisions, delegations, draft }) => {
        const latest = versions[versions.length - 1];
        return {
          id,
          roundId: round,
          project: {
            id: project.id,
            number: project.number,
            title: project.title,
            speerpunt: project.speerpunt,
            owners: project.owners,
          },
          ...(delegations ? { delegations } : {}),
          ...(decisions ? { decisions: decisions.slice(-1) } : {}),
          versionCount: versions.length,
          hasDraft: draft !== undefined,
          ...(latest
            ? {
                latest: {
                  status: latest.status,
                  answerStart: latest.answer.slice(0, GLANCE_CHARS),
                  answerLength: latest.answer.length,
                },
              }
            : {}),
        };
      },
    );
  }

  async listAnswersByRound(roundId: string): Promise<StatusUpdate[]> {
    return (await this.listByRound(roundId)).map(
      ({ id, roundId: round, project, versions, decisions, delegations }) => ({
        id,
        roundId: round,
        project,
        versions,
        ...(decisions ? { decisions } : {}),
        ...(delegations ? { delegations } : {}),
      }),
    );
  }

  async listAwaitingReview(
    roundId: string,
    filter: ReviewQueueFilter & { readonly after: string; readonly limit: number },
  ): Promise<StatusUpdate[]> {
    return (await this.awaiting(roundId, filter))
      .filter((update) => (update.reviewQueue?.key ?? '') > filter.after)
      .sort((a, b) => (a.reviewQueue?.key ?? '').localeCompare(b.reviewQueue?.key ?? ''))
      .slice(0, filter.limit);
  }

  async countAwaitingReview(roundId: string, filter: ReviewQueueFilter): Promise<number> {
    return (await this.awaiting(roundId, filter)).length;
  }

  private async awaiting(roundId: string, filter: ReviewQueueFilter): Promise<StatusUpdate[]> {
    return (await this.listByRound(roundId)).filter(
      ({ reviewQueue }) =>
        reviewQueue !== undefined &&
        reviewQueue.submittedBy !== filter.notSubmittedBy &&
        (filter.submittedBy === undefined || reviewQueue.submittedBy === filter.submittedBy) &&
        (filter.speerpunten === undefined || filter.speerpunten.includes(reviewQueue.speerpunt)),
    );
  }

  private stamp(update: StatusUpdate): Versioned<StatusUpdate> {
    this.writes++;
    return { value: copy(update), etag: `"etag-${this.writes}"` };
  }
}

function keyOf(roundId: string, projectId: string): string {
  return JSON.stringify([roundId, projectId]);
}

export class InMemoryContactRepository implements ContactRepository {
  private readonly contacts = new Map<string, Contact>();
  private readonly byEmail = new Map<string, string>();

  get(userId: string): Promise<Contact | undefined> {
    const contact = this.contacts.get(userId.toLowerCase());
    return Promise.resolve(contact && copy(contact));
  }

  find(owner: string): Promise<Contact | undefined> {
    const wanted = normaliseOwner(owner);
    if (!isEmailOwner(wanted)) return this.get(wanted);
    const userId = this.byEmail.get(wanted);
    const contact = userId === undefined ? undefined : this.contacts.get(userId);
    return Promise.resolve(contact?.email === wanted ? copy(contact) : undefined);
  }

  async findMany(owners: readonly string[]): Promise<Map<string, Contact>> {
    const found = new Map<string, Contact>();
    for (const owner of owners) {
      const contact = await this.find(owner);
      if (contact) found.set(owner, contact);
    }
    return found;
  }

  upsert(contact: Contact): Promise<void> {
    this.contacts.set(contact.userId, copy(contact));
    if (contact.email) this.byEmail.set(contact.email, contact.userId);
    return Promise.resolve();
  }

  remove(userId: string): Promise<void> {
    const contact = this.contacts.get(userId);
    this.contacts.delete(userId);
    if (contact?.email) this.byEmail.delete(contact.email);
    return Promise.resolve();
  }
}

export class InMemoryDigestChannelRepository implements DigestChannelRepository {
  private channels: DigestChannel[] = [];

  list(): Promise<DigestChannel[]> {
    return Promise.resolve(this.channels.map(copy));
  }

  add(channel: DigestChannel): Promise<boolean> {
    if (this.channels.some((known) => known.channelId === channel.channelId)) return Promise.resolve(false);
    this.channels.push(copy(channel));
    return Promise.resolve(true);
  }

  remove(channelId: string): Promise<boolean> {
    const before = this.channels.length;
    this.channels = this.channels.filter((known) => known.channelId !== channelId);
    return Promise.resolve(this.channels.length < before);
  }
}

export class InMemorySendJobRepository implements SendJobRepository {
  private readonly jobs = new Map<string, { job: SendJob; etag: string }>();
  private writes = 0;

  createMany(jobs: readonly SendJob[]): Promise<number> {
    let created = 0;
    for (const job of jobs) {
      const key = `${job.roundId}/${job.id}`;
      if (this.jobs.has(key)) continue;
      this.jobs.set(key, { job: copy(job), etag: this.nextEtag() });
      created++;
    }
    return Promise.resolve(created);
  }

  listClaimable(roundId: string, now: Date, limit: number): Promise<Versioned<SendJob>[]> {
    const at = now.toISOString();
    return Promise.resolve(
      [...this.jobs.values()]
        .filter(
          ({ job }) =>
            job.roundId === roundId &&
            ((job.state === 'pending' && job.dueAt <= at) ||
              (job.state === 'sending' && (job.leaseUntil ?? '') <= at)),
        )
        .sort((a, b) => a.job.dueAt.localeCompare(b.job.dueAt))
        .slice(0, limit)
        .map(({ job, etag }) => ({ value: copy(job), etag })),
    );
  }

  async listClaimableReminders(
    roundId: string,
    recipients: readonly string[],
    now: Date,
  ): Promise<Versioned<SendJob>[]> {
    return (await this.listClaimable(roundId, now, Number.MAX_SAFE_INTEGER)).filter(
      ({ value }) =>
        recipients.includes(value.recipientId) && value.kind === 'reminder' && value.projectIds !== undefined,
    );
  }

  get(roundId: string, id: string): Promise<Versioned<SendJob> | undefined> {
    const stored = this.jobs.get(`${roundId}/${id}`);
    return Promise.resolve(stored && { value: copy(stored.job), etag: stored.etag });
  }

  replace(job: SendJob, etag: string): Promise<Versioned<SendJob> | undefined> {
    const key = `${job.roundId}/${job.id}`;
    const stored = this.jobs.get(key);
    if (!stored || stored.etag !== etag) return Promise.resolve(undefined);
    const next = { job: copy(job), etag: this.nextEtag() };
    this.jobs.set(key, next);
    return Promise.resolve({ value: copy(job), etag: next.etag });
  }

  remove(roundId: string, id: string): Promise<void> {
    this.jobs.delete(`${roundId}/${id}`);
    return Promise.resolve();
  }

  async plannedPerProject(roundId: string, stepKey: string): Promise<boolean> {
    return (await this.listByRound(roundId)).some(
      (job) => job.stepKey === stepKey && job.projectId !== undefined && job.projectIds === undefined,
    );
  }

  async listByProject(roundId: string, projectId: string): Promise<SendJob[]> {
    return (await this.listByRound(roundId)).filter((job) => job.projectId === projectId);
  }

  listByRound(roundId: string): Promise<SendJob[]> {
    return Promise.resolve(
      [...this.jobs.values()].filter(({ job }) => job.roundId === roundId).map(({ job }) => copy(job)),
    );
  }

  private nextEtag(): string {
    this.writes++;
    return `"job-etag-${this.writes}"`;
  }
}

export class InMemoryLeaseRepository implements LeaseRepository {
  private readonly leases = new Map<string, { holder: string; until: number }>();

  acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    const held = this.leases.get(name);
    if (held && held.holder !== holder && held.until > now.getTime()) return Promise.resolve(false);
    this.leases.set(name, { holder, until: until.getTime() });
    return Promise.resolve(true);
  }

  release(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
    return Promise.resolve();
  }

  holder(name: string): string | undefined {
    return this.leases.get(name)?.holder;
  }
}

export class InMemoryRegisterDraftRepository implements RegisterDraftRepository {
  readonly drafts = new Map<string, RegisterDraft>();

  create(draft: RegisterDraft): Promise<void> {
    this.drafts.set(draft.id, draft);
    return Promise.resolve();
  }

  get(id: string): Promise<RegisterDraft | undefined> {
    return Promise.resolve(this.drafts.get(id));
  }
}

export class InMemoryHouseTemplateRepository implements HouseTemplateRepository {
  template: HouseTemplate | undefined;

  get(): Promise<HouseTemplate | undefined> {
    return Promise.resolve(this.template);
  }

  put(template: HouseTemplate): Promise<void> {
    this.template = template;
    return Promise.resolve();
  }

  remove(): Promise<boolean> {
    const had = this.template !== undefined;
    this.template = undefined;
    return Promise.resolve(had);
  }
}

export class InMemoryReminderTallyRepository implements ReminderTallyRepository {
  private readonly tallies = new Map<string, { tally: ReminderTally; etag: string }>();
  private writes = 0;

  get(recipientId: string, week: string): Promise<Versioned<ReminderTally> | undefined> {
    const stored = this.tallies.get(`${week}|${recipientId}`);
    return Promise.resolve(stored && { value: copy(stored.tally), etag: stored.etag });
  }

  save(tally: ReminderTally, etag: string | undefined): Promise<boolean> {
    const key = `${tally.week}|${tally.recipientId}`;
    if (this.tallies.get(key)?.etag !== etag) return Promise.resolve(false);
    this.tallies.set(key, { tally: copy(tally), etag: `"tally-${++this.writes}"` });
    return Promise.resolve(true);
  }

  listWeek(week: string): Promise<ReminderTally[]> {
    return Promise.resolve(
      [...this.tallies.values()].filter(({ tally }) => tally.week === week).map(({ tally }) => copy(tally)),
    );
  }

  listFor(recipientId: string): Promise<ReminderTally[]> {
    return Promise.resolve(
      [...this.tallies.values()]
        .filter(({ tally }) => tally.recipientId === recipientId)
        .map(({ tally }) => copy(tally)),
    );
  }

  remove(recipientId: string, week: string): Promise<void> {
    this.tallies.delete(`${week}|${recipientId}`);
    return Promise.resolve();
  }
}

export interface InMemoryRepositories extends Repositories {
  readonly projects: InMemoryProjectRepository;
  readonly rounds: InMemoryRoundRepository;
  readonly statusUpdates: InMemoryStatusUpdateRepository;
  readonly contacts: InMemoryContactRepository;
  readonly digestChannels: InMemoryDigestChannelRepository;
  readonly sendJobs: InMemorySendJobRepository;
  readonly leases: InMemoryLeaseRepository;
  readonly registerDrafts: InMemoryRegisterDraftRepository;
  readonly houseTemplates: InMemoryHouseTemplateRepository;
  readonly reminderTallies: InMemoryReminderTallyRepository;
}

export function inMemoryRepositories(): InMemoryRepositories {
  return {
    projects: new InMemoryProjectRepository(),
    rounds: new InMemoryRoundRepository(),
    statusUpdates: new InMemoryStatusUpdateRepository(),
    contacts: new InMemoryContactRepository(),
    digestChannels: new InMemoryDigestChannelRepository(),
    sendJobs: new InMemorySendJobRepository(),
    leases: new InMemoryLeaseRepository(),
    registerDrafts: new InMemoryRegisterDraftRepository(),
    houseTemplates: new InMemoryHouseTemplateRepository(),
    reminderTallies: new InMemoryReminderTallyRepository(),
  };
}
