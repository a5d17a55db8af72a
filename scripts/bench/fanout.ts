import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/clock';
import { projectIdOf, type Contact, type Project } from '../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import { openRound } from '../../src/domain/use-cases/open-round';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { TeamsLimitConnector } from './teams-limit-connector';

const OWNERS = Number(process.env['BENCH_OWNERS'] ?? 5_000);
/** Every tenth owner has this many projects (default 6), the others one. */
const PROJECTS_PER_OWNER = Number(process.env['BENCH_PROJECTS_PER_OWNER'] ?? 6);
const projectsOf = (owner: number) => (owner % 10 === 0 ? PROJECTS_PER_OWNER : 1);
/** `overview`: the first ask as one card per owner (FIRST_ASK); default a card per project. */
const FIRST_ASK = process.env['BENCH_FIRST_ASK'] === 'overview' ? 'overview' : 'per-project';
const TENANT_LIMIT_PER_SECOND = 50;
/**
 * The bench keeps its own calendar: a Wednesday 10:00 in Amsterdam that runs on at the real
 * pace. On the system clock a Saturday, a holiday or an evening would leave nothing due.
 */
const WEDNESDAY_MORNING = Date.parse('2027-03-10T09:00:00Z');
/** The deadline is Wednesday 24 March: the first reminder is on Monday 15 March at 09:00 (CET). */
const DEADLINE = '2027-03-24';
const FIRST_REMINDER = Date.parse('2027-03-15T08:00:00Z');
const startedAt = performance.now();
/** Moved forward once, to the first reminder; runs on at the real pace from there. */
let jumped = 0;
const clock: Clock = {
  now: () => new Date(WEDNESDAY_MORNING + jumped + (performance.now() - startedAt)),
};
const log = logger.child({ module: 'bench:fanout' });

async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * `npm run bench:fanout`: opens a round for OWNERS owners (every tenth with
 * BENCH_PROJECTS_PER_OWNER projects, the others with one) and lets the real scheduler, job
 * sender, CloudAdapter and rate limiter deliver the first asks (a card per project) to a local
 * connector that enforces Teams' limits and refuses 5% of calls with 429 + Retry-After; then
 * moves its clock to the first reminder and lets them deliver the reminders, one per owner.
 * Prints the request rate of the first asks as a fraction of the 50/s tenant limit, the messages
 * per owner at the reminder moment, and what was lost or duplicated in either.
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
    const projects: Project[] = owners.flatMap((owner, i) =>
      Array.from({ length: projectsOf(i) }, (_, p) => {
        const number = p === 0 ? `9.${i + 1}` : `9.${i + 1}.${p}`;
        return {
          id: projectIdOf(year, number),
          year,
          number,
          title: `Project ${number}`,
          speerpunt: 'Kwaliteit',
          goal: 'Een doel',
          activities: 'Activiteiten',
          owners: [owner],
        };
      }),
    );
    log.info(`seeding ${OWNERS} owners with ${projects.length} projects`);
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
        deadline: DEADLINE,
        by: { id: 'coordinator', name: 'Coördinator' },
      },
      {
        ...repositories,
        clock,
        isCoordinator: () => true,
        reminderPlan: { ...DEFAULT_REMINDER_PLAN, firstAsk: FIRST_ASK },
      },
    );

    log.info('round open; the scheduler plans and sends the first asks');
    const started = performance.now();
    const report = await app.scheduler.tick();
    const elapsedSeconds = (performance.now() - started) / 1000;

    const sendSeconds = (connector.lastRequestAt - connector.firstRequestAt) / 1000;
    const requestRate = (connector.requests - 1) / sendSeconds;
    const deliveredRate = (sumOf(connector.delivered) - 1) / sendSeconds;
    // The first asks: a card per project, so an owner of six gets six.
    const asked = new Map(
      owners.map((owner, i) => [`conversation-${owner}`, FIRST_ASK === 'overview' ? 1 : projectsOf(i)]),
    );
    const askCounts = new Map(connector.delivered);
    const askLost = countOff(asked, askCounts, (expected, got) => Math.max(0, expected - got));
    const askDuplicates = countOff(asked, askCounts, (expected, got) => Math.max(0, got - expected));

    log.info('the clock moves to the first reminder; the scheduler plans and sends one per owner');
    jumped = FIRST_REMINDER - clock.now().getTime();
    const reminders = await app.scheduler.tick();
    const perOwner = owners.map((owner) => {
      const conversation = `conversation-${owner}`;
      return (connector.delivered.get(conversation) ?? 0) - (askCounts.get(conversation) ?? 0);
    });
    const reminded = new Map(owners.map((owner) => [`conversation-${owner}`, 1]));
    const reminderCounts = new Map(owners.map((owner, i) => [`conversation-${owner}`, perOwner[i] ?? 0]));
    const reminderLost = countOff(reminded, reminderCounts, (expected, got) => Math.max(0, expected - got));
    const reminderDuplicates = countOff(reminded, reminderCounts, (expected, got) =>
      Math.max(0, got - expected),
    );
    const lost = askLost + reminderLost;
    const duplicates = askDuplicates + reminderDuplicates;
    const figures = {
      bench: 'fanout',
      owners: OWNERS,
      projects: projects.length,
      firstAsk: FIRST_ASK,
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
      messagesPerOwner: {
        max: Math.max(...perOwner),
        mean: round(perOwner.reduce((sum, count) => sum + count, 0) / OWNERS),
        withoutBundling: {
          max: Math.max(...owners.map((_, i) => projectsOf(i))),
          mean: round(projects.length / OWNERS),
        },
      },
      reminderJobsSent: reminders.sent,
      reminderJobsFailed: reminders.failed,
    };
    log.info(
      `${OWNERS} owners: ${figures.requestsPerSecond} requests/s = ${figures.rateOfLimit} of the ${TENANT_LIMIT_PER_SECOND}/s limit; ` +
        `lost ${lost}, duplicates ${duplicates}; 429s: ${connector.refusedInjected} injected, ${connector.refusedOverLimit} over a limit`,
    );
    if (report.failed + reminders.failed > 0) {
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

/** Adds up, over every conversation expected, how far what it got is off in one direction. */
function countOff(
  expected: Map<string, number>,
  got: Map<string, number>,
  off: (expected: number, got: number) => number,
): number {
  let sum = 0;
  for (const [conversation, count] of expected) sum += off(count, got.get(conversation) ?? 0);
  for (const [conversation, count] of got) if (!expected.has(conversation)) sum += count;
  return sum;
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
