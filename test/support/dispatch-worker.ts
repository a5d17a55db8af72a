import { setTimeout as sleep } from 'node:timers/promises';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { dispatchDueSends } from '../../src/domain/use-cases/dispatch-due-sends';
import { openCosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import type { Repositories } from '../../src/domain/repositories';
import { TeamsJobSender } from '../../src/teams/proactive/job-sender';
import { createOutbound } from '../../src/teams/proactive/outbound-queue';

/**
 * One bot instance's dispatcher in a process of its own, so a test can stop it with SIGTERM or
 * kill it with SIGKILL halfway. Arguments: a JSON object with the Cosmos settings, an instance id and how far its
 * clock runs ahead (to play an instance that starts after the dead one's leases ran out). Its last
 * line on stdout is `{ report }` when the run ended, or `{ error }` when the store stopped it.
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
  // Which store calls failed, and after how long: what a run the store stopped reports.
  const failedCalls: string[] = [];
  try {
    const report = await dispatchDueSends({
      ...watched(cosmosRepositories(store), failedCalls),
      clock,
      sender,
      instanceId,
      signal: stopping.signal,
    });
    process.stdout.write(`${JSON.stringify({ report })}\n`);
  } catch (error) {
    // A run the store stopped, as a scheduler tick can end: said on the last line, not as a crash.
    process.stdout.write(
      `${JSON.stringify({ error: error instanceof Error ? error.message : String(error), failedCalls })}\n`,
    );
    process.exitCode = 1;
  } finally {
    store.dispose();
  }
}

/** The repositories, each call that fails noted as `repository.method after N ms`. */
function watched(repositories: Repositories, failedCalls: string[]): Repositories {
  const wrap = <T extends object>(name: string, repository: T): T =>
    new Proxy(repository, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (error) {
            failedCalls.push(
              `${name}.${String(property)} after ${Math.round(performance.now() - started)} ms`,
            );
            throw error;
          }
        };
      },
    });
  return Object.fromEntries(
    Object.entries(repositories).map(([name, repository]) => [name, wrap(name, repository as object)]),
  ) as unknown as Repositories;
}

void main();
