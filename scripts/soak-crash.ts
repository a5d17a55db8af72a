import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { logger } from '../src/logger';
import { random as seededRandom } from './bench/realistic-round';
import {
  killMidSendAndResume,
  roundWithPlannedAsks,
  type CrashOutcome,
} from '../test/support/crash-scenario';
import { localCosmos } from '../test/support/local-cosmos-fixture';
import { RecordingConnector } from '../test/support/recording-connector';

const log = logger.child({ module: 'soak:crash' });

/**
 * `npm run soak:crash -- --runs 30 --seed 7`: the SIGKILL case of
 * test/integration/dispatcher-crash.test.ts, run again and again while other processes keep every
 * core busy. Each run kills the first dispatcher at a point drawn from the seed (anywhere between
 * the first and the last card), lets a second instance resume after the leases ran out, and counts
 * at the connector what was lost and what came twice. The busy processes are started and stopped
 * here; they also stop when this process dies. Exits 1 when a card was lost, came twice without
 * being accepted at the instant of the crash, or was left unsent.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: process.env['SOAK_RUNS'] ?? '30' },
      seed: { type: 'string', default: process.env['SOAK_SEED'] ?? '1' },
      owners: { type: 'string', default: '200' },
      load: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const runs = positive(values.runs, 'runs');
  const seed = positive(values.seed, 'seed');
  const owners = positive(values.owners, 'owners');
  const busyProcesses = Number(values.load);
  const random = seededRandom(seed);

  const load = Array.from({ length: busyProcesses }, () =>
    fork(__filename, ['--busy'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  const connector = await new RecordingConnector().start();
  const outcomes: CrashOutcome[] = [];
  const loadAverages: number[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const killAfter = 1 + Math.floor(random() * (owners - 1));
      const planned = await roundWithPlannedAsks(connector, owners);
      try {
        const outcome = await killMidSendAndResume(connector, planned, killAfter);
        outcomes.push(outcome);
        loadAverages.push(loadavg()[0] ?? 0);
        const extra = outcome.duplicates - outcome.acceptedButUnrecorded;
        log.info(
          {
            killAfter,
            lost: outcome.lost,
            duplicates: outcome.duplicates,
            acceptedButUnrecorded: outcome.acceptedButUnrecorded,
            unfinished: outcome.unfinished.length,
            resumeRuns: outcome.resumeRuns.length,
            storeRetries: sum(outcome.resumeRuns.map((r) => r.report?.storeRetries ?? 0)),
          },
          `run ${run}/${runs}: ${outcome.lost === 0 && extra === 0 && outcome.unfinished.length === 0 ? 'ok' : 'FAILED'}`,
        );
        if (outcome.unfinished.length > 0 || outcome.resumeRuns.some((r) => r.error)) {
          log.warn({ unfinished: outcome.unfinished.slice(0, 5), resumeRuns: outcome.resumeRuns }, 'details');
        }
      } finally {
        planned.store.dispose();
      }
    }
  } finally {
    await Promise.all(load.map(stopBusy));
    await connector.stop();
    await (await localCosmos()).stop();
  }

  const failedRuns = outcomes.filter(
    (o) => o.lost > 0 || o.duplicates !== o.acceptedButUnrecorded || o.unfinished.length > 0,
  ).length;
  const figures = {
    bench: 'soak-crash',
    runs,
    seed,
    owners,
    failedRuns,
    lost: sum(outcomes.map((o) => o.lost)),
    duplicates: sum(outcomes.map((o) => o.duplicates)),
    acceptedButUnrecorded: sum(outcomes.map((o) => o.acceptedButUnrecorded)),
    unfinished: sum(outcomes.map((o) => o.unfinished.length)),
    runsResumedMoreThanOnce: outcomes.filter((o) => o.resumeRuns.length > 1).length,
    storeRetries: sum(outcomes.flatMap((o) => o.resumeRuns.map((r) => r.report?.storeRetries ?? 0))),
    busyProcesses,
    cores: availableParallelism(),
    loadAverage1m: Math.round((sum(loadAverages) / Math.max(1, loadAverages.length)) * 100) / 100,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  if (failedRuns > 0) process.exitCode = 1;
}

/**
 * Keeps one core busy in slices, so that the process still hears its parent go away (the IPC
 * channel closes) and stops with it.
 */
function busyLoop(): void {
  process.on('disconnect', () => process.exit(0));
  const spin = () => {
    const until = performance.now() + 50;
    while (performance.now() < until) {
      // busy on purpose
    }
    setImmediate(spin);
  };
  spin();
}

async function stopBusy(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function positive(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number above 0`);
  return parsed;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

if (process.argv.includes('--busy')) {
  busyLoop();
} else {
  main().catch((error: unknown) => {
    log.fatal({ err: error }, 'soak:crash failed');
    process.exit(1);
  });
}
