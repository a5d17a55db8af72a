import { startLocalCosmos } from './local-cosmos';

/**
 * The local Cosmos server in a process of its own, for benchmarks: in-process it would share
 * the bot's event loop, and its query work would delay the bot's timers, which a real Cosmos
 * account never does. Prints one JSON line with the endpoint and key, stops on SIGTERM.
 */
async function main(): Promise<void> {
  const cosmos = await startLocalCosmos();
  process.stdout.write(`${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key })}\n`);
  process.once('SIGTERM', () => void cosmos.stop().then(() => process.exit(0)));
  process.once('disconnect', () => void cosmos.stop().then(() => process.exit(0)));
}

void main();
