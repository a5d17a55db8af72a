import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/clock';
import { projectIdOf, type Contact, type Project } from '../../src/domain/model';
import { openRound } from '../../src/domain/use-cases/open-round';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { TeamsLimitConnector } from './teams-limit-connector';

const OWNERS = Number(process.env['BENCH_OWNERS'] ?? 5_000);
const TENANT_LIMIT_PER_SECOND = 50;
/**
 * The bench keeps its own calendar: a Wednesday 10:00 in Amsterdam that runs on at the real
 * pace. On the system clock a Saturday, a holiday or an evening would leave nothing due.
 */
const WEDNESDAY_MORNING = Date.parse('2027-03-10T09:00:00Z');
const startedAt = performance.now();
const clock: Clock = { now: () => new Date(WEDNESDAY_MORNING + (performance.now() - startedAt)) };
const log = logger.child({ module: 'bench:fanout' });

async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * `npm run bench:fanout`: opens a round for OWNERS owners with one project each and lets the
 * real scheduler, job sender, CloudAdapter and rate limiter deliver the first asks to a local
 * connector that enforces Teams' limits and refuses 5% of calls with 429 + Retry-After. Prints
 * the request rate as a fraction of the 50/s tenant limit, and what was lost or duplicated.
 */
/** Starts the local Cosmos server in its own process and resolves with its endpoint. */
async function startCosmosProcess() {
  const child = fork(join(__dirname, '..', 'local', 'cosmos-process.js'), {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = (await once(child.stdout ?? child, 'data')) as [Buffer];
  const { endpoint, key } = JSON.parse(line.toString()) as { endpoint: string; key: string };
  return {
    endpoint,
    key,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  const connector = await new TeamsLimitConnector().start();
  const app = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_SECONDS: '0',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: 'bench',
    }),
    { log: logger.child({ module: 'app' }, { level: 'warn' }), clock },
  );
  try {
    const repositories = cosmosRepositories(app.store);
    const year = 2021;
    const owners = Array.from({ length: OWNERS }, (_, i) => `owner-${i}`);
    const projects: Project[] = owners.map((owner, i) => ({
      id: projectIdOf(year, `9.${i + 1}`),
      year,
      number: `9.${i + 1}`,
      title: `Project ${i + 1}`,
      speerpunt: 'Kwaliteit',
      goal: 'Een doel',
      activities: 'Activiteiten',
      owners: [owner],
    }));
    log.info(`seeding ${OWNERS} owners with one project each`);
    await inBatches(projects, 50, (project) => repositories.projects.upsertMany([project]));
    await inBatches(owners, 50, (owner) => {
      const contact: Contact = {
        userId: owner,
        name: owner,
        language: 'nl',
        address: {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: { id: `conversation-${owner}`, conversationType: 'personal' },
          user: { id: owner },
          bot: { id: '28:bench-bot' },
        },
        updatedAt: clock.now().toISOString(),
      };
      return repositories.contacts.upsert(contact);
    });
    await openRound(
      {
        kind: 'voortgangsrapportage',
        year,
        deadline: '2100-01-01',
        by: { id: 'coordinator', name: 'Coördinator' },
      },
      { ...repositories, clock, isCoordinator: () => true },
    );

    log.info('round open; the scheduler plans and sends the first asks');
    const started = performance.now();
    const report = await app.scheduler.tick();
    const elapsedSeconds = (performance.now() - started) / 1000;

    const sendSeconds = (connector.lastRequestAt - connector.firstRequestAt) / 1000;
    const requestRate = (connector.requests - 1) / sendSeconds;
    const deliveredRate = (sumOf(connector.delivered) - 1) / sendSeconds;
    const lost = owners.filter((owner) => !connector.delivered.has(`conversation-${owner}`)).length;
    const duplicates = [...connector.delivered.values()].filter((count) => count > 1).length;
    const figures = {
      bench: 'fanout',
      owners: OWNERS,
      rateOfLimit: round(requestRate / TENANT_LIMIT_PER_SECOND),
      deliveredRateOfLimit: round(deliveredRate / TENANT_LIMIT_PER_SECOND),
      requestsPerSecond: round(requestRate),
      lost,
      duplicates,
      refused429Injected: connector.refusedInjected,
      refused429OverLimit: connector.refusedOverLimit,
      jobsSent: report.sent,
      jobsRetriedLater: report.retried,
      jobsFailed: report.failed,
      sendSeconds: round(sendSeconds),
      tickSeconds: round(elapsedSeconds),
    };
    log.info(
      `${OWNERS} owners: ${figures.requestsPerSecond} requests/s = ${figures.rateOfLimit} of the ${TENANT_LIMIT_PER_SECOND}/s limit; ` +
        `lost ${lost}, duplicates ${duplicates}; 429s: ${connector.refusedInjected} injected, ${connector.refusedOverLimit} over a limit`,
    );
    if (report.failed > 0) {
      const failed = (await repositories.sendJobs.listByRound('voortgangsrapportage-2021')).filter(
        (job) => job.state === 'failed',
      );
      log.warn({ reasons: [...new Set(failed.map((job) => job.reason))] }, `${failed.length} jobs failed`);
    }
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (lost > 0 || duplicates > 0) process.exitCode = 1;
  } finally {
    await app.close();
    await connector.stop();
    await cosmos.stop();
  }
}

function sumOf(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:fanout failed');
  process.exit(1);
});
