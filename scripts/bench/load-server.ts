import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { logger } from '../../src/logger';

export interface LoadServerInput {
  readonly cosmosEndpoint: string;
  readonly cosmosKey: string;
  readonly database: string;
  /** Entra object ids of the coordinators. */
  readonly coordinators: readonly string[];
  /** For POST /api/scheduler/run, the external timer a bot without its own timer relies on. */
  readonly schedulerSecret: string;
}

/** What the bot process tells the bench over IPC. */
export type LoadServerMessage =
  | { readonly type: 'listening'; readonly port: number }
  | {
      readonly type: 'memory';
      /** Date.now() when sampled. */
      readonly at: number;
      readonly rss: number;
      readonly heapUsed: number;
      /** What V8 holds for its heap, in use or not: RSS can grow with it while heapUsed does not. */
      readonly heapTotal: number;
      /** Memory outside the V8 heap: Buffers (HTTP bodies, TLS) and other native objects. */
      readonly external: number;
      /** CPU time this process used so far (user and system), in microseconds. */
      readonly cpuMicros: number;
    };

const SAMPLE_EVERY_MS = 1000;

/**
 * The bot of `npm run bench:load` in a process of its own, started with the bot's node flags
 * (src/node-flags.ts), so that the memory it reports is that of the bot alone: the real app
 * (`startApp`), configured as in production except for anonymous auth (no Bot Framework tokens
 * to be had here) and no scheduler timer (the bench triggers it, as an external timer would). Sends its RSS, heap and CPU time every second over IPC; stops on
 * a 'stop' message, and when the bench goes away.
 */
async function main(input: LoadServerInput): Promise<void> {
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
  });
  const app = await startApp(config, { log: logger.child({ module: 'app' }, { level: config.logLevel }) });
  const send = (message: LoadServerMessage) => process.send?.(message);
  const sampler = setInterval(() => {
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    send({ type: 'memory', at: Date.now(), rss, heapUsed, heapTotal, external, cpuMicros: user + system });
  }, SAMPLE_EVERY_MS);
  process.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    clearInterval(sampler);
    void app.close().then(() => process.exit(0));
  });
  send({ type: 'listening', port: app.port });
}

process.once('disconnect', () => process.exit(0));
main(JSON.parse(process.argv[2] ?? '{}') as LoadServerInput).catch((error: unknown) => {
  logger.child({ module: 'bench:load' }).fatal({ err: error }, 'the bot of bench:load did not start');
  process.exit(1);
});
