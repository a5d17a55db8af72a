import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { logger } from '../../src/logger';
import { NODE_FLAGS } from '../../src/node-flags';
import { startCosmosProcess } from './local-cosmos-process';
import { LoadConnector } from './load-connector';
import {
  KINDS,
  MESSAGE_KINDS,
  type Kind,
  type KindFigures,
  type LoadDriverInput,
  type LoadDriverResult,
} from './load-mix';
import type { LoadServerInput, LoadServerMessage } from './load-server';
import { printFigures } from './print-figures';
import { seedRound, users } from './seed-round';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const PROJECTS = 300;
const OWNERS = 50;
const COORDINATORS = 2;
/** The summary card shows 15 projects a page. */
const SUMMARY_PAGE_SIZE = 15;
/** Memory is compared from the end of the warm-up on: the first 10 s fill caches and grow the heap. */
const WARM_UP_SECONDS = 10;
const WINDOW_SECONDS = 10;
const SERIES_EVERY_SECONDS = 5;
/**
 * At most 10% more RSS in the last 10 s than in the 10 s after the warm-up. Runs without a leak
 * moved between 0.99× and 1.06× (V8 collects when it likes, the data grows), so a tighter bound
 * would fail on noise. In 60 s at about 20 requests/s it catches what keeps some 20 kB a request
 * (the heap ratio, about 8 kB); a longer run (BENCH_SECONDS) catches proportionally less.
 */
const TARGET_GROWTH_RATIO = 1.1;
const DATABASE = 'bench-load';
const log = logger.child({ module: 'bench:load' });

/** From and to, in seconds after the load started. */
type Window = readonly [number, number];

interface MemorySample {
  readonly at: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly cpuMicros: number;
}

/**
 * `npm run bench:load`: the real bot in a process of its own (with its node flags), the local
 * Cosmos server in another, and a mixed load from a third: text commands, card submits and
 * summary pages from 50 owners of 300 projects and 2 coordinators, for BENCH_SECONDS (60) at
 * BENCH_CONCURRENCY (16) requests at a time. The connector that stands in for Teams runs here.
 * Prints throughput, p50/p99/max per kind, errors and the bot's RSS over time; the baselines are
 * the bare message turn (`hulp`) for latency and the 10 s after the warm-up for memory.
 */
async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  const connector = await new LoadConnector().start();
  let server: ChildProcess | undefined;
  try {
    const owners = users('owner', OWNERS, 'Eigenaar');
    const coordinators = users('coordinator', COORDINATORS, 'Coördinator');
    const memory: MemorySample[] = [];
    const input: LoadServerInput = {
      cosmosEndpoint: cosmos.endpoint,
      cosmosKey: cosmos.key,
      database: DATABASE,
      coordinators: coordinators.map((user) => user.aadObjectId),
      schedulerSecret: randomBytes(32).toString('base64url'),
    };
    server = fork(join(__dirname, 'load-server.js'), [JSON.stringify(input)], {
      execArgv: [...NODE_FLAGS],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      server?.once('exit', (code) => {
        reject(new Error(`the bot exited (${code ?? 'signal'}) before it listened`));
      });
      server?.on('message', (message: LoadServerMessage) => {
        if (message.type === 'listening') resolve(message.port);
        else memory.push(message);
      });
    });
    const botUrl = `http://127.0.0.1:${port}`;
    log.info(`the bot listens on ${botUrl} with ${NODE_FLAGS.join(' ')}; seeding (not timed)`);
    const bot = { url: botUrl, schedulerSecret: input.schedulerSecret };
    const projects = await seedRound(bot, connector, cosmos, {
      database: DATABASE,
      projects: PROJECTS,
      owners,
      coordinators,
    });

    log.info(`${SECONDS} s of mixed load at ${CONCURRENCY} requests at a time, from a process of its own`);
    const driverInput: LoadDriverInput = {
      botUrl,
      connectorUrl: connector.url,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      owners,
      coordinators,
      projects,
      summaryPages: Math.ceil(PROJECTS / SUMMARY_PAGE_SIZE),
    };
    const result = await drive(driverInput);
    const stopped = once(server, 'exit');
    server.send('stop');
    await stopped;
    server = undefined;

    const figures = figuresOf(result, memory, connector);
    report(result, figures, memory);
    if (figures.errors > 0) process.exitCode = 1;
    if (!figures.withinTargets) log.warn('not within the targets');
    printFigures(figures);
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await connector.stop();
    await cosmos.stop();
  }
}

/** Runs the load in a process of its own and resolves with what it measured. */
async function drive(input: LoadDriverInput): Promise<LoadDriverResult> {
  const driver = fork(join(__dirname, 'load-driver.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result = new Promise<LoadDriverResult>((resolve, reject) => {
    driver.once('message', (message: LoadDriverResult) => {
      resolve(message);
    });
    driver.once('exit', (code) => {
      reject(new Error(`the load process exited (${code ?? 'signal'}) without a result`));
    });
  });
  driver.send(input);
  try {
    return await result;
  } finally {
    if (driver.exitCode === null) await once(driver, 'exit');
  }
}

function figuresOf(result: LoadDriverResult, memory: readonly MemorySample[], connector: LoadConnector) {
  const replies = connector.replies();
  const kinds = Object.fromEntries(
    KINDS.map((kind) => {
      const measured = result.kinds[kind];
      const answered = replies[kind];
      // A message is answered through the connector: one reply each, none of them a failure.
      const missingReplies = MESSAGE_KINDS.includes(kind)
        ? Math.max(0, measured.count - (answered?.replies ?? 0))
        : 0;
      const failedReplies = answered?.failures ?? 0;
      const { samples: _samples, ...figures } = measured;
      return [kind, { ...figures, errors: measured.errors + missingReplies + failedReplies }];
    }),
  ) as Record<Kind, Omit<KindFigures, 'samples'>>;
  const requests = KINDS.reduce((sum, kind) => sum + kinds[kind].count, 0);
  const errors = KINDS.reduce((sum, kind) => sum + kinds[kind].errors, 0) + connector.unexpected;

  // Both windows lie within the load's own time: after it, the last answers trickle in.
  const seconds = (sample: MemorySample) => (sample.at - result.startedAt) / 1000;
  const during = memory.filter((sample) => seconds(sample) >= 0 && seconds(sample) <= SECONDS);
  const warm: Window = [WARM_UP_SECONDS, WARM_UP_SECONDS + WINDOW_SECONDS];
  const end: Window = [SECONDS - WINDOW_SECONDS, SECONDS];
  const within = ([from, to]: Window) =>
    during.filter((sample) => seconds(sample) >= from && seconds(sample) < to);
  const rss = (window: Window) => median(within(window).map((sample) => sample.rss)) / MB;
  const heap = (window: Window) => median(within(window).map((sample) => sample.heapUsed)) / MB;
  const heapTotal = (window: Window) => median(within(window).map((sample) => sample.heapTotal)) / MB;
  const external = (window: Window) => median(within(window).map((sample) => sample.external)) / MB;
  const answered = ([from, to]: Window) =>
    result.answeredAtMs.filter((at) => at >= from * 1000 && at < to * 1000).length;
  const rate = (window: Window) => answered(window) / (window[1] - window[0]);
  /** The bot's CPU time per request answered, between the first and the last sample of a window. */
  const cpuPerRequest = (window: Window) => {
    const samples = within(window);
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!first || !last || first === last) return Number.NaN;
    return (last.cpuMicros - first.cpuMicros) / 1000 / answered([seconds(first), seconds(last)]);
  };
  const series = Array.from({ length: Math.floor(SECONDS / SERIES_EVERY_SECONDS) + 1 }, (_, i) =>
    nearest(during, (sample) => Math.abs(seconds(sample) - i * SERIES_EVERY_SECONDS)),
  ).filter((sample) => sample !== undefined);
  const rssGrowthRatio = rss(end) / rss(warm);
  const heapGrowthRatio = heap(end) / heap(warm);
  const hulpP99 = kinds.hulp.p99Ms;
  const messages = MESSAGE_KINDS.filter((kind) => kind !== 'hulp');

  return {
    bench: 'load',
    seconds: result.seconds,
    concurrency: CONCURRENCY,
    projects: PROJECTS,
    owners: OWNERS,
    requests,
    requestsPerSecond: round(requests / result.seconds),
    requestsPerSecondLastOfAfterWarmUp: round(rate(end) / rate(warm)),
    errors,
    overTeamsTimeout: KINDS.reduce((sum, kind) => sum + kinds[kind].overTeamsTimeout, 0),
    kinds,
    submitP99OfHulp: round(kinds.submit.p99Ms / hulpP99),
    summaryPageP99OfHulp: round(kinds['summary-page'].p99Ms / hulpP99),
    slowestMessageP99OfHulp: round(Math.max(...messages.map((kind) => kinds[kind].p99Ms)) / hulpP99),
    botCpuShare: round(cpuShare(during)),
    botCpuMsPerRequestAfterWarmUp: round(cpuPerRequest(warm)),
    botCpuMsPerRequestLast: round(cpuPerRequest(end)),
    botCpuPerRequestLastOfAfterWarmUp: round(cpuPerRequest(end) / cpuPerRequest(warm)),
    rssStartMB: round((during[0]?.rss ?? 0) / MB),
    rssAfterWarmUpMB: round(rss(warm)),
    rssLastMB: round(rss(end)),
    rssMaxMB: round(Math.max(...during.map((sample) => sample.rss)) / MB),
    rssGrowthRatio: round(rssGrowthRatio),
    heapAfterWarmUpMB: round(heap(warm)),
    heapLastMB: round(heap(end)),
    heapGrowthRatio: round(heapGrowthRatio),
    heapTotalAfterWarmUpMB: round(heapTotal(warm)),
    heapTotalLastMB: round(heapTotal(end)),
    externalAfterWarmUpMB: round(external(warm)),
    externalLastMB: round(external(end)),
    rssEvery5sMB: series.map((sample) => Math.round(sample.rss / MB)),
    // Whole windows within the load's time only: the last answers trickle in after it.
    requestsPerSecondEvery5s: Array.from({ length: Math.floor(SECONDS / SERIES_EVERY_SECONDS) }, (_, i) =>
      round(rate([i * SERIES_EVERY_SECONDS, (i + 1) * SERIES_EVERY_SECONDS])),
    ),
    versionsPerProject: [result.versionsMin, result.versionsMax],
    cardUpdates: connector.updated,
    targetRssGrowthRatio: TARGET_GROWTH_RATIO,
    withinTargets: errors === 0 && rssGrowthRatio <= TARGET_GROWTH_RATIO,
  };
}

function report(
  result: LoadDriverResult,
  figures: ReturnType<typeof figuresOf>,
  memory: readonly MemorySample[],
): void {
  log.info(
    `${figures.requests} requests in ${figures.seconds} s = ${figures.requestsPerSecond}/s; errors ${figures.errors}; ` +
      `answered later than Teams waits ${figures.overTeamsTimeout}`,
  );
  for (const kind of KINDS) {
    const { count, errors, p50Ms, p99Ms, maxMs, overTeamsTimeout } = figures.kinds[kind];
    log.info(
      `${kind}: ${count} requests, ${errors} errors, p50 ${p50Ms} ms, p99 ${p99Ms} ms, max ${maxMs} ms` +
        (overTeamsTimeout > 0 ? `, ${overTeamsTimeout} later than Teams waits` : ''),
    );
    if (result.kinds[kind].samples.length > 0)
      log.warn({ samples: result.kinds[kind].samples }, `${kind} errors`);
  }
  const replies = Object.entries(figures.kinds).filter(([kind]) => MESSAGE_KINDS.includes(kind as Kind));
  if (figures.errors > 0) log.warn({ replies: Object.fromEntries(replies) }, 'replies at the connector');
  log.info(
    `bot RSS every ${SERIES_EVERY_SECONDS} s (MB): ${figures.rssEvery5sMB.join(' ')}; after the warm-up ` +
      `${figures.rssAfterWarmUpMB} MB, last ${WINDOW_SECONDS} s ${figures.rssLastMB} MB = ${figures.rssGrowthRatio}× ` +
      `(target ≤ ${TARGET_GROWTH_RATIO}); heap ${figures.heapAfterWarmUpMB} → ${figures.heapLastMB} MB = ` +
      `${figures.heapGrowthRatio}×; V8 holds ${figures.heapTotalAfterWarmUpMB} → ${figures.heapTotalLastMB} MB; outside the heap ${figures.externalAfterWarmUpMB} → ${figures.externalLastMB} MB`,
  );
  log.info(
    `requests/s every ${SERIES_EVERY_SECONDS} s: ${figures.requestsPerSecondEvery5s.join(' ')}; the last ` +
      `${WINDOW_SECONDS} s ${figures.requestsPerSecondLastOfAfterWarmUp}× the ${WINDOW_SECONDS} s after the warm-up`,
  );
  log.info(
    `bot CPU ${figures.botCpuShare} of a core; per request ${figures.botCpuMsPerRequestAfterWarmUp} ms after the ` +
      `warm-up, ${figures.botCpuMsPerRequestLast} ms in the last ${WINDOW_SECONDS} s = ${figures.botCpuPerRequestLastOfAfterWarmUp}×`,
  );
  if (memory.length === 0) log.warn('the bot reported no memory samples');
  if (SECONDS < WARM_UP_SECONDS + 2 * WINDOW_SECONDS) {
    log.warn(`a run under ${WARM_UP_SECONDS + 2 * WINDOW_SECONDS} s compares overlapping memory windows`);
  }
}

const MB = 1024 * 1024;

/** The share of one core the bot used between the first and the last sample. */
function cpuShare(samples: readonly MemorySample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at === first.at) return Number.NaN;
  return (last.cpuMicros - first.cpuMicros) / 1000 / (last.at - first.at);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function nearest<T>(items: readonly T[], distance: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || distance(item) < distance(best)) best = item;
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The servers stop by themselves even if something hangs: the bot and Cosmos exit with this process. */
setTimeout(
  () => {
    log.fatal('bench:load took far longer than it should; stopping');
    process.exit(1);
  },
  (SECONDS + 600) * 1000,
).unref();

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:load failed');
  process.exit(1);
});
