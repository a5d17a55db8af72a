import type { Container, JSONValue } from '@azure/cosmos';
import { type StatusUpdate } from '../../domain/model';
import {
  GLANCE_CHARS,
  type LatestStatusUpdate,
  type ProjectGlance,
  type ReviewQueueFilter,
  type StatusUpdateRepository,
  type Versioned,
} from '../../domain/repositories';
import { isStatus, plain, point, query } from './cosmos-store';
import { byPartition, createAll, readItem } from './documents';

export class CosmosStatusUpdateRepository implements StatusUpdateRepository {
  constructor(private readonly container: Container) {}

  /** An update created by an earlier, interrupted attempt stays as it is, answers included. */
  async createMany(updates: readonly StatusUpdate[]): Promise<void> {
    for (const [roundId, ofRound] of byPartition(updates, (update) => update.roundId)) {
      await createAll(this.container, roundId, ofRound);
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
          'SELECT c.id, c.roundId, c.project, ARRAY_SLICE(c.versions, -1) AS versions, c.approved, ARRAY_SLICE(c.decisions, -1) AS decisions, c.delegations, ARRAY_LENGTH(c.versions) AS versionCount, IS_DEFINED(c.draft) AS hasDraft FROM c WHERE c.roundId = @roundId',
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

  async listAnswersByRound(roundId: string): Promise<StatusUpdate[]> {
    const pages = this.container.items.query<StatusUpdate>(
      {
        query:
          'SELECT c.id, c.roundId, c.project, c.versions, c.decisions, c.delegations FROM c WHERE c.roundId = @roundId',
        parameters: [{ name: '@roundId', value: roundId }],
      },
      { ...query(), partitionKey: roundId, maxItemCount: 200 },
    );
    const updates: StatusUpdate[] = [];
    while (pages.hasMoreResults()) {
      const { resources } = await pages.fetchNext();
      for (const resource of resources) updates.push(plain(resource));
    }
    return updates;
  }

  /**
   * Projected in the store to what a summary shows: a few hundred bytes a project, where
   * `listLatestByRound` reads the goal, the activities and the whole latest answer (and its
   * approved copy). Summaries are what people ask for most, and reading and parsing the whole
   * round was most of their cost (docs/benchmarks.md, bench:turn).
   */
  async listGlancesByRound(roundId: string): Promise<ProjectGlance[]> {
    const pages = this.container.items.query<StoredGlance>(
      {
        query:
          'SELECT c.id, c.roundId, {"id": c.project.id, "number": c.project.number, "title": c.project.title, "speerpunt": c.project.speerpunt, "owners": c.project.owners} AS project, c.delegations, ARRAY_SLICE(c.decisions, -1) AS decisions, ARRAY_LENGTH(c.versions) AS versionCount, IS_DEFINED(c.draft) AS hasDraft, ARRAY_SLICE(ARRAY(SELECT VALUE {"status": v.status, "answerStart": LEFT(v.answer, @chars), "answerLength": LENGTH(v.answer)} FROM v IN c.versions), -1) AS latest FROM c WHERE c.roundId = @roundId',
        parameters: [
          { name: '@roundId', value: roundId },
          { name: '@chars', value: GLANCE_CHARS },
        ],
      },
      { ...query(), partitionKey: roundId, maxItemCount: 1000 },
    );
    const glances: ProjectGlance[] = [];
    while (pages.hasMoreResults()) {
      const { resources } = await pages.fetchNext();
      for (const resource of resources) {
        const { latest, ...rest } = plain(resource);
        const newest = latest?.[0];
        glances.push(newest ? { ...rest, latest: newest } : rest);
      }
    }
    return glances;
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

/** A glance as the query returns it: the latest version as a list of at most one. */
type StoredGlance = Omit<ProjectGlance, 'latest'> & {
  readonly latest?: readonly NonNullable<ProjectGlance['latest']>[];
};

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
  if (filter.submittedBy !== undefined) {
    clauses.push('c.reviewQueue.submittedBy = @submitter');
    parameters.push({ name: '@submitter', value: filter.submittedBy });
  }
  if (filter.speerpunten !== undefined) {
    clauses.push('ARRAY_CONTAINS(@speerpunten, c.reviewQueue.speerpunt)');
    parameters.push({ name: '@speerpunten', value: [...filter.speerpunten] });
  }
  return { where: clauses.join(' AND '), parameters };
}
