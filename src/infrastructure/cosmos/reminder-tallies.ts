import type { Container } from '@azure/cosmos';
import type { ReminderTally } from '../../domain/reminder-bundle';
import type { ReminderTallyRepository, Versioned } from '../../domain/repositories';
import { isStatus, plain, point, query } from './cosmos-store';
import { ignoreNotFound, readItem } from './documents';

/**
 * The weekly reminder tallies live in the `leases` container (partition key `/id`), next to the
 * send lease: small documents of the dispatcher's own bookkeeping, one per person and week.
 */
const TALLY_TYPE = 'reminderTally';

type TallyDocument = ReminderTally & { readonly id: string; readonly type: typeof TALLY_TYPE };

function tallyId(recipientId: string, week: string): string {
  return `reminders|${week}|${recipientId}`;
}

export class CosmosReminderTallyRepository implements ReminderTallyRepository {
  constructor(private readonly container: Container) {}

  async get(recipientId: string, week: string): Promise<Versioned<ReminderTally> | undefined> {
    const id = tallyId(recipientId, week);
    const found = await readItem<TallyDocument>(this.container, id, id);
    return found && { value: tallyOf(found.value), etag: found.etag };
  }

  async save(tally: ReminderTally, etag: string | undefined): Promise<boolean> {
    const id = tallyId(tally.recipientId, tally.week);
    const document: TallyDocument = { ...tally, id, type: TALLY_TYPE };
    try {
      if (etag === undefined) await this.container.items.create(document, point());
      else
        await this.container
          .item(id, id)
          .replace(document, { ...point(), accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      if (isStatus(error, 409) || isStatus(error, 412) || isStatus(error, 404)) return false;
      throw error;
    }
  }

  async listWeek(week: string): Promise<ReminderTally[]> {
    const { resources } = await this.container.items
      .query<TallyDocument>(
        {
          query: 'SELECT * FROM c WHERE c.type = @type AND c.week = @week',
          parameters: [
            { name: '@type', value: TALLY_TYPE },
            { name: '@week', value: week },
          ],
        },
        query(),
      )
      .fetchAll();
    return resources.map((resource) => tallyOf(plain(resource)));
  }

  async listFor(recipientId: string): Promise<ReminderTally[]> {
    const { resources } = await this.container.items
      .query<TallyDocument>(
        {
          query: 'SELECT * FROM c WHERE c.type = @type AND c.recipientId = @recipientId',
          parameters: [
            { name: '@type', value: TALLY_TYPE },
            { name: '@recipientId', value: recipientId },
          ],
        },
        query(),
      )
      .fetchAll();
    return resources.map((resource) => tallyOf(plain(resource)));
  }

  async remove(recipientId: string, week: string): Promise<void> {
    const id = tallyId(recipientId, week);
    await ignoreNotFound(this.container.item(id, id).delete(point()));
  }
}

function tallyOf(document: TallyDocument): ReminderTally {
  return { recipientId: document.recipientId, week: document.week, jobIds: document.jobIds };
}
