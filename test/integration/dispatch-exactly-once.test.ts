import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  dispatchDueSends,
  SEND_LEASE,
  type Delivery,
  type JobSender,
} from '../../src/domain/use-cases/dispatch-due-sends';
import { openRound } from '../../src/domain/use-cases/open-round';
import { planDueSends } from '../../src/domain/use-cases/plan-due-sends';
import { openCosmosStore, type CosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { FixedClock } from '../support/fixed-clock';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { seedManyOwners } from '../support/many-owners';

const OWNERS = 300;
const coordinator = { id: 'coordinator', name: 'Coördinator' };

/** Records every delivery; answers after a tick so that dispatchers really interleave. */
class RecordingSender implements JobSender {
  readonly deliveries: Delivery[] = [];
  async send(delivery: Delivery) {
    await new Promise((resolve) => setImmediate(resolve));
    this.deliveries.push(delivery);
    return { ok: true as const, activityId: `activity-${this.deliveries.length}` };
  }
}

describe('dispatching send jobs from several instances against one Cosmos database', function () {
  this.timeout(60_000);
  const clock = new FixedClock('2021-06-01T08:00:00Z');
  const stores: CosmosStore[] = [];

  after(function () {
    for (const store of stores) store.dispose();
  });

  it('sends every job exactly once, with two dispatchers on separate clients at the same time', async function () {
    const cosmos = await freshCosmosConfig();
    const [first, second] = await Promise.all([openCosmosStore(cosmos), openCosmosStore(cosmos)]);
    stores.push(first, second);
    const repositories = cosmosRepositories(first);
    await seedManyOwners(repositories, OWNERS);
    await openRound(
      { kind: 'voortgangsrapportage', year: 2021, deadline: '2021-07-01', by: coordinator },
      { ...repositories, clock, isCoordinator: () => true },
    );
    const planned = await Promise.all([
      planDueSends({ ...repositories, clock }),
      planDueSends({ ...cosmosRepositories(second), clock }),
    ]);
    assert.equal(planned[0].created + planned[1].created, OWNERS, 'both planned, each job made once');

    const sender = new RecordingSender();
    // Without the send lease, so that the ETag claims alone keep the two apart.
    const dispatch = (store: CosmosStore) =>
      dispatchDueSends({
        ...cosmosRepositories(store),
        leases: undefined,
        clock,
        sender,
        instanceId: randomUUID(),
        batchSize: 50,
        concurrency: 10,
      });
    const reports = await Promise.all([dispatch(first), dispatch(second)]);

    const perJob = new Map<string, number>();
    for (const delivery of sender.deliveries)
      perJob.set(delivery.job.id, (perJob.get(delivery.job.id) ?? 0) + 1);
    assert.equal(perJob.size, OWNERS, 'no job lost');
    assert.deepEqual(
      [...perJob.values()].filter((count) => count > 1),
      [],
      'no job sent twice',
    );
    assert.equal(reports[0].sent + reports[1].sent, OWNERS);
    assert.ok(reports[0].sent > 0 && reports[1].sent > 0, 'both instances did part of the work');
    const jobs = await repositories.sendJobs.listByRound('voortgangsrapportage-2021');
    assert.deepEqual(
      jobs.filter((job) => job.state !== 'sent'),
      [],
    );
    assert.equal(new Set(jobs.map((job) => job.activityId)).size, OWNERS);
  });

  it('sends each owner one bundled reminder per moment exactly once, with two planners and two dispatchers at once', async function () {
    const owners = 120;
    // Every third owner has six projects, the others one or two.
    const projectsOf = (owner: number) => (owner % 3 === 0 ? 6 : 1 + (owner % 2));
    const cosmos = await freshCosmosConfig();
    const [first, second] = await Promise.all([openCosmosStore(cosmos), openCosmosStore(cosmos)]);
    stores.push(first, second);
    const repositories = cosmosRepositories(first);
    const projects = await seedManyOwners(repositories, owners, undefined, projectsOf);
    const at = new FixedClock('2021-06-01T08:00:00Z');
    await openRound(
      { kind: 'voortgangsrapportage', year: 2021, deadline: '2021-07-01', by: coordinator },
      { ...repositories, clock: at, isCoordinator: () => true },
    );
    await planDueSends({ ...repositories, clock: at });
    const dispatch = (store: CosmosStore, sender: RecordingSender) =>
      dispatchDueSends({
        ...cosmosRepositories(store),
        leases: undefined,
        clock: at,
        sender,
        instanceId: randomUUID(),
        batchSize: 25,
        concurrency: 8,
      });
    await dispatch(first, new RecordingSender());

    // Tuesday 22 June 09:00: the first reminder. Both instances plan it and both send.
    at.set('2021-06-22T07:00:00Z');
    const planned = await Promise.all([
      planDueSends({ ...repositories, clock: at }),
      planDueSends({ ...cosmosRepositories(second), clock: at }),
    ]);
    assert.equal(planned[0].created + planned[1].created, owners, 'one reminder job per owner, made once');
    const sender = new RecordingSender();
    await Promise.all([dispatch(first, sender), dispatch(second, sender)]);

    const perOwner = new Map<string, number>();
    for (const delivery of sender.deliveries) {
      perOwner.set(delivery.job.recipientId, (perOwner.get(delivery.job.recipientId) ?? 0) + 1);
    }
    assert.equal(perOwner.size, owners, 'no owner lost');
    assert.deepEqual(
      [...perOwner].filter(([, count]) => count !== 1),
      [],
      'one message per owner',
    );
    const bundles = sender.deliveries.flatMap((delivery) => (delivery.kind === 'bundle' ? [delivery] : []));
    assert.equal(bundles.length, owners / 3 + owners / 3, 'owners of two or six projects get a bundle');
    assert.ok(bundles.every((delivery) => delivery.updates.length >= 2));
    const covered = sender.deliveries.flatMap((delivery) =>
      delivery.kind === 'bundle' ? delivery.updates.map((update) => update.id) : [delivery.job.projectId],
    );
    assert.deepEqual(covered.sort(), projects.map((project) => project.id).sort(), 'every project once');
  });

  it('lets one of two instances send and the other stand by, with the send lease, so the tenant limit is not doubled', async function () {
    const cosmos = await freshCosmosConfig();
    const [first, second] = await Promise.all([openCosmosStore(cosmos), openCosmosStore(cosmos)]);
    stores.push(first, second);
    const repositories = cosmosRepositories(first);
    await seedManyOwners(repositories, 40);
    await openRound(
      { kind: 'voortgangsrapportage', year: 2021, deadline: '2021-07-01', by: coordinator },
      { ...repositories, clock, isCoordinator: () => true },
    );
    await planDueSends({ ...repositories, clock });

    const sender = new RecordingSender();
    const dispatch = (store: CosmosStore, instanceId: string) =>
      dispatchDueSends({ ...cosmosRepositories(store), clock, sender, instanceId, concurrency: 5 });
    const reports = await Promise.all([dispatch(first, 'instance-a'), dispatch(second, 'instance-b')]);

    assert.deepEqual(
      reports.map((report) => report.standby).sort(),
      [false, true],
      'exactly one instance sent',
    );
    assert.equal(reports[0].sent + reports[1].sent, 40);
    assert.equal(new Set(sender.deliveries.map((delivery) => delivery.job.id)).size, 40);
    assert.equal(sender.deliveries.length, 40);
    const lease = await first.containers.leases.item(SEND_LEASE, SEND_LEASE).read<{ until: string }>();
    assert.equal(lease.resource?.until, new Date(0).toISOString(), 'released after the run');
  });
});
