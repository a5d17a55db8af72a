import type { Container, JSONValue } from '@azure/cosmos';
import {
  isEmailOwner,
  normaliseOwner,
  type Contact,
  type DigestChannel,
  type HouseTemplate,
  type Project,
  type Round,
  type StatusUpdate,
} from '../../domain/model';
import type { RegisterDraft } from '../../domain/report-text';
import type { SendJob } from '../../domain/send-job';
import type {
  ContactRepository,
  DigestChannelRepository,
  HouseTemplateRepository,
  LatestStatusUpdate,
  LeaseRepository,
  RegisterDraftRepository,
  ReviewQueueFilter,
  ProjectRepository,
  Repositories,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
  Versioned,
} from '../../domain/repositories';
import { isStatus, plain, point, query, type CosmosStore } from './cosmos-store';

async function readItem<T extends object>(
  container: Container,
  id: string,
  partitionKey: string | number,
): Promise<Versioned<T> | undefined> {
  try {
    const { resource, etag } = await container.item(id, partitionKey).read<T>(point());
    return resource ? { value: plain(resource), etag } : undefined;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

export class CosmosProjectRepository implements ProjectRepository {
  constructor(private readonly container: Container) {}

  async upsertMany(projects: readonly Project[]): Promise<void> {
    for (const project of projects) await this.container.items.upsert(project, point());
  }

  async listByYear(year: number): Promise<Project[]> {
    const { resources } = await this.container.items
      .query<Project>(
        { query: 'SELECT * FROM c WHERE c.year = @year', parameters: [{ name: '@year', value: year }] },
        { ...query(), partitionKey: year },
      )
      .fetchAll();
    return resources.map((resource) => plain(resource));
  }
}

export class CosmosRoundRepository implements RoundRepository {
  constructor(private readonly container: Container) {}

  async create(round: Round): Promise<boolean> {
    try {
      await this.container.items.create(round, point());
      return true;
    } catch (error) {
      if (isStatus(error, 409)) return false;
      throw error;
    }
  }

  async get(roundId: string): Promise<Round | undefined> {
    return (await readItem<Round>(this.container, roundId, roundId))?.value;
  }

  async replace(round: Round): Promise<void> {
    await this.container.item(round.id, round.id).replace(round, point());
  }

  /** Cross-partition, but over a handful of rounds a year and off the hot path. */
  async listOpen(): Promise<Round[]> {
    const { resources } = await this.container.items
      .query<Round>("SELECT * FROM c WHERE c.status = 'open'", query())
      .fetchAll();
    return resources.map((resource) => plain(resource));
  }

  /** Cross-partition too, for the same reason: two rounds a year, read on request only. */
  async list(): Promise<Round[]> {
    const { resources } = await this.container.items.query<Round>('SELECT * FROM c', query()).fetchAll();
    return resources.map((resource) => plain(resource));
  }
}

export class CosmosStatusUpdateRepository implements StatusUpdateRepository {
  constructor(private readonly container: Container) {}

  async createMany(updates: readonly StatusUpdate[]): Promise<void> {
    for (const update of updates) {
      try {
        await this.container.items.create(update, point());
      } catch (error) {
        // Created by an earlier, interrupted attempt: keep what is there, answers included.
        if (!isStatus(error, 409)) throw error;
      }
    }
  }

  get(roundId: string, projectId: string): Promise<Versioned<StatusUpdate> | undefined> {
    return readItem<StatusUpdate>(this.container, projectId, roundId);
  }

  async replace(update: StatusUpdate, etag: string): Promise<boolean> {
    try {
      await this.container
        .item(update.id, update.roundId)
        .replace(update, { ...point(), accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      if (isStatus(error, 412)) return false;
      throw error;
    }
  }

  async listByRound(roundId: string): Promise<StatusUpdate[]> {
    const { resources } = await this.container.items
      .query<StatusUpdate>(
        {
          query: 'SELECT * FROM c WHERE c.roundId = @roundId',
          parameters: [{ name: '@roundId', value: roundId }],
        },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources.map((resource) => plain(resource));
  }

  /**
   * Projected in the store (the latest version only) and read page by page, so a chapter of
   * 1,000 projects never holds every earlier answer, draft and last round's text in memory.
   */
  async listLatestByRound(roundId: string): Promise<LatestStatusUpdate[]> {
    const pages = this.container.items.query<LatestStatusUpdate>(
      {
        query:
          'SELECT c.id, c.roundId, c.project, ARRAY_SLICE(c.versions, -1) AS versions, c.approved, ARRAY_SLICE(c.decisions, -1) AS decisions, c.delegations, ARRAY_LENGTH(c.versions) AS versionCount FROM c WHERE c.roundId = @roundId',
        parameters: [{ name: '@roundId', value: roundId }],
      },
      { ...query(), partitionKey: roundId, maxItemCount: 200 },
    );
    const updates: LatestStatusUpdate[] = [];
    while (pages.hasMoreResults()) {
      const { resources } = await pages.fetchNext();
      for (const resource of resources) updates.push(plain(resource));
    }
    return updates;
  }

  /**
   * One page of the review queue: TOP and ORDER BY on the small, indexed queue key, so the
   * store reads a page, not the round.
   */
  async listAwaitingReview(
    roundId: string,
    filter: ReviewQueueFilter & { readonly after: string; readonly limit: number },
  ): Promise<StatusUpdate[]> {
    const limit = Math.max(1, Math.min(100, Math.trunc(filter.limit)));
    const { where, parameters } = reviewQueueWhere(roundId, filter);
    const { resources } = await this.container.items
      .query<StatusUpdate>(
        {
          query: `SELECT TOP ${limit} * FROM c WHERE ${where} AND c.reviewQueue.key > @after ORDER BY c.reviewQueue.key`,
          parameters: [...parameters, { name: '@after', value: filter.after }],
        },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources.map((resource) => plain(resource));
  }

  async countAwaitingReview(roundId: string, filter: ReviewQueueFilter): Promise<number> {
    const { where, parameters } = reviewQueueWhere(roundId, filter);
    const { resources } = await this.container.items
      .query<number>(
        { query: `SELECT VALUE COUNT(1) FROM c WHERE ${where} AND c.reviewQueue.key > ''`, parameters },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources[0] ?? 0;
  }
}

function reviewQueueWhere(
  roundId: string,
  filter: ReviewQueueFilter,
): { where: string; parameters: { name: string; value: JSONValue }[] } {
  const clauses = ['c.roundId = @roundId'];
  const parameters: { name: string; value: JSONValue }[] = [{ name: '@roundId', value: roundId }];
  if (filter.notSubmittedBy !== undefined) {
    clauses.push('c.reviewQueue.submittedBy != @me');
    parameters.push({ name: '@me', value: filter.notSubmittedBy });
  }
  if (filter.speerpunten !== undefined) {
    clauses.push('ARRAY_CONTAINS(@speerpunten, c.reviewQueue.speerpunt)');
    parameters.push({ name: '@speerpunten', value: [...filter.speerpunten] });
  }
  return { where: clauses.join(' AND '), parameters };
}

/**
 * Contacts live under their object id. A person's e-mail / UPN gets a small alias document in
 * the same container (id and partition key `email:<address>`, pointing at the object id), so
 * finding an owner the register names by e-mail is two point reads, never a cross-partition
 * query.
 */
export class CosmosContactRepository implements ContactRepository {
  constructor(private readonly container: Container) {}

  async get(userId: string): Promise<Contact | undefined> {
    const key = userId.toLowerCase();
    const found = await readItem<Contact & { id: string }>(this.container, key, key);
    if (!found || isAlias(found.value) || isDigestChannelList(found.value)) return undefined;
    const { id: _id, ...contact } = found.value;
    return contact;
  }

  async find(owner: string): Promise<Contact | undefined> {
    const wanted = normaliseOwner(owner);
    if (!isEmailOwner(wanted)) return this.get(wanted);
    const key = aliasKey(wanted);
    const alias = await readItem<EmailAlias>(this.container, key, key);
    if (!alias || !isAlias(alias.value)) return undefined;
    const contact = await this.get(alias.value.aliasOf);
    // An alias left behind by someone whose address moved to another person names nobody.
    return contact?.email === wanted ? contact : undefined;
  }

  async upsert(contact: Contact): Promise<void> {
    const writes: Promise<unknown>[] = [
      this.container.items.upsert({ id: contact.userId, ...contact }, point()),
    ];
    if (contact.email) {
      const key = aliasKey(contact.email);
      const alias: EmailAlias = { id: key, userId: key, aliasOf: contact.userId };
      writes.push(this.container.items.upsert(alias, point()));
    }
    await Promise.all(writes);
  }

  async remove(userId: string): Promise<void> {
    const contact = await this.get(userId);
    if (!contact) return;
    const key = contact.userId.toLowerCase();
    await ignoreNotFound(this.container.item(key, key).delete(point()));
    if (contact.email) {
      const alias = aliasKey(contact.email);
      await ignoreNotFound(this.container.item(alias, alias).delete(point()));
    }
  }
}

/** A delete of what is gone already has done its work. */
async function ignoreNotFound(deletion: Promise<unknown>): Promise<void> {
  try {
    await deletion;
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
  }
}

interface EmailAlias {
  readonly id: string;
  /** The container's partition key path is /userId; for an alias it holds the alias key. */
  readonly userId: string;
  readonly aliasOf: string;
}

function aliasKey(email: string): string {
  return `email:${email}`;
}

function isAlias(document: object): document is EmailAlias {
  return 'aliasOf' in document;
}

/** The list of digest channels, one document in the contacts container (see below). */
interface DigestChannelList {
  readonly id: typeof DIGEST_CHANNELS_KEY;
  readonly userId: typeof DIGEST_CHANNELS_KEY;
  readonly channels: readonly DigestChannel[];
}

const DIGEST_CHANNELS_KEY = 'digest-channels';

function isDigestChannelList(document: object): document is DigestChannelList {
  return 'channels' in document;
}

/** Attempts at a change of the digest channel list before giving up on concurrent writers. */
const LIST_CHANGE_ATTEMPTS = 5;

/**
 * The team channels that get the weekly digest, as one document in the contacts container, next
 * to the channels' own contacts (`channel:<id>`): planning reads it with one point read. Changes
 * are rare (a coordinator's command) and ETag-guarded, so two at once both land.
 */
export class CosmosDigestChannelRepository implements DigestChannelRepository {
  constructor(private readonly container: Container) {}

  async list(): Promise<DigestChannel[]> {
    const found = await readItem<DigestChannelList>(this.container, DIGEST_CHANNELS_KEY, DIGEST_CHANNELS_KEY);
    return [...(found?.value.channels ?? [])];
  }

  add(channel: DigestChannel): Promise<boolean> {
    return this.change((channels) =>
      channels.some((known) => known.channelId === channel.channelId) ? undefined : [...channels, channel],
    );
  }

  remove(channelId: string): Promise<boolean> {
    return this.change((channels) =>
      channels.some((known) => known.channelId === channelId)
        ? channels.filter((known) => known.channelId !== channelId)
        : undefined,
    );
  }

  /** Applies `next` to the stored list; false when it returns undefined (nothing to change). */
  private async change(
    next: (channels: readonly DigestChannel[]) => DigestChannel[] | undefined,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < LIST_CHANGE_ATTEMPTS; attempt++) {
      const found = await readItem<DigestChannelList>(
        this.container,
        DIGEST_CHANNELS_KEY,
        DIGEST_CHANNELS_KEY,
      );
      const channels = next(found?.value.channels ?? []);
      if (!channels) return false;
      const list: DigestChannelList = { id: DIGEST_CHANNELS_KEY, userId: DIGEST_CHANNELS_KEY, channels };
      try {
        if (found) {
          await this.container
            .item(DIGEST_CHANNELS_KEY, DIGEST_CHANNELS_KEY)
            .replace(list, { ...point(), accessCondition: { type: 'IfMatch', condition: found.etag } });
        } else {
          await this.container.items.create(list, point());
        }
        return true;
      } catch (error) {
        // Another coordinator changed the list between our read and our write: read it again.
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
      }
    }
    throw new Error('the digest channel list kept changing; try again');
  }
}

export class CosmosSendJobRepository implements SendJobRepository {
  constructor(private readonly container: Container) {}

  async createMany(jobs: readonly SendJob[]): Promise<number> {
    let created = 0;
    for (const job of jobs) {
      try {
        await this.container.items.create(job, point());
        created++;
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
      }
    }
    return created;
  }

  async listClaimable(roundId: string, now: Date, limit: number): Promise<Versioned<SendJob>[]> {
    const { resources } = await this.container.items
      .query<SendJob & { _etag: string }>(
        {
          query:
            'SELECT TOP @limit * FROM c WHERE c.roundId = @roundId AND ' +
            "((c.state = 'pending' AND c.dueAt <= @now) OR (c.state = 'sending' AND c.leaseUntil <= @now)) " +
            'ORDER BY c.dueAt',
          parameters: [
            { name: '@limit', value: limit },
            { name: '@roundId', value: roundId },
            { name: '@now', value: now.toISOString() },
          ],
        },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources.map((resource) => ({ value: plain(resource), etag: resource._etag }));
  }

  get(roundId: string, id: string): Promise<Versioned<SendJob> | undefined> {
    return readItem<SendJob>(this.container, id, roundId);
  }

  async replace(job: SendJob, etag: string): Promise<Versioned<SendJob> | undefined> {
    try {
      const { resource, etag: newEtag } = await this.container
        .item(job.id, job.roundId)
        .replace(job, { ...point(), accessCondition: { type: 'IfMatch', condition: etag } });
      return resource ? { value: plain(resource), etag: newEtag } : undefined;
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async remove(roundId: string, id: string): Promise<void> {
    await ignoreNotFound(this.container.item(id, roundId).delete(point()));
  }

  async listByProject(roundId: string, projectId: string): Promise<SendJob[]> {
    const { resources } = await this.container.items
      .query<SendJob>(
        {
          query: 'SELECT * FROM c WHERE c.roundId = @roundId AND c.projectId = @projectId',
          parameters: [
            { name: '@roundId', value: roundId },
            { name: '@projectId', value: projectId },
          ],
        },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources.map((resource) => plain(resource));
  }

  async listByRound(roundId: string): Promise<SendJob[]> {
    const { resources } = await this.container.items
      .query<SendJob>(
        {
          query: 'SELECT * FROM c WHERE c.roundId = @roundId',
          parameters: [{ name: '@roundId', value: roundId }],
        },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources.map((resource) => plain(resource));
  }
}

interface LeaseDocument {
  readonly id: string;
  readonly holder: string;
  readonly until: string;
}

/** One document per lease; taking and renewing it are ETag-guarded replaces. */
export class CosmosLeaseRepository implements LeaseRepository {
  constructor(private readonly container: Container) {}

  async acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    const lease: LeaseDocument = { id: name, holder, until: until.toISOString() };
    const found = await readItem<LeaseDocument>(this.container, name, name);
    if (!found) {
      try {
        await this.container.items.create(lease, point());
        return true;
      } catch (error) {
        if (isStatus(error, 409)) return false;
        throw error;
      }
    }
    if (found.value.holder !== holder && found.value.until > now.toISOString()) return false;
    return this.replace(lease, found.etag);
  }

  async release(name: string, holder: string): Promise<void> {
    const found = await readItem<LeaseDocument>(this.container, name, name);
    if (found?.value.holder !== holder) return;
    await this.replace({ id: name, holder, until: new Date(0).toISOString() }, found.etag);
  }

  private async replace(lease: LeaseDocument, etag: string): Promise<boolean> {
    try {
      await this.container
        .item(lease.id, lease.id)
        .replace(lease, { ...point(), accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 404)) return false;
      throw error;
    }
  }
}

/** A register draft is kept a week: long enough to add the owners, not a second register. */
export const REGISTER_DRAFT_TTL_SECONDS = 7 * 24 * 3600;

export class CosmosRegisterDraftRepository implements RegisterDraftRepository {
  constructor(private readonly container: Container) {}

  async create(draft: RegisterDraft): Promise<void> {
    await this.container.items.create({ ...draft, ttl: REGISTER_DRAFT_TTL_SECONDS }, point());
  }

  async get(id: string): Promise<RegisterDraft | undefined> {
    const found = await readItem<RegisterDraft & { ttl?: number }>(this.container, id, id);
    if (!found) return undefined;
    const { ttl: _ttl, ...draft } = found.value;
    return draft;
  }
}

/** The organisation's settings container holds the house template as one document of this id. */
const HOUSE_TEMPLATE_ID = 'house-template';

export class CosmosHouseTemplateRepository implements HouseTemplateRepository {
  constructor(private readonly container: Container) {}

  async get(): Promise<HouseTemplate | undefined> {
    const found = await readItem<HouseTemplate & { id?: string }>(
      this.container,
      HOUSE_TEMPLATE_ID,
      HOUSE_TEMPLATE_ID,
    );
    if (!found) return undefined;
    const { id: _id, ...template } = found.value;
    return template;
  }

  async put(template: HouseTemplate): Promise<void> {
    await this.container.items.upsert({ ...template, id: HOUSE_TEMPLATE_ID }, point());
  }

  async remove(): Promise<boolean> {
    try {
      await this.container.item(HOUSE_TEMPLATE_ID, HOUSE_TEMPLATE_ID).delete(point());
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }
}

export function cosmosRepositories(store: CosmosStore): Repositories {
  return {
    projects: new CosmosProjectRepository(store.containers.projects),
    rounds: new CosmosRoundRepository(store.containers.rounds),
    statusUpdates: new CosmosStatusUpdateRepository(store.containers.statusUpdates),
    contacts: new CosmosContactRepository(store.containers.contacts),
    digestChannels: new CosmosDigestChannelRepository(store.containers.contacts),
    sendJobs: new CosmosSendJobRepository(store.containers.sendJobs),
    leases: new CosmosLeaseRepository(store.containers.leases),
    registerDrafts: new CosmosRegisterDraftRepository(store.containers.registerDrafts),
    houseTemplates: new CosmosHouseTemplateRepository(store.containers.settings),
  };
}
