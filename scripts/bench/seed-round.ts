import { setTimeout as sleep } from 'node:timers/promises';
import { amsterdamDate } from '../../src/domain/clock';
import { projectIdOf, roundIdOf, type Project } from '../../src/domain/model';
import { openCosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { failureIn, type LoadConnector, type SentActivity } from './load-connector';
import { teamsActivity, type LoadProject, type LoadUser } from './load-mix';

const SPEERPUNTEN = ['Kwaliteit', 'Financiën', 'Dienstverlening', 'Duurzaamheid', 'Veiligheid', 'Wonen'];
const log = logger.child({ module: 'bench:seed' });

/** The bot as the benches reach it: its base URL and the secret of its scheduler trigger. */
export interface BenchBot {
  readonly url: string;
  readonly schedulerSecret: string;
}

export interface CosmosAccount {
  readonly endpoint: string;
  readonly key: string;
}

export interface RoundSeed {
  readonly database: string;
  readonly projects: number;
  /** Project i is owned by owner i modulo their number. */
  readonly owners: readonly LoadUser[];
  readonly coordinators: readonly LoadUser[];
}

/**
 * `count` users of one role. With `emailEvery` n, every n-th of them (the n-th, the 2n-th …) is
 * named in the register by e-mail, as the organisation's own register often does: their activities
 * still carry only the object id, and the bot knows the e-mail from a team roster.
 */
export function users(role: string, count: number, name: string, emailEvery = 0): LoadUser[] {
  const prefix = role === 'coordinator' ? 'c' : '0';
  return Array.from({ length: count }, (_, i) => ({
    id: `29:${role}-${i + 1}`,
    aadObjectId: `${prefix}0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `${name} ${i + 1}`,
    ...(emailEvery > 0 && (i + 1) % emailEvery === 0 ? { email: `${role}.${i + 1}@gemeente.example` } : {}),
  }));
}

/** The round the benches open: this year, with a deadline a month ahead. */
export function benchRoundDates(at: Date = new Date()): { readonly year: number; readonly deadline: string } {
  // In the organisation's zone whatever the server's: a deadline of 31 December would be in the
  // past by the time the round opens when seeding runs past midnight on New Year's Eve (or from
  // 23:00 UTC, when the server's year is still the old one).
  return {
    year: Number(amsterdamDate(at).slice(0, 4)),
    deadline: amsterdamDate(new Date(at.getTime() + 30 * 24 * 3600 * 1000)),
  };
}

/** Project numbers as the benches make them: 1.1, 2.1 … 6.1, 1.2 …, one speerpunt per first figure. */
export function projectNumbers(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${(i % SPEERPUNTEN.length) + 1}.${Math.floor(i / SPEERPUNTEN.length) + 1}`,
  );
}

/** Stores `count` projects of `year` in the register (in six speerpunten), project i owned by owner i modulo their number. */
export async function seedProjects(
  cosmos: CosmosAccount,
  database: string,
  year: number,
  count: number,
  owners: readonly LoadUser[],
): Promise<string[]> {
  const numbers = projectNumbers(count);
  const ownerOf = (i: number) => owners[i % owners.length] as LoadUser;
  await withRepositories(cosmos, database, async (repositories) => {
    const projects = numbers.map((number, i): Project => ({
      id: projectIdOf(year, number),
      year,
      number,
      title: `Project ${number}`,
      speerpunt: SPEERPUNTEN[i % SPEERPUNTEN.length] ?? 'Kwaliteit',
      goal: `Het doel van project ${number}, in een paar zinnen beschreven zoals in het register.`,
      activities: `De activiteiten van project ${number}: onderzoek, uitvoering en evaluatie.`,
      owners: [ownerOf(i).email ?? ownerOf(i).aadObjectId],
    }));
    for (let i = 0; i < projects.length; i += 50)
      await repositories.projects.upsertMany(projects.slice(i, i + 50));
  });
  return numbers;
}

/**
 * Lets every user install the app (so the bot knows their 1:1 chat and can send them cards), 8 at
 * a time, and teaches the bot the e-mail of those named by e-mail, as a team roster would.
 */
export async function seedPeople(
  bot: BenchBot,
  connector: LoadConnector,
  cosmos: CosmosAccount,
  database: string,
  everyone: readonly LoadUser[],
): Promise<void> {
  for (let i = 0; i < everyone.length; i += 8) {
    await Promise.all(
      everyone.slice(i, i + 8).map((user, j) =>
        post(
          bot.url,
          teamsActivity(connector.url, user, `seed-install-${i + j}`, {
            type: 'installationUpdate',
            action: 'add',
          }),
        ),
      ),
    );
  }
  await rememberEmails(cosmos, database, everyone);
}

/**
 * Seeds what the benches that drive the bot over HTTP start from, not timed: stores the projects
 * (in six speerpunten), lets every user install the app (so the bot knows their 1:1 chat), teaches
 * the bot the e-mail of owners named by e-mail (as a team roster would), and has a coordinator
 * open a voortgangsrapportage, whose cards the connector catches: the benches answer them.
 */
export async function seedRound(
  bot: BenchBot,
  connector: LoadConnector,
  cosmos: CosmosAccount,
  seed: RoundSeed,
): Promise<LoadProject[]> {
  const { owners, coordinators } = seed;
  const { year, deadline: roundDeadline } = benchRoundDates();
  const numbers = await seedProjects(cosmos, seed.database, year, seed.projects, owners);
  await seedPeople(bot, connector, cosmos, seed.database, [...coordinators, ...owners]);

  const asks = new Map<string, SentActivity & { readonly data: Record<string, unknown> }>();
  let opened: string | undefined;
  connector.capture = (sent) => {
    const data = submitDataOf(sent.activity);
    const projectId = data?.['projectId'];
    if (data && typeof projectId === 'string') asks.set(projectId, { ...sent, data });
    else if (sent.conversationId === `personal-${coordinators[0]?.id ?? ''}`)
      opened = JSON.stringify(sent.activity);
  };
  await post(
    bot.url,
    teamsActivity(connector.url, coordinators[0] as LoadUser, 'seed-open', {
      type: 'message',
      text: `ronde open voortgangsrapportage ${year} tot ${roundDeadline}`,
    }),
  );
  const failure = opened === undefined ? 'no answer' : failureIn(opened);
  if (failure !== undefined) throw new Error(`the round did not open: ${failure}`);
  // Opening kicks the scheduler once; a tick that fails (a store call over its time limit while
  // the machine is busy) is retried by the timer, here the external one.
  const deadline = Date.now() + 120_000;
  let nextKick = Date.now() + 10_000;
  while (asks.size < seed.projects) {
    if (Date.now() > deadline) {
      throw new Error(
        `${asks.size} of ${seed.projects} cards arrived in 120 s; the round's send jobs by state: ` +
          JSON.stringify(await sendJobStates(cosmos, seed.database, roundIdOf('voortgangsrapportage', year))),
      );
    }
    if (Date.now() > nextKick) {
      log.info(
        `${asks.size} of ${seed.projects} cards arrived so far; running the scheduler, as its timer would`,
      );
      await runScheduler(bot);
      nextKick = Date.now() + 10_000;
    }
    await sleep(100);
  }
  connector.capture = undefined;
  const byEmail = owners.filter((owner) => owner.email !== undefined).length;
  log.info(
    `${seed.projects} projects, ${owners.length} owners (${byEmail} named by e-mail), ` +
      `${coordinators.length} coordinators; the round is open, every card arrived`,
  );

  return numbers.map((number, i) => {
    const ask = asks.get(projectIdOf(year, number));
    if (!ask) throw new Error(`no card for project ${number}`);
    return { number, owner: i % owners.length, askActivityId: ask.activityId, submitData: ask.data };
  });
}

async function withRepositories<T>(
  cosmos: CosmosAccount,
  database: string,
  work: (repositories: ReturnType<typeof cosmosRepositories>) => Promise<T>,
): Promise<T> {
  const store = await openCosmosStore({ endpoint: cosmos.endpoint, key: cosmos.key, database });
  try {
    return await work(cosmosRepositories(store));
  } finally {
    store.dispose();
  }
}

/** What a team roster tells the bot: the e-mail of each user who has one, next to their 1:1 chat. */
async function rememberEmails(cosmos: CosmosAccount, database: string, people: readonly LoadUser[]) {
  const named = people.filter((user) => user.email !== undefined);
  if (named.length === 0) return;
  await withRepositories(cosmos, database, async ({ contacts }) => {
    for (const user of named) {
      const known = await contacts.get(user.aadObjectId);
      if (!known) throw new Error(`seeding: ${user.name} installed the app but is not remembered`);
      await contacts.upsert({ ...known, email: user.email });
    }
  });
}

/** How many of a round's send jobs are in each state, and until when the claimed ones are held. */
export async function sendJobStates(
  cosmos: CosmosAccount,
  database: string,
  roundId: string,
): Promise<Record<string, number | string>> {
  return withRepositories(cosmos, database, async ({ sendJobs }) => {
    const jobs = await sendJobs.listByRound(roundId);
    const states: Record<string, number | string> = {};
    for (const job of jobs) states[job.state] = Number(states[job.state] ?? 0) + 1;
    const held = jobs.flatMap((job) => (job.state === 'sending' && job.leaseUntil ? [job.leaseUntil] : []));
    if (held.length > 0) states['sendingHeldUntil'] = held.sort()[held.length - 1] ?? '';
    return states;
  });
}

/** The data of the card's submitStatus action, when the activity is a card that asks for a status. */
export function submitDataOf(
  activity: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const attachments = activity['attachments'];
  if (!Array.isArray(attachments)) return undefined;
  for (const attachment of attachments as { content?: { actions?: unknown } }[]) {
    const actions = attachment.content?.actions;
    if (!Array.isArray(actions)) continue;
    const submit = (actions as { verb?: unknown; data?: Record<string, unknown> }[]).find(
      (action) => action.verb === 'submitStatus',
    );
    if (submit?.data) return submit.data;
  }
  return undefined;
}

export async function runScheduler(bot: BenchBot): Promise<void> {
  const response = await fetch(`${bot.url}/api/scheduler/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bot.schedulerSecret}` },
  });
  await response.arrayBuffer();
  if (!response.ok) log.warn(`the scheduler run answered ${response.status}`);
}

async function post(botUrl: string, activity: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`seeding: ${String(activity['type'])} answered ${response.status}`);
}
