import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { roundIdOf } from '../../src/domain/model';
import { logger } from '../../src/logger';
import { NODE_FLAGS } from '../../src/node-flags';
import { TEXTS } from '../../src/teams/texts';
import type { StoreCall } from './bench-bot';
import { startBenchBot, type BenchBotProcess } from './bench-bot-process';
import { startCosmosProcess } from './local-cosmos-process';
import { failureIn, LoadConnector } from './load-connector';
import { teamsActivity, type LoadUser } from './load-mix';
import { printFigures } from './print-figures';
import {
  benchRoundDates,
  runScheduler,
  seedPeople,
  seedProjects,
  sendJobStates,
  submitDataOf,
  users,
  type CosmosAccount,
} from './seed-round';
import { longestChain, median, round } from './stats';
import { type StoreRequests } from './store-requests';

const PROJECTS = Number(process.env['BENCH_PROJECTS'] ?? 1000);
const OWNERS = Number(process.env['BENCH_OWNERS'] ?? 300);
/** Openings of each size, taking turns, after one small opening to warm up. */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
/** The baseline: a round a tenth the size, with a tenth of the owners. */
const SMALL = Math.max(1, Math.round(PROJECTS / 10));
const SMALL_OWNERS = Math.max(1, Math.round(OWNERS / 10));
const DATABASE = 'bench-open';
const TARGET_MS = 2000;
/**
 * What "not growing per project beyond batched writes" allows: every extra 100 projects may cost
 * a few more requests (a batch of writes, a page of a query), never one per project or owner.
 */
const TARGET_EXTRA_REQUESTS_PER_100_PROJECTS = 5;
const log = logger.child({ module: 'bench:open' });

interface Opening {
  readonly projects: number;
  readonly owners: number;
  readonly warmUp: boolean;
  readonly year: number;
}

interface Measured {
  readonly opening: Opening;
  /** From posting `ronde open …` to the confirmation's arrival at the connector. */
  readonly confirmationMs: number;
  /** From posting it to the last card's arrival. */
  readonly cardsMs: number;
  /** The turn's store requests (not the scheduler's) from the message's arrival to its answer. */
  readonly turn: readonly StoreCall[];
  /** The scheduler's store requests in that time: planning the cards and sending the first. */
  readonly schedulerMeanwhile: readonly StoreCall[];
  /** The scheduler's store requests from the message's arrival until the last card was out. */
  readonly schedulerUntilSent: readonly StoreCall[];
}

/**
 * `npm run bench:open`: a coordinator types `ronde open voortgangsrapportage <year> tot <date>`
 * for a round of 1,000 projects with 300 owners (every fifth named in the register by e-mail; all
 * installed the app, so every card can go out), through the real restify server, CloudAdapter and
 * Cosmos client, against the local Cosmos server in a process of its own; the bot in a process of
 * its own too (bench-bot.ts), with a connector on 127.0.0.1 that catches what it sends.
 *
 * Measures the time from posting the message to the confirmation card's arrival at the connector,
 * and the store requests the turn made meanwhile, by kind and by container; the scheduler's
 * requests (which the opening kicks and does not wait for: planning the cards and sending them)
 * are told apart and given besides. The same for a round a tenth the size, in the same run, to show
 * what grows with the round. Each opening waits for the last card of the one before.
 */
async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  const connector = await new LoadConnector().start();
  let bot: BenchBotProcess | undefined;
  try {
    const owners = users('owner', OWNERS, 'Eigenaar', 5);
    const coordinators = users('coordinator', 1, 'Coördinator');
    bot = await startBenchBot({
      cosmosEndpoint: cosmos.endpoint,
      cosmosKey: cosmos.key,
      database: DATABASE,
      coordinators: coordinators.map((user) => user.aadObjectId),
      schedulerSecret: randomBytes(32).toString('base64url'),
      tellSchedulerApart: true,
    });
    log.info(`the bot listens on ${bot.url} with ${NODE_FLAGS.join(' ')}; seeding (not timed)`);
    // Each opening is a round of a year of its own, so that every one opens a fresh register.
    const { year, deadline } = benchRoundDates();
    const openings: Opening[] = [
      { projects: SMALL, owners: SMALL_OWNERS, warmUp: true, year },
      ...Array.from({ length: RUNS }, (_, run) => [
        { projects: SMALL, owners: SMALL_OWNERS, warmUp: false, year: year + 1 + 2 * run },
        { projects: PROJECTS, owners: OWNERS, warmUp: false, year: year + 2 + 2 * run },
      ]).flat(),
    ];
    for (const opening of openings) {
      await seedProjects(cosmos, DATABASE, opening.year, opening.projects, owners.slice(0, opening.owners));
    }
    await seedPeople(bot, connector, cosmos, DATABASE, [...coordinators, ...owners]);
    log.info(
      `${owners.length} owners and a coordinator installed the app; ${openings.length} registers stored ` +
        `(${openings.map((opening) => opening.projects).join(', ')} projects)`,
    );

    const measured: Measured[] = [];
    const coordinator = coordinators[0] as LoadUser;
    for (const [n, opening] of openings.entries()) {
      const result = await open(bot, connector, cosmos, coordinator, opening, deadline, `open-${n}`);
      log.info(
        `${opening.warmUp ? 'warm-up: ' : ''}${opening.projects} projects, ${opening.owners} owners: ` +
          `confirmed after ${round(result.confirmationMs)} ms with ${result.turn.length} store requests ` +
          `(${describe(byKind(result.turn))}); the scheduler meanwhile ${result.schedulerMeanwhile.length}; ` +
          `every card out after ${round(result.cardsMs / 1000)} s`,
      );
      measured.push(result);
    }
    await bot.stop();
    bot = undefined;

    const figures = figuresOf(measured.filter((result) => !result.opening.warmUp));
    report(figures);
    if (!figures.withinTarget) log.warn('not within the target');
    printFigures(figures);
  } finally {
    await bot?.stop();
    await connector.stop();
    await cosmos.stop();
  }
}

/**
 * Posts `ronde open …` for the opening's year, as the coordinator, and waits for the confirmation
 * and then for every card, kicking the scheduler as its timer would if a tick failed.
 */
async function open(
  bot: BenchBotProcess,
  connector: LoadConnector,
  cosmos: CosmosAccount,
  coordinator: LoadUser,
  opening: Opening,
  deadline: string,
  tag: string,
): Promise<Measured> {
  const roundId = roundIdOf('voortgangsrapportage', opening.year);
  const conversation = `personal-${coordinator.id}`;
  let confirmedAt: number | undefined;
  let confirmation = '';
  let cards = 0;
  let lastCardAt = 0;
  connector.capture = (sent) => {
    if (sent.conversationId === conversation && sent.activity['replyToId'] === tag) {
      confirmedAt = performance.now();
      confirmation = JSON.stringify(sent.activity);
    } else if (submitDataOf(sent.activity)?.['roundId'] === roundId) {
      cards += 1;
      lastCardAt = performance.now();
    }
  };
  await bot.records();
  const started = performance.now();
  const answer = await bot.post(
    '/api/messages',
    tag,
    teamsActivity(connector.url, coordinator, tag, {
      type: 'message',
      text: `ronde open voortgangsrapportage ${opening.year} tot ${deadline}`,
    }),
  );
  if (answer.status !== 200) throw new Error(`ronde open answered HTTP ${answer.status}: ${answer.text}`);
  if (confirmedAt === undefined) throw new Error('the turn ended without a confirmation');
  const failure = failureIn(confirmation);
  if (failure !== undefined) throw new Error(`the round did not open: ${failure}`);
  if (!confirmation.includes(TEXTS.nl.roundOpenedNow(opening.projects))) {
    throw new Error(`the confirmation does not say ${opening.projects} cards go out now: ${confirmation}`);
  }
  if (confirmation.includes(TEXTS.nl.unreachable)) {
    throw new Error(`the confirmation names owners the bot cannot reach: ${confirmation}`);
  }

  // The scheduler sends the cards at Teams' pace; a tick that fails (a store call over its time
  // limit on a busy machine) is run again by the timer, here the external one, when cards stall.
  const waitUntil = Date.now() + 180_000;
  let seen = cards;
  let nextKick = Date.now() + 10_000;
  while (cards < opening.projects) {
    if (Date.now() > waitUntil) {
      throw new Error(
        `${cards} of ${opening.projects} cards arrived in 180 s; the round's send jobs by state: ` +
          JSON.stringify(await sendJobStates(cosmos, DATABASE, roundId)),
      );
    }
    if (cards > seen) {
      seen = cards;
      nextKick = Date.now() + 10_000;
    } else if (Date.now() > nextKick) {
      log.info(
        `${cards} of ${opening.projects} cards, none for 10 s; running the scheduler, as its timer would`,
      );
      await runScheduler(bot);
      nextKick = Date.now() + 10_000;
    }
    await sleep(50);
  }
  connector.capture = undefined;
  // The last tick records its last sends just after the connector answered them.
  await sleep(500);

  const { served, store } = await bot.records();
  const turn = served.find((request) => request.tag === tag);
  if (!turn) throw new Error(`the bot did not record ${tag}`);
  const during = store.filter((call) => call.start >= turn.start && call.start <= turn.end);
  return {
    opening,
    confirmationMs: confirmedAt - started,
    cardsMs: lastCardAt - started,
    turn: during.filter((call) => call.scheduler !== true),
    schedulerMeanwhile: during.filter((call) => call.scheduler === true),
    schedulerUntilSent: store.filter((call) => call.start >= turn.start && call.scheduler === true),
  };
}

function byKind(calls: readonly StoreCall[]): StoreRequests {
  const counts: StoreRequests = {
    queries: 0,
    continuationPages: 0,
    queryPlans: 0,
    pointReads: 0,
    writes: 0,
    other: 0,
  };
  for (const call of calls) counts[call.kind] += 1;
  return counts;
}

function byContainer(calls: readonly StoreCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const container = call.container || 'account';
    counts[container] = (counts[container] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function describe(counts: StoreRequests): string {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

function figuresOf(measured: readonly Measured[]) {
  const of = (projects: number) => measured.filter((result) => result.opening.projects === projects);
  const large = of(PROJECTS);
  const small = of(SMALL);
  /** The run with the most requests of the turn (they should all be the same). */
  const most = (results: readonly Measured[]) =>
    results.reduce((a, b) => (b.turn.length > a.turn.length ? b : a));
  const largest = most(large);
  const smallest = most(small);
  const confirmations = large.map((result) => result.confirmationMs);
  const requests = largest.turn.length;
  const requestsAt100 = smallest.turn.length;
  const extraPer100 = ((requests - requestsAt100) / (PROJECTS - SMALL)) * 100;
  const slowest = Math.max(...confirmations);
  return {
    bench: 'open',
    projects: PROJECTS,
    owners: OWNERS,
    runs: large.length,
    confirmationMs: round(median(confirmations)),
    confirmationMaxMs: round(slowest),
    confirmationRunsMs: confirmations.map(round),
    cosmosRequests: requests,
    cosmosRequestsByKind: byKind(largest.turn),
    cosmosRequestsByContainer: byContainer(largest.turn),
    cosmosRoundTrips: longestChain(largest.turn),
    requestsPerProject: round(requests / PROJECTS),
    schedulerRequestsMeanwhile: byKind(largest.schedulerMeanwhile),
    schedulerRequestsUntilSent: byKind(largest.schedulerUntilSent),
    schedulerRequestsUntilSentByContainer: byContainer(largest.schedulerUntilSent),
    cardsSeconds: round(median(large.map((result) => result.cardsMs)) / 1000),
    smallProjects: SMALL,
    smallOwners: SMALL_OWNERS,
    confirmationMsAt100: round(median(small.map((result) => result.confirmationMs))),
    requestsAt100,
    cosmosRequestsByKindAt100: byKind(smallest.turn),
    cosmosRoundTripsAt100: longestChain(smallest.turn),
    extraRequestsPer100Projects: round(extraPer100),
    targetMs: TARGET_MS,
    targetExtraRequestsPer100Projects: TARGET_EXTRA_REQUESTS_PER_100_PROJECTS,
    withinTarget: slowest <= TARGET_MS && extraPer100 <= TARGET_EXTRA_REQUESTS_PER_100_PROJECTS,
  };
}

function report(figures: ReturnType<typeof figuresOf>): void {
  log.info(
    `${figures.projects} projects, ${figures.owners} owners: confirmed after ${figures.confirmationMs} ms ` +
      `(median of ${figures.runs}; slowest ${figures.confirmationMaxMs} ms; target ≤ ${TARGET_MS} ms), ` +
      `${figures.cosmosRequests} store requests in the turn (${describe(figures.cosmosRequestsByKind)}), ` +
      `${figures.cosmosRoundTrips} one after another`,
  );
  log.info(
    `${figures.smallProjects} projects, ${figures.smallOwners} owners: confirmed after ${figures.confirmationMsAt100} ms, ` +
      `${figures.requestsAt100} store requests (${describe(figures.cosmosRequestsByKindAt100)}); ` +
      `${figures.extraRequestsPer100Projects} more per 100 projects (target ≤ ${TARGET_EXTRA_REQUESTS_PER_100_PROJECTS})`,
  );
  log.info(
    `the scheduler meanwhile: ${describe(figures.schedulerRequestsMeanwhile)}; until the last card was out ` +
      `(${figures.cardsSeconds} s): ${describe(figures.schedulerRequestsUntilSent)}`,
  );
}

/** Nothing hangs for ever: the bot and Cosmos exit with this process. */
setTimeout(() => {
  log.fatal('bench:open took far longer than it should; stopping');
  process.exit(1);
}, 900_000).unref();

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:open failed');
  process.exit(1);
});
