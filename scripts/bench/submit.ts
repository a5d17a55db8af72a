import { randomBytes } from 'node:crypto';
import { logger } from '../../src/logger';
import { NODE_FLAGS } from '../../src/node-flags';
import type { ServedRequest, StoreCall } from './bench-bot';
import { BARE_PATH, startBenchBot, type BenchBotProcess } from './bench-bot-process';
import { startCosmosProcess } from './local-cosmos-process';
import { LoadConnector } from './load-connector';
import { answerProblem, MixRequests } from './mix-requests';
import { printFigures } from './print-figures';
import { seedRound, users } from './seed-round';
import { longestChain, median, percentile, round } from './stats';
import { describeRequests, mostRequests, type StoreRequests } from './store-requests';

const PROJECTS = Number(process.env['BENCH_PROJECTS'] ?? 40);
const SUBMITS = Number(process.env['BENCH_SUBMITS'] ?? 200);
const WARM_UP = Number(process.env['BENCH_WARM_UP'] ?? 20);
/** Every second owner is named in the register by e-mail. */
const OWNERS = 20;
const DATABASE = 'bench-submit';
/** Where to write a CPU profile of the bot during the measured submits (a .cpuprofile file), if anywhere. */
const PROFILE = process.env['BENCH_CPU_PROFILE'];
const TARGET_P99_OF_BARE = 2;
const TARGET_ROUND_TRIPS = 2;
const log = logger.child({ module: 'bench:submit' });

type Owner = 'id' | 'email';

interface Timed {
  readonly tag: string;
  readonly owner: Owner;
  readonly ms: number;
}

/**
 * `npm run bench:submit`: an owner presses Versturen on the status card (an `adaptiveCard/action`
 * invoke with the card's own data and a new answer) through the real restify server, CloudAdapter
 * and Cosmos client, against the local Cosmos server in a process of its own; the bot in a
 * process of its own too (bench-bot.ts). In the same run, on the same server, the same invoke is
 * sent to a bare botbuilder bot that answers a fixed card: the baseline. Submits and bare invokes
 * take turns, one at a time, half of the submits by owners the register names by e-mail.
 *
 * Prints p50 and p99 of both (from sending to the whole answer), and per submit the store requests
 * counted at the wire by kind and the round trips on its critical path: the longest chain of store
 * requests, one after another, that ended before the answer went out (requests under way at the
 * same time count once).
 */
async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  const connector = await new LoadConnector().start();
  let bot: BenchBotProcess | undefined;
  try {
    const owners = users('owner', OWNERS, 'Eigenaar', 2);
    const coordinators = users('coordinator', 1, 'Coördinator');
    bot = await startBenchBot({
      cosmosEndpoint: cosmos.endpoint,
      cosmosKey: cosmos.key,
      database: DATABASE,
      coordinators: coordinators.map((user) => user.aadObjectId),
      schedulerSecret: randomBytes(32).toString('base64url'),
    });
    log.info(`the bot listens on ${bot.url} with ${NODE_FLAGS.join(' ')}; seeding (not timed)`);
    const projects = await seedRound(bot, connector, cosmos, {
      database: DATABASE,
      projects: PROJECTS,
      owners,
      coordinators,
    });
    const mix = new MixRequests({
      connectorUrl: connector.url,
      owners,
      coordinators,
      projects,
      summaryPages: 1,
    });
    const ownedBy = (owner: Owner) =>
      projects.flatMap((project, i) =>
        (owners[project.owner]?.email === undefined) === (owner === 'id') ? [i] : [],
      );
    const projectsOf: Record<Owner, number[]> = { id: ownedBy('id'), email: ownedBy('email') };

    log.info(`${WARM_UP} submits to warm up, then ${SUBMITS}, each followed or preceded by a bare invoke`);
    const submits: Timed[] = [];
    const bares: Timed[] = [];
    let errors = 0;
    const running = bot;
    for (let n = 0; n < WARM_UP + SUBMITS; n++) {
      if (n === WARM_UP) {
        await running.records();
        if (PROFILE) await running.startProfile();
      }
      const owner: Owner = n % 2 === 0 ? 'id' : 'email';
      const own = projectsOf[owner];
      const request = mix.submit(own[Math.floor(n / 2) % own.length] as number);
      const submit = async () => {
        const { ms, status, text } = await running.post('/api/messages', `submit-${n}`, {
          ...request.body,
          id: `submit-${n}`,
        });
        const problem = answerProblem('submit', status, text);
        mix.settle(request, problem === undefined);
        if (problem !== undefined) {
          errors += 1;
          log.warn(`submit ${n} (${owner} owner): ${problem}`);
        }
        if (n >= WARM_UP) submits.push({ tag: `submit-${n}`, owner, ms });
      };
      const bare = async () => {
        const { ms, status, text } = await running.post(BARE_PATH, `bare-${n}`, {
          ...request.body,
          id: `bare-${n}`,
        });
        if (status !== 200 || !text.includes('Opgeslagen')) {
          errors += 1;
          log.warn(`bare invoke ${n}: HTTP ${status} ${text.slice(0, 200)}`);
        }
        if (n >= WARM_UP) bares.push({ tag: `bare-${n}`, owner, ms });
      };
      // Either goes first as often as the other.
      if (Math.floor(n / 2) % 2 === 0) {
        await submit();
        await bare();
      } else {
        await bare();
        await submit();
      }
    }
    const records = await bot.records();
    if (PROFILE) {
      await bot.stopProfile(PROFILE);
      log.info(`the bot's CPU profile of the measured submits is in ${PROFILE}`);
    }
    await bot.stop();
    bot = undefined;

    const figures = figuresOf(submits, bares, records.served, records.store, errors);
    report(figures);
    if (errors > 0) process.exitCode = 1;
    if (!figures.withinTargets) log.warn('not within the targets');
    printFigures(figures);
  } finally {
    await bot?.stop();
    await connector.stop();
    await cosmos.stop();
  }
}

interface SubmitStore {
  readonly owner: Owner;
  /** Every store request from the submit's arrival to the next submit's, by kind. */
  readonly requests: StoreRequests;
  /** Those that ended before the answer went out. */
  readonly beforeAnswer: StoreRequests;
  readonly roundTrips: number;
}

/**
 * The store requests of each submit. Submits come one at a time and the bare bot sends none, so a
 * request belongs to the last submit that arrived before it started; it was on the submit's
 * critical path if it ended before the answer went out (work the handler started and did not
 * wait for, such as planning the other cards' updates, ends after it).
 */
function storeOfSubmits(
  submits: readonly Timed[],
  served: readonly ServedRequest[],
  store: readonly StoreCall[],
): SubmitStore[] {
  const byTag = new Map(served.map((request) => [request.tag, request]));
  const windows = submits.map((submit) => {
    const request = byTag.get(submit.tag);
    if (!request) throw new Error(`the bot did not record ${submit.tag}`);
    return { submit, request };
  });
  return windows.map(({ submit, request }, i) => {
    const until = windows[i + 1]?.request.start ?? Number.POSITIVE_INFINITY;
    const calls = store.filter((call) => call.start >= request.start && call.start < until);
    const beforeAnswer = calls.filter((call) => call.end <= request.end);
    return {
      owner: submit.owner,
      requests: countByKind(calls),
      beforeAnswer: countByKind(beforeAnswer),
      roundTrips: longestChain(beforeAnswer),
    };
  });
}

function countByKind(calls: readonly StoreCall[]): StoreRequests {
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

function figuresOf(
  submits: readonly Timed[],
  bares: readonly Timed[],
  served: readonly ServedRequest[],
  store: readonly StoreCall[],
  errors: number,
) {
  const ms = (timed: readonly Timed[]) => timed.map((t) => t.ms);
  const ofOwner = (owner: Owner) => submits.filter((submit) => submit.owner === owner);
  const servedOf = (prefix: string) => served.filter((request) => request.tag.startsWith(prefix));
  const serverMs = (prefix: string) => servedOf(prefix).map((request) => request.end - request.start);
  const cpuMs = (prefix: string) => servedOf(prefix).map((request) => request.cpuMicros / 1000);
  const perSubmit = storeOfSubmits(submits, served, store);
  const storeOf = (owner: Owner) => perSubmit.filter((submit) => submit.owner === owner);
  const most = (owner: Owner, counts: (submit: SubmitStore) => StoreRequests) =>
    mostRequests(storeOf(owner).map(counts));
  const roundTrips = (owner: Owner) => storeOf(owner).map((submit) => submit.roundTrips);
  const p99 = percentile(ms(submits), 0.99);
  const bareP99 = percentile(ms(bares), 0.99);
  const cosmosRoundTrips = Math.max(...roundTrips('id'));
  const cosmosRoundTripsEmailOwner = Math.max(...roundTrips('email'));
  return {
    bench: 'submit',
    projects: PROJECTS,
    submits: submits.length,
    errors,
    p50Ms: round(percentile(ms(submits), 0.5)),
    p99Ms: round(p99),
    bareP50Ms: round(percentile(ms(bares), 0.5)),
    bareP99Ms: round(bareP99),
    p99OfBare: round(p99 / bareP99),
    p50OfBare: round(percentile(ms(submits), 0.5) / percentile(ms(bares), 0.5)),
    p99IdOwnerMs: round(percentile(ms(ofOwner('id')), 0.99)),
    p99EmailOwnerMs: round(percentile(ms(ofOwner('email')), 0.99)),
    serverP50Ms: round(percentile(serverMs('submit-'), 0.5)),
    serverP99Ms: round(percentile(serverMs('submit-'), 0.99)),
    bareServerP99Ms: round(percentile(serverMs('bare-'), 0.99)),
    cpuMsPerSubmit: round(median(cpuMs('submit-'))),
    bareCpuMs: round(median(cpuMs('bare-'))),
    cosmosRequests: most('id', (submit) => submit.requests),
    cosmosRequestsBeforeAnswer: most('id', (submit) => submit.beforeAnswer),
    cosmosRequestsEmailOwner: most('email', (submit) => submit.requests),
    cosmosRoundTrips,
    cosmosRoundTripsMedian: median(roundTrips('id')),
    cosmosRoundTripsEmailOwner,
    cosmosRoundTripsEmailOwnerMedian: median(roundTrips('email')),
    targetP99OfBare: TARGET_P99_OF_BARE,
    targetRoundTrips: TARGET_ROUND_TRIPS,
    withinTargets:
      errors === 0 &&
      p99 <= TARGET_P99_OF_BARE * bareP99 &&
      Math.max(cosmosRoundTrips, cosmosRoundTripsEmailOwner) <= TARGET_ROUND_TRIPS,
  };
}

function report(figures: ReturnType<typeof figuresOf>): void {
  log.info(
    `${figures.submits} submits, ${figures.errors} errors: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms ` +
      `(object-id owners ${figures.p99IdOwnerMs} ms, e-mail owners ${figures.p99EmailOwnerMs} ms); in the bot ` +
      `p50 ${figures.serverP50Ms} ms, p99 ${figures.serverP99Ms} ms, CPU ${figures.cpuMsPerSubmit} ms a submit`,
  );
  log.info(
    `bare botbuilder invoke: p50 ${figures.bareP50Ms} ms, p99 ${figures.bareP99Ms} ms, CPU ${figures.bareCpuMs} ms; ` +
      `submit p99 = ${figures.p99OfBare}× the bare p99 (target ≤ ${TARGET_P99_OF_BARE})`,
  );
  log.info(
    `store requests of a submit: ${describeRequests(figures.cosmosRequests)}; before the answer ` +
      `${describeRequests(figures.cosmosRequestsBeforeAnswer)}; by an e-mail owner ${describeRequests(figures.cosmosRequestsEmailOwner)}`,
  );
  log.info(
    `round trips on the critical path: ${figures.cosmosRoundTrips} (e-mail owner ${figures.cosmosRoundTripsEmailOwner}); ` +
      `target ≤ ${TARGET_ROUND_TRIPS}`,
  );
}

/** Nothing hangs for ever: the bot and Cosmos exit with this process. */
setTimeout(() => {
  log.fatal('bench:submit took far longer than it should; stopping');
  process.exit(1);
}, 600_000).unref();

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:submit failed');
  process.exit(1);
});
