import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { VERSION } from '../../src/version';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector } from '../support/recording-connector';

const user: TestUser = {
  id: '29:u',
  aadObjectId: 'acacacac-0000-0000-0000-000000000001',
  name: 'Adele Vance',
};

const REFUSED = 'ronde open voortgangsrapportage 2021 tot 1-7-2099';

interface Line {
  readonly msg: string;
  readonly correlationId?: string;
  readonly activityId?: string;
  readonly [key: string]: unknown;
}

describe('operations: structured logs with a correlation id per turn, /healthz, /readyz, the version', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  const lines: Line[] = [];

  before(async function () {
    connector = await new RecordingConnector().start();
    const cosmos = await freshCosmosConfig();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
        done();
      },
    });
    app = await startApp(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        SCHEDULER_INTERVAL_SECONDS: '0',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      }),
      { log: createLogger(destination) },
    );
    botUrl = `http://127.0.0.1:${app.port}`;
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('tags every line of a turn with one correlation id and the activity id, the caller’s if it sends one', async function () {
    // Someone who is no coordinator opening a round: the refusal is logged.
    const activity = activityFrom(user, connector.url, { type: 'message', text: REFUSED });
    const before = lines.length;
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'trace-42' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200);

    const turn = lines.slice(before).filter((line) => line.correlationId === 'trace-42');
    assert.ok(turn.length > 0, 'the turn logged');
    assert.ok(turn.every((line) => line.activityId === activity['id']));
  });

  it('gives a request without one a fresh id, different per request', async function () {
    const ids = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const before = lines.length;
      await postActivity(botUrl, {
        ...activityFrom(user, connector.url, { type: 'message', text: REFUSED }),
      });
      const tagged = lines.slice(before).filter((line) => line.correlationId !== undefined);
      assert.ok(tagged.length > 0);
      assert.equal(new Set(tagged.map((line) => line.correlationId)).size, 1, 'one id per request');
      ids.add(tagged[0]?.correlationId ?? '');
    }
    assert.equal(ids.size, 2);
  });

  it('says its version in the start-up log, on /healthz, /readyz and in hulp', async function () {
    assert.ok(lines.some((line) => line.msg === 'bot listening' && line['version'] === VERSION));
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`${botUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(((await response.json()) as { version: string }).version, VERSION, path);
    }
    connector.clear();
    await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text: 'hulp' }));
    const [reply] = await connector.waitForActivities(1);
    assert.match(
      JSON.stringify(reply?.activity),
      new RegExp(`Stand van zaken ${VERSION.replace(/\./g, '\\.')}`),
    );
  });
});
