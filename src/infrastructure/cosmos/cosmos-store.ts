import { Agent } from 'node:https';
import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../../config';

/** The containers and their partition keys; docs/data-model.md explains each choice. */
export const CONTAINERS = {
  projects: '/year',
  rounds: '/id',
  statusUpdates: '/roundId',
  contacts: '/userId',
  sendJobs: '/roundId',
  leases: '/id',
  registerDrafts: '/id',
  settings: '/id',
} as const;

export type ContainerName = keyof typeof CONTAINERS;

/** Containers whose documents remove themselves after their `ttl` (seconds). */
export const EXPIRING: Partial<Record<ContainerName, true>> = { registerDrafts: true };

export interface CosmosStore {
  readonly database: Database;
  readonly containers: Record<ContainerName, Container>;
  readonly description: string;
  /** Asks the service for the database; false when it does not answer. */
  isReachable(): Promise<boolean>;
  dispose(): void;
}

export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * Connects to Cosmos DB. With a key the database and containers are created when missing (the
 * local server and key-based test accounts); with Entra ID they must exist already, because the
 * data-plane role a managed identity gets cannot create them (infra/ does).
 */
export async function openCosmosStore(
  cosmos: Config['cosmos'],
  options: {
    /**
     * Start even when the store does not answer (the bot; the CLI fails at once instead), and
     * keep trying to make the database and containers until it does.
     */
    readonly startWithoutStore?: {
      readonly onUnreachable: (error: unknown) => void;
      readonly onReachable: () => void;
      readonly retryMs?: number;
    };
  } = {},
): Promise<CosmosStore> {
  const local = isLoopbackEndpoint(cosmos.endpoint);
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    ...(cosmos.key
      ? { key: cosmos.key }
      : {
          aadCredentials: cosmos.managedIdentityClientId
            ? new ManagedIdentityCredential({ clientId: cosmos.managedIdentityClientId })
            : new DefaultAzureCredential(),
        }),
    // The local development server has a self-signed certificate; nothing else is trusted blindly.
    ...(local ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) } : {}),
    connectionPolicy: local ? { enableEndpointDiscovery: false } : undefined,
  });

  const database: Database = client.database(cosmos.database);
  // Several instances may start at once: whoever loses the race to create gets 409, which only
  // means the resource is there now.
  const provision = async (): Promise<void> => {
    if (!cosmos.key) return;
    await ignoreConflict(client.databases.createIfNotExists({ id: cosmos.database }, provisioning()));
    for (const [id, path] of Object.entries(CONTAINERS)) {
      await ignoreConflict(
        database.containers.createIfNotExists(
          {
            id,
            partitionKey: { paths: [path] },
            // Items there carry their own `ttl`; -1 switches expiry on without a default.
            ...(id in EXPIRING ? { defaultTtl: -1 } : {}),
          },
          provisioning(),
        ),
      );
    }
  };
  let retry: NodeJS.Timeout | undefined;
  try {
    await provision();
  } catch (error) {
    if (!options.startWithoutStore) throw error;
    // The bot starts anyway: /healthz says the store is unreachable, turns say so to the user,
    // and the database and containers are made as soon as the store answers.
    options.startWithoutStore.onUnreachable(error);
    const again = () => {
      retry = setTimeout(() => {
        provision().then(options.startWithoutStore?.onReachable, again);
      }, options.startWithoutStore?.retryMs ?? 10_000);
      retry.unref();
    };
    again();
  }
  const containers = Object.fromEntries(
    Object.keys(CONTAINERS).map((id) => [id, database.container(id)]),
  ) as Record<ContainerName, Container>;

  return {
    database,
    containers,
    description: local
      ? `embedded local Cosmos DB at ${cosmos.endpoint} (development only)`
      : `Azure Cosmos DB at ${cosmos.endpoint}`,
    async isReachable() {
      try {
        await database.read(point());
        return true;
      } catch {
        return false;
      }
    },
    dispose: () => {
      clearTimeout(retry);
      client.dispose();
    },
  };
}

/**
 * How long one point read or write may take, retries included. The SDK keeps retrying a
 * connection that fails for about ten seconds; a card action must be answered within Teams'
 * five, so the person hears "not saved, try again" in time instead of seeing Teams' own error.
 */
export const POINT_TIMEOUT_MS = 2_500;
/** A query reads a whole partition (a round's status updates or send jobs): more time. */
export const QUERY_TIMEOUT_MS = 15_000;

/** A transactional batch writes up to 100 documents (see createAll): more time than one point write. */
export const BATCH_TIMEOUT_MS = 10_000;

/** Options for a point operation: aborted after POINT_TIMEOUT_MS. */
export function point(): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(POINT_TIMEOUT_MS) };
}

/** Options for a transactional batch: aborted after BATCH_TIMEOUT_MS. */
export function batchOptions(): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(BATCH_TIMEOUT_MS) };
}

/** Creating the database or a container: the SDK's own retries, but not for ever. */
function provisioning(): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(5_000) };
}

/** Options for a query: aborted after QUERY_TIMEOUT_MS. */
export function query(): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(QUERY_TIMEOUT_MS) };
}

const SYSTEM_PROPERTIES = new Set(['_rid', '_self', '_etag', '_attachments', '_ts', '_lsn']);

/** What the domain gets back: the stored object without Cosmos' bookkeeping. */
export function plain<T extends object>(resource: T): T {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => !SYSTEM_PROPERTIES.has(key))) as T;
}

async function ignoreConflict(creation: Promise<unknown>): Promise<void> {
  try {
    await creation;
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
  }
}

export function isStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === status;
}
