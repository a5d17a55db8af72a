import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import type { Repositories } from '../../src/domain/repositories';
import { openRound } from '../../src/domain/use-cases/open-round';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { seedManyOwners } from '../support/many-owners';
import { RecordingConnector } from '../support/recording-connector';

const OWNERS = 20;
const THROTTLED = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const UNAVAILABLE = [10, 11, 12, 13, 14];
const BLOCKED = [15, 16];
const GONE = [17];

/**
 * A round opens while Teams' connector is having a bad minute: a storm of 429s with Retry-After,
 * 503s without, a user who blocked the bot, a chat that is gone. Through the real scheduler,
 * job sender, CloudAdapter and outbound path.
 */
describe('sending while the connector throttles and fails', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let repositories: Repositories;

  before(async function () {
    connector = await new RecordingConnector().start();
    const cosmos = await freshCosmosConfig();
    app = await startApp(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SCHEDULER_INTERVAL_SECONDS: '0',
        SEND_ANY_TIME: 'true',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      }),
      { log: logger.child({ test: 'connector-faults' }, { level: 'silent' }) },
    );
    repositories = cosmosRepositories(app.store);
    await seedManyOwners(repositories, OWNERS, connector.url);
    for (const i of THROTTLED) connector.throttleNext(`conversation-${i}`, 2, 1);
    for (const i of UNAVAILABLE) connector.failNext(`conversation-${i}`, 2, 503);
    for (const i of BLOCKED) connector.failConversation(`conversation-${i}`, 403);
    for (const i of GONE) connector.failConversation(`conversation-${i}`, 404);
    await openRound(
      { kind: 'voortgangsrapportage', year: 2021, deadline: '2100-01-01', by: { id: 'c', name: 'C' } },
      {
        ...repositories,
        clock: { now: () => new Date() },
        isCoordinator: () => true,
        reminderPlan: { ...DEFAULT_REMINDER_PLAN, sendAnyTime: true },
      },
    );
    await app.scheduler.tick();
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  const attempts = (i: number) => connector.attempts.get(`conversation-${i}`) ?? 0;
  const delivered = (i: number) =>
    connector.activities.filter((recorded) => recorded.conversationId === `conversation-${i}`).length;
  const jobOf = async (i: number) =>
    (await repositories.sendJobs.listByRound('voortgangsrapportage-2021')).find(
      (job) => job.recipientId === `owner-${i}`,
    );

  it('delivers every throttled card once, after exactly the refused tries and one more', async function () {
    for (const i of [...THROTTLED, ...UNAVAILABLE]) {
      assert.equal(delivered(i), 1, `conversation-${i} got its card once`);
      assert.equal(attempts(i), 3, `conversation-${i}: two refused, one accepted, no hidden retries`);
      assert.equal((await jobOf(i))?.state, 'sent');
    }
  });

  it('tries a blocked user and a gone chat once, and marks them with the reason', async function () {
    for (const i of [...BLOCKED, ...GONE]) {
      assert.equal(attempts(i), 1, `conversation-${i} is not retried`);
      assert.equal(delivered(i), 0);
    }
    for (const i of BLOCKED)
      assert.deepEqual([(await jobOf(i))?.state, (await jobOf(i))?.reason], ['failed', 'blocked']);
    for (const i of GONE)
      assert.deepEqual([(await jobOf(i))?.state, (await jobOf(i))?.reason], ['failed', 'not-found']);
  });

  it('sends the others untouched, and nothing more on the next run', async function () {
    for (const i of [18, 19]) assert.deepEqual([attempts(i), delivered(i)], [1, 1]);
    const before = connector.activities.length;
    const report = await app.scheduler.tick();
    assert.equal(report.sent + report.failed + report.retried, 0);
    assert.equal(connector.activities.length, before);
  });
});
