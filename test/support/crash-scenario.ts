import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Config } from '../../src/config';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import type { Repositories } from '../../src/domain/repositories';
import type { SendJob } from '../../src/domain/send-job';
import type { DispatchReport } from '../../src/domain/use-cases/dispatch-due-sends';
import { openRound } from '../../src/domain/use-cases/open-round';
import { planDueSends } from '../../src/domain/use-cases/plan-due-sends';
import { openCosmosStore, type CosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { freshCosmosConfig } from './local-cosmos-fixture';
import { seedManyOwners } from './many-owners';
import type { RecordingConnector } from './recording-connector';

export const CRASH_ROUND = 'voortgangsrapportage-2021';
/** Past the dispatcher's ten-minute job lease: the time at which another instance may take over. */
const ELEVEN_MINUTES = 11 * 60_000;
/** Runs the resuming instance gets, as the scheduler's next ticks would, when the store stops one. */
const RESUME_RUNS = 3;

/** How one dispatcher process ended: its report, or what stopped it. */
export interface WorkerRun {
  readonly exitCode: number | null;
  readonly report?: DispatchReport;
  readonly error?: string;
  /** For a run the store stopped: the calls that failed, and after how long. */
  readonly failedCalls?: readonly string[];
}

/** An open round with `owners` owners (one project each) and its first asks planned as send jobs. */
export interface PlannedRound {
  readonly cosmos: Config['cosmos'];
  readonly store: CosmosStore;
  readonly repositories: Repositories;
  readonly owners: number;
}

export async function roundWithPlannedAsks(
  connector: RecordingConnector,
  owners: number,
): Promise<PlannedRound> {
  connector.clear();
  const cosmos = await freshCosmosConfig();
  const store = await openCosmosStore(cosmos);
  const repositories = cosmosRepositories(store);
  // Any time of day: the clock here is the machine's, and this is about crashes, not calendars.
  const clock = { now: () => new Date() };
  await seedManyOwners(repositories, owners, connector.url);
  await openRound(
    { kind: 'voortgangsrapportage', year: 2021, deadline: '2100-01-01', by: { id: 'c', name: 'C' } },
    {
      ...repositories,
      clock,
      isCoordinator: () => true,
      reminderPlan: { ...DEFAULT_REMINDER_PLAN, sendAnyTime: true },
    },
  );
  await planDueSends({ ...repositories, clock });
  return { cosmos, store, repositories, owners };
}

/** One bot instance's dispatcher in a process of its own (test/support/dispatch-worker.ts). */
export function startWorker(
  cosmos: Config['cosmos'],
  instanceId: string,
  clockOffsetMs: number,
): ChildProcess {
  return fork(
    join(__dirname, 'dispatch-worker.js'),
    [JSON.stringify({ ...cosmos, instanceId, clockOffsetMs })],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
}

/** Waits for the worker to exit and reads the last line it printed. */
export async function runOf(child: ChildProcess): Promise<WorkerRun> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  const last = output.trim().split('\n').pop() ?? '';
  const parsed = last ? (JSON.parse(last) as Omit<WorkerRun, 'exitCode'>) : {};
  return { exitCode, ...parsed };
}

/** Sends per conversation, as the connector recorded them. */
export function sendsPerConversation(connector: RecordingConnector): Map<string, number> {
  const perConversation = new Map<string, number>();
  for (const recorded of connector.activities) {
    perConversation.set(recorded.conversationId, (perConversation.get(recorded.conversationId) ?? 0) + 1);
  }
  return perConversation;
}

export interface CrashOutcome {
  readonly owners: number;
  /** Cards at the connector when the first instance was killed. */
  readonly killedAfter: number;
  /** Cards the connector had when the dead instance's last request was done with. */
  readonly deliveredBeforeCrash: number;
  /** Jobs left claimed by the dead instance whose card Teams had already accepted: the only ones that may come twice. */
  readonly acceptedButUnrecorded: number;
  /** Owners who never got their card. */
  readonly lost: number;
  /** Owners who got it more than once. */
  readonly duplicates: number;
  /** Jobs not recorded as sent once the resuming instance was done. */
  readonly unfinished: readonly Pick<SendJob, 'id' | 'state' | 'reason' | 'attempts' | 'leaseOwner'>[];
  /** The resuming instance's runs, in order: a run the store stopped is followed by another. */
  readonly resumeRuns: readonly WorkerRun[];
}

/**
 * Kills a dispatcher with SIGKILL once `killAfter` cards have reached the connector, then lets a
 * second instance, started after the dead one's leases ran out, send what is left. The second
 * instance runs until a run ends normally (at most three runs, as the scheduler's next ticks would
 * run it); everything is measured at the connector and in the store once it is done.
 */
export async function killMidSendAndResume(
  connector: RecordingConnector,
  planned: PlannedRound,
  killAfter: number,
  started: (child: ChildProcess) => void = () => undefined,
): Promise<CrashOutcome> {
  // A run the store stopped before the kill point is followed by another, as the next tick would.
  let first: ChildProcess | undefined;
  let firstRun: Promise<WorkerRun> | undefined;
  const reachedKillPoint = connector.waitForActivities(killAfter, 120_000);
  for (let run = 1; ; run++) {
    first = startWorker(planned.cosmos, 'first', 0);
    started(first);
    firstRun = runOf(first);
    const ended = await Promise.race([reachedKillPoint.then(() => undefined), firstRun]);
    if (!ended) break;
    if (ended.exitCode === 0 || run === RESUME_RUNS) {
      throw new Error(`the first instance ended before it was killed: ${JSON.stringify(ended)}`);
    }
  }
  first.kill('SIGKILL');
  await firstRun;
  // A request the dead instance had fully sent may still be on its way through the connector.
  await connector.idle();
  const delivered = new Set(connector.activities.map((recorded) => recorded.conversationId));
  const acceptedButUnrecorded = (await planned.repositories.sendJobs.listByRound(CRASH_ROUND)).filter(
    (job) => job.state === 'sending' && delivered.has(job.recipientId.replace('owner-', 'conversation-')),
  ).length;
  const deliveredBeforeCrash = connector.activities.length;

  const resumeRuns: WorkerRun[] = [];
  do {
    const second = startWorker(planned.cosmos, 'second', ELEVEN_MINUTES);
    started(second);
    resumeRuns.push(await runOf(second));
  } while (resumeRuns.at(-1)?.exitCode !== 0 && resumeRuns.length < RESUME_RUNS);

  const perConversation = sendsPerConversation(connector);
  const jobs = await planned.repositories.sendJobs.listByRound(CRASH_ROUND);
  return {
    owners: planned.owners,
    killedAfter: killAfter,
    deliveredBeforeCrash,
    acceptedButUnrecorded,
    lost: Array.from({ length: planned.owners }, (_, i) => `conversation-${i}`).filter(
      (conversation) => !perConversation.has(conversation),
    ).length,
    duplicates: [...perConversation.values()].filter((count) => count > 1).length,
    unfinished: jobs
      .filter((job) => job.state !== 'sent')
      .map(({ id, state, reason, attempts, leaseOwner }) => ({ id, state, reason, attempts, leaseOwner })),
    resumeRuns,
  };
}
