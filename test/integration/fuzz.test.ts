import assert from 'node:assert/strict';
import fc from 'fast-check';
import pino from 'pino';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityProblem } from '../../src/teams/activity-shape';
import { FILE_DOWNLOAD_INFO } from '../../src/teams/files';
import { CARD_ACTIONS } from '../../src/teams/routes';
import { activityFrom, postActivity, TENANT_ID, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

/** How many generated requests; FUZZ_RUNS raises it for a longer hunt, FUZZ_SEED replays one. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261125);
const CONCURRENCY = 8;

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'ffffffff-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'ffffffff-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const ROUND_ID = 'voortgangsrapportage-2021';
const PROJECT_NUMBERS = ['2', '4.2.3', '4.2.10'];

function project(number: string): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Dienstverlening',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners: [owner.aadObjectId],
  };
}

// Generators -------------------------------------------------------------------------------------

/** Text as people and attackers type it: commands with odd arguments, markup, control characters, megabytes. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom(
        'hulp',
        'help',
        'samenvatting',
        'summary',
        'status',
        'geschiedenis',
        'delegeer',
        'ronde open',
        'ronde sluit',
        'round open voortgangsrapportage',
        'jaarverslag',
        'voortgangsrapportage',
        'taal',
        'language',
        'weekoverzicht',
      ),
      fc.oneof(
        fc.constantFrom(
          '',
          ' 4.2.3',
          ' 4.2.3 aan x@y.nl',
          ' 2021 tot 1-7-2021',
          ' 9999',
          ' -1',
          ' ../../etc/passwd',
          " ' OR 1=1 --",
          ' ${user.name}',
          ' <script>alert(1)</script>',
          ' **vet** [link](javascript:alert(1))',
          ' \u0000\u0007\u001b[31m',
          ' \uD800',
          ' 4.2.3 aan <at>iemand</at>',
          ' en',
          ' kl',
        ),
        fc.string({ maxLength: 40 }).map((tail) => ` ${tail}`),
      ),
    )
    .map(([command, tail]) => command + tail),
  fc.nat({ max: 200_000 }).map((length) => 'A'.repeat(length)),
);

/** A value of any JSON type, to stand where a field of one particular type is expected. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Nested far deeper than any real payload. */
const deep = fc.nat({ max: 2_000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { nested: value } : [value];
  return value;
});

const projectId = fc.oneof(
  fc.constantFrom(...PROJECT_NUMBERS.map((number) => projectIdOf(2021, number))),
  fc.constantFrom('2021:9.9.9', '2099:1', '../2021:4.2.3', '2021:4.2.3\u0000', ''),
  fc.string({ maxLength: 30 }),
);
const roundId = fc.oneof(
  fc.constant(ROUND_ID),
  fc.constantFrom('jaarverslag-2021', 'voortgangsrapportage-2099', '', 'x'.repeat(5_000)),
  fc.string({ maxLength: 30 }),
);
const status = fc.oneof(
  fc.constantFrom('op-schema', 'vertraagd', 'afgerond', 'gestopt', 'on-hold', ''),
  wrongType,
);

const cardData = fc.record(
  {
    roundId: fc.oneof(roundId, wrongType),
    projectId: fc.oneof(projectId, wrongType),
    status,
    answer: fc.oneof(hostileText, wrongType),
    deviation: fc.oneof(hostileText, wrongType),
    financial: fc.oneof(hostileText, wrongType),
    achieved: fc.oneof(fc.constantFrom('ja', 'deels', 'nee', 'misschien'), wrongType),
    completionQuarter: fc.oneof(fc.constantFrom('Q1', 'Q5', ''), wrongType),
    completionYear: fc.oneof(fc.constantFrom('2021', '1900', 'abc'), wrongType),
    baseVersion: fc.oneof(fc.integer({ min: -2, max: 10 }), wrongType),
    language: fc.oneof(fc.constantFrom('nl', 'en', 'fr'), wrongType),
    page: fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), wrongType),
    about: fc.oneof(fc.constantFrom('4.2.3', 'kwaliteit'), wrongType),
    card: fc.oneof(deep, wrongType),
  },
  { requiredKeys: [] },
);

const invokeValue = fc.oneof(
  fc.record({
    action: fc.record(
      {
        type: fc.oneof(fc.constantFrom('Action.Execute', 'Action.Submit'), wrongType),
        verb: fc.oneof(
          fc.constantFrom(...CARD_ACTIONS.map((action) => action.verb)),
          fc.string({ maxLength: 30 }),
          wrongType,
        ),
        data: fc.oneof(cardData, wrongType, deep),
      },
      { requiredKeys: [] },
    ),
    trigger: fc.oneof(fc.constantFrom('manual', 'automatic'), wrongType),
  }),
  wrongType,
  deep,
);

/**
 * A field of the activity the edge checks: mostly of the right type, so the bot's own code is
 * reached, sometimes of any other (which the edge must answer with 400).
 */
function mostly<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: wrongType });
}

const user = fc.oneof(
  // Strangers mostly: nothing they send may change what is stored.
  fc.record({
    id: fc.string({ maxLength: 20 }).map((id) => `29:${id}`),
    aadObjectId: fc.uuid(),
    name: fc.string({ maxLength: 30 }),
  }),
  fc.record(
    { id: mostly(fc.string({ maxLength: 20 })), aadObjectId: mostly(fc.uuid()), name: mostly(fc.string()) },
    { requiredKeys: ['id'] },
  ),
);

const conversation = fc.record(
  {
    id: mostly(fc.string({ maxLength: 40 })),
    conversationType: mostly(fc.constantFrom('personal', 'channel', 'groupChat')),
    tenantId: mostly(fc.oneof(fc.constant(TENANT_ID), fc.uuid())),
  },
  { requiredKeys: ['id'] },
);

const attachments = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.array(
      fc.oneof(
        fc.record({
          contentType: fc.constant(FILE_DOWNLOAD_INFO),
          name: mostly(fc.constantFrom('register.xlsx', 'r.csv', 'verslag.txt', 'x.exe', '')),
          content: fc.oneof(
            fc.record({
              downloadUrl: fc.oneof(
                fc.constantFrom(
                  'http://169.254.169.254/latest/meta-data',
                  'file:///etc/passwd',
                  'http://127.0.0.1:1/x.xlsx',
                  'https://intranet.local/x.csv',
                  'not a url',
                ),
                wrongType,
              ),
            }),
            wrongType,
          ),
        }),
        fc.record(
          { contentType: fc.string({ maxLength: 40 }), content: fc.oneof(deep, wrongType) },
          { requiredKeys: [] },
        ),
        { weight: 1, arbitrary: wrongType },
      ),
      { maxLength: 5 },
    ),
  },
  { weight: 1, arbitrary: wrongType },
);

interface Generated {
  readonly body: unknown;
  readonly raw?: string;
}

function activities(serviceUrl: string): fc.Arbitrary<Generated> {
  const base = fc.record(
    {
      type: mostly(
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc.constantFrom(
              'message',
              'invoke',
              'installationUpdate',
              'conversationUpdate',
              'messageReaction',
              'event',
              'typing',
            ),
          },
          { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
        ),
      ),
      name: mostly(
        fc.constantFrom('adaptiveCard/action', 'task/fetch', 'fileConsent/invoke', 'signin/verifyState'),
      ),
      text: mostly(hostileText),
      value: invokeValue,
      from: user,
      conversation,
      locale: mostly(fc.constantFrom('nl-NL', 'en-US', 'xx', '')),
      attachments,
      action: fc.oneof(fc.constantFrom('add', 'remove'), wrongType),
      membersAdded: mostly(fc.array(user, { maxLength: 3 })),
      entities: mostly(
        fc.array(
          fc.oneof(
            {
              weight: 6,
              arbitrary: fc.record(
                {
                  type: fc.constantFrom('mention', 'Mention', 'clientInfo'),
                  mentioned: mostly(user),
                  text: mostly(hostileText),
                },
                { requiredKeys: ['type'] },
              ),
            },
            { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), wrongType, { maxKeys: 3 }) },
          ),
          { maxLength: 3 },
        ),
      ),
      channelData: mostly(fc.oneof(fc.record({ tenant: fc.record({ id: mostly(fc.uuid()) }) }), deep)),
      // A connector that refuses connections is connector-faults.test.ts's: each reply to it is
      // retried for about 12 s, which would make this run take half an hour.
      serviceUrl: fc.oneof(
        { weight: 12, arbitrary: fc.constant(serviceUrl) },
        { weight: 1, arbitrary: fc.constantFrom('not a url', '', 'file:///etc/passwd') },
        { weight: 1, arbitrary: wrongType },
      ),
      replyToId: mostly(fc.string({ maxLength: 20 })),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    // Half of all: activities of the right shape with hostile values, which reach the bot's code.
    {
      weight: 7,
      arbitrary: base
        .map((fields) => ({ body: activityWith(fields, serviceUrl) }))
        .filter((generated) => activityProblem(generated.body) === undefined),
    },
    // The other half: anything, mostly of the right shape; a field of the wrong type is refused at the edge.
    { weight: 7, arbitrary: base.map((fields) => ({ body: activityWith(fields, serviceUrl) })) },
    // Whatever a client may put in a body: no JSON, JSON that is no object, a body too large.
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 200 }).map((raw) => ({ body: undefined, raw })),
        fc
          .constantFrom('[]', 'null', '42', '"x"', '{"type":', '{}', '{"__proto__":{"admin":true}}')
          .map((raw) => ({ body: undefined, raw })),
        fc.constant({ body: undefined, raw: `{"type":"message","text":"${'B'.repeat(400_000)}"}` }),
      ),
    },
  );
}

/** Mostly well-formed Teams activities with hostile parts, so the bot's own code is reached. */
function activityWith(fields: Record<string, unknown>, serviceUrl: string): Record<string, unknown> {
  const wellFormed = activityFrom(
    { id: '29:x', aadObjectId: '00000000-0000-0000-0000-000000000000', name: 'x' },
    serviceUrl,
    {
      type: 'message',
    },
  );
  const merged: Record<string, unknown> = { ...wellFormed };
  for (const [key, value] of Object.entries(fields)) merged[key] = value;
  return merged;
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

// The test -------------------------------------------------------------------------------------

describe('fuzzing the real server with generated activities and invokes', function () {
  this.timeout(600_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const unhandled: unknown[] = [];
  /** The turns that failed with a type error: a malformed activity reached a handler. */
  const typeErrors: string[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      {
        COORDINATORS: coordinator.aadObjectId,
        FILE_DOWNLOAD_HOSTS: '127.0.0.1',
        // Generated tenants other than this one meet the allow-list.
        ALLOWED_TENANTS: TENANT_ID,
      },
      {
        clock: new FixedClock(new Date('2021-06-01T08:00:00Z')),
        log: pino(
          { level: 'error' },
          {
            write: (line: string) => {
              if (/"type":"TypeError"/.test(line)) typeErrors.push(line.slice(0, 500));
            },
          },
        ),
      },
    ));
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany(PROJECT_NUMBERS.map(project));
    for (const person of [coordinator, owner]) {
      await postActivity(
        botUrl,
        activityFrom(person, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      }),
    );
    await connector.waitForActivities(2 + 1 + PROJECT_NUMBERS.length);
    process.on('unhandledRejection', onUnhandled);
  });

  after(async function () {
    process.off('unhandledRejection', onUnhandled);
    await app.close();
    await connector.stop();
  });

  it(`answers ${RUNS.toLocaleString('en')} generated requests without a 5xx, a crash or a change to what is stored`, async function () {
    const snapshot = async () =>
      JSON.stringify({
        projects: await repositories.projects.listByYear(2021),
        round: await repositories.rounds.get(ROUND_ID),
        updates: (await repositories.statusUpdates.listByRound(ROUND_ID)).sort((a, b) =>
          a.id.localeCompare(b.id),
        ),
        jobs: (await repositories.sendJobs.listByRound(ROUND_ID)).length,
      });
    const before = await snapshot();
    const inputs = fc.sample(activities(connector.url), { numRuns: RUNS, seed: SEED });
    const statuses = new Map<number, number>();
    const failures: { status: number; input: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
        const input = inputs[next++];
        if (!input) continue;
        const response = await postActivity(botUrl, input.raw ?? input.body);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) {
          const body = input.body as Record<string, unknown> | undefined;
          failures.push({
            status: response.status,
            input: `${String(body?.['type'])}/${String(body?.['name'])}| ${JSON.stringify(input).slice(0, 300)}`,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const kinds = countBy(
      failures.map((failure) => `${failure.status} ${failure.input.split('|')[0] ?? ''}`),
    );
    assert.deepEqual(
      failures.slice(0, 3),
      [],
      `${failures.length} 5xx answers (seed ${SEED}): ${JSON.stringify(kinds)}`,
    );
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    assert.equal(
      [...statuses.values()].reduce((a, b) => a + b, 0),
      RUNS,
    );
    assert.ok(
      (statuses.get(200) ?? 0) > RUNS / 4,
      `most requests reach the bot: ${JSON.stringify([...statuses])}; refused at the edge for ${JSON.stringify(
        countBy(inputs.map((input) => activityProblem(input.body) ?? 'ok')),
      )}`,
    );
    assert.ok((statuses.get(400) ?? 0) > RUNS / 4, 'malformed activities are refused at the edge');
    assert.deepEqual(typeErrors.slice(0, 3), [], `${typeErrors.length} turns failed on a malformed activity`);
    assert.equal(await snapshot(), before, 'no project, round, answer or send job changed');
    const health = await fetch(`${botUrl}/healthz`);
    assert.equal(health.status, 200, 'the server still answers');
  });
});
