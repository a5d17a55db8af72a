import type { Container } from '@azure/cosmos';
import type { SendJob } from '../../domain/send-job';
import type { SendJobRepository, Versioned } from '../../domain/repositories';
import { isStatus, plain, point, query } from './cosmos-store';
import { byPartition, createAll, ignoreNotFound, readItem } from './documents';

export class CosmosSendJobRepository implements SendJobRepository {
  constructor(private readonly container: Container) {}

  async createMany(jobs: readonly SendJob[]): Promise<number> {
    let created = 0;
    for (const [roundId, ofRound] of byPartition(jobs, (job) => job.roundId)) {
      created += await createAll(this.container, roundId, ofRound);
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

  async listClaimableReminders(
    roundId: string,
    recipients: readonly string[],
    now: Date,
  ): Promise<Versioned<SendJob>[]> {
    const { resources } = await this.container.items
      .query<SendJob & { _etag: string }>(
        {
          query:
            'SELECT * FROM c WHERE c.roundId = @roundId AND ARRAY_CONTAINS(@recipients, c.recipientId) ' +
            "AND c.kind = 'reminder' AND IS_DEFINED(c.projectIds) AND " +
            "((c.state = 'pending' AND c.dueAt <= @now) OR (c.state = 'sending' AND c.leaseUntil <= @now))",
          parameters: [
            { name: '@roundId', value: roundId },
            { name: '@recipients', value: [...recipients] },
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

  async plannedPerProject(roundId: string, stepKey: string): Promise<boolean> {
    const { resources } = await this.container.items
      .query<{ id: string }>(
        {
          query:
            'SELECT TOP 1 c.id FROM c WHERE c.roundId = @roundId AND c.stepKey = @stepKey ' +
            'AND IS_DEFINED(c.projectId) AND NOT IS_DEFINED(c.projectIds)',
          parameters: [
            { name: '@roundId', value: roundId },
            { name: '@stepKey', value: stepKey },
          ],
        },
        { ...query(), partitionKey: roundId },
      )
      .fetchAll();
    return resources.length > 0;
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
