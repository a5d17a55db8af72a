import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Round, StatusUpdate } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { sendJobId, type SendJob } from '../../src/domain/send-job';
import { REVIEW_PAGE_SIZE } from '../../src/domain/use-cases/review-answer';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { reviewRequestCard } from '../../src/teams/review-cards';
import type { Scheduler } from '../../src/scheduler';
import { activityFrom, postActivity, type TestUser } from '../../test/support/activities';
import { actionData, visibleText, type Card } from '../../test/support/card-json';
import { FixedClock } from '../../test/support/fixed-clock';
import { RecordingConnector } from '../../test/support/recording-connector';
import { startCosmosProcess, type CosmosProcess } from './local-cosmos-process';
import { printFigures } from './print-figures';
import { realisticRound } from './realistic-round';
import {
  countStoreRequests,
  describeRequests,
  inBatches,
  mostRequests,
  type StoreRequestCounter,
  type StoreRequests,
} from './store-requests';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/** The round sizes measured in one run: the ratio of their figures shows what grows with the round. */
const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000').split(',').map(Number);
const PAGES = Number(process.env['BENCH_PAGES'] ?? 30);
const DECISIONS = Number(process.env['BENCH_DECISIONS'] ?? 50);
const OWNERS = 50;
const TARGET_P99_MS = 1_000;
const YEAR = 2021;
/** Tuesday 22 June 2021, 10:00 in Amsterdam: office hours, so the card updates go out at once. */
const NOW = '2021-06-22T08:00:00.000Z';
/** A decision's card update waits for a scheduler tick; give it time enough to be measured, not failed. */
const WAIT_MS = 120_000;
const log = logger.child({ module: 'bench:review' });

const coordinator: TestUser = {
  id: '29:bench-coordinator',
  aadObjectId: 'cccccccc-0000-4000-8000-000000000001',
  name: 'Coördinator Beoordeling',
};
const owners: TestUser[] = Array.from({ length: OWNERS }, (_, i) => ({
  id: `29:bench-owner-${i}`,
  aadObjectId: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `Eigenaar ${i}`,
}));

interface SizeFigures {
  readonly size: number;
  readonly waiting: number;
  readonly pageMs: readonly number[];
  readonly decisionMs: readonly number[];
  readonly invokeMs: readonly number[];
  /** Of each page: the wall time during which at least one store request was under way. */
  readonly pageStoreMs: readonly number[];
  readonly decisionStoreMs: readonly number[];
  /** Building the first page's 5 review cards (with their word diffs), in this process, no I/O. */
  readonly renderMs: number;
  /** A scheduler tick with nothing to send: what every card update waits for first. */
  readonly idleTickMs: number;
  readonly pageRequests: StoreRequests;
  readonly decisionTurnRequests: StoreRequests;
  readonly decisionRequests: StoreRequests;
  readonly seedSeconds: number;
}

/**
 * `npm run bench:review`: for a jaarverslag round of 100 and of 1,000 submitted answers (with
 * review), each in a database of its own on the local Cosmos server (in a process of its own),
 * the real bot (`startApp`, CloudAdapter, scheduler, outbound rate limiter) in this process
 * measures, through its HTTP endpoint and a local connector:
 * - a page of the queue: from POSTing `beoordelen` until the connector has the 5 review cards
 *   and the footer card;
 * - one decision: from POSTing the `reviewDecision` invoke until its answer is back and the
 *   owner's card has been updated in place (PUT) at the connector, on distinct answers,
 *   approving and sending back by turns;
 * - the store requests of one page and of one decision, counted from the wire
 *   (`store-requests.ts`).
 * Prints p50/p99 per size, their ratio, and ends with one JSON line of figures.
 */
async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  const counter = countStoreRequests(cosmos.endpoint);
  const storeWait = timeStoreWaits(cosmos.endpoint);
  try {
    const results: SizeFigures[] = [];
    for (const size of SIZES) results.push(await measureSize(size, cosmos, counter, storeWait));
    report(results);
  } finally {
    counter.stop();
    storeWait.stop();
    await cosmos.stop();
  }
}

async function measureSize(
  size: number,
  cosmos: CosmosProcess,
  counter: StoreRequestCounter,
  storeWait: StoreWaitTimer,
): Promise<SizeFigures> {
  const connector = await new RecordingConnector().start();
  const clock = new FixedClock(NOW);
  const app = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_SECONDS: '0',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: `bench-review-${size}`,
      COORDINATORS: coordinator.aadObjectId,
    }),
    { clock, log: logger.child({ module: 'app' }, { level: 'warn' }) },
  );
  const botUrl = `http://127.0.0.1:${app.port}`;
  try {
    const repositories = cosmosRepositories(app.store);
    const seedStarted = performance.now();
    log.info(
      `${size} answers: installing ${OWNERS} owners and the coordinator, seeding the round (not timed)`,
    );
    await inBatches([coordinator, ...owners], 10, (user) =>
      postActivity(botUrl, activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' })),
    );
    await connector.waitForActivities(OWNERS + 1, WAIT_MS);
    const { round, updates } = seedRound(size);
    await seed(repositories, round, updates);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    connector.clear();

    const queue = [...updates].sort((a, b) =>
      (a.reviewQueue?.key ?? '').localeCompare(b.reviewQueue?.key ?? ''),
    );

    /** One `beoordelen`: resolves with its time and the cards the connector got. */
    const page = async (): Promise<{
      ms: number;
      storeMs: number;
      cards: Card[];
      requests: StoreRequests;
    }> => {
      connector.clear();
      counter.reset();
      storeWait.reset();
      const started = performance.now();
      const [response, sent] = await Promise.all([
        postActivity(
          botUrl,
          activityFrom(coordinator, connector.url, { type: 'message', text: 'beoordelen' }),
        ),
        connector.waitForActivities(REVIEW_PAGE_SIZE + 1, WAIT_MS),
      ]);
      const ms = performance.now() - started;
      if (response.status >= 300) throw new Error(`beoordelen answered ${response.status}`);
      await connector.idle();
      const requests = counter.counts();
      const storeMs = storeWait.ms();
      return {
        ms,
        storeMs,
        cards: sent.map((recorded) => recorded.activity.attachments?.[0]?.content ?? {}),
        requests,
      };
    };

    // Warm-up, and a check that the page is what a reviewer sees: 5 answers, oldest first, and the footer.
    const first = await page();
    const footer = first.cards[REVIEW_PAGE_SIZE] ?? {};
    log.info(`first page footer: ${visibleText(footer).split('\n')[0] ?? ''}`);
    const firstItem = queue[0];
    const shown = actionData(first.cards[0] ?? {}, 'reviewDecision', { decision: 'approved' });
    if (
      !firstItem ||
      shown['projectId'] !== firstItem.id ||
      shown['version'] !== String(firstItem.versions.length)
    ) {
      throw new Error(`the first review card is not the oldest answer: ${JSON.stringify(shown)}`);
    }
    const pageMs: number[] = [];
    const pageCounts: StoreRequests[] = [];
    const pageStoreMs: number[] = [];
    for (let i = 0; i < PAGES; i++) {
      const measured = await page();
      pageMs.push(measured.ms);
      pageStoreMs.push(measured.storeMs);
      pageCounts.push(measured.requests);
    }
    log.info(
      `${size} answers: ${PAGES} pages, p50 ${ms(percentile(pageMs, 50))}, p99 ${ms(percentile(pageMs, 99))} ` +
        `(slowest ${slowest(pageMs)}; waiting on the store p50 ${ms(percentile(pageStoreMs, 50))})`,
    );

    // What dominates: the cards' rendering (no I/O), and a tick that has nothing to send.
    const renderMs = median(
      Array.from({ length: 5 }, () => {
        const started = performance.now();
        for (const update of queue.slice(0, REVIEW_PAGE_SIZE)) reviewRequestCard('nl', round, update);
        return performance.now() - started;
      }),
    );
    // The day's note to the coordinator about waiting answers is planned and sent by the first
    // tick of the day: settle that first, so the ticks below have nothing to do.
    await app.scheduler.tick();
    const ticks: number[] = [];
    for (let i = 0; i < 3; i++) {
      counter.reset();
      const started = performance.now();
      const tick = await app.scheduler.tick();
      ticks.push(performance.now() - started);
      if (tick.sent + tick.planned > 0)
        throw new Error(`an idle tick sent ${tick.sent}, planned ${tick.planned}`);
    }
    const idleTickRequests = counter.counts();
    const idleTickMs = median(ticks);
    log.info(
      `${size} answers: the first page's 5 review cards take ${ms(renderMs)} to build; a tick with nothing to send ` +
        `${ms(idleTickMs)}, ${describeRequests(idleTickRequests)}`,
    );

    const decisionMs: number[] = [];
    const invokeMs: number[] = [];
    const turnCounts: StoreRequests[] = [];
    const decisionCounts: StoreRequests[] = [];
    const decisionStoreMs: number[] = [];
    // The first decision warms up; each decides the next answer in the queue, by turns approved and sent back.
    for (let i = 0; i <= DECISIONS; i++) {
      const update = queue[i];
      if (!update) throw new Error(`the round has fewer than ${DECISIONS + 1} answers`);
      const decision = i % 2 === 0 ? 'approved' : 'sentBack';
      const viaCard = update.versions[update.versions.length - 1]?.viaCard;
      connector.clear();
      counter.reset();
      storeWait.reset();
      const started = performance.now();
      let invokedAt = 0;
      let turn: StoreRequests | undefined;
      const [response, updated] = await Promise.all([
        postActivity(
          botUrl,
          activityFrom(coordinator, connector.url, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: {
              action: {
                type: 'Action.Execute',
                verb: 'reviewDecision',
                data: {
                  roundId: round.id,
                  projectId: update.id,
                  version: String(update.versions.length),
                  decision,
                  reviewComment: decision === 'sentBack' ? 'Licht de planning en de kosten toe.' : '',
                },
              },
              trigger: 'manual',
            },
          }),
        ).then((answered) => {
          invokedAt = performance.now();
          turn = counter.counts();
          return answered;
        }),
        connector.waitForUpdates(1, WAIT_MS),
      ]);
      const elapsed = performance.now() - started;
      const waited = storeWait.ms();
      const card = (response.body as { value?: Card } | undefined)?.value ?? {};
      if (response.status !== 200 || !/Goedgekeurd|Teruggestuurd/.test(visibleText(card))) {
        throw new Error(`decision ${i} answered ${response.status}: ${visibleText(card).slice(0, 200)}`);
      }
      if (updated[0]?.replyToId !== viaCard) {
        throw new Error(
          `decision ${i} updated ${updated[0]?.replyToId ?? 'nothing'}, not the owner's card ${viaCard ?? ''}`,
        );
      }
      // The tick that sent the update finishes (its job recorded as sent) before the next decision.
      await schedulerIdle(app.scheduler);
      await connector.idle();
      if (i === 0) continue;
      decisionMs.push(elapsed);
      invokeMs.push(invokedAt - started);
      if (turn) turnCounts.push(turn);
      decisionCounts.push(counter.counts());
      decisionStoreMs.push(waited);
    }
    log.info(
      `${size} answers: ${DECISIONS} decisions, p50 ${ms(percentile(decisionMs, 50))}, p99 ${ms(percentile(decisionMs, 99))} ` +
        `(slowest ${slowest(decisionMs)}; the invoke's answer p50 ${ms(percentile(invokeMs, 50))}; ` +
        `waiting on the store p50 ${ms(percentile(decisionStoreMs, 50))})`,
    );
    return {
      size,
      waiting: queue.length,
      pageMs,
      decisionMs,
      invokeMs,
      pageStoreMs,
      decisionStoreMs,
      renderMs,
      idleTickMs,
      pageRequests: mostRequests(pageCounts),
      decisionTurnRequests: mostRequests(turnCounts),
      decisionRequests: mostRequests(decisionCounts),
      seedSeconds,
    };
  } finally {
    await app.close();
    await connector.stop();
  }
}

/**
 * A jaarverslag round with review of `size` projects, every one answered: the realistic answers
 * of bench:compile (150–450 words, a fifth edited once, most with last round's answer, which the
 * review card compares a first version with), owned by OWNERS owners, each version submitted
 * through the owner's first card, and each answer waiting in the review queue exactly as
 * `submitStatusUpdate` leaves it.
 */
function seedRound(size: number): { round: Round; updates: StatusUpdate[] } {
  const realistic = realisticRound(YEAR, size);
  const round: Round = {
    ...realistic.round,
    id: `jaarverslag-${YEAR}`,
    kind: 'jaarverslag',
    deadline: `${YEAR}-12-31`,
    status: 'open',
    openedAt: `${YEAR}-06-01T08:00:00.000Z`,
    review: true,
  };
  const { closedAt: _closedAt, closedBy: _closedBy, ...open } = round;
  const answered = realistic.updates.filter((update) => update.versions.length > 0);
  const updates = realistic.updates.map((update, index): StatusUpdate => {
    const owner = owners[index % OWNERS] as TestUser;
    const askCard = askActivityId(update.id);
    // The 3% the bench:compile round leaves unanswered take another project's answer here.
    const versions = (
      update.versions.length > 0 ? update.versions : (answered[index % answered.length]?.versions ?? [])
    ).map((version) => ({
      ...version,
      achieved: 'ja' as const,
      answeredBy: owner.aadObjectId,
      answeredByName: owner.name,
      viaCard: askCard,
    }));
    const first = versions[0];
    if (!first) throw new Error('an answer without a version');
    return {
      ...update,
      roundId: open.id,
      project: { ...update.project, owners: [owner.aadObjectId] },
      versions,
      ...(update.previous
        ? { previous: { ...update.previous, roundId: `voortgangsrapportage-${YEAR}` } }
        : {}),
      reviewQueue: {
        key: `${first.answeredAt}|${update.id}`,
        submittedBy: owner.aadObjectId,
        speerpunt: update.project.speerpunt.trim().toLowerCase(),
      },
    };
  });
  return { round: open, updates };
}

/** The id the connector gave the first ask about this project, which the owner answered through. */
function askActivityId(projectId: string): string {
  return `ask-${projectId}`;
}

/**
 * Stores the round as it stands once every owner got their first card (a sent `ask` job per
 * project, with the card's activity id) and answered through it. In batches, in parallel.
 */
async function seed(
  repositories: Repositories,
  round: Round,
  updates: readonly StatusUpdate[],
): Promise<void> {
  await inBatches(updates, 50, (update) => repositories.projects.upsertMany([update.project]));
  await inBatches(updates, 50, (update) => repositories.statusUpdates.createMany([update]));
  const asks = updates.map((update): SendJob => {
    const recipientId = update.project.owners[0] ?? '';
    return {
      id: sendJobId('ask', update.id, recipientId),
      roundId: round.id,
      stepKey: 'ask',
      kind: 'ask',
      projectId: update.id,
      recipientId,
      dueAt: round.openedAt,
      state: 'sent',
      attempts: 1,
      activityId: askActivityId(update.id),
      updatedAt: round.openedAt,
    };
  });
  await inBatches(asks, 50, (job) => repositories.sendJobs.createMany([job]));
  if (!(await repositories.rounds.create(round))) throw new Error(`round ${round.id} exists already`);
}

interface StoreWaitTimer {
  /** Since the last reset: the wall time during which at least one store request was under way. */
  ms(): number;
  reset(): void;
  stop(): void;
}

/**
 * Times the bot's waits on the store from the wire (Node's HTTP client diagnostics channels):
 * what part of a measured time the local Cosmos server, a process of its own, accounts for.
 */
function timeStoreWaits(endpoint: string): StoreWaitTimer {
  const { host } = new URL(endpoint);
  const open = new WeakSet<ClientRequest>();
  let inFlight = 0;
  let since = 0;
  let total = 0;
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') !== host) return;
    open.add(request);
    if (inFlight++ === 0) since = performance.now();
  };
  const onEnd = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (!open.delete(request)) return;
    if (--inFlight === 0) total += performance.now() - since;
  };
  const channels = [
    ['http.client.request.start', onStart],
    ['http.client.response.finish', onEnd],
    ['http.client.request.error', onEnd],
  ] as const;
  for (const [name, listener] of channels) subscribe(name, listener);
  return {
    ms: () => total + (inFlight > 0 ? performance.now() - since : 0),
    reset: () => {
      total = 0;
      since = performance.now();
    },
    stop: () => {
      for (const [name, listener] of channels) unsubscribe(name, listener);
    },
  };
}

/**
 * Resolves when the scheduler has no tick running or queued, without asking for another tick
 * (which `tick()` would): a bench-only look at its private chain of ticks.
 */
async function schedulerIdle(scheduler: Scheduler): Promise<void> {
  const internals = scheduler as unknown as { chain: Promise<unknown> };
  for (let chain = internals.chain; ; chain = internals.chain) {
    await chain;
    if (internals.chain === chain) return;
  }
}

function report(results: readonly SizeFigures[]): void {
  const rows = results.map((result) => ({
    size: result.size,
    pageP50: percentile(result.pageMs, 50),
    pageP99: percentile(result.pageMs, 99),
    decisionP50: percentile(result.decisionMs, 50),
    decisionP99: percentile(result.decisionMs, 99),
    invokeP99: percentile(result.invokeMs, 99),
    queries: result.pageRequests.queries,
  }));
  const header = [
    'answers',
    'page p50',
    'page p99',
    'decision p50',
    'decision p99',
    'invoke p99',
    'page requests',
  ];
  const lines = results.map((result, i) => {
    const row = rows[i] as (typeof rows)[number];
    return [
      String(row.size),
      ms(row.pageP50),
      ms(row.pageP99),
      ms(row.decisionP50),
      ms(row.decisionP99),
      ms(row.invokeP99),
      describeRequests(result.pageRequests),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  log.info(`\n${[format(header), ...lines.map(format)].join('\n')}`);
  for (const result of results) {
    log.info(
      `${result.size} answers: store requests of one decision: the invoke turn ${describeRequests(result.decisionTurnRequests)}; ` +
        `with the card update's tick ${describeRequests(result.decisionRequests)} (seeded in ${result.seedSeconds.toFixed(1)} s)`,
    );
  }

  const smallest = rows[0];
  const largest = rows[rows.length - 1];
  const ratio = (of: (row: (typeof rows)[number]) => number) =>
    smallest && largest ? round(of(largest) / of(smallest)) : 1;
  const pageQueries = results.map((result) => result.pageRequests.queries);
  const pagePointReads = results.map((result) => result.pageRequests.pointReads);
  const base = results[0]?.pageRequests;
  const queriesGrow =
    base !== undefined &&
    results.some(({ pageRequests }) =>
      (['queries', 'continuationPages', 'queryPlans', 'pointReads'] as const).some(
        (kind) => pageRequests[kind] > base[kind],
      ),
    );
  const pageMet = rows.every((row) => row.pageP99 <= TARGET_P99_MS);
  const decisionMet = rows.every((row) => row.decisionP99 <= TARGET_P99_MS);
  const figures = {
    bench: 'review',
    sizes: rows.map((row) => row.size),
    pages: PAGES,
    decisions: DECISIONS,
    pageP50Ms: rows.map((row) => round(row.pageP50)),
    pageP99Ms: rows.map((row) => round(row.pageP99)),
    decisionP50Ms: rows.map((row) => round(row.decisionP50)),
    decisionP99Ms: rows.map((row) => round(row.decisionP99)),
    decisionInvokeP99Ms: rows.map((row) => round(row.invokeP99)),
    pageStoreWaitP50Ms: results.map((result) => round(percentile(result.pageStoreMs, 50))),
    decisionStoreWaitP50Ms: results.map((result) => round(percentile(result.decisionStoreMs, 50))),
    pageCardsRenderMs: results.map((result) => round(result.renderMs)),
    idleTickMs: results.map((result) => round(result.idleTickMs)),
    queriesPerPage: pageQueries,
    pointReadsPerPage: pagePointReads,
    storeRequestsPerPage: Object.fromEntries(results.map((result) => [result.size, result.pageRequests])),
    storeRequestsPerDecision: Object.fromEntries(
      results.map((result) => [result.size, result.decisionRequests]),
    ),
    storeRequestsPerDecisionTurn: Object.fromEntries(
      results.map((result) => [result.size, result.decisionTurnRequests]),
    ),
    pageP99Ratio: ratio((row) => row.pageP99),
    decisionP99Ratio: ratio((row) => row.decisionP99),
    targetP99Ms: TARGET_P99_MS,
    pageTargetMet: pageMet,
    decisionTargetMet: decisionMet,
    queriesIndependentOfSize: !queriesGrow,
    targetMet: pageMet && decisionMet && !queriesGrow,
  };
  if (!pageMet) log.warn(`target missed: a page's p99 is over ${TARGET_P99_MS} ms`);
  if (!decisionMet) log.warn(`target missed: a decision's p99 is over ${TARGET_P99_MS} ms`);
  if (queriesGrow) log.warn('target missed: the store requests of a page grow with the round');
  printFigures(figures);
}

/** Nearest rank: with 30 samples the p99 is the slowest. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function slowest(values: readonly number[]): string {
  return [...values]
    .sort((a, b) => b - a)
    .slice(0, 3)
    .map((value) => Math.round(value))
    .join(', ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:review failed');
  process.exit(1);
});
