import type { Container } from '@azure/cosmos';
import type { Versioned } from '../../domain/repositories';
import { isStatus, plain, point } from './cosmos-store';

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
