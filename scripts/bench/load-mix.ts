/** The users, projects, mix and figures that `npm run bench:load` and its load process share. */

export interface LoadUser {
  /** The Teams user id (29:…). */
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  /** When the register names this user by e-mail (or UPN) instead of by object id. */
  readonly email?: string;
}

export interface LoadProject {
  readonly number: string;
  /** Index into `owners`. */
  readonly owner: number;
  /** The activity of the card that asked the owner, which their submits answer. */
  readonly askActivityId: string;
  /** The card's own submitStatus data: roundId, projectId, baseVersion, card, language. */
  readonly submitData: Readonly<Record<string, unknown>>;
}

export interface LoadDriverInput {
  readonly botUrl: string;
  readonly connectorUrl: string;
  readonly seconds: number;
  readonly concurrency: number;
  readonly owners: readonly LoadUser[];
  readonly coordinators: readonly LoadUser[];
  readonly projects: readonly LoadProject[];
  /** Pages of the whole round's summary (15 projects a page). */
  readonly summaryPages: number;
}

export const KINDS = [
  'hulp',
  'samenvatting',
  'samenvatting-nr',
  'geschiedenis',
  'status',
  'submit',
  'summary-page',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * The mix, in shares of 100: half messages, 35% card submits, 15% summary pages. `status` is
 * for the two coordinators only, and rare: at 5% its slow turns (docs/benchmarks.md) held
 * about half of the workers and the run measured little else.
 */
export const MIX: Readonly<Record<Kind, number>> = {
  hulp: 18,
  samenvatting: 10,
  'samenvatting-nr': 10,
  geschiedenis: 10,
  status: 2,
  submit: 35,
  'summary-page': 15,
};

/** How long Teams waits for the bot's HTTP answer: an invoke's card, a message's turn. */
export const TEAMS_TIMEOUT_MS = { invoke: 5_000, message: 15_000 } as const;

/** Messages are answered through the connector; the others in the HTTP answer (invokes). */
export const MESSAGE_KINDS: readonly Kind[] = [
  'hulp',
  'samenvatting',
  'samenvatting-nr',
  'geschiedenis',
  'status',
];

export interface KindFigures {
  readonly count: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Answered later than Teams waits: 5 s for an invoke, 15 s for a message. */
  readonly overTeamsTimeout: number;
  /** The first few errors, to say what went wrong. */
  readonly samples: readonly string[];
}

export interface LoadDriverResult {
  /** Date.now() when the first request went out. */
  readonly startedAt: number;
  /** From the first request out to the last answer in. */
  readonly seconds: number;
  readonly kinds: Readonly<Record<Kind, KindFigures>>;
  /** When each request was answered, in ms after `startedAt`, in order. */
  readonly answeredAtMs: readonly number[];
  /** Versions stored per project by the end of the run (submits that were stored). */
  readonly versionsMin: number;
  readonly versionsMax: number;
}

const TENANT_ID = '11111111-2222-3333-4444-555555555555';

/**
 * A Teams-shaped activity from `user` in their 1:1 chat, answered through `serviceUrl`. The id
 * carries what it is (`load-<kind>-<n>`), so the connector can tell whose reply it counts.
 */
export function teamsActivity(
  serviceUrl: string,
  user: LoadUser,
  id: string,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale: 'nl-NL',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:bench-bot', name: 'Stand van zaken' },
    conversation: { id: `personal-${user.id}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    ...fields,
  };
}
