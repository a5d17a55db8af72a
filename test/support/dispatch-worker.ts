import { setTimeout as sleep } from 'node:timers/promises';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { dispatchDueSends } from '../../src/domain/use-cases/dispatch-due-sends';
import { openCosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { TeamsJobSender } from '../../src/teams/job-sender';
import { createOutbound } from '../../src/teams/outbound/outbound-queue';

/**
 * One bot instance's dispatcher in a process of its own, so a test can stop it with SIGTERM or
 * kill it with SIGKILL halfway. Arguments: a JSON object with the Cosmos settings, an instance id and how far its
 * clock runs ahead (to play an instance that starts after the dead one's leases ran out).
 */
async function main(): Promise<void> {
  const { endpoint, key, database, instanceId, clockOffsetMs } = JSON.parse(process.argv[2] ?? '{}') as {
    endpoint: string;
    key: string;
    database: string;
    instanceId: string;
    clockOffsetMs: number;
  };
  const store = await openCosmosStore({ endpoint, key, database });
  const clock = { now: () => new Date(Date.now() + clockOffsetMs) };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const sender = new TeamsJobSender(adapter, '', createOutbound({ clock: Date, sleep }), clock);
  // SIGTERM is how a platform stops an instance: stop taking jobs, finish what is under way.
  const stopping = new AbortController();
  process.once('SIGTERM', () => {
    stopping.abort();
  });
  const report = await dispatchDueSends({
    ...cosmosRepositories(store),
    clock,
    sender,
    instanceId,
    signal: stopping.signal,
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
  store.dispose();
}

void main();
