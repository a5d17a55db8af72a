import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { projectIdOf } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector } from '../support/recording-connector';
import { ThrottlingProxy } from '../support/throttling-proxy';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'efefefef-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'efefefef-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const ROUND_ID = 'voortgangsrapportage-2021';
const PROJECT_ID = projectIdOf(2021, '4.2.3');
const ANSWER = 'Loopt volgens plan, ondanks de drukte.';

describe('Cosmos DB throttling (429) in the middle of a card submit', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let proxy: ThrottlingProxy;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  /** The submit action's data on the card the owner was sent, as Teams sends it back. */
  let cardData: Record<string, unknown>;

  const submit = async () => {
    const started = performance.now();
    const response = await postActivity(
      botUrl,
      activityFrom(owner, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitStatus',
            data: { ...cardData, status: 'op-schema', answer: ANSWER },
          },
        },
      }),
    );
    return {
      ...response,
      seconds: (performance.now() - started) / 1000,
      text: JSON.stringify(response.body),
    };
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    const cosmos = await freshCosmosConfig();
    proxy = await new ThrottlingProxy(Number(new URL(cosmos.endpoint).port)).start();
    app = await startApp(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        COORDINATORS: coordinator.aadObjectId,
        SCHEDULER_INTERVAL_SECONDS: '0',
        COSMOS_ENDPOINT: `https://127.0.0.1:${proxy.port}/`,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      }),
      {
        clock: new FixedClock(new Date('2021-06-01T08:00:00Z')),
        log: logger.child({ test: 'throttling' }, { level: 'silent' }),
      },
    );
    botUrl = `http://127.0.0.1:${app.port}`;
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([
      {
        id: PROJECT_ID,
        year: 2021,
        number: '4.2.3',
        title: 'Integrale dienstverlening',
        speerpunt: 'Kwaliteit',
        goal: 'Doel',
        activities: 'Doen',
        owners: [owner.aadObjectId],
      },
    ]);
    for (const user of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      }),
    );
    const sent = await connector.waitForActivities(4);
    const data = sent
      .flatMap((activity) => activity.activity.attachments ?? [])
      .flatMap(
        (attachment) =>
          (attachment.content['actions'] ?? []) as { verb?: string; data?: Record<string, unknown> }[],
      )
      .find((action) => action.verb === 'submitStatus')?.data;
    assert.ok(data, 'the owner got a card with a submit action');
    cardData = data;
  });

  after(async function () {
    await app.close();
    await proxy.stop();
    await connector.stop();
  });

  it('tells the owner within Teams’ 5 seconds that nothing was saved, keeping the text, and stores nothing', async function () {
    proxy.throttling = true;
    let answer;
    try {
      answer = await submit();
    } finally {
      proxy.throttling = false;
    }

    assert.ok(proxy.refused > 0, 'the store was throttled');
    assert.equal(answer.status, 200);
    assert.ok(answer.seconds < 5, `answered in ${answer.seconds.toFixed(1)} s`);
    assert.match(answer.text, /Niet opgeslagen/);
    assert.ok(answer.text.includes(ANSWER), 'the typed text is kept on the card');
    assert.deepEqual((await repositories.statusUpdates.get(ROUND_ID, PROJECT_ID))?.value.versions, []);
  });

  it('stores the same answer once when the owner presses again after the throttling', async function () {
    const answer = await submit();

    assert.match(answer.text, /Opgeslagen/);
    const versions = (await repositories.statusUpdates.get(ROUND_ID, PROJECT_ID))?.value.versions ?? [];
    assert.deepEqual(
      versions.map((version) => version.answer),
      [ANSWER],
    );
  });
});
