import { BulkOperationType, type Container, type JSONObject, type OperationInput } from '@azure/cosmos';
import type { Versioned } from '../../domain/repositories';
import { batchOptions, isStatus, plain, point } from './cosmos-store';

/** A point read: the document and its ETag, or undefined when there is none. */
export async function readItem<T extends object>(
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

/** A delete of what is gone already has done its work. */
export async function ignoreNotFound(deletion: Promise<unknown>): Promise<void> {
  try {
    await deletion;
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
  }
}

/** Documents grouped by their partition key, in the order they came. */
export function byPartition<T>(documents: readonly T[], keyOf: (document: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const document of documents) {
    const key = keyOf(document);
    const group = groups.get(key);
    if (group) group.push(document);
    else groups.set(key, [document]);
  }
  return groups;
}

interface Identified {
  readonly id: string;
}

/** A transactional batch takes at most 100 operations and a request of at most 2 MB. */
const BATCH_OPERATIONS = 100;
/** Below 2 MB, with room for each operation's envelope. */
const BATCH_BYTES = 1_500_000;
/** Batches of one call under way at once. */
const BATCHES_IN_PARALLEL = 4;

/**
 * Creates the documents of one partition that do not exist yet and leaves those that do alone
 * (answers included); returns how many it created. Up to 100 documents go in one request, a
 * transactional batch, so storing a round of 1,000 takes 10 requests instead of 1,000.
 *
 * A batch with a document that exists fails as a whole on Cosmos DB: that operation answers 409
 * and the others 424, and nothing is stored (the local development server stores the operations
 * before the failing one, answering 201). That happens only when an earlier attempt was
 * interrupted, or another instance made the same documents (the planner); then the documents the
 * batch did not store are created one by one, each existing one refused on its own.
 */
export async function createAll(
  container: Container,
  partitionKey: string,
  documents: readonly Identified[],
): Promise<number> {
  let created = 0;
  const batches = inBatches(documents);
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      const stored = await createBatch(container, partitionKey, batch);
      created += stored;
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCHES_IN_PARALLEL, batches.length) }, worker));
  return created;
}

async function createBatch(
  container: Container,
  partitionKey: string,
  documents: readonly Identified[],
): Promise<number> {
  const operations = documents.map((document): OperationInput => ({
    operationType: BulkOperationType.Create,
    partitionKey,
    // The SDK types a body as JSON; the documents are plain data.
    resourceBody: document as unknown as JSONObject,
  }));
  const { result = [] } = await container.items.batch(operations, partitionKey, batchOptions());
  let created = 0;
  const notStored: Identified[] = [];
  for (const [i, document] of documents.entries()) {
    const status = result[i]?.statusCode;
    if (status === 201) created++;
    else if (status === 424) notStored.push(document);
    else if (status !== 409) throw batchError(status, document.id);
  }
  for (const document of notStored) {
    try {
      await container.items.create(document, point());
      created++;
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
  }
  return created;
}

/** The documents in batches of at most 100 and about 1.5 MB; a larger document goes alone. */
function inBatches<T>(documents: readonly T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const document of documents) {
    const size = Buffer.byteLength(JSON.stringify(document));
    if (batch.length === BATCH_OPERATIONS || (batch.length > 0 && bytes + size > BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(document);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function batchError(status: number | undefined, id: string): Error {
  return Object.assign(new Error(`a batched create of ${id} answered ${status ?? 'nothing'}`), {
    code: status,
  });
}
