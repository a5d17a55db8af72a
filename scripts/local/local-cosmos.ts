import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { Agent } from 'node:https';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CosmosClient, type ItemDefinition } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';

/** The Cosmos DB emulator's published well-known key; the local server accepts any key. */
export const LOCAL_COSMOS_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface LocalCosmos {
  readonly endpoint: string;
  readonly key: string;
  /** Writes the snapshot now (when persisting) and waits for it. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface Snapshot {
  databases: { id: string; containers: { id: string; partitionKey: string[]; items: ItemDefinition[] }[] }[];
}

const SYSTEM_PROPERTIES = new Set(['_rid', '_self', '_etag', '_attachments', '_ts']);

/**
 * Starts @vercel/cosmosdb-server in this process on 127.0.0.1. It keeps data in memory only, so
 * with `persistTo` every write is followed (debounced) by a JSON snapshot that the next start
 * loads again: `npm run dev` keeps its data across restarts. Development and tests only.
 */
export async function startLocalCosmos(
  options: { port?: number; persistTo?: string } = {},
): Promise<LocalCosmos> {
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const client = new CosmosClient({
    endpoint,
    key: LOCAL_COSMOS_KEY,
    agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  });

  const persistTo = options.persistTo;
  let pending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const snapshotNow = () => {
    pending = pending
      .then(() => (persistTo ? writeSnapshot(client, persistTo) : undefined))
      .catch(() => undefined);
    return pending;
  };

  if (persistTo) {
    if (existsSync(persistTo))
      await loadSnapshot(client, JSON.parse(readFileSync(persistTo, 'utf8')) as Snapshot);
    server.on('request', (req, res) => {
      const isQuery = req.headers['x-ms-documentdb-isquery'] !== undefined;
      if (req.method === 'GET' || req.method === 'HEAD' || isQuery) return;
      res.once('finish', () => {
        clearTimeout(timer);
        timer = setTimeout(() => void snapshotNow(), 250);
      });
    });
  }

  return {
    endpoint,
    key: LOCAL_COSMOS_KEY,
    flush: async () => {
      clearTimeout(timer);
      await snapshotNow();
    },
    async stop() {
      clearTimeout(timer);
      if (persistTo) await snapshotNow();
      client.dispose();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

async function writeSnapshot(client: CosmosClient, file: string): Promise<void> {
  const snapshot: Snapshot = { databases: [] };
  const { resources: databases } = await client.databases.readAll().fetchAll();
  for (const { id } of databases) {
    const database = client.database(id);
    const { resources: containers } = await database.containers.readAll().fetchAll();
    const entry: Snapshot['databases'][number] = { id, containers: [] };
    for (const definition of containers) {
      const { resources: items } = await database.container(definition.id).items.readAll().fetchAll();
      entry.containers.push({
        id: definition.id,
        partitionKey: definition.partitionKey?.paths ?? ['/id'],
        items: items.map(
          (item) =>
            Object.fromEntries(
              Object.entries(item).filter(([key]) => !SYSTEM_PROPERTIES.has(key)),
            ) as ItemDefinition,
        ),
      });
    }
    snapshot.databases.push(entry);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
  renameSync(`${file}.tmp`, file);
}

async function loadSnapshot(client: CosmosClient, snapshot: Snapshot): Promise<void> {
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: { paths: c.partitionKey },
      });
      for (const item of c.items) await container.items.upsert(item);
    }
  }
}
