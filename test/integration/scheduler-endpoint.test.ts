import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { logger } from '../../src/logger';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';

const SECRET = 'a-long-shared-secret-for-the-external-timer';

async function start(extra: Record<string, string>): Promise<RunningApp> {
  const cosmos = await freshCosmosConfig();
  return startApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      SCHEDULER_INTERVAL_SECONDS: '0',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: cosmos.database,
      ...extra,
    }),
    { log: logger.child({}, { level: 'silent' }) },
  );
}

function trigger(app: RunningApp, authorization?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${app.port}/api/scheduler/run`, {
    method: 'POST',
    headers: authorization ? { authorization } : {},
  });
}

describe('POST /api/scheduler/run, for an external timer', function () {
  describe('with a secret configured', function () {
    let app: RunningApp;

    before(async function () {
      app = await start({ SCHEDULER_SECRET: SECRET });
    });

    after(async function () {
      await app.close();
    });

    it('runs the scheduler for the holder of the secret and answers what it did', async function () {
      const response = await trigger(app, `Bearer ${SECRET}`);
      const report = (await response.json()) as Record<string, unknown>;

      assert.equal(response.status, 200);
      assert.deepEqual(Object.keys(report).sort(), [
        'failed',
        'lostRaces',
        'planned',
        'released',
        'retried',
        'sent',
        'skipped',
        'standby',
        'storeRetries',
      ]);
    });

    it('refuses a missing or wrong secret with 401', async function () {
      assert.equal((await trigger(app)).status, 401);
      assert.equal((await trigger(app, `Bearer ${SECRET}x`)).status, 401);
      assert.equal((await trigger(app, SECRET)).status, 401);
    });
  });

  it('does not exist without a secret', async function () {
    const app = await start({});
    try {
      assert.equal((await trigger(app, `Bearer ${SECRET}`)).status, 404);
    } finally {
      await app.close();
    }
  });
});
