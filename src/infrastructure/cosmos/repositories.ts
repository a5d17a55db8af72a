import type { Container } from '@azure/cosmos';
import { type HouseTemplate, type Project, type Round } from '../../domain/model';
import type { RegisterDraft } from '../../domain/report-text';
import type {
  HouseTemplateRepository,
  LeaseRepository,
  RegisterDraftRepository,
  ProjectRepository,
  Repositories,
  RoundRepository,
  Versioned,
} from '../../domain/repositories';
import { isStatus, plain, point, query, type CosmosStore } from './cosmos-store';
import { readItem } from './documents';
import { CosmosContactRepository, CosmosDigestChannelRepository } from './contacts';
import { CosmosReminderTallyRepository } from './reminder-tallies';
import { CosmosSendJobRepository } from './send-jobs';
import { CosmosStatusUpdateRepository } from './status-updates';

export { CosmosContactRepository, CosmosDigestChannelRepository } from './contacts';
export { CosmosSendJobRepository } from './send-jobs';
export { CosmosStatusUpdateRepository } from './status-updates';

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

  getVersioned(roundId: string): Promise<Versioned<Round> | undefined> {
    return readItem<Round>(this.container, roundId, roundId);
  }

  async replaceIfUnchanged(round: Round, etag: string): Promise<boolean> {
    try {
      await this.container
        .item(round.id, round.id)
        .replace(round, { ...point(), accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 404)) return false;
      throw error;
    }
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
    reminderTallies: new CosmosReminderTallyRepository(store.containers.leases),
  };
}
