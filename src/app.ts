import type restify from 'restify';
import type { Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import type { Person } from './domain/model';
import { openCosmosStore, type CosmosStore } from './infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from './infrastructure/cosmos/repositories';
import { logger as rootLogger, type Logger } from './logger';
import { createServer, listen } from './server';
import { createAdapter } from './teams/adapter';
import { StandVanZakenBot } from './teams/bot';
import { messageEndpoint } from './teams/message-endpoint';
import { TeamsJobSender } from './teams/job-sender';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOutbound } from './teams/outbound/outbound-queue';
import { evenlySpaced, TEAMS_RATE_LIMITS, withSafetyMargin } from './teams/outbound/sliding-window-limiter';
import { Scheduler } from './scheduler';
import { DEFAULT_REMINDER_PLAN } from './domain/reminder-plan';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface RunningApp {
  readonly server: restify.Server;
  readonly port: number;
  readonly store: CosmosStore;
  readonly scheduler: Scheduler;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
}

/**
 * Wires the parts together and starts listening: Cosmos store, repositories, adapter, bot,
 * HTTP server. Production (main.ts), `npm run dev` and the integration tests all start here.
 */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? rootLogger;
  const store = await openCosmosStore(config.cosmos);
  const repositories = cosmosRepositories(store);
  const adapter = createAdapter(config.bot, log.child({ module: 'adapter' }), config.defaultLanguage);
  const coordinators = new Set(config.coordinators);
  const clock = options.clock ?? systemClock;
  const scheduler = new Scheduler({
    repositories,
    clock,
    // Rate limits are about real seconds, whatever the domain clock says.
    sender: new TeamsJobSender(
      adapter,
      config.bot?.appId ?? '',
      createOutbound({ clock: Date, sleep, limits: evenlySpaced(withSafetyMargin(TEAMS_RATE_LIMITS, 30)) }),
      clock,
    ),
    instanceId: `${hostname()}-${randomUUID()}`,
    log: log.child({ module: 'scheduler' }),
    intervalMs: config.scheduler.intervalMs,
  });
  const bot = new StandVanZakenBot({
    repositories,
    clock,
    sendDueMessages: () => void scheduler.tick().catch(() => undefined),
    reminderPlan: { ...DEFAULT_REMINDER_PLAN, sendAnyTime: config.scheduler.sendAnyTime },
    log: log.child({ module: 'bot' }),
    defaultLanguage: config.defaultLanguage,
    isCoordinator: (person: Person) =>
      coordinators.has(person.id) || (person.email !== undefined && coordinators.has(person.email)),
    coordinatorsByEmail: config.coordinators.some((id) => id.includes('@')),
  });
  const server = createServer({
    messages: messageEndpoint(adapter, bot),
    scheduler: { secret: config.scheduler.secret, run: () => scheduler.tick() },
    log: log.child({ module: 'http' }),
    health: async () => {
      const reachable = await store.isReachable();
      return {
        healthy: reachable,
        store: { description: store.description, database: config.cosmos.database, reachable },
      };
    },
  });
  const port = await listen(server, config.host, config.port);
  scheduler.start();
  log.info({ url: `http://${config.host}:${port}/api/messages`, store: store.description }, 'bot listening');
  return {
    server,
    port,
    store,
    scheduler,
    async close() {
      await scheduler.stop();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      store.dispose();
    },
  };
}
