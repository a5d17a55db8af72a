import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { FaultProxy } from '../support/fault-proxy';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector } from '../support/recording-connector';

const user: TestUser = {
  id: '29:u',
  aadObjectId: 'edededed-0000-0000-0000-000000000001',
  name: 'Adele Vance',
};

describe('Cosmos DB unreachable when the bot starts', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let proxy: FaultProxy;
  let app: RunningApp;
  let botUrl: string;
  const reachable = new EventEmitter();
  const logged: string[] = [];

  before(async function () {
    connector = await new RecordingConnector().start();
    const cosmos = await freshCosmosConfig();
    proxy = await new FaultProxy(Number(new URL(cosmos.endpoint).port)).start();
    proxy.cut();
    // What the operator reads: the app's log, as JSON lines.
    const lines = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          const { level, msg } = JSON.parse(line) as { level: number; msg: string };
          logged.push(`${level >= 50 ? 'error' : 'info'}: ${msg}`);
          if (msg.startsWith('Cosmos DB answers now')) reachable.emit('reachable');
        }
        done();
      },
    });
    app = await startApp(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SCHEDULER_INTERVAL_SECONDS: '0',
        COSMOS_ENDPOINT: `https://127.0.0.1:${proxy.port}/`,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      }),
      // Health answers are not reused here: the last test sees the store come back at once.
      { log: pino({ level: 'info' }, lines), storeRetryMs: 200, healthCacheMs: 0 },
    );
    botUrl = `http://127.0.0.1:${app.port}`;
  });

  after(async function () {
    await app.close();
    await proxy.stop();
    await connector.stop();
  });

  it('starts anyway and says so loudly in the log', function () {
    assert.ok(
      logged.some((line) => /^error: Cosmos DB does not answer at start-up/.test(line)),
      logged.join('\n'),
    );
  });

  it('reports itself unavailable on /healthz', async function () {
    const response = await fetch(`${botUrl}/healthz`);
    const body = (await response.json()) as { status: string };

    assert.equal(response.status, 503);
    assert.equal(body.status, 'unavailable');
    assert.equal((await fetch(`${botUrl}/readyz`)).status, 503, 'not ready for traffic either');
  });

  it('answers a message with a clear card, not a server error', async function () {
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'message', text: 'hulp' }),
    );

    assert.ok(response.status < 500, `status ${response.status}`);
    const [reply] = await connector.waitForActivities(1);
    assert.match(JSON.stringify(reply?.activity), /Probeer het over een paar minuten opnieuw/);
  });

  it('makes the database as soon as the store answers, and then works as usual', async function () {
    connector.clear();
    proxy.restore();
    if (!logged.some((line) => /^info: Cosmos DB answers now/.test(line))) await once(reachable, 'reachable');
    const health = await fetch(`${botUrl}/healthz`);
    assert.equal(health.status, 200);

    await postActivity(
      botUrl,
      activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
    );
    await connector.waitForActivities(1);
    assert.equal((await cosmosRepositories(app.store).contacts.get(user.aadObjectId))?.name, user.name);
  });
});
