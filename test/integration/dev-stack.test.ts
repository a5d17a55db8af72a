import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_COLLEAGUE, PLAYGROUND_USER } from '../../scripts/local/demo-data';
import { startDevStack, type DevStack } from '../../scripts/local/dev-stack';
import { amsterdamDate } from '../../src/domain/clock';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity } from '../support/activities';
import { listeningAddresses } from '../support/listening-sockets';
import { RecordingConnector } from '../support/recording-connector';

const PLAYGROUND_PORT = 56152;
const COLLEAGUE_PORT = PLAYGROUND_PORT + 1;
const playgroundUser = { id: 'user-id-0', aadObjectId: PLAYGROUND_USER.id, name: PLAYGROUND_USER.name };

describe('the stack of npm run dev', function () {
  this.timeout(60_000);
  const logLines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  let directory: string;
  let stack: DevStack | undefined;
  let connector: RecordingConnector;

  const start = () =>
    startDevStack({
      env: { LOG_LEVEL: 'silent' },
      botPort: 0,
      cosmosPort: 0,
      playgroundPort: PLAYGROUND_PORT,
      persistTo: join(directory, 'cosmos.json'),
      log,
    });

  before(async function () {
    directory = mkdtempSync(join(tmpdir(), 'svz-dev-'));
    connector = await new RecordingConnector().start();
    stack = await start();
  });

  after(async function () {
    await stack?.stop();
    await connector.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('says in the log which store it uses and where the Playground is', function () {
    const log = logLines.join('');
    assert.match(log, /embedded local Cosmos DB, development only/);
    assert.match(log, new RegExp(`Agents Playground: http://127\\.0\\.0\\.1:${PLAYGROUND_PORT}`));
  });

  it('answers /healthz: the embedded store answers', async function () {
    assert.ok(stack);
    const response = await fetch(`http://127.0.0.1:${stack.app.port}/healthz`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'ok');
  });

  it('serves the Agents Playground, and a second one for the demo colleague', async function () {
    for (const port of [PLAYGROUND_PORT, COLLEAGUE_PORT]) {
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      assert.match(page, /Microsoft 365 Agents Playground/);
    }
    assert.equal(stack?.colleaguePlaygroundUrl, `http://127.0.0.1:${COLLEAGUE_PORT}`);
    const log = logLines.join('');
    assert.match(log, new RegExp(`:${COLLEAGUE_PORT} as ${DEMO_COLLEAGUE.name}, the second coordinator`));
  });

  it('puts the colleague at the keyboard of the second Playground, as a coordinator who may review', async function () {
    // The Playground's own idea of who is typing, from which it fills in every activity.
    const config = (await (await fetch(`http://127.0.0.1:${COLLEAGUE_PORT}/_internal/v1/config`)).json()) as {
      config: { currentUser: { name: string; aadObjectId: string } };
    };
    assert.deepEqual(config.config.currentUser.aadObjectId, DEMO_COLLEAGUE.id);
    assert.equal(config.config.currentUser.name, DEMO_COLLEAGUE.name);
    assert.ok(stack);
    connector.clear();
    await postActivity(
      `http://127.0.0.1:${stack.app.port}`,
      activityFrom(
        { id: DEMO_COLLEAGUE.playgroundId, aadObjectId: DEMO_COLLEAGUE.id, name: DEMO_COLLEAGUE.name },
        connector.url,
        { type: 'message', text: 'beoordelen' },
      ),
    );
    const [answer] = await connector.waitForActivities(1);
    const text = JSON.stringify(answer?.activity.attachments?.[0]?.content ?? {});
    assert.doesNotMatch(text, /mag u niet|niet beoordelen|may not/i);
    assert.match(text, /beoordeling|ronde/i);
    connector.clear();
  });

  it('listens on 127.0.0.1 only: bot, Playground and Cosmos', function () {
    assert.ok(stack?.cosmosEndpoint);
    const ports = [
      stack.app.port,
      PLAYGROUND_PORT,
      COLLEAGUE_PORT,
      Number(new URL(stack.cosmosEndpoint).port),
    ];
    for (const port of ports) {
      const addresses = listeningAddresses(port);
      assert.ok(addresses.length > 0, `nothing listens on ${port}`);
      assert.deepEqual(
        addresses.filter((address) => address !== '127.0.0.1'),
        [],
        `port ${port}`,
      );
    }
  });

  it('seeds demo projects owned by the Playground user, who may open a round as coordinator', async function () {
    assert.ok(stack);
    const projects = await cosmosRepositories(stack.app.store).projects.listByYear(2021);
    assert.ok(projects.length >= 3);
    assert.ok(projects.every((project) => project.owners.includes(PLAYGROUND_USER.id)));

    const deadline = amsterdamDate(new Date(Date.now() + 30 * 24 * 3600 * 1000));
    const botUrl = `http://127.0.0.1:${stack.app.port}`;
    await postActivity(
      botUrl,
      activityFrom(playgroundUser, connector.url, {
        type: 'message',
        text: `ronde open voortgangsrapportage 2021 tot ${deadline}`,
      }),
    );
    await connector.waitForActivities(projects.length + 1);
    const cards = connector.cards().map((card) => JSON.stringify(card));
    assert.equal(cards.filter((card) => card.includes('Wat is de stand van zaken?')).length, projects.length);
  });

  it('keeps its data across a restart', async function () {
    assert.ok(stack);
    await stack.stop();
    stack = undefined;
    stack = await start();

    const repositories = cosmosRepositories(stack.app.store);
    assert.equal((await repositories.rounds.get('voortgangsrapportage-2021'))?.status, 'open');
    assert.equal((await repositories.statusUpdates.listByRound('voortgangsrapportage-2021')).length, 4);
    assert.equal((await repositories.projects.listByYear(2021)).length, 4, 'demo data is not seeded twice');
  });
});
