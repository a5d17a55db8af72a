import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import sinon from 'sinon';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { logger } from '../../src/logger';
import { projectRoot } from '../../src/project-root';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity } from '../support/activities';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';

describe('start-up with a production configuration', function () {
  it('refuses to start and names every bad key', async function () {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        PORT: 'http',
        COSMOS_ENDPOINT: 'http://not-https.example',
        BOT_TENANT_ID: 'contoso',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];

    assert.equal(code, 1);
    assert.match(output, /refusing to start/);
    for (const key of ['PORT', 'COSMOS_ENDPOINT', 'BOT_TENANT_ID', 'BOT_APP_ID']) {
      assert.match(output, new RegExp(`${key}:`), `${key} is named`);
    }
  });

  it('with a Cosmos endpoint that does not answer: starts, says so as an error, and is not ready', async function () {
    this.timeout(60_000);
    // A port nothing listens on: the account of a mistyped or not yet provisioned endpoint.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        BOT_APP_ID: '9a2b3c4d-1111-2222-3333-444455556666',
        BOT_APP_PASSWORD: 'a-client-secret',
        BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
        COSMOS_ENDPOINT: `https://127.0.0.1:${port}/`,
        COSMOS_KEY:
          'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines: { level: number; msg: string; url?: string }[] = [];
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) =>
          reject(new Error(`exited with ${String(code)}: ${JSON.stringify(lines)}`)),
        );
        createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as { level: number; msg: string; url?: string };
          lines.push(entry);
          if (entry.msg === 'bot listening' && entry.url) resolve(entry.url.replace(/\/api\/messages$/, ''));
        });
      });

      assert.ok(
        lines.some(
          (line) => line.level >= 50 && line.msg.startsWith('Cosmos DB does not answer at start-up'),
        ),
        'an error in the log names the store',
      );
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 503);
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 503);
      assert.equal(((await health.json()) as { status: string }).status, 'unavailable');
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });

  describe('with a bot app id configured', function () {
    let app: RunningApp;

    before(async function () {
      const cosmos = await freshCosmosConfig();
      app = await startApp(
        loadConfig({
          NODE_ENV: 'production',
          PORT: '0',
          BOT_APP_ID: '9a2b3c4d-1111-2222-3333-444455556666',
          BOT_APP_PASSWORD: 'a-client-secret',
          BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
          COSMOS_ENDPOINT: cosmos.endpoint,
          COSMOS_KEY: cosmos.key,
          COSMOS_DATABASE: cosmos.database,
        }),
        { log: logger.child({}, { level: 'silent' }) },
      );
    });

    after(async function () {
      await app.close();
    });

    it('refuses an activity without a Bot Framework token with 401 and a short answer, stores nothing and prints nothing', async function () {
      const user = { id: 'user-id-9', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000009', name: 'Eve' };
      const printed = sinon.spy(console, 'error');
      let response: Awaited<ReturnType<typeof postActivity>>;
      try {
        response = await postActivity(
          `http://127.0.0.1:${app.port}`,
          activityFrom(user, 'http://127.0.0.1:9/', { type: 'message', text: 'hulp' }),
        );
      } finally {
        printed.restore();
      }

      assert.equal(response.status, 401);
      assert.deepEqual(response.body, {
        error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' },
      });
      assert.equal(await cosmosRepositories(app.store).contacts.get(user.aadObjectId), undefined);
      assert.equal(printed.callCount, 0, 'botbuilder printed the refusal');
    });
  });
});
