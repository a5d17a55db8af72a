import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { projectIdOf, type Project } from '../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { FILE_DOWNLOAD_INFO } from '../../src/teams/files';
import { activityFrom, postActivity, TENANT_ID, type TestUser } from '../support/activities';
import { FileHost } from '../support/file-host';
import { FixedClock } from '../support/fixed-clock';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { actionData, executeActionsOf, inputsOf, type Card } from '../support/card-json';
import { RecordingConnector, type Member, type RecordedActivity } from '../support/recording-connector';

/*
 * The table "Who may do what" of docs/security.md, one `it` per cell, through the real server,
 * CloudAdapter and local Cosmos. The rows below are the table's, with its combined rows taken
 * apart (hulp / taal, submit / save draft / edit …) so that each command and card action is
 * tried by each role on its own.
 */

const ROLES = ['anyone', 'owner', 'delegate', 'reader', 'coordinator'] as const;
type Role = (typeof ROLES)[number];

// prettier-ignore
const MATRIX = [
  // action                anyone                         owner                    delegate                 reader  coordinator
  ['hulp',                 'yes',                         'yes',                   'yes',                   'yes',  'yes'],
  ['taal',                 'yes',                         'yes',                   'yes',                   'yes',  'yes'],
  ['samenvatting',         'own projects only (none)',    'own projects',          'delegated projects',    'all',  'all'],
  ['samenvatting <nr>',    'refused',                     'rounds they had it in', 'rounds they had it in', 'all',  'all'],
  ['geschiedenis <nr>',    'refused',                     'yes',                   'yes',                   'no',   'yes'],
  ['submitStatus',         'refused',                     'yes',                   'yes',                   'no',   'yes'],
  ['saveDraft',            'refused',                     'yes',                   'yes',                   'no',   'yes'],
  ['editStatus',           'refused',                     'yes',                   'yes',                   'no',   'yes'],
  ['refreshStatus',        'refused, no answer shown',    'the form',              'the form',              'view', 'the form'],
  ['snoozeReminder',       'refused (no card is theirs)', 'yes',                   'yes',                   'no',   'yes'],
  ['notMyProject',         'refused (no card is theirs)', 'yes',                   'yes',                   'no',   'yes'],
  ['delegeer',             'refused',                     'yes',                   'refused',               'no',   'yes'],
  // The coordinator comes last in a row: theirs is the cell that changes the state the others check.
  ['ronde open',           'refused',                     'refused',               'refused',               'no',   'yes'],
  ['ronde sluit',          'refused',                     'refused',               'refused',               'no',   'yes, asks first'],
  ['closeRound',           'refused',                     'refused',               'refused',               'no',   'yes'],
  ['ronde heropen',        'refused',                     'refused',               'refused',               'no',   'yes'],
  ['status',               'refused',                     'refused',               'refused',               'no',   'yes'],
  ['voortgangsrapportage', 'refused',                     'refused',               'refused',               'no',   'yes'],
  ['a file',               'refused, nothing fetched',    'refused',               'refused',               'no',   'yes'],
  ['weekoverzicht hier',   'refused',                     'refused',               'refused',               'no',   'yes'],
  ['weekoverzicht uit',    'refused',                     'refused',               'refused',               'no',   'yes'],
] as const;

type Action = (typeof MATRIX)[number][0];

const users: Record<Role, TestUser> = {
  anyone: { id: '29:anyone', aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001', name: 'Adele Vance' },
  owner: { id: '29:owner', aadObjectId: 'eeeeeeee-0000-0000-0000-000000000002', name: 'Megan Bowen' },
  delegate: { id: '29:delegate', aadObjectId: 'eeeeeeee-0000-0000-0000-000000000003', name: 'Lee Gu' },
  reader: { id: '29:reader', aadObjectId: 'eeeeeeee-0000-0000-0000-000000000004', name: 'Patti Fernandez' },
  coordinator: {
    id: '29:coordinator',
    aadObjectId: 'eeeeeeee-0000-0000-0000-000000000005',
    name: 'Alex Wilber',
  },
};
/** How the team roster knows the delegate; the owner delegates to this address. */
const DELEGATE_UPN = 'Lee.Gu@Contoso.nl';
const NOBODY = 'niemand@contoso.nl';

const ROUND_ID = 'voortgangsrapportage-2021';
const TEAM_ID = '19:team-projecten@thread.tacv2';
const CHANNEL_ID = '19:projecten-stand@thread.tacv2';
const THREAD_ID = `${CHANNEL_ID};messageid=1622628000000`;
const BOT = { id: '28:bot-id', name: 'Stand van zaken' };

/*
 * One project per row that changes something, so that an allowed cell does not change what a
 * later row looks at. All are the owner's; 1 to 5 are delegated in the open round, 6 is not, 8
 * is someone else's.
 */
const READ = '1';
const SUBMIT = '2';
const DRAFT = '3';
const REMINDER = '4';
const TO_DELEGATE = '5';
const NOT_DELEGATED = '6';
const SOMEONE_ELSES = '8';
const DELEGATED = [READ, SUBMIT, DRAFT, REMINDER, TO_DELEGATE];
const VISIBLE: Record<Role, readonly string[]> = {
  anyone: [],
  owner: [...DELEGATED, NOT_DELEGATED],
  delegate: DELEGATED,
  reader: [...DELEGATED, NOT_DELEGATED, SOMEONE_ELSES],
  coordinator: [...DELEGATED, NOT_DELEGATED, SOMEONE_ELSES],
};

const NOT_COORDINATOR = 'Alleen een coördinator kan dit doen.';
const NOT_PROJECT_OWNER =
  'Alleen de eigenaar van dit project, iemand aan wie het is gedelegeerd, of een coördinator kan de stand van zaken invullen.';
const NOT_PROJECT_HISTORY =
  'Alleen de eigenaar van dit project, iemand aan wie het is gedelegeerd, of een coördinator kan de geschiedenis van de antwoorden zien.';
const NOT_REMINDER_RECIPIENT =
  'Deze herinnering is voor de eigenaar van het project, iemand aan wie het is gedelegeerd, of een coördinator; er is niets veranderd.';
const NOT_PROJECT_READER =
  'Alleen de eigenaar van dit project, iemand aan wie het is gedelegeerd, een coördinator of een lezer kan de antwoorden zien.';

function project(year: number, number: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(year, number),
    year,
    number,
    title: `Project ${number}`,
    speerpunt: 'Dienstverlening',
    goal: `Doel van ${number}`,
    activities: `Activiteiten van ${number}`,
    owners,
  };
}

type Data = Record<string, unknown>;

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

function verbsOf(card: Card): string[] {
  return ((card['actions'] ?? []) as { verb?: string }[]).flatMap((action) => action.verb ?? []);
}

function refreshData(card: Card): Data {
  const data = (card['refresh'] as { action?: { data?: Data } } | undefined)?.action?.data;
  assert.ok(data, 'the card refreshes itself');
  return data;
}

/** The project numbers a summary card lists. */
function listedProjects(text: string): string[] {
  return [...text.matchAll(/\*\*(\d+)\*\* Project/g)].map((match) => match[1] ?? '');
}

/** A message in a thread of the team's channel, @mentioning the bot, as Teams sends it. */
function inChannel(from: TestUser, serviceUrl: string, command: string): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...activityFrom(from, serviceUrl, { type: 'message', text: `${mention} ${command}` }),
    conversation: { id: THREAD_ID, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true },
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: TEAM_ID, name: 'Projecten' },
      channel: { id: CHANNEL_ID, name: 'Stand' },
    },
  };
}

describe('who may do what (docs/security.md), cell by cell, through the real server, CloudAdapter and local Cosmos', function () {
  this.timeout(30_000);
  let connector: RecordingConnector;
  let files: FileHost;
  let app: RunningApp;
  let botUrl: string;
  let repositories: Repositories;
  // Tuesday 1 June 2021, 10:00 in Amsterdam; the reminders come on 22 June.
  const clock = new FixedClock('2021-06-01T08:00:00Z');
  /** The data of "Sluiten" on the question the coordinator was asked by `ronde sluit`. */
  let closeQuestion: Data | undefined;
  /** The cards the owner and the delegate were sent, by `${role}|${kind}|${number}`. */
  const sent = new Map<string, Card>();

  const post = async (activity: Record<string, unknown>) => {
    const response = await postActivity(botUrl, activity);
    assert.equal(response.status, 200, textOf(response.body));
    return response;
  };

  /** The first activity from index `from` on in this conversation that `matches`; waits for it. */
  const nextIn = async (
    conversationId: string,
    from: number,
    matches: (recorded: RecordedActivity) => boolean = () => true,
  ): Promise<RecordedActivity> => {
    for (let count = from + 1; ; count++) {
      const arrived = await connector.waitForActivities(count);
      const found = arrived
        .slice(from)
        .find((recorded) => recorded.conversationId === conversationId && matches(recorded));
      if (found) return found;
    }
  };

  /** What the bot answers `user` in their 1:1 chat, as text. */
  const say = async (user: TestUser, text: string): Promise<string> => {
    const from = connector.activities.length;
    await post(activityFrom(user, connector.url, { type: 'message', text }));
    return textOf((await nextIn(`personal-${user.id}`, from)).activity);
  };

  const invoke = async (user: TestUser, verb: string, data: Data): Promise<Card> => {
    const response = await post(
      activityFrom(user, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
    return (response.body as { value?: Card } | undefined)?.value ?? {};
  };

  /** The card this role was sent about the project; a role that got none presses the owner's (an invoke may name any project). */
  const cardOf = (role: Role, kind: 'ask' | 'reminder', number: string): Card => {
    const card = sent.get(`${role}|${kind}|${number}`) ?? sent.get(`owner|${kind}|${number}`);
    assert.ok(card, `no ${kind} card about ${number}`);
    return card;
  };

  const stored = async (number: string) => {
    const found = await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, number));
    assert.ok(found, `${number} is in the round`);
    return found.value;
  };
  const jobsOf = (number: string) => repositories.sendJobs.listByProject(ROUND_ID, projectIdOf(2021, number));

  const assertRefused = (text: string, message: string) => {
    assert.match(text, /Dat kan niet/);
    assert.ok(text.includes(message), `refused with "${message}", got ${text}`);
  };

  const isRefusal = (expected: string) => /^(refused|no)\b/.test(expected);

  /** `@Stand van zaken weekoverzicht hier` / `uit` in the team channel. */
  const weeklyDigest = async (role: Role, expected: string, setting: 'hier' | 'uit') => {
    const before = await repositories.digestChannels.list();
    const from = connector.activities.length;

    await post(inChannel(users[role], connector.url, `weekoverzicht ${setting}`));
    const answer = textOf((await nextIn(THREAD_ID, from)).activity);

    const after = await repositories.digestChannels.list();
    if (isRefusal(expected)) {
      assertRefused(answer, NOT_COORDINATOR);
      assert.deepEqual(after, before, 'the channel gets the digest as before');
      return;
    }
    assert.match(answer, setting === 'hier' ? /Het weekoverzicht staat aan/ : /Het weekoverzicht staat uit/);
    assert.deepEqual(
      after.map((channel) => channel.channelId),
      setting === 'hier' ? [`channel:${CHANNEL_ID}`] : [],
    );
  };

  const CHECKS: Record<Action, (role: Role, expected: string) => Promise<void>> = {
    async hulp(role) {
      const answer = await say(users[role], 'hulp');
      assert.match(answer, /Wat kan ik\?/);
      assert.match(answer, /ronde open voortgangsrapportage/);
    },

    async taal(role) {
      const answer = await say(users[role], 'taal nl');
      assert.match(answer, /Ik spreek vanaf nu Nederlands met u\./);
      assert.equal((await repositories.contacts.get(users[role].aadObjectId))?.language, 'nl');
    },

    async samenvatting(role, expected) {
      const answer = await say(users[role], 'samenvatting');
      assert.match(answer, /Samenvatting Voortgangsrapportage 2021/);
      assert.deepEqual(listedProjects(answer), VISIBLE[role]);
      assert.match(answer, new RegExp(`\\d+ van ${VISIBLE[role].length} projecten beantwoord`));
      assert.equal(
        answer.includes('Alleen uw eigen projecten'),
        expected !== 'all',
        'says when only their own are shown',
      );
    },

    async 'samenvatting <nr>'(role, expected) {
      const answer = await say(users[role], `samenvatting ${READ}`);
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_PROJECT_READER);
        assert.doesNotMatch(answer, /Antwoord uit het jaarverslag 2020/);
        return;
      }
      assert.match(answer, /Voortgangsrapportage 2021 · open/);
      // The owner owned it in 2020 too; the delegation is for this round only.
      const rounds = role === 'delegate' ? 1 : 2;
      assert.equal(/Jaarverslag 2020 · gesloten/.test(answer), rounds === 2);
      assert.equal(/Antwoord uit het jaarverslag 2020\./.test(answer), rounds === 2);
      assert.match(answer, new RegExp(`Beantwoord in ${rounds - 1} van ${rounds} ronde`));
      assert.equal(answer.includes('Alleen de rondes waarin dit project van u was'), expected !== 'all');
    },

    async 'geschiedenis <nr>'(role, expected) {
      const answer = await say(users[role], `geschiedenis ${READ}`);
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_PROJECT_HISTORY);
        assert.doesNotMatch(answer, /Geschiedenis van/);
        return;
      }
      assert.match(answer, new RegExp(`Geschiedenis van ${READ} Project ${READ}`));
      assert.match(answer, /gedelegeerd/, 'with the delegations');
    },

    async submitStatus(role, expected) {
      const card = cardOf(role, 'ask', SUBMIT);
      const before = (await stored(SUBMIT)).versions;
      const typed = `Stand van zaken volgens ${users[role].name}.`;

      const answer = await invoke(users[role], 'submitStatus', {
        ...actionData(card, 'submitStatus'),
        // As the card shows it after a refresh: the versions stored so far.
        baseVersion: String(before.length),
        status: 'op-schema',
        answer: typed,
      });

      const after = (await stored(SUBMIT)).versions;
      if (isRefusal(expected)) {
        assert.ok(textOf(answer).includes(NOT_PROJECT_OWNER), textOf(answer));
        assert.ok(
          inputsOf(answer).some((input) => input['value'] === typed),
          'what they typed is kept',
        );
        assert.deepEqual(after, before, 'no new version');
        return;
      }
      assert.match(textOf(answer), /Opgeslagen/);
      assert.deepEqual(inputsOf(answer), [], 'the stored answer, read-only');
      assert.equal(after.length, before.length + 1);
      assert.equal(after.at(-1)?.answeredBy, users[role].aadObjectId);
      assert.equal(after.at(-1)?.answer, typed);
    },

    async saveDraft(role, expected) {
      const card = cardOf(role, 'ask', DRAFT);
      const before = await stored(DRAFT);
      const typed = `Concept van ${users[role].name}`;

      const answer = await invoke(users[role], 'saveDraft', {
        ...actionData(card, 'saveDraft'),
        status: '',
        answer: typed,
      });

      const after = await stored(DRAFT);
      assert.deepEqual(after.versions, [], 'a draft is no answer');
      if (isRefusal(expected)) {
        assert.ok(textOf(answer).includes(NOT_PROJECT_OWNER), textOf(answer));
        assert.deepEqual(after.draft, before.draft, 'no draft stored');
        return;
      }
      assert.match(textOf(answer), /Concept opgeslagen/);
      assert.equal(after.draft?.savedBy, users[role].aadObjectId);
      assert.equal(after.draft.values.answer, typed);
    },

    async editStatus(role, expected) {
      // Wijzigen carries what the refresh does: the round, the project and the language.
      const answer = await invoke(users[role], 'editStatus', refreshData(cardOf(role, 'ask', SUBMIT)));

      if (isRefusal(expected)) {
        assertRefused(textOf(answer), NOT_PROJECT_OWNER);
        assert.deepEqual(inputsOf(answer), []);
        return;
      }
      assert.ok(
        inputsOf(answer).some((input) => input['id'] === 'answer'),
        'the form',
      );
      assert.ok(verbsOf(answer).includes('submitStatus'));
    },

    async refreshStatus(role, expected) {
      const answer = await invoke(users[role], 'refreshStatus', refreshData(cardOf(role, 'ask', READ)));

      if (expected === 'refused, no answer shown') {
        assert.match(textOf(answer), /kan de antwoorden zien/);
        assert.doesNotMatch(textOf(answer), new RegExp(`Project ${READ}`));
        assert.deepEqual(inputsOf(answer), []);
        return;
      }
      assert.match(textOf(answer), new RegExp(`Project ${READ}`));
      if (expected === 'the form') {
        assert.ok(
          inputsOf(answer).some((input) => input['id'] === 'answer'),
          'the form',
        );
        assert.ok(verbsOf(answer).includes('submitStatus'));
        return;
      }
      assert.deepEqual(inputsOf(answer), [], 'read-only');
      assert.deepEqual(verbsOf(answer), [], 'nothing to press: no Versturen, no Wijzigen');
    },

    async snoozeReminder(role, expected) {
      const before = await jobsOf(REMINDER);

      const answer = await invoke(
        users[role],
        'snoozeReminder',
        actionData(cardOf(role, 'reminder', REMINDER), 'snoozeReminder'),
      );

      const after = await jobsOf(REMINDER);
      if (isRefusal(expected)) {
        assertRefused(textOf(answer), NOT_REMINDER_RECIPIENT);
        assert.equal(after.length, before.length, 'no reminder planned');
        return;
      }
      assert.match(textOf(answer), /Goed, ik herinner u [^"]*23 jun[^"]* opnieuw/);
      const planned = after.filter((job) => !before.some((earlier) => earlier.id === job.id));
      assert.deepEqual(
        planned.map((job) => [job.stepKey, job.kind, job.recipientId]),
        [['snooze-2021-06-23', 'reminder', users[role].aadObjectId]],
      );
    },

    async notMyProject(role, expected) {
      const before = await jobsOf(REMINDER);
      const from = connector.activities.length;

      const answer = await invoke(
        users[role],
        'notMyProject',
        actionData(cardOf(role, 'reminder', REMINDER), 'notMyProject'),
      );

      const after = await jobsOf(REMINDER);
      if (isRefusal(expected)) {
        assertRefused(textOf(answer), NOT_REMINDER_RECIPIENT);
        assert.equal(after.length, before.length, 'the coordinator is told nothing');
        return;
      }
      // Pressed on the bundled reminder, which says which project.
      assert.match(
        textOf(answer),
        new RegExp(`De coördinator weet nu dat project ${REMINDER} niet van u is\\.`),
      );
      const notice = await nextIn(`personal-${users.coordinator.id}`, from, (recorded) =>
        textOf(recorded.activity).includes('is niet mijn project'),
      );
      assert.match(
        textOf(notice.activity),
        new RegExp(`${users[role].name} meldt: ${REMINDER} Project ${REMINDER} is niet mijn project`),
      );
      assert.ok(after.some((job) => job.stepKey === `not-mine-${users[role].aadObjectId}`));
    },

    async delegeer(role, expected) {
      const before = (await stored(TO_DELEGATE)).delegations;
      const colleague = `collega.${role}@contoso.nl`;

      const answer = await say(users[role], `delegeer ${TO_DELEGATE} aan ${colleague}`);

      const after = (await stored(TO_DELEGATE)).delegations;
      if (isRefusal(expected)) {
        assert.deepEqual(after, before, 'no delegation');
        assert.match(answer, /Dat kan niet/);
        // Who may hand a project on: an owner or a coordinator, not "someone it was delegated to",
        // and the refusal is about delegating, not about filling in the status.
        assert.match(answer, /Alleen de eigenaar van dit project/);
        assert.match(answer, /coördinator/);
        assert.match(answer, /delegeren/);
        assert.doesNotMatch(answer, /iemand aan wie het is gedelegeerd/);
        return;
      }
      assert.match(answer, new RegExp(`${TO_DELEGATE} Project ${TO_DELEGATE} is gedelegeerd`));
      assert.ok(after, 'delegated');
      assert.deepEqual(
        after.map((delegation) => delegation.to),
        [...(before ?? []).map((delegation) => delegation.to), colleague],
      );
      assert.equal(after.at(-1)?.by, users[role].aadObjectId);
    },

    async 'ronde open'(role, expected) {
      const answer = await say(users[role], 'ronde open voortgangsrapportage 2022 tot 1-7-2022');

      const round = await repositories.rounds.get('voortgangsrapportage-2022');
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        assert.equal(round, undefined, 'no round opened');
        assert.deepEqual(await repositories.statusUpdates.listByRound('voortgangsrapportage-2022'), []);
        return;
      }
      assert.match(answer, /Voortgangsrapportage 2022 is geopend/);
      assert.equal(round?.status, 'open');
      assert.equal(round.openedBy, users[role].aadObjectId);
    },

    async 'ronde sluit'(role, expected) {
      const before = await repositories.rounds.get('voortgangsrapportage-2022');

      const answer = await say(users[role], 'ronde sluit voortgangsrapportage 2022');

      const after = await repositories.rounds.get('voortgangsrapportage-2022');
      assert.deepEqual(after, before, 'the round is as it was: closing waits for Sluiten');
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        return;
      }
      assert.match(answer, /Voortgangsrapportage 2022 sluiten\?/);
      const card = (JSON.parse(answer) as { attachments: { content: Card }[] }).attachments[0]?.content;
      assert.ok(card);
      closeQuestion = actionData(card, 'closeRound');
    },

    async closeRound(role, expected) {
      // Whoever presses the coordinator's question: the button is no proof of being one.
      assert.ok(closeQuestion, 'the coordinator was asked in the row above');
      const before = await repositories.rounds.get('voortgangsrapportage-2022');

      const answer = textOf(await invoke(users[role], 'closeRound', closeQuestion));

      const after = await repositories.rounds.get('voortgangsrapportage-2022');
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        assert.deepEqual(after, before, 'the round is as it was');
        return;
      }
      assert.match(answer, /Voortgangsrapportage 2022 is gesloten/);
      assert.equal(before?.status, 'open');
      assert.equal(after?.status, 'closed');
    },

    async 'ronde heropen'(role, expected) {
      const before = await repositories.rounds.get('voortgangsrapportage-2022');

      const answer = await say(users[role], 'ronde heropen voortgangsrapportage 2022 tot 1-8-2022');

      const after = await repositories.rounds.get('voortgangsrapportage-2022');
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        assert.deepEqual(after, before, 'the round is as it was');
        return;
      }
      assert.match(answer, /Voortgangsrapportage 2022 is heropend/);
      assert.equal(after?.status, 'open');
      assert.equal(after.history?.at(-1)?.by, users[role].aadObjectId);
      // Closed again, so that the rows below see the round of 2021 as the current one.
      await invoke(users[role], 'closeRound', { roundId: 'voortgangsrapportage-2022', language: 'nl' });
    },

    async status(role, expected) {
      const answer = await say(users[role], 'status');

      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        assert.doesNotMatch(answer, /Stand van de ronde/);
        return;
      }
      assert.match(answer, /Stand van de ronde: Voortgangsrapportage 2021/);
      assert.match(answer, /Megan Bowen: nog niet ingevuld/);
    },

    async voortgangsrapportage(role, expected) {
      const answer = await say(users[role], 'voortgangsrapportage 2021');

      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        assert.doesNotMatch(answer, /api\/documents/);
        return;
      }
      assert.match(answer, /Voortgangsrapportage 2021: het hoofdstuk/);
      assert.match(answer, /\/api\/documents\/voortgangsrapportage-2021\.docx\?expires=\d+&sig=/);
    },

    async 'a file'(role, expected) {
      const name = `register-2023-${role}.csv`;
      const sheet = [
        'Nummer;Titel;Speerpunt;Eigenaar;Wat willen we bereiken?;Wat willen we ervoor doen?;Jaar',
        `7.1;Nieuw project;Dienstverlening;${NOBODY};Een doel;Activiteiten;2023`,
      ].join('\n');
      const url = files.put(name, Buffer.from(sheet, 'utf8'));
      const fetchedBefore = files.requests.length;
      const projectsBefore = await repositories.projects.listByYear(2023);
      const from = connector.activities.length;

      await post(
        activityFrom(users[role], connector.url, {
          type: 'message',
          text: '',
          attachments: [
            { contentType: FILE_DOWNLOAD_INFO, name, content: { downloadUrl: url, fileType: 'csv' } },
          ],
        }),
      );
      const answer = textOf((await nextIn(`personal-${users[role].id}`, from)).activity);

      const projectsAfter = await repositories.projects.listByYear(2023);
      if (isRefusal(expected)) {
        assertRefused(answer, NOT_COORDINATOR);
        assert.equal(files.requests.length, fetchedBefore, 'nothing fetched');
        assert.deepEqual(projectsAfter, projectsBefore, 'nothing imported');
        return;
      }
      assert.match(answer, new RegExp(`Register ingelezen uit ${name.replace(/\./g, '\\.')}`));
      assert.equal(files.requests.length, fetchedBefore + 1);
      assert.deepEqual(
        projectsAfter.map((imported) => [imported.number, imported.owners]),
        [['7.1', [NOBODY]]],
      );
    },

    'weekoverzicht hier': (role, expected) => weeklyDigest(role, expected, 'hier'),

    // After the coordinator switched it on in the row before.
    'weekoverzicht uit': (role, expected) => weeklyDigest(role, expected, 'uit'),
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    files = await new FileHost().start();
    const cosmos = await freshCosmosConfig();
    app = await startApp(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        COORDINATORS: users.coordinator.aadObjectId,
        READERS: users.reader.aadObjectId,
        SCHEDULER_INTERVAL_SECONDS: '0',
        FILE_DOWNLOAD_HOSTS: '127.0.0.1',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
      }),
      { clock, log: logger.child({ test: 'roles' }, { level: 'silent' }) },
    );
    botUrl = `http://127.0.0.1:${app.port}`;
    repositories = cosmosRepositories(app.store);
    const owner = users.owner.aadObjectId;

    await repositories.projects.upsertMany([
      ...[...DELEGATED, NOT_DELEGATED].map((number) => project(2021, number, [owner])),
      project(2021, SOMEONE_ELSES, [NOBODY]),
      project(2022, '9', [NOBODY]),
    ]);
    // An earlier round, closed, in which the owner answered project 1.
    await repositories.rounds.create({
      id: 'jaarverslag-2020',
      kind: 'jaarverslag',
      year: 2020,
      deadline: '2021-01-29',
      status: 'closed',
      openedAt: '2021-01-04T08:00:00.000Z',
      openedBy: users.coordinator.aadObjectId,
      reminderPlan: DEFAULT_REMINDER_PLAN,
      closedAt: '2021-02-01T08:00:00.000Z',
      closedBy: users.coordinator.aadObjectId,
    });
    await repositories.statusUpdates.createMany([
      {
        id: projectIdOf(2020, READ),
        roundId: 'jaarverslag-2020',
        project: project(2020, READ, [owner]),
        versions: [
          {
            status: 'op-schema',
            answer: 'Antwoord uit het jaarverslag 2020.',
            answeredAt: '2021-01-20T08:00:00.000Z',
            answeredBy: owner,
            answeredByName: users.owner.name,
          },
        ],
      },
    ]);

    // Everyone opens the app in their 1:1 chat.
    for (const role of ROLES) {
      const from = connector.activities.length;
      await post(activityFrom(users[role], connector.url, { type: 'installationUpdate', action: 'add' }));
      await nextIn(`personal-${users[role].id}`, from);
    }
    // The colleagues the matrix delegates to opened the app too: the bot only delegates to
    // someone it can reach.
    const known = await repositories.contacts.get(users.anyone.aadObjectId);
    assert.ok(known?.address);
    for (const [index, role] of ROLES.entries()) {
      await repositories.contacts.upsert({
        userId: `cccccccc-0000-0000-0000-00000000000${index}`,
        name: `Collega ${role}`,
        email: `collega.${role}@contoso.nl`,
        language: 'nl',
        address: { ...known.address, conversation: { id: `personal-29:collega-${role}` } },
        updatedAt: '2021-06-01T08:00:00.000Z',
      });
    }
    // The bot is added to a team the delegate is in: from its roster the bot learns her UPN.
    const delegate: Member = { ...users.delegate, userPrincipalName: DELEGATE_UPN };
    connector.addRoster(TEAM_ID, [delegate]);
    let from = connector.activities.length;
    await post({
      ...activityFrom(users.coordinator, connector.url, { type: 'installationUpdate', action: 'add' }),
      conversation: { id: TEAM_ID, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true },
      channelData: {
        tenant: { id: TENANT_ID },
        team: { id: TEAM_ID, name: 'Projecten' },
        channel: { id: TEAM_ID },
      },
    });
    assert.match(textOf((await nextIn(TEAM_ID, from)).activity), /Ik ken nu 1 lid van dit team/);

    // The coordinator opens the round; the owner gets a card per project (8 is nobody's to get).
    from = connector.activities.length;
    const opened = await say(users.coordinator, 'ronde open voortgangsrapportage 2021 tot 1-7-2021');
    assert.match(opened, /Voortgangsrapportage 2021 is geopend/);
    await app.scheduler.tick();
    // The owner hands projects 1 to 5 to the delegate, by the address Teams knows her by.
    for (const number of DELEGATED) {
      assert.match(
        await say(users.owner, `delegeer ${number} aan ${DELEGATE_UPN}`),
        new RegExp(`${number} Project ${number} is gedelegeerd`),
      );
    }
    await app.scheduler.tick();
    // 22 June, 09:00: the first reminders, to the owner and the delegate alike.
    clock.set('2021-06-22T07:00:00Z');
    await app.scheduler.tick();
    await app.scheduler.tick();

    for (const recorded of connector.activities.slice(from)) {
      const card = recorded.activity.attachments?.[0]?.content;
      const role = ROLES.find((candidate) => recorded.conversationId === `personal-${users[candidate].id}`);
      if (card && role && !verbsOf(card).includes('submitStatus')) {
        // A bundled reminder: per project, its own "herinner me morgen" and "niet mijn project".
        for (const action of executeActionsOf(card).filter((found) => found.verb !== 'fillIn')) {
          const key = `${role}|reminder|${String(action.data['projectId']).replace('2021:', '')}`;
          const actions = ((sent.get(key) ?? { actions: [] })['actions'] ?? []) as unknown[];
          sent.set(key, { actions: [...actions, { type: 'Action.Execute', ...action }] });
        }
      }
      if (!card || !role || !verbsOf(card).includes('submitStatus')) continue;
      const projectId = actionData(card, 'submitStatus')['projectId'];
      const kind = verbsOf(card).includes('snoozeReminder') ? 'reminder' : 'ask';
      sent.set(`${role}|${kind}|${String(projectId).replace('2021:', '')}`, card);
    }
    assert.deepEqual(
      [...sent.keys()].filter((key) => key.startsWith('delegate|ask|')).sort(),
      DELEGATED.map((number) => `delegate|ask|${number}`),
      'the delegate got a card for every project delegated to her',
    );
    assert.ok(sent.has(`owner|reminder|${REMINDER}`) && sent.has(`delegate|reminder|${REMINDER}`));
  });

  after(async function () {
    await app.close();
    await files.stop();
    await connector.stop();
  });

  for (const [action, ...outcomes] of MATRIX) {
    describe(action, function () {
      ROLES.forEach((role, column) => {
        const expected: string = outcomes[column] ?? '';
        it(`${role}: ${expected}`, async function () {
          await CHECKS[action](role, expected);
        });
      });
    });
  }
});
