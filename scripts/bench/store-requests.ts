import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/** The HTTP requests the Cosmos client made, by kind. */
export interface StoreRequests {
  /** Queries started: the first page of each. */
  queries: number;
  /** Further pages of those queries, fetched with a continuation token. */
  continuationPages: number;
  /** The SDK asking the service how to run a query, before its first page. */
  queryPlans: number;
  /** Reads of one document by id and partition key. */
  pointReads: number;
  /** Creates, upserts, replaces and deletes of documents. */
  writes: number;
  /** Everything else: account, database, container and partition-range metadata. */
  other: number;
}

export interface StoreRequestCounter {
  /** The requests counted since the last reset. */
  counts(): StoreRequests;
  reset(): void;
  stop(): void;
}

const CHANNEL = 'http.client.request.start';

/**
 * Counts every HTTP request this process sends to the Cosmos endpoint, as Node's HTTP client
 * announces it on the `http.client.request.start` diagnostics channel: what went over the wire,
 * whichever layer of the SDK or the repositories asked for it, with no hook in the app's code.
 */
export function countStoreRequests(endpoint: string): StoreRequestCounter {
  const { host } = new URL(endpoint);
  let counts = empty();
  const onRequest = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') !== host) return;
    counts[kindOf(request)] += 1;
  };
  subscribe(CHANNEL, onRequest);
  return {
    counts: () => ({ ...counts }),
    reset: () => {
      counts = empty();
    },
    stop: () => {
      unsubscribe(CHANNEL, onRequest);
    },
  };
}

/** What a request to the Cosmos endpoint is, from its method, path and headers. */
export function kindOf(request: ClientRequest): keyof StoreRequests {
  const isTrue = (name: string) => String(request.getHeader(name)).toLowerCase() === 'true';
  if (isTrue('x-ms-cosmos-is-query-plan-request')) return 'queryPlans';
  if (isTrue('x-ms-documentdb-isquery'))
    return request.getHeader('x-ms-continuation') ? 'continuationPages' : 'queries';
  const path = request.path.split('?')[0] ?? '';
  const isDocument = /\/docs\/[^/]+$/.test(path);
  if (request.method === 'GET') return isDocument ? 'pointReads' : 'other';
  if (/\/docs(\/[^/]+)?$/.test(path)) return 'writes';
  return 'other';
}

function empty(): StoreRequests {
  return { queries: 0, continuationPages: 0, queryPlans: 0, pointReads: 0, writes: 0, other: 0 };
}

/** The most requests of each kind any one measurement made. */
export function mostRequests(counts: readonly StoreRequests[]): StoreRequests {
  return counts.reduce((most, count) => {
    const out = { ...most };
    for (const kind of Object.keys(out) as (keyof StoreRequests)[])
      out[kind] = Math.max(out[kind], count[kind]);
    return out;
  });
}

export function describeRequests(counts: StoreRequests): string {
  return (
    `${counts.queries} queries (+${counts.continuationPages} continuation pages, ${counts.queryPlans} query plans), ` +
    `${counts.pointReads} point reads, ${counts.writes} writes, ${counts.other} other`
  );
}

/** Seeds `items` a batch of `size` at a time: fast, without opening thousands of requests at once. */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
