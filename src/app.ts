import type restify from 'restify';
import type { Config } from './config';
import { roleChecks } from './domain/access';
import { systemClock, type Clock } from './domain/clock';
import { openCosmosStore, type CosmosStore } from './infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from './infrastructure/cosmos/repositories';
import { logger as rootLogger, type Logger } from './logger';
import type { HttpLimits } from './http-limits';
import { createServer, listen } from './server';
import { createAdapter } from './teams/adapter';
import { StandVanZakenBot } from './teams/bot';
import { messageEndpoint } from './teams/message-endpoint';
import { createTeamsSender } from './teams/proactive/job-sender';
import { Scheduler } from './scheduler';
import { DEFAULT_REMINDER_PLAN } from './domain/reminder-plan';
import { randomBytes, randomUUID } from 'node:crypto';
import { compileRoundChapter } from './domain/use-cases/compile-report';
import { documentEndpoint } from './report/document-endpoint';
import { registerSheetEndpoint } from './report/register-sheet-endpoint';
import { answerSheetEndpoint } from './report/answer-sheet-endpoint';
import { compileAnswerSheet } from './domain/use-cases/answer-sheet';
import { DownloadRefused, safeDownload } from './infrastructure/safe-download';
import { readRegister } from './infrastructure/spreadsheet';
import { downloadLinks } from './report/signed-links';
import { hostname } from 'node:os';
import { VERSION } from './version';

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
  /** How often to try the store again when it did not answer at start-up (default 10 s). */
  readonly storeRetryMs?: number;
  /** Client timeouts and the connection cap (DEFAULT_HTTP_LIMITS); tests make them short. */
  readonly httpLimits?: HttpLimits;
  /** How long a health answer is reused (HEALTH_CACHE_MS). */
  readonly healthCacheMs?: number;
}

/**
 * Wires the parts together and starts listening: Cosmos store, repositories, adapter, bot,
 * HTTP server. Production (main.ts), `npm run dev` and the integration tests all start here.
 */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? rootLogger;
  const store = await openCosmosStore(config.cosmos, {
    startWithoutStore: {
      onUnreachable: (error) =>
        log.error(
          { err: error, endpoint: config.cosmos.endpoint },
          'Cosmos DB does not answer at start-up: starting without it; /healthz reports it, and the database is made as soon as it answers',
        ),
      onReachable: () =>
        log.info(
          { endpoint: config.cosmos.endpoint },
          'Cosmos DB answers now; database and containers ready',
        ),
      retryMs: options.storeRetryMs,
    },
  });
  const repositories = cosmosRepositories(store);
  const adapter = createAdapter(config.bot, log.child({ module: 'adapter' }), config.defaultLanguage);
  const roles = roleChecks(config);
  const clock = options.clock ?? systemClock;
  const scheduler = new Scheduler({
    repositories,
    clock,
    sender: createTeamsSender(adapter, config.bot?.appId ?? '', clock),
    instanceId: `${hostname()}-${randomUUID()}`,
    log: log.child({ module: 'scheduler' }),
    intervalMs: config.scheduler.intervalMs,
  });
  const documentSecret = config.documents.secret ?? randomBytes(32).toString('base64url');
  if (!config.documents.secret && config.environment === 'production') {
    log.warn('DOCUMENT_SECRET is not set: download links work only on this instance and until it restarts');
  }
  // The port is known only once the server listens (0 in tests picks a free one).
  let boundPort = config.port;
  const publicBaseUrl = () => config.documents.publicBaseUrl ?? `http://${config.host}:${boundPort}`;
  const { documentLinks, answerSheetLink, registerSheetLink } = downloadLinks({
    secret: documentSecret,
    baseUrl: publicBaseUrl,
    now: () => clock.now(),
  });
  const downloadPolicy = { allowedHosts: config.fileDownloadHosts, timeoutMs: 10_000 };
  const bot = new StandVanZakenBot({
    repositories,
    clock,
    sendDueMessages: () => void scheduler.tick().catch(() => undefined),
    reminderPlan: {
      ...DEFAULT_REMINDER_PLAN,
      sendAnyTime: config.scheduler.sendAnyTime,
      firstAsk: config.scheduler.firstAsk,
      remindersPerWeek: config.scheduler.remindersPerWeek,
    },
    log: log.child({ module: 'bot' }),
    defaultLanguage: config.defaultLanguage,
    isCoordinator: roles.isCoordinator,
    coordinators: roles.coordinators,
    coordinatorsByEmail: config.coordinators.some((id) => id.includes('@')),
    speerpuntReviewers: config.speerpuntReviewers,
    mayReadAll: roles.mayReadAll,
    documentLinks,
    answerSheetLink,
    registerSheetLink,
    downloadFile: async (url, maxBytes) => {
      try {
        return { ok: true, bytes: await safeDownload(url, { ...downloadPolicy, maxBytes }) };
      } catch (error) {
        if (error instanceof DownloadRefused) return { ok: false, reason: error.reason };
        throw error;
      }
    },
    readRegister,
    newId: randomUUID,
    tenantAllowed: roles.tenantAllowed,
  });
  let stopping = false;
  const server = createServer({
    ...(options.httpLimits ? { httpLimits: options.httpLimits } : {}),
    ...(options.healthCacheMs !== undefined ? { healthCacheMs: options.healthCacheMs } : {}),
    stopping: () => stopping,
    messages: messageEndpoint(adapter, bot, { log: log.child({ module: 'messages' }), clock }),
    scheduler: { secret: config.scheduler.secret, run: () => scheduler.tick() },
    log: log.child({ module: 'http' }),
    documents: documentEndpoint({
      secret: documentSecret,
      clock,
      compile: (roundId, mode, options) =>
        compileRoundChapter(roundId, { ...repositories, clock }, mode, options),
      houseStyle: () => repositories.houseTemplates.get(),
      log: log.child({ module: 'documents' }),
    }),
    answerSheets: answerSheetEndpoint({
      secret: documentSecret,
      clock,
      compile: (roundId, reader) => compileAnswerSheet(roundId, reader, repositories),
      log: log.child({ module: 'answer-sheets' }),
    }),
    registerSheets: registerSheetEndpoint({
      secret: documentSecret,
      clock,
      registerDrafts: repositories.registerDrafts,
      log: log.child({ module: 'register-sheets' }),
    }),
    health: async () => {
      const reachable = await store.isReachable();
      return {
        healthy: reachable,
        store: { description: store.description, database: config.cosmos.database, reachable },
      };
    },
  });
  const port = await listen(server, config.host, config.port);
  boundPort = port;
  scheduler.start();
  log.info(
    { url: `http://${config.host}:${port}/api/messages`, store: store.description, version: VERSION },
    'bot listening',
  );
  return {
    server,
    port,
    store,
    scheduler,
    /**
     * Graceful: no new requests are taken, turns under way finish (the store stays open for
     * them), the dispatcher finishes its sends and gives back what it claimed, then the store
     * closes.
     */
    async close() {
      stopping = true;
      const drained = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await Promise.all([scheduler.stop(), drained]);
      store.dispose();
      log.info('stopped');
    },
  };
}
