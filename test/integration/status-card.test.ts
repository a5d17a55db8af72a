import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { FaultProxy } from '../support/fault-proxy';
import { FixedClock } from '../support/fixed-clock';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { actionData, inputsOf, type Card } from '../support/card-json';
import { RecordingConnector } from '../support/recording-connector';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const coOwner: TestUser = {
  id: '29:co-owner',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000003',
  name: 'Lee Gu',
};
const stranger: TestUser = {
  id: '29:stranger',
  aadObjectId: 'dddddddd-0000-0000-0000-000000000004',
  name: 'Adele Vance',
};

const ROUND_ID = 'voortgangsrapportage-2021';

function project(number: string, owners: readonly string[], goal = `Doel van ${number}`): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Dienstverlening',
    goal,
    activities: `Activiteiten van ${number}`,
    owners,
  };
}

interface InvokeAnswer {
  readonly status: number;
  readonly card: Card;
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

function inputValue(card: Card, id: string): unknown {
  return inputsOf(card).find((input) => input['id'] === id)?.['value'];
}

describe('the status-update card through the real server, CloudAdapter and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let proxy: FaultProxy;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));
  /** The first card each person got for each project, by `${user}|${number}`. */
  const asked = new Map<string, { card: Card; activityId: string }>();

  const invoke = async (user: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const response = await postActivity(
      botUrl,
      activityFrom(user, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...(replyToId ? { replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
    const body = response.body as { value?: Card } | undefined;
    return { status: response.status, card: body?.value ?? {} } satisfies InvokeAnswer;
  };

  const say = (user: TestUser, text: string) =>
    postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));

  const submit = (user: TestUser, card: Card, fields: Record<string, string>, replyToId?: string) =>
    invoke(user, 'submitStatus', { ...actionData(card, 'submitStatus'), ...fields }, replyToId);

  const versionsOf = async (number: string) =>
    (await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, number)))?.value.versions ?? [];

  const cardFor = (user: TestUser, number: string) => {
    const found = asked.get(`${user.id}|${number}`);
    assert.ok(found, `no card for ${user.name} about ${number}`);
    return found;
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    const cosmos = await freshCosmosConfig();
    proxy = await new FaultProxy(Number(new URL(cosmos.endpoint).port)).start();
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
      { clock, log: logger.child({ test: 'status-card' }, { level: 'silent' }) },
    );
    botUrl = `http://127.0.0.1:${app.port}`;
    repositories = cosmosRepositories(app.store);
    const long = 'Een lang doel. '.repeat(60);
    await repositories.projects.upsertMany([
      project('1', [owner.aadObjectId, coOwner.aadObjectId]),
      project('2', [owner.aadObjectId], long),
      project('3', [owner.aadObjectId]),
      project('4', [owner.aadObjectId, coOwner.aadObjectId]),
      project('5', [owner.aadObjectId]),
      project('6', [owner.aadObjectId]),
    ]);
    for (const user of [coordinator, owner, coOwner, stranger]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(4);
    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      }),
    );
    // 6 projects for the owner, 2 for the co-owner, and the coordinator's confirmation.
    const sent = await connector.waitForActivities(9);
    sent.forEach((recorded, index) => {
      const card = recorded.activity.attachments?.[0]?.content;
      const number = /"Project (\d+)"/.exec(textOf(card))?.[1] ?? /Project (\d+)/.exec(textOf(card))?.[1];
      const user = recorded.conversationId.replace('personal-', '');
      if (card && number) asked.set(`${user}|${number}`, { card, activityId: `activity-${index + 1}` });
    });
  });

  after(async function () {
    await app.close();
    await proxy.stop();
    await connector.stop();
  });

  it('asks every field of the question set, says how long each may be, and refreshes for its owner', function () {
    const { card } = cardFor(owner, '1');

    const ids = inputsOf(card).map((input) => input['id']);
    assert.deepEqual(ids, [
      'status',
      'answer',
      'deviation',
      'deviationAt',
      'financial',
      'financialAt',
      'completionQuarter',
      'completionYear',
    ]);
    // The card never cuts what is typed: it says the limit, and the server holds to it.
    assert.ok(inputsOf(card).every((input) => input['maxLength'] === undefined));
    assert.match(textOf(card), /Ten hoogste 6\.000 tekens\./);
    const answer = inputsOf(card).find((input) => input['id'] === 'answer');
    assert.ok(answer);
    assert.equal(answer['isRequired'], true);
    assert.deepEqual((card['refresh'] as { userIds: string[] }).userIds, [owner.id]);
    assert.deepEqual(Object.keys(actionData(card, 'saveDraft')).sort(), [
      'baseVersion',
      'card',
      'language',
      'projectId',
      'roundId',
    ]);
  });

  it('folds a long goal, with a button to show it all', function () {
    const { card } = cardFor(owner, '2');

    assert.match(textOf(card), /"maxLines":3/);
    assert.match(textOf(card), /Action\.ToggleVisibility/);
    assert.doesNotMatch(textOf(cardFor(owner, '1').card), /Action\.ToggleVisibility/);
  });

  it('stores every field as a version with the card it came through, and answers read-only with Wijzigen', async function () {
    const { card, activityId } = cardFor(owner, '1');

    const answer = await submit(
      owner,
      card,
      {
        status: 'vertraagd',
        answer: 'De aanbesteding is gegund.',
        deviation: 'Oorspronkelijk gepland voor Q1.',
        financial: 'Extra budget van € 40.000 aangevraagd.',
        completionQuarter: '3',
        completionYear: '2022',
      },
      activityId,
    );

    assert.equal(answer.status, 200);
    assert.deepEqual(inputsOf(answer.card), [], 'read-only');
    assert.match(textOf(answer.card), /Opgeslagen/);
    assert.match(textOf(answer.card), /Q3 2022/);
    assert.match(textOf(answer.card), /Extra budget van € 40\.000 aangevraagd\./);
    assert.equal(actionData(answer.card, 'editStatus')['projectId'], '2021:1');
    const [version] = await versionsOf('1');
    assert.deepEqual(
      { ...version, answeredAt: undefined },
      {
        status: 'vertraagd',
        answer: 'De aanbesteding is gegund.',
        deviation: 'Oorspronkelijk gepland voor Q1.',
        financial: 'Extra budget van € 40.000 aangevraagd.',
        expectedCompletion: { quarter: 3, year: 2022 },
        answeredAt: undefined,
        answeredBy: owner.aadObjectId,
        answeredByName: owner.name,
        viaCard: activityId,
      },
    );
  });

  it('refuses what the card would have caught, at the field, keeping every value typed, storing nothing', async function () {
    const { card } = cardFor(owner, '3');
    const tooLong = 'x'.repeat(2001);

    const answer = await submit(owner, card, {
      status: 'op-schema',
      answer: '   ',
      deviation: tooLong,
      financial: 'F',
    });

    assert.equal(answer.status, 200);
    assert.equal(inputValue(answer.card, 'deviation'), tooLong);
    assert.equal(inputValue(answer.card, 'financial'), 'F');
    assert.equal(inputValue(answer.card, 'status'), 'op-schema');
    const body = answer.card['body'] as Record<string, unknown>[];
    const under = (id: string) => body[body.findIndex((element) => element['id'] === id) + 1]?.['text'];
    assert.equal(under('answer'), 'Vul de stand van zaken in.');
    assert.equal(under('deviation'), 'Te lang: maximaal 2.000 tekens.');
    assert.deepEqual(await versionsOf('3'), []);
  });

  it('meets a pasted answer over the limit with "Te lang", keeps all of it on the card and stores nothing, as a draft too', async function () {
    const { card } = cardFor(owner, '6');
    const pasted = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(125)}Einde.`;
    assert.ok(pasted.length > 7_000);

    for (const verb of ['submitStatus', 'saveDraft'] as const) {
      const refused = await invoke(owner, verb, {
        ...actionData(card, verb),
        status: 'op-schema',
        answer: pasted,
      });

      assert.equal(refused.status, 200);
      assert.match(textOf(refused.card), /Te lang: maximaal 6\.000 tekens\./, verb);
      assert.equal(inputValue(refused.card, 'answer'), pasted, `${verb}: every character comes back`);
    }
    const stored = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '6'));
    assert.equal(stored?.value.versions.length, 0);
    assert.equal(stored.value.draft, undefined, 'no draft cut to the limit either');
  });

  it('stores one version when the same answer comes twice at once (a double click)', async function () {
    const { card } = cardFor(owner, '5');
    const fields = { status: 'op-schema', answer: 'Alles loopt volgens plan.' };

    const answers = await Promise.all([submit(owner, card, fields), submit(owner, card, fields)]);

    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200],
    );
    for (const answer of answers) assert.match(textOf(answer.card), /Opgeslagen/);
    assert.equal((await versionsOf('5')).length, 1);
  });

  it('shows the second of two owners editing at once the newer answer and their own text, to merge', async function () {
    const mine = cardFor(owner, '4').card;
    const theirs = cardFor(coOwner, '4').card;
    await submit(coOwner, theirs, { status: 'op-schema', answer: 'Tekst van Lee.' });

    const conflict = await submit(owner, mine, { status: 'vertraagd', answer: 'Tekst van Megan.' });

    assert.match(textOf(conflict.card), /Nieuwer antwoord, opgeslagen door iemand anders/);
    assert.match(textOf(conflict.card), /Tekst van Lee\./);
    assert.equal(inputValue(conflict.card, 'answer'), 'Tekst van Megan.');
    assert.deepEqual(
      (await versionsOf('4')).map((version) => version.answer),
      ['Tekst van Lee.'],
    );

    const merged = await submit(owner, conflict.card, {
      status: 'vertraagd',
      answer: 'Tekst van Lee en Megan.',
    });
    assert.match(textOf(merged.card), /Opgeslagen/);
    assert.deepEqual(
      (await versionsOf('4')).map((version) => version.answer),
      ['Tekst van Lee.', 'Tekst van Lee en Megan.'],
    );
  });

  it('keeps a draft without submitting it, and starts the next card from it', async function () {
    const { card } = cardFor(owner, '6');

    const saved = await invoke(owner, 'saveDraft', {
      ...actionData(card, 'saveDraft'),
      status: '',
      answer: 'Half af, ${nog} **aanvullen**',
    });

    assert.match(textOf(saved.card), /Concept opgeslagen/);
    assert.equal(inputValue(saved.card, 'answer'), 'Half af, ${nog} **aanvullen**');
    assert.deepEqual(await versionsOf('6'), []);
    const refreshed = await invoke(owner, 'refreshStatus', actionData(card, 'submitStatus'));
    assert.equal(inputValue(refreshed.card, 'answer'), 'Half af, ${nog} **aanvullen**');
    assert.match(textOf(refreshed.card), /Dit is het concept van Megan Bowen/);
  });

  it('shows someone who may not read the project no answer on refresh, and refuses their submit', async function () {
    const { card } = cardFor(owner, '1');

    const refreshed = await invoke(stranger, 'refreshStatus', actionData(card, 'submitStatus'));
    assert.deepEqual(inputsOf(refreshed.card), []);
    assert.doesNotMatch(textOf(refreshed.card), /editStatus/);
    assert.doesNotMatch(textOf(refreshed.card), /De aanbesteding is gegund\./);
    assert.match(textOf(refreshed.card), /kan de antwoorden zien/);

    const refused = await submit(stranger, card, { status: 'op-schema', answer: 'Ik ook.' });
    assert.match(textOf(refused.card), /Alleen de eigenaar van dit project/);
    assert.equal((await versionsOf('1')).length, 1);
  });

  it('gives the owner the form on refresh before answering, and the stored answer after', async function () {
    const before = await invoke(owner, 'refreshStatus', actionData(cardFor(owner, '3').card, 'submitStatus'));
    assert.ok(inputsOf(before.card).length > 0);
    const after = await invoke(owner, 'refreshStatus', actionData(cardFor(owner, '1').card, 'submitStatus'));
    assert.deepEqual(inputsOf(after.card), []);
    assert.match(textOf(after.card), /editStatus/);
  });

  it('stores and shows hostile text verbatim: markdown, HTML, template syntax, RTL, emoji, control characters, a long line', async function () {
    const { card } = cardFor(owner, '2');
    const hostile =
      '**vet** _schuin_ <b>html</b> <script>alert(1)</script> ${labels.send} ${answer} {{x}} ' +
      '[klik](javascript:alert(1)) \u202Eטקסט מימין לשמאל\u202C 👩‍💻🇳🇱 \u0007\u001b[31m ' +
      'x'.repeat(4000);

    const answer = await submit(owner, card, { status: 'op-schema', answer: hostile, deviation: '${1+1}' });

    assert.equal(answer.status, 200);
    const [version] = await versionsOf('2');
    assert.equal(version?.answer, hostile);
    assert.equal(version.deviation, '${1+1}');
    // Owner text goes in TextRuns, which Teams shows as plain text: no markdown is read in them.
    const shown = (answer.card['body'] as { type: string; inlines?: { type: string; text: string }[] }[])
      .filter((element) => element.type === 'RichTextBlock')
      .flatMap((element) => element.inlines ?? [])
      .map((inline) => inline.text);
    assert.ok(shown.includes(hostile), 'the stored card shows the text exactly as typed');
    assert.ok(shown.includes('${1+1}'));
  });

  it('lets an owner delegate a project to a colleague by e-mail, who gets the card and may answer', async function () {
    const known = await repositories.contacts.get(stranger.aadObjectId);
    assert.ok(known, 'Adele opened the app');
    // As a team roster would have told the bot.
    await repositories.contacts.upsert({ ...known, email: 'adele.vance@contoso.nl' });
    connector.clear();

    await say(owner, 'delegeer 6 aan Adele.Vance@contoso.nl');

    const arrived = await connector.waitForActivities(2);
    const notice = arrived.find((recorded) => recorded.conversationId === `personal-${owner.id}`);
    assert.match(textOf(notice?.activity), /6 Project 6 is gedelegeerd/);
    assert.match(textOf(notice?.activity), /adele\.vance@contoso\.nl mag dit project/);
    const delegated = arrived.find((recorded) => recorded.conversationId === `personal-${stranger.id}`);
    const card = delegated?.activity.attachments?.[0]?.content;
    assert.ok(card, 'the colleague got the card');
    assert.equal(inputValue(card, 'answer'), 'Half af, ${nog} **aanvullen**', 'starting from the draft');

    const answer = await submit(stranger, card, { status: 'op-schema', answer: 'Ingevuld door Adele.' });
    assert.match(textOf(answer.card), /Opgeslagen/);
    assert.equal((await versionsOf('6'))[0]?.answeredBy, stranger.aadObjectId);
  });

  it('refuses a delegation by someone who does not own the project, and a malformed address', async function () {
    connector.clear();
    await say(coOwner, 'delegeer 2 aan iemand@contoso.nl');
    await say(owner, 'delegeer 2 aan niemand');
    const [notOwner, malformed] = await connector.waitForActivities(2);
    assert.match(textOf(notOwner?.activity), /Alleen de eigenaar van dit project/);
    assert.match(textOf(malformed?.activity), /Geef het e-mailadres van de collega/);
    const stored = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '2'));
    assert.equal(stored?.value.delegations, undefined);
  });

  it('shows every version with who, when and through which card on geschiedenis, and only to those involved', async function () {
    connector.clear();
    await say(owner, 'geschiedenis 4');
    await say(stranger, 'geschiedenis 4');
    const [history, refused] = await connector.waitForActivities(2);

    const text = textOf(history?.activity);
    assert.match(text, /Geschiedenis van 4 Project 4/);
    assert.ok(text.indexOf('Versie 2: Vertraagd') < text.indexOf('Versie 1: Op schema'), 'newest first');
    assert.match(text, /Tekst van Lee en Megan\./);
    assert.match(text, /Megan Bowen, [^"]*2021/);
    assert.match(textOf(refused?.activity), /Alleen de eigenaar van dit project/);
  });

  it('tells the owner in time that nothing was saved while Cosmos is unreachable, keeps the text, and the same action works after', async function () {
    const { card } = cardFor(owner, '3');
    const fields = {
      status: 'afgerond',
      answer: 'Opgeleverd in mei.',
      deviation: 'Twee weken later dan gepland.',
    };

    proxy.cut();
    const started = performance.now();
    let failed: InvokeAnswer;
    try {
      failed = await submit(owner, card, fields);
    } finally {
      proxy.restore();
    }
    const seconds = (performance.now() - started) / 1000;

    assert.equal(failed.status, 200);
    assert.ok(seconds < 5, `answered within Teams' 5 seconds (${seconds.toFixed(1)} s)`);
    assert.match(textOf(failed.card), /Niet opgeslagen/);
    assert.equal(inputValue(failed.card, 'answer'), 'Opgeleverd in mei.');
    assert.equal(inputValue(failed.card, 'deviation'), 'Twee weken later dan gepland.');
    assert.deepEqual(await versionsOf('3'), []);

    const retried = await submit(owner, failed.card, fields);
    assert.match(textOf(retried.card), /Opgeslagen/);
    assert.equal((await versionsOf('3')).length, 1);
  });
});
