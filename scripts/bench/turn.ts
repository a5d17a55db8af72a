import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { logger } from '../../src/logger';
import { NODE_FLAGS } from '../../src/node-flags';
import { BARE_PATH, startBenchBot, type BenchBotProcess } from './bench-bot-process';
import { startCosmosProcess } from './local-cosmos-process';
import { LoadConnector } from './load-connector';
import { KINDS, MESSAGE_KINDS, MIX, type Kind } from './load-mix';
import { answerProblem, MixRequests, type MixRequest, type RequestKind } from './mix-requests';
import { printFigures } from './print-figures';
import { seedRound, users } from './seed-round';
import { median, round } from './stats';
import { TENANT_ID } from '../../test/support/activities';
import { BOT_FRAMEWORK_ISSUER, LocalIdentityProvider } from '../../test/support/local-identity-provider';

const PROJECTS = Number(process.env['BENCH_PROJECTS'] ?? 300);
/** Turns of each kind, one at a time, after WARM_UP of each. */
const TURNS = Number(process.env['BENCH_TURNS'] ?? 30);
const WARM_UP = 5;
/** Requests of the mixed load, and of the bare load it is compared with, in each of ROUNDS rounds. */
const MIXED = Number(process.env['BENCH_MIXED'] ?? 300);
const ROUNDS = 2;
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
const OWNERS = 50;
/** Every fifth owner is named in the register by e-mail. */
const EMAIL_EVERY = 5;
const COORDINATORS = 2;
const SUMMARY_PAGE_SIZE = 15;
const DATABASE = 'bench-turn';
/** Where to write a CPU profile of the bot from the end of the warm-up on (a .cpuprofile file), if anywhere. */
const PROFILE = process.env['BENCH_CPU_PROFILE'];
/**
 * With BENCH_CPU_PROFILE: profile only this kind of turn (`hulp`, `submit`, `bare`, …), 300 of
 * them one at a time after the warm-up, and stop there; to see what one kind costs.
 */
const PROFILE_KIND = process.env['BENCH_PROFILE_KIND'] as Measured | undefined;
const TARGET_MIXED_OF_BARE = 3;
/**
 * bench:load's mix, nine tenths of it, and card refreshes (Teams asks for a card with a refresh
 * action again each time it shows it to someone the card names).
 */
const TURN_MIX: Readonly<Record<RequestKind, number>> = {
  ...(Object.fromEntries(KINDS.map((kind) => [kind, MIX[kind] * 0.9])) as Record<Kind, number>),
  refresh: 10,
};
const TURN_KINDS = Object.keys(TURN_MIX) as RequestKind[];
/** The turn kinds, the bare botbuilder echo, and the bare bot answering a card action. */
type Measured = RequestKind | 'bare' | 'bareInvoke';
/**
 * BENCH_AUTH=1: afterwards the same bot and bare bot again with auth on, as in production (an app
 * id; tokens signed by a local identity provider and checked against its keys), measuring the
 * turns Teams sends as invokes: a message's reply would need a token from Microsoft's login service.
 */
const AUTH = process.env['BENCH_AUTH'] === '1';
const INVOKE_KINDS = [
  'submit',
  'summary-page',
  'refresh',
  'bareInvoke',
] as const satisfies readonly Measured[];
const APP_ID = '00000000-0000-0000-0000-00000000b07e';
const log = logger.child({ module: 'bench:turn' });

/**
 * `npm run bench:turn`: the bot's CPU time per turn, measured in the bot's own process
 * (`process.cpuUsage()`, user and system: CPU time, not wall time), against a bare botbuilder echo
 * turn on the same server in the same run (bench-bot.ts). The real app as bench:load runs it, with
 * the local Cosmos server in a process of its own, seeded the same way (300 projects, 50 owners,
 * every fifth named by e-mail, 2 coordinators, the round open).
 *
 * Two measurements:
 * - **per kind**: turns of each kind (the commands `hulp`, `samenvatting`, `samenvatting <nr>`,
 *   `geschiedenis <nr>`, `status`; card submits, summary pages and card refreshes) and bare echoes,
 *   one at a time, taking turns; each turn's CPU time from its request's arrival to its answer;
 * - **mixed**: the mix of bench:load with refreshes, CONCURRENCY requests at a time, against as
 *   many bare echoes at the same concurrency, in alternating rounds; the CPU time the process used
 *   over each, divided by its requests, which includes what the turns left running after their
 *   answer (planning card updates) and the garbage collector.
 */
async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  const connector = await new LoadConnector().start();
  let bot: BenchBotProcess | undefined;
  try {
    const owners = users('owner', OWNERS, 'Eigenaar', EMAIL_EVERY);
    const coordinators = users('coordinator', COORDINATORS, 'Coördinator');
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
    const driver = new Driver(
      bot,
      new MixRequests({
        connectorUrl: connector.url,
        owners,
        coordinators,
        projects,
        summaryPages: Math.ceil(PROJECTS / SUMMARY_PAGE_SIZE),
      }),
    );

    log.info(`${WARM_UP} turns of each kind to warm up, then ${TURNS} of each, one at a time`);
    for (let n = 0; n < WARM_UP; n++)
      for (const kind of [...TURN_KINDS, 'bare', 'bareInvoke'] as const) await driver.send(kind);
    await bot.records();
    if (PROFILE && PROFILE_KIND) {
      await bot.startProfile();
      for (let n = 0; n < 300; n++) await driver.send(PROFILE_KIND);
      await bot.stopProfile(PROFILE);
      log.info(`the bot's CPU profile of 300 turns of ${PROFILE_KIND} is in ${PROFILE}`);
      return;
    }
    if (PROFILE) await bot.startProfile();
    const tags = new Map<string, Measured>();
    for (let n = 0; n < TURNS; n++) {
      for (const kind of [...TURN_KINDS, 'bare', 'bareInvoke'] as const)
        tags.set(await driver.send(kind), kind);
    }
    const { served, store } = await bot.records();
    const cpuOf = new Map<Measured, number[]>();
    const storeOf = new Map<Measured, number[]>();
    const inOrder = [...served].sort((a, b) => a.start - b.start);
    inOrder.forEach((request, i) => {
      const kind = tags.get(request.tag);
      if (kind === undefined) return;
      cpuOf.set(kind, [...(cpuOf.get(kind) ?? []), request.cpuMicros / 1000]);
      // One at a time: a store request belongs to the turn that came in last before it started.
      const until = inOrder[i + 1]?.start ?? Number.POSITIVE_INFINITY;
      const calls = store.filter((call) => call.start >= request.start && call.start < until).length;
      storeOf.set(kind, [...(storeOf.get(kind) ?? []), calls]);
    });

    log.info(
      `${ROUNDS} rounds of ${MIXED} bare echoes and ${MIXED} requests of the mix, ${CONCURRENCY} at a time`,
    );
    const mixed = { cpuMs: 0, requests: 0, storeRequests: 0 };
    const bare = { cpuMs: 0, requests: 0 };
    for (let r = 0; r < ROUNDS; r++) {
      const bareRun = await driver.load(MIXED, () => 'bare');
      bare.cpuMs += bareRun.cpuMs;
      bare.requests += bareRun.requests;
      await bot.records();
      const mixedRun = await driver.load(MIXED, () => driver.mix.kindOf(TURN_MIX));
      mixed.cpuMs += mixedRun.cpuMs;
      mixed.requests += mixedRun.requests;
      mixed.storeRequests += (await bot.records()).store.length;
    }
    if (PROFILE) {
      await bot.stopProfile(PROFILE);
      log.info(`the bot's CPU profile after the warm-up is in ${PROFILE}`);
    }
    await bot.stop();
    bot = undefined;
    const auth = AUTH ? await withAuth(cosmos, driver.mix, connector.url, coordinators, cpuOf) : undefined;

    const errors = driver.errors + connectorErrors(connector, driver.sent);
    const bareTurnCpuMs = median(cpuOf.get('bare') ?? []);
    const bareCpuMs = bare.cpuMs / bare.requests;
    const mixedCpuMs = mixed.cpuMs / mixed.requests;
    const figures = {
      bench: 'turn',
      projects: PROJECTS,
      turnsPerKind: TURNS,
      mixedRequests: mixed.requests,
      concurrency: CONCURRENCY,
      errors,
      bareCpuMs: round(bareCpuMs),
      mixedCpuMs: round(mixedCpuMs),
      mixedOfBare: round(mixedCpuMs / bareCpuMs),
      bareTurnCpuMs: round(bareTurnCpuMs),
      storeRequestsPerMixedRequest: round(mixed.storeRequests / mixed.requests),
      perKind: Object.fromEntries(
        TURN_KINDS.map((kind) => {
          const cpu = cpuOf.get(kind) ?? [];
          return [
            kind,
            {
              cpuMs: round(median(cpu)),
              meanCpuMs: round(cpu.reduce((sum, ms) => sum + ms, 0) / cpu.length),
              ofBare: round(median(cpu) / bareTurnCpuMs),
              storeRequests: median(storeOf.get(kind) ?? []),
            },
          ];
        }),
      ),
      ...(auth ? { auth } : {}),
      targetMixedOfBare: TARGET_MIXED_OF_BARE,
      withinTargets: errors === 0 && mixedCpuMs <= TARGET_MIXED_OF_BARE * bareCpuMs,
    };
    log.info(
      `CPU per turn, one at a time (median): bare echo ${figures.bareTurnCpuMs} ms; ` +
        TURN_KINDS.map(
          (kind) =>
            `${kind} ${figures.perKind[kind]?.cpuMs ?? NaN} ms (${figures.perKind[kind]?.storeRequests ?? NaN} store requests)`,
        ).join(', '),
    );
    log.info(
      `under load, ${CONCURRENCY} at a time: the mix ${figures.mixedCpuMs} ms a request, bare echoes ` +
        `${figures.bareCpuMs} ms: ${figures.mixedOfBare}× (target ≤ ${TARGET_MIXED_OF_BARE}); ` +
        `${figures.storeRequestsPerMixedRequest} store requests a request; errors ${errors}`,
    );
    if (errors > 0) process.exitCode = 1;
    if (!figures.withinTargets) log.warn('not within the targets');
    printFigures(figures);
  } finally {
    await bot?.stop();
    await connector.stop();
    await cosmos.stop();
  }
}

/** Sends the bench's requests and checks their answers. */
class Driver {
  errors = 0;
  /** Messages sent, by kind: each must get one reply at the connector, not a failure. */
  readonly sent = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly bot: BenchBotProcess,
    readonly mix: MixRequests,
    /** The token every request carries, with auth on. */
    private readonly token?: string,
  ) {}

  /** Sends one request of `kind` and resolves with its tag once it is answered. */
  async send(kind: Measured): Promise<string> {
    this.count += 1;
    const tag = `turn-${kind}-${this.count}`;
    const request: MixRequest =
      kind === 'bare'
        ? { ...this.mix.build('hulp'), kind: 'hulp' }
        : kind === 'bareInvoke'
          ? { ...this.mix.build('refresh'), kind: 'refresh' }
          : this.mix.build(kind);
    // The id says what it is (load-<kind>-<n>): the connector counts replies by it.
    const id = `load-${kind}-${this.count}`;
    const path = kind === 'bare' || kind === 'bareInvoke' ? BARE_PATH : '/api/messages';
    if (kind === 'bare' || MESSAGE_KINDS.includes(kind as Kind))
      this.sent.set(kind, (this.sent.get(kind) ?? 0) + 1);
    let problem: string | undefined;
    try {
      const { status, text } = await this.bot.post(path, tag, { ...request.body, id }, this.token);
      problem = answerProblem(request.kind, status, text);
    } catch (error) {
      problem = `request failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.mix.settle(request, problem === undefined);
    if (problem !== undefined) {
      this.errors += 1;
      if (this.errors <= 5) log.warn(`${kind}: ${problem}`);
    }
    return tag;
  }

  /**
   * `requests` requests of the kinds `kindOf` draws, CONCURRENCY at a time, and the CPU time the
   * bot used from before the first until its work after the last was done.
   */
  async load(requests: number, kindOf: () => Measured): Promise<{ cpuMs: number; requests: number }> {
    const before = await this.bot.cpuMicros();
    let left = requests;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left > 0) {
          left -= 1;
          await this.send(kindOf());
        }
      }),
    );
    // What a turn leaves running after its answer (a submit plans the other cards' updates) is
    // part of its cost: let it finish, as the bare bot (which leaves nothing) is given the same time.
    await sleep(SETTLE_MS);
    const after = await this.bot.cpuMicros();
    return { cpuMs: (after - before) / 1000, requests };
  }
}

const SETTLE_MS = 300;

/**
 * The invoke kinds again, one at a time, on a bot started afresh on the same store with auth on,
 * every request carrying a token signed by a local identity provider; against the same kinds with
 * auth off (`off`, from the run before).
 */
async function withAuth(
  cosmos: { readonly endpoint: string; readonly key: string },
  mix: MixRequests,
  connectorUrl: string,
  coordinators: readonly { readonly aadObjectId: string }[],
  off: ReadonlyMap<Measured, readonly number[]>,
): Promise<Record<string, unknown>> {
  const provider = await new LocalIdentityProvider().start();
  const bot = await startBenchBot({
    cosmosEndpoint: cosmos.endpoint,
    cosmosKey: cosmos.key,
    database: DATABASE,
    coordinators: coordinators.map((user) => user.aadObjectId),
    schedulerSecret: randomBytes(32).toString('base64url'),
    auth: { appId: APP_ID, tenantId: TENANT_ID, openIdMetadataUrl: provider.metadataUrl },
  });
  try {
    const now = Math.floor(Date.now() / 1000);
    const token = provider.token({
      serviceurl: connectorUrl,
      nbf: now - 60,
      exp: now + 3600,
      iss: BOT_FRAMEWORK_ISSUER,
      aud: APP_ID,
    });
    const driver = new Driver(bot, mix, token);
    log.info(`auth on: ${WARM_UP} invokes of each kind to warm up, then ${TURNS} of each`);
    for (let n = 0; n < WARM_UP; n++) for (const kind of INVOKE_KINDS) await driver.send(kind);
    await bot.records();
    const tags = new Map<string, Measured>();
    for (let n = 0; n < TURNS; n++) for (const kind of INVOKE_KINDS) tags.set(await driver.send(kind), kind);
    const { served } = await bot.records();
    const on = new Map<Measured, number[]>();
    for (const request of served) {
      const kind = tags.get(request.tag);
      if (kind !== undefined) on.set(kind, [...(on.get(kind) ?? []), request.cpuMicros / 1000]);
    }
    const bareOn = median(on.get('bareInvoke') ?? []);
    const bareOff = median([...(off.get('bareInvoke') ?? [])]);
    return {
      errors: driver.errors,
      identityProviderRequests: provider.attempts,
      tokenCheckCpuMs: round(bareOn - bareOff),
      perKind: Object.fromEntries(
        INVOKE_KINDS.map((kind) => {
          const cpuOn = median(on.get(kind) ?? []);
          const cpuOff = median([...(off.get(kind) ?? [])]);
          return [
            kind,
            { cpuMs: round(cpuOn), offCpuMs: round(cpuOff), ofBareInvoke: round(cpuOn / bareOn) },
          ];
        }),
      ),
    };
  } finally {
    await bot.stop();
    await provider.stop();
  }
}

/** Messages whose reply did not reach the connector, or said the turn failed. */
function connectorErrors(connector: LoadConnector, sent: ReadonlyMap<string, number>): number {
  const replies = connector.replies();
  let errors = connector.unexpected;
  for (const [kind, count] of sent) {
    const got = replies[kind];
    const missing = Math.max(0, count - (got?.replies ?? 0));
    errors += missing + (got?.failures ?? 0);
    if (missing > 0 || (got?.failures ?? 0) > 0)
      log.warn({ kind, sent: count, ...got }, 'replies missing or failed at the connector');
  }
  return errors;
}

/** Nothing hangs for ever: the bot and Cosmos exit with this process. */
setTimeout(() => {
  log.fatal('bench:turn took far longer than it should; stopping');
  process.exit(1);
}, 900_000).unref();

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:turn failed');
  process.exit(1);
});
