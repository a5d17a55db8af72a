import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import type { DispatchReport } from '../../src/domain/use-cases/dispatch-due-sends';
import { openRound } from '../../src/domain/use-cases/open-round';
import { planDueSends } from '../../src/domain/use-cases/plan-due-sends';
import { openCosmosStore, type CosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { seedManyOwners } from '../support/many-owners';
import { RecordingConnector } from '../support/recording-connector';

const OWNERS = 200;
const ELEVEN_MINUTES = 11 * 60_000;

describe('a dispatcher stopped halfway', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let store: CosmosStore;
  const children: ChildProcess[] = [];

  /** A fresh database with OWNERS owners, an open round and its first asks planned as send jobs. */
  const roundWithPlannedAsks = async () => {
    connector.clear();
    const cosmos = await freshCosmosConfig();
    store = await openCosmosStore(cosmos);
    const repositories = cosmosRepositories(store);
    const clock = { now: () => new Date() };
    const projects = await seedManyOwners(repositories, OWNERS, connector.url);
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
    return { cosmos, repositories, projects };
  };

  const worker = (cosmos: object, instanceId: string, clockOffsetMs: number) => {
    const child = fork(
      join(__dirname, '..', 'support', 'dispatch-worker.js'),
      [JSON.stringify({ ...cosmos, instanceId, clockOffsetMs })],
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
    );
    children.push(child);
    return child;
  };

  /** The report a worker prints as its last line when its run ends. */
  const reportOf = async (child: ChildProcess): Promise<DispatchReport> => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await once(child, 'exit');
    return JSON.parse(output.trim().split('\n').pop() ?? '{}') as DispatchReport;
  };

  const countPerConversation = (): Map<string, number> => {
    const perConversation = new Map<string, number>();
    for (const recorded of connector.activities) {
      perConversation.set(recorded.conversationId, (perConversation.get(recorded.conversationId) ?? 0) + 1);
    }
    return perConversation;
  };

  after(async function () {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    store.dispose();
    await connector.stop();
  });

  before(async function () {
    connector = await new RecordingConnector().start();
  });

  it('by SIGTERM finishes what is under way and gives the rest back: another instance sends it at once, nothing lost, nothing twice', async function () {
    const { cosmos, repositories, projects } = await roundWithPlannedAsks();

    const first = worker(cosmos, 'first', 0);
    await connector.waitForActivities(OWNERS / 3, 20_000);
    first.kill('SIGTERM');
    const [firstReport] = await Promise.all([reportOf(first), once(first, 'exit')]);
    assert.ok(connector.activities.length < OWNERS, 'the first instance stopped halfway');
    assert.ok(firstReport.released > 0, 'it gave back jobs it had claimed');
    const left = (await repositories.sendJobs.listByRound('voortgangsrapportage-2021')).filter(
      (job) => job.state === 'sending',
    );
    assert.deepEqual(left, [], 'no job is left claimed');

    // No clock offset: nothing has to wait for a lease to run out.
    const second = worker(cosmos, 'second', 0);
    await once(second, 'exit');

    const perConversation = countPerConversation();
    assert.equal(
      projects.filter((_, i) => !perConversation.has(`conversation-${i}`)).length,
      0,
      'nothing lost',
    );
    assert.deepEqual(
      [...perConversation].filter(([, count]) => count > 1),
      [],
      'nothing sent twice',
    );
    const jobs = await repositories.sendJobs.listByRound('voortgangsrapportage-2021');
    assert.deepEqual(
      jobs.filter((job) => job.state !== 'sent').map((job) => job.id),
      [],
    );
    store.dispose();
  });

  it('by SIGKILL is resumed by another instance once its leases run out: nothing lost, only a card accepted at the instant of the crash comes twice', async function () {
    const { cosmos, repositories, projects } = await roundWithPlannedAsks();

    const first = worker(cosmos, 'first', 0);
    await connector.waitForActivities(OWNERS / 3, 20_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    // A request the dead instance had fully sent may still be on its way through the connector.
    await connector.idle();
    // Jobs the dead instance had claimed but not yet recorded as sent; of those, the ones whose
    // card Teams had already accepted are the only ones that can come twice.
    const delivered = new Set(connector.activities.map((recorded) => recorded.conversationId));
    const acceptedButUnrecorded = (
      await repositories.sendJobs.listByRound('voortgangsrapportage-2021')
    ).filter(
      (job) => job.state === 'sending' && delivered.has(job.recipientId.replace('owner-', 'conversation-')),
    ).length;
    const deliveredBeforeCrash = connector.activities.length;
    assert.ok(deliveredBeforeCrash < OWNERS, 'the first instance died halfway');

    const second = worker(cosmos, 'second', ELEVEN_MINUTES);
    await once(second, 'exit');

    const perConversation = countPerConversation();
    const lost = projects.filter((_, i) => !perConversation.has(`conversation-${i}`)).length;
    const duplicates = [...perConversation.values()].filter((count) => count > 1).length;
    assert.equal(lost, 0, 'every owner got the card');
    assert.equal(
      duplicates,
      acceptedButUnrecorded,
      'only cards accepted in the instant before the crash come twice',
    );
    assert.ok(acceptedButUnrecorded <= 5, `${acceptedButUnrecorded} cards were accepted but not recorded`);
    const jobs = await repositories.sendJobs.listByRound('voortgangsrapportage-2021');
    assert.deepEqual(
      jobs.filter((job) => job.state !== 'sent').map((job) => job.id),
      [],
    );
  });
});
