import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { NEWER_PENDING, NOT_APPROVED, MISSING_ANSWER } from '../../src/domain/chapter';
import { projectIdOf, type Project, type StatusUpdate } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { actionData, inputsOf, visibleText, type Card } from '../support/card-json';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const secondCoordinator: TestUser = {
  id: '29:coordinator-2',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000002',
  name: 'Bea Jansen',
};
const owner: TestUser = {
  id: '29:owner',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000003',
  name: 'Megan Bowen',
};
const qualityReviewer: TestUser = {
  id: '29:quality',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000004',
  name: 'Rita Kwaliteit',
};
const stranger: TestUser = {
  id: '29:stranger',
  aadObjectId: 'eeeeeeee-0000-0000-0000-000000000005',
  name: 'Adele Vance',
};

const ROUND_ID = 'jaarverslag-2021';
/** Answered late in the story, to fill more than one page of the queue. */
const PAGED = ['10', '11', '12', '13', '14', '15'];

function project(number: string, speerpunt: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt,
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners,
  };
}

describe('the review of answers through the real server, CloudAdapter and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  const clock = new FixedClock(new Date('2021-06-01T08:00:00Z'));
  /** The card each person got for each project, and its activity id at the connector. */
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
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return body?.value ?? {};
  };

  /** A message from the user; resolves with the cards the bot answered with. */
  const say = async (user: TestUser, text: string, replies = 1): Promise<Card[]> => {
    connector.clear();
    const response = await postActivity(botUrl, activityFrom(user, connector.url, { type: 'message', text }));
    assert.ok(response.status < 300, `status ${response.status}`);
    return (await connector.waitForActivities(replies)).map(
      (recorded) => recorded.activity.attachments?.[0]?.content ?? {},
    );
  };

  const cardFor = (user: TestUser, number: string) => {
    const found = asked.get(`${user.id}|${number}`);
    assert.ok(found, `no card for ${user.name} about ${number}`);
    return found;
  };

  /** The owner answers project `number` through the card they were sent. */
  const answer = (number: string, text: string, by: TestUser = owner) => {
    const { card, activityId } = cardFor(by, number);
    const data = actionData(card, 'submitStatus');
    return invoke(
      by,
      'submitStatus',
      { ...data, baseVersion: undefined, status: 'op-schema', answer: text, achieved: 'ja' },
      activityId,
    );
  };

  const stored = async (number: string): Promise<StatusUpdate> => {
    const found = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, number));
    assert.ok(found, `project ${number} is not in the round`);
    return found.value;
  };

  /** The reviewer's queue: the review cards, then the card under them. */
  const queue = async (reviewer: TestUser, expected: number): Promise<{ cards: Card[]; footer: Card }> => {
    const cards = await say(reviewer, 'beoordelen', expected + 1);
    const footer = cards.pop();
    assert.ok(footer);
    return { cards, footer };
  };

  const reviewCardOf = (cards: readonly Card[], number: string): Card => {
    const found = cards.find((card) => visibleText(card).includes(`${number} Project ${number}`));
    assert.ok(found, `no review card for ${number} in ${cards.map(visibleText).join('\n---\n')}`);
    return found;
  };

  const decide = (reviewer: TestUser, card: Card, decision: 'approved' | 'sentBack', comment = '') =>
    invoke(reviewer, 'reviewDecision', {
      ...actionData(card, 'reviewDecision', { decision }),
      reviewComment: comment,
    });

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      {
        COORDINATORS: `${coordinator.aadObjectId},${secondCoordinator.aadObjectId}`,
        SPEERPUNT_REVIEWERS: `Kwaliteit=${qualityReviewer.aadObjectId}`,
      },
      { clock },
    ));
    repositories = cosmosRepositories(app.store);
    await repositories.projects.upsertMany([
      project('1', 'Dienstverlening', [owner.aadObjectId]),
      project('2', 'Dienstverlening', [owner.aadObjectId]),
      project('3', 'Kwaliteit', [owner.aadObjectId]),
      project('4', 'Dienstverlening', [owner.aadObjectId]),
      project('5', 'Dienstverlening', [coordinator.aadObjectId]),
      project('6', 'Dienstverlening', [owner.aadObjectId]),
      project('7', 'Kwaliteit', [owner.aadObjectId]),
      project('8', 'Dienstverlening', [owner.aadObjectId]),
      ...PAGED.map((number) => project(number, 'Dienstverlening', [owner.aadObjectId])),
    ]);
    for (const user of [coordinator, secondCoordinator, owner, qualityReviewer, stranger]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    await connector.waitForActivities(5);
    connector.clear();
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open jaarverslag 2021 tot 1-2-2022',
      }),
    );
    // 13 cards for the owner, 1 for the coordinator (project 5), and the confirmation.
    const sent = await connector.waitForActivities(9 + PAGED.length);
    sent.forEach((recorded, index) => {
      const card = recorded.activity.attachments?.[0]?.content;
      const number = card && /^(\d+) Project/m.exec(visibleText(card))?.[1];
      const user = recorded.conversationId.replace('personal-', '');
      // The recording connector numbers what it receives since it was last cleared.
      if (card && number) asked.set(`${user}|${number}`, { card, activityId: `activity-${index + 1}` });
    });
    assert.equal(asked.size, 8 + PAGED.length);
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('reviews a jaarverslag by default, and says so when the round opens', async function () {
    const round = await repositories.rounds.get(ROUND_ID);
    assert.equal(round?.review, true);
    const confirmation = connector.cards().find((card) => visibleText(card).includes('is geopend'));
    assert.ok(confirmation);
    assert.match(visibleText(confirmation), /Beoordeling: aan/);
  });

  it('keeps a submitted answer as ingediend, waiting in the queue, and tells the owner so', async function () {
    const card = await answer('1', 'De oplevering is voorzien in het vierde kwartaal.');

    assert.match(visibleText(card), /Ingediend; wacht op beoordeling/);
    const update = await stored('1');
    assert.equal(update.versions.length, 1);
    assert.equal(update.reviewQueue?.submittedBy, owner.aadObjectId);
    assert.equal(update.reviewQueue.speerpunt, 'dienstverlening');
    assert.equal(update.approved, undefined);
  });

  it('shows the coordinator one card per waiting answer with Goedkeuren and Terugsturen, and approves', async function () {
    const { cards, footer } = await queue(coordinator, 1);

    assert.match(visibleText(footer), /1 antwoord wacht op uw beoordeling/);
    const review = reviewCardOf(cards, '1');
    assert.match(visibleText(review), /Ingediend door Megan Bowen/);
    assert.ok(inputsOf(review).some((input) => input['id'] === 'reviewComment'));
    const before = connector.updates.length;

    const decided = await decide(coordinator, review, 'approved');

    assert.match(visibleText(decided), /Goedgekeurd/);
    assert.match(visibleText(decided), /Door Alex Wilber/);
    const update = await stored('1');
    assert.deepEqual(
      update.decisions?.map(({ version, decision, by }) => ({ version, decision, by })),
      [{ version: 1, decision: 'approved', by: coordinator.aadObjectId }],
    );
    assert.equal(update.approved?.version, 1);
    assert.equal(update.reviewQueue, undefined);
    // The owner's card about project 1 says so, in place.
    const [updated] = (await connector.waitForUpdates(before + 1)).slice(before);
    assert.equal(updated?.replyToId, cardFor(owner, '1').activityId);
    assert.match(
      visibleText(updated.activity.attachments?.[0]?.content ?? {}),
      /Goedgekeurd door Alex Wilber/,
    );
  });

  it('refuses to send back without a comment: the card stays, with the reason, and nothing is stored', async function () {
    await answer('2', 'Het project loopt.');
    const { cards } = await queue(coordinator, 1);
    const before = await stored('2');

    const refused = await decide(coordinator, reviewCardOf(cards, '2'), 'sentBack', '   ');

    assert.match(visibleText(refused), /Schrijf bij het terugsturen wat er anders moet/);
    assert.ok(actionData(refused, 'reviewDecision', { decision: 'sentBack' }));
    assert.deepEqual(await stored('2'), before);
  });

  it('sends back with a comment: the owner gets their own text back to edit, under the comment, and it counts as open', async function () {
    const { cards } = await queue(coordinator, 1);
    connector.clear();

    const decided = await decide(coordinator, reviewCardOf(cards, '2'), 'sentBack', 'Licht de planning toe.');

    assert.match(visibleText(decided), /Teruggestuurd/);
    assert.match(visibleText(decided), /Licht de planning toe\./);
    // An update in place makes no sound in Teams: the owner also gets a message.
    const [notice] = await connector.waitForActivities(1);
    assert.equal(notice?.conversationId, `personal-${owner.id}`);
    assert.match(
      visibleText(notice.activity.attachments?.[0]?.content ?? {}),
      /2 Project 2 is teruggestuurd[\s\S]*Alex Wilber vraagt: "Licht de planning toe\."/,
    );
    // The round in running text, with its article and in lower case (issue 19, point 8).
    assert.match(
      visibleText(notice.activity.attachments?.[0]?.content ?? {}),
      /Pas uw antwoord voor het jaarverslag 2021 aan/,
    );
    const [updated] = await connector.waitForUpdates(1);
    assert.equal(updated?.replyToId, cardFor(owner, '2').activityId);
    const ownerCard = updated.activity.attachments?.[0]?.content ?? {};
    assert.match(visibleText(ownerCard), /Teruggestuurd door Alex Wilber/);
    assert.match(visibleText(ownerCard), /Licht de planning toe\./);
    assert.equal(
      inputsOf(ownerCard).find((input) => input['id'] === 'answer')?.['value'],
      'Het project loopt.',
    );
    assert.ok(actionData(ownerCard, 'submitStatus'));

    const [status] = await say(coordinator, 'status');
    assert.match(visibleText(status ?? {}), /2 Project 2: Megan Bowen: teruggestuurd/);
    assert.match(visibleText(status ?? {}), /1 goedgekeurd, 1 teruggestuurd/);
    assert.doesNotMatch(visibleText(status ?? {}), /1 Project 1: ingediend/, 'approved is not waiting');
  });

  it('takes the resubmission as a new version, compared word by word with the one sent back, and approves that', async function () {
    const resubmitted = await invoke(owner, 'submitStatus', {
      ...actionData(cardFor(owner, '2').card, 'submitStatus'),
      baseVersion: '1',
      status: 'op-schema',
      achieved: 'ja',
      answer: 'Het project loopt volgens de planning van maart.',
    });
    assert.match(visibleText(resubmitted), /Ingediend; wacht op beoordeling/);
    assert.equal((await stored('2')).versions.length, 2);

    const { cards } = await queue(coordinator, 1);
    const review = reviewCardOf(cards, '2');
    assert.match(visibleText(review), /Wijzigingen ten opzichte van versie 1/);
    const added = JSON.stringify(review);
    assert.match(added, /"text":" volgens de planning van maart","highlight":true/);

    await decide(coordinator, review, 'approved');
    const update = await stored('2');
    assert.equal(update.approved?.version, 2);
    assert.deepEqual(
      update.decisions?.map(({ version, decision }) => `${version}:${decision}`),
      ['1:sentBack', '2:approved'],
    );
  });

  it('lists in status the answers that wait for a reviewer', async function () {
    const [status] = await say(coordinator, 'status');
    assert.doesNotMatch(visibleText(status ?? {}), /Project [12]: ingediend/);
    await answer('8', 'Wacht op beoordeling.');
    const [after] = await say(coordinator, 'status');
    assert.match(visibleText(after ?? {}), /8 Project 8: ingediend, wacht op beoordeling/);
    // Out of the way of the queue the next tests count on.
    await invoke(coordinator, 'reviewDecision', {
      roundId: ROUND_ID,
      projectId: projectIdOf(2021, '8'),
      version: '1',
      decision: 'approved',
    });
    assert.equal((await stored('8')).approved?.version, 1);
  });

  it('needs review again after an edit of an approved answer, and keeps printing the approved version until then', async function () {
    const edit = await invoke(owner, 'editStatus', actionData(cardFor(owner, '1').card, 'submitStatus'));
    const resubmitted = await invoke(owner, 'submitStatus', {
      ...actionData(edit, 'submitStatus'),
      status: 'vertraagd',
      achieved: 'deels',
      answer: 'De oplevering schuift naar het eerste kwartaal.',
    });
    assert.match(visibleText(resubmitted), /Ingediend; wacht op beoordeling/);

    const update = await stored('1');
    assert.equal(update.versions.length, 2);
    assert.equal(update.approved?.version, 1);
    assert.ok(update.reviewQueue);
  });

  it('never lets anyone review what they submitted themselves', async function () {
    await answer('5', 'Eigen project van de coördinator.', coordinator);
    const before = await stored('5');
    // The coordinator's own answer is not in their queue; the other coordinator sees it.
    const own = await queue(coordinator, 1);
    assert.ok(own.cards.every((card) => !visibleText(card).includes('5 Project 5')));
    const other = await queue(secondCoordinator, 2);
    const review = reviewCardOf(other.cards, '5');

    const refused = await decide(coordinator, review, 'approved');

    assert.match(visibleText(refused), /U heeft deze versie zelf ingediend/);
    assert.deepEqual(await stored('5'), before);
  });

  it('lets a speerpunt reviewer review their speerpunt only', async function () {
    await answer('3', 'Kwaliteit op orde.');
    const { cards } = await queue(qualityReviewer, 1);
    const review = reviewCardOf(cards, '3');
    assert.ok(cards.every((card) => !/\b[125] Project/.test(visibleText(card))));

    const decided = await decide(qualityReviewer, review, 'approved');
    assert.match(visibleText(decided), /Door Rita Kwaliteit/);

    // A Dienstverlening answer, forged onto a card action, is refused and stays as it was.
    const before = await stored('1');
    const refused = await invoke(qualityReviewer, 'reviewDecision', {
      roundId: ROUND_ID,
      projectId: projectIdOf(2021, '1'),
      version: '2',
      decision: 'approved',
    });
    assert.match(visibleText(refused), /Alleen een coördinator of de beoordelaar van dit speerpunt/);
    assert.deepEqual(await stored('1'), before);
  });

  it('refuses the queue to whoever reviews nothing: the owner, anyone else', async function () {
    for (const user of [owner, stranger]) {
      const [card] = await say(user, 'beoordelen');
      assert.match(visibleText(card ?? {}), /Alleen een coördinator of de beoordelaar van dit speerpunt/);
    }
  });

  it('lets one of two reviewers deciding at once win, and tells the other who decided what', async function () {
    await answer('4', 'Twee beoordelaars tegelijk.');
    // Both have the same card in front of them (5 is the coordinator's own, so not in their queue).
    const card = reviewCardOf((await queue(coordinator, 2)).cards, '4');

    const [a, b] = await Promise.all([
      decide(coordinator, card, 'approved'),
      decide(secondCoordinator, card, 'sentBack', 'Te kort.'),
    ]);

    const update = await stored('4');
    assert.equal(update.decisions?.length, 1, 'exactly one decision is kept');
    const winner = update.decisions[0];
    const [won, lost] = winner?.by === coordinator.aadObjectId ? [a, b] : [b, a];
    assert.match(visibleText(won), winner?.decision === 'approved' ? /Goedgekeurd/ : /Teruggestuurd/);
    assert.match(visibleText(lost), new RegExp(`${winner?.byName ?? '?'} heeft deze versie al`));
    if (lost === a) assert.doesNotMatch(visibleText(lost), /Uw opmerking/);
    else assert.match(visibleText(lost), /Uw opmerking \(niet opgeslagen\)[\s\S]*Te kort\./);
  });

  it('refuses forged and outdated decisions with a clear card, storing nothing', async function () {
    const update = await stored('1');
    const base = { roundId: ROUND_ID, projectId: update.id, reviewComment: 'x' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, version: '2', decision: 'delete' }, /Deze knop ken ik niet/],
      [{ ...base, version: 'abc', decision: 'approved' }, /Deze versie van het antwoord bestaat niet/],
      [{ ...base, version: '9', decision: 'approved' }, /Deze versie van het antwoord bestaat niet/],
      [{ ...base, version: '1', decision: 'approved' }, /al beoordeeld|al goedgekeurd/],
      [{ ...base, projectId: 'nope', version: '1', decision: 'approved' }, /hoort niet bij deze ronde/],
      [{ ...base, roundId: 'jaarverslag-1999', version: '1', decision: 'approved' }, /bestaat niet/],
    ];
    for (const [data, expected] of cases) {
      const card = await invoke(coordinator, 'reviewDecision', data);
      assert.match(visibleText(card), expected, JSON.stringify(data));
    }
    const stranger_ = await invoke(stranger, 'reviewDecision', {
      ...base,
      version: '2',
      decision: 'approved',
    });
    assert.match(visibleText(stranger_), /Alleen een coördinator of de beoordelaar/);
    assert.deepEqual(await stored('1'), update);
  });

  it('answers a decision on a version that is no longer the latest with the new version to review', async function () {
    await answer('7', 'Eerste tekst.');
    const { cards } = await queue(coordinator, 2);
    const old = reviewCardOf(cards, '7');
    const data = actionData(cardFor(owner, '7').card, 'submitStatus');
    const second = await invoke(owner, 'submitStatus', {
      ...data,
      baseVersion: '1',
      status: 'op-schema',
      achieved: 'ja',
      answer: 'Tweede tekst.',
    });
    assert.match(visibleText(second), /Ingediend; wacht op beoordeling/);
    const before = await stored('7');

    const card = await decide(coordinator, old, 'approved');

    assert.match(visibleText(card), /Er is intussen een nieuwere versie ingediend/);
    assert.match(visibleText(card), /Ingediend door Megan Bowen.*\(versie 2\)/);
    assert.deepEqual(await stored('7'), before);
  });

  it('shows review states in samenvatting and keeps every decision in the history', async function () {
    const [summary] = await say(coordinator, 'samenvatting');
    const text = visibleText(summary ?? {});
    assert.match(text, /goedgekeurd/);
    assert.match(text, /ingediend/);

    const [history] = await say(owner, 'geschiedenis 2');
    assert.match(visibleText(history ?? {}), /Teruggestuurd door Alex Wilber, .*: "Licht de planning toe\."/);
    assert.match(visibleText(history ?? {}), /Goedgekeurd door Alex Wilber/);
  });

  it('compiles a draft with only approved text, flagging the rest, and lists what blocks the final version', async function () {
    const [draft] = await say(coordinator, 'jaarverslag 2021');
    const actions = ((draft ?? {})['actions'] ?? []) as { url?: string; title?: string }[];
    const md = actions.find((action) => action.url?.includes('.md?'))?.url ?? '';
    const markdown = await (await fetch(md)).text();

    // 1: approved v1 printed, v2 waiting; 2: approved v2; 3: approved; 6: never answered; 7: waiting.
    assert.match(markdown, /De oplevering is voorzien in het vierde kwartaal\./);
    assert.doesNotMatch(markdown, /De oplevering schuift naar het eerste kwartaal/);
    assert.ok(markdown.includes(NEWER_PENDING), 'the newer version is flagged');
    assert.match(markdown, /Het project loopt volgens de planning van maart\./);
    assert.match(markdown, /Kwaliteit op orde\./);
    assert.ok(markdown.includes(NOT_APPROVED));
    assert.ok(markdown.includes(MISSING_ANSWER));
    assert.doesNotMatch(markdown, /Tweede tekst|Eerste tekst/);

    const [blocked] = await say(coordinator, 'jaarverslag 2021 definitief');
    const text = visibleText(blocked ?? {});
    assert.match(text, /de definitieve versie kan nog niet/);
    assert.match(text, /\n1: Project 1: nieuwere versie wacht op beoordeling/);
    assert.match(text, /\n6: Project 6: geen antwoord/);
    assert.match(text, /\n7: Project 7: nog niets goedgekeurd/);
    assert.doesNotMatch(text, /\n2: |\n3: /);
    assert.equal(((blocked ?? {})['actions'] as unknown[] | undefined)?.length ?? 0, 0, 'no download link');
  });

  it('pages the queue: five cards, then Volgende sends the next ones below and leaves a note in its place', async function () {
    // Later than everything before, one minute apart: the queue is oldest first.
    for (const number of PAGED) {
      clock.advance({ minutes: 1 });
      await answer(number, `Antwoord voor ${number}.`);
    }

    const first = await queue(coordinator, 5);
    assert.match(visibleText(first.footer), /8 antwoorden wachten op uw beoordeling/);
    assert.match(visibleText(first.footer), /Hierboven 1 t\/m 5, de oudste eerst\./);
    const shown = first.cards.map((card) => /^(\d+) Project/m.exec(visibleText(card))?.[1]);
    assert.deepEqual(shown, ['1', '7', '10', '11', '12']);

    connector.clear();
    const passed = await invoke(coordinator, 'reviewPage', actionData(first.footer, 'reviewPage'));
    const next = (await connector.waitForActivities(4)).map(
      (recorded) => recorded.activity.attachments?.[0]?.content ?? {},
    );

    assert.match(visibleText(passed), /De volgende staan hieronder\./);
    assert.equal(((passed['actions'] ?? []) as unknown[]).length, 0);
    assert.deepEqual(
      next.slice(0, 3).map((card) => /^(\d+) Project/m.exec(visibleText(card))?.[1]),
      ['13', '14', '15'],
    );
    assert.match(visibleText(next[3] ?? {}), /Hierboven 6 t\/m 8/);
    assert.equal(
      ((next[3] ?? {})['actions'] as unknown[] | undefined)?.length ?? 0,
      0,
      'no page after the last',
    );
  });

  it('refuses decisions once the round is closed', async function () {
    const { cards } = await queue(coordinator, 5);
    const [question] = await say(coordinator, 'ronde sluit jaarverslag 2021');
    assert.ok(question);
    assert.match(
      visibleText(await invoke(coordinator, 'closeRound', actionData(question, 'closeRound'))),
      /is gesloten/,
    );
    const before = await stored('1');

    const card = await decide(coordinator, reviewCardOf(cards, '1'), 'approved');

    assert.match(visibleText(card), /Deze ronde is gesloten/);
    assert.deepEqual(await stored('1'), before);
  });
});
