import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';
import { activityFrom, postActivity } from '../support/activities';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector } from '../support/recording-connector';
import { ThrottlingProxy } from '../support/throttling-proxy';

const user = { id: '29:u', aadObjectId: 'fafafafa-0000-0000-0000-000000000001', name: 'Megan Bowen' };

describe('SIGTERM while a turn is under way (npm start: node dist/src/main.js)', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let proxy: ThrottlingProxy;
  let bot: ChildProcessWithoutNullStreams;
  const messages: string[] = [];
  let listening: Promise<string>;

  before(async function () {
    connector = await new RecordingConnector().start();
    const cosmos = await freshCosmosConfig();
    proxy = await new ThrottlingProxy(Number(new URL(cosmos.endpoint).port)).start();
    bot = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        SCHEDULER_INTERVAL_SECONDS: '0',
        COSMOS_ENDPOINT: `https://127.0.0.1:${proxy.port}/`,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      },
    });
    listening = new Promise((resolve) => {
      createInterface({ input: bot.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg: string; url?: string };
        messages.push(entry.msg);
        if (entry.msg === 'bot listening' && entry.url) resolve(entry.url.replace(/\/api\/messages$/, ''));
      });
    });
  });

  after(async function () {
    if (bot.exitCode === null) bot.kill('SIGKILL');
    await proxy.stop();
    await connector.stop();
  });

  it('finishes the turn, answers it, and exits cleanly', async function () {
    const url = await listening;

    // The store is slow (throttled) while the turn runs, so SIGTERM arrives in the middle of it.
    proxy.throttling = true;
    const turn = postActivity(url, activityFrom(user, connector.url, { type: 'message', text: 'hulp' }));
    await once(proxy, 'refused');
    const exited = once(bot, 'exit');
    bot.kill('SIGTERM');
    proxy.throttling = false;

    const response = await turn;
    assert.equal(response.status, 200, 'the turn under way was answered');
    const [reply] = await connector.waitForActivities(1);
    assert.doesNotMatch(JSON.stringify(reply?.activity), /Er ging iets mis/);
    assert.match(JSON.stringify(reply?.activity), /samenvatting/, 'the help card');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    assert.ok(
      messages.some((message) => message.startsWith('stopping: no new requests')),
      messages.join('\n'),
    );
    assert.equal(messages.at(-1), 'stopped');
  });
});
