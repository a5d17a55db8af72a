import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { ActivityHandler, CloudAdapter, type AdaptiveCardInvokeResponse } from 'botbuilder';
import restify from 'restify';
import { startApp } from '../../src/app';
import { botAuthentication } from '../../src/teams/adapter';
import { loadConfig } from '../../src/config';
import { logger } from '../../src/logger';
import { Scheduler } from '../../src/scheduler';
import { BARE_PATH } from './bench-bot-process';
import { kindOf, type StoreRequests } from './store-requests';

export interface BenchBotInput {
  readonly cosmosEndpoint: string;
  readonly cosmosKey: string;
  readonly database: string;
  /** Entra object ids of the coordinators. */
  readonly coordinators: readonly string[];
  /** For POST /api/scheduler/run, the external timer a bot without its own timer relies on. */
  readonly schedulerSecret: string;
  /**
   * Tell the store requests of the scheduler (planning and sending) from those of the turns, by
   * the async context each request was made in: costs some CPU, so only benches that need it ask.
   */
  readonly tellSchedulerApart?: boolean;
  /**
   * Auth on, as in production: an app id, and tokens checked against a local identity provider
   * (test/support/local-identity-provider.ts), for the bot and the bare bot alike. Replies to
   * messages would then need a token from Microsoft's login service, so only invokes can be measured.
   */
  readonly auth?: {
    readonly appId: string;
    readonly tenantId: string;
    readonly openIdMetadataUrl: string;
  };
}

/** A request the bot's HTTP server served, as seen in its own process. */
export interface ServedRequest {
  readonly path: string;
  /** The caller's `x-correlation-id`: how a bench tells its requests apart. */
  readonly tag: string;
  /** performance.now() in the bot's process when the request came in and when its answer was sent. */
  readonly start: number;
  readonly end: number;
  /** CPU time (user and system) the process used meanwhile, in microseconds. */
  readonly cpuMicros: number;
}

/** An HTTP request the bot's Cosmos client made, from the first byte out to the last byte of its answer in. */
export interface StoreCall {
  readonly kind: keyof StoreRequests;
  readonly start: number;
  readonly end: number;
  /** The container the request went to (statusUpdates, sendJobs …); empty for the account or database. */
  readonly container: string;
  /** Made by a scheduler tick (planning or sending) rather than a turn; only with `tellSchedulerApart`. */
  readonly scheduler?: boolean;
}

/** From the bench to the bot. */
export type BenchBotRequest =
  | { readonly type: 'records' }
  | { readonly type: 'cpu' }
  | { readonly type: 'profile'; readonly action: 'start' }
  | { readonly type: 'profile'; readonly action: 'stop'; readonly file: string }
  | { readonly type: 'stop' };

/** From the bot to the bench. */
export type BenchBotMessage =
  | { readonly type: 'listening'; readonly port: number }
  | {
      readonly type: 'records';
      readonly served: readonly ServedRequest[];
      readonly store: readonly StoreCall[];
    }
  | { readonly type: 'cpu'; readonly cpuMicros: number }
  | { readonly type: 'profile' };

/** What the bare bot answers every card action with: a small card, always the same. */
const FIXED_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Opgeslagen', weight: 'Bolder', wrap: true }],
};

/**
 * The baseline the benches hold the bot to: botbuilder's ActivityHandler with nothing of the
 * bot's own, an echo for a message and a fixed card for a card action.
 */
class BareBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: FIXED_CARD,
    });
  }
}

/**
 * The bot of `npm run bench:submit` and `npm run bench:turn` in a process of its own, started
 * with the bot's node flags (src/node-flags.ts): the real app (`startApp`), configured as in
 * production except for anonymous auth and no scheduler timer, as bench:load's. Beside it, on the
 * same restify server and so behind the same middleware, `POST /api/bare` runs a bare botbuilder
 * bot through a CloudAdapter of its own: the baseline, measured in the same run. The route exists
 * in this process only, never in the product's server.
 *
 * It records what it serves and what its Cosmos client sends, from Node's diagnostics channels
 * (no hook in the app's code): each served request with the CPU time used while it was under way
 * (exact when requests come one at a time), and each store request with its start, end and kind.
 * The bench asks for them, and for the process's CPU time, over IPC.
 */
async function main(input: BenchBotInput): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    SCHEDULER_INTERVAL_SECONDS: '0',
    SCHEDULER_SECRET: input.schedulerSecret,
    SEND_ANY_TIME: 'true',
    COORDINATORS: input.coordinators.join(','),
    COSMOS_ENDPOINT: input.cosmosEndpoint,
    COSMOS_KEY: input.cosmosKey,
    COSMOS_DATABASE: input.database,
    ...(input.auth
      ? {
          BOT_APP_ID: input.auth.appId,
          BOT_APP_PASSWORD: 'a-client-secret',
          BOT_TENANT_ID: input.auth.tenantId,
          BOT_OPENID_METADATA_URL: input.auth.openIdMetadataUrl,
        }
      : {}),
  });
  let served: ServedRequest[] = [];
  let store: StoreCall[] = [];
  recordServedRequests((request) => served.push(request));
  recordStoreCalls(new URL(input.cosmosEndpoint).host, input.tellSchedulerApart === true, (call) =>
    store.push(call),
  );

  const app = await startApp(config, { log: logger.child({ module: 'app' }, { level: config.logLevel }) });
  const bareAdapter = new CloudAdapter(botAuthentication(config.bot));
  const bareBot = new BareBot();
  app.server.post(
    BARE_PATH,
    restify.plugins.bodyReader({ maxBodySize: 256 * 1024 }),
    ...restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }),
    async (req: restify.Request, res: restify.Response) => {
      await bareAdapter.process(req, res, (context) => bareBot.run(context));
    },
  );

  const send = (message: BenchBotMessage) => process.send?.(message);
  const profiler = new CpuProfiler();
  process.on('message', (message: BenchBotRequest) => {
    switch (message.type) {
      case 'records':
        send({ type: 'records', served, store });
        served = [];
        store = [];
        break;
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        send({ type: 'cpu', cpuMicros: user + system });
        break;
      }
      case 'profile':
        void (message.action === 'start' ? profiler.start() : profiler.stop(message.file)).then(
          () => send({ type: 'profile' }),
          (error: unknown) => {
            logger.child({ module: 'bench:bot' }).error({ err: error }, 'the CPU profile failed');
            send({ type: 'profile' });
          },
        );
        break;
      case 'stop':
        void app.close().then(() => process.exit(0));
        break;
    }
  });
  send({ type: 'listening', port: app.port });
}

/** V8's sampling profiler, for the part of a run the bench asks for; written as a .cpuprofile. */
class CpuProfiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.session.post('Profiler.start');
  }

  async stop(file: string): Promise<void> {
    const { profile } = await this.session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    this.session.disconnect();
  }
}

function recordServedRequests(record: (request: ServedRequest) => void): void {
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = performance.now();
    const cpu = process.cpuUsage();
    const tag = request.headers['x-correlation-id'];
    response.once('finish', () => {
      const { user, system } = process.cpuUsage(cpu);
      record({
        path: (request.url ?? '').split('?')[0] ?? '',
        tag: typeof tag === 'string' ? tag : '',
        start,
        end: performance.now(),
        cpuMicros: user + system,
      });
    });
  });
}

function recordStoreCalls(
  host: string,
  tellSchedulerApart: boolean,
  record: (call: StoreCall) => void,
): void {
  const started = new WeakMap<ClientRequest, number>();
  const bySchedulers = new WeakSet<ClientRequest>();
  if (tellSchedulerApart) {
    const inTick = markSchedulerTicks();
    // A request is created in its caller's async context (it starts later, from a socket's callback).
    subscribe('http.client.request.created', (message) => {
      const { request } = message as { request: ClientRequest };
      if (inTick() && request.getHeader('host') === host) bySchedulers.add(request);
    });
  }
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') === host) started.set(request, performance.now());
  });
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const start = started.get(request);
    if (start === undefined) return;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      record({
        kind: kindOf(request),
        start,
        end: performance.now(),
        container: /\/colls\/([^/]+)/.exec(request.path)?.[1] ?? '',
        ...(tellSchedulerApart ? { scheduler: bySchedulers.has(request) } : {}),
      });
    };
    response.once('end', finished);
    response.once('close', finished);
  });
}

/**
 * Runs every scheduler tick (src/scheduler.ts: plan, then send) in an async context of its own,
 * and returns whether the code running now belongs to one. The context follows every await,
 * timer and callback the tick starts, whoever kicked it (a turn does, without waiting for it).
 * The bench's bot wraps the class's private run for this; the app's code is unchanged.
 */
function markSchedulerTicks(): () => boolean {
  const tick = new AsyncLocalStorage<true>();
  const prototype = Scheduler.prototype as unknown as { runOnce: () => Promise<unknown> };
  const runOnce = prototype.runOnce;
  prototype.runOnce = function (this: Scheduler) {
    return tick.run(true, () => runOnce.call(this));
  };
  return () => tick.getStore() === true;
}

process.once('disconnect', () => process.exit(0));
main(JSON.parse(process.argv[2] ?? '{}') as BenchBotInput).catch((error: unknown) => {
  logger.child({ module: 'bench:bot' }).fatal({ err: error }, 'the bot of the bench did not start');
  process.exit(1);
});
