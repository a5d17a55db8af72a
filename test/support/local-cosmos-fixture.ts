import { randomUUID } from 'node:crypto';
import { startLocalCosmos, type LocalCosmos } from '../../scripts/local/local-cosmos';
import type { Config } from '../../src/config';
import { openCosmosStore, type CosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';

/** One in-memory local Cosmos server for the whole test run, started on first use. */
let shared: Promise<LocalCosmos> | undefined;

export function localCosmos(): Promise<LocalCosmos> {
  shared ??= startLocalCosmos();
  return shared;
}

/** Settings for a fresh, uniquely named database, so tests never see each other's data. */
export async function freshCosmosConfig(): Promise<Config['cosmos']> {
  const cosmos = await localCosmos();
  return { endpoint: cosmos.endpoint, key: cosmos.key, database: `test-${randomUUID()}` };
}

export async function freshStore(): Promise<CosmosStore> {
  return openCosmosStore(await freshCosmosConfig());
}

/** Mocha root hook: the shared server stops when the run ends, so nothing keeps the process alive. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (shared) await (await shared).stop();
    shared = undefined;
  },
};
