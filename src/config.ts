import { z } from 'zod';

/** The hosts Teams hands out file links on, in the commercial and government clouds. */
export const TEAMS_FILE_HOSTS = ['*.sharepoint.com', '*.sharepoint.us', '*.sharepoint-mil.us'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Entra object ids are GUIDs; the Agents Playground's are GUID-like, so the check is loose. */
const OBJECT_ID = /^[0-9a-f-]{32,40}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOOPBACK_URL = /^https?:\/\/(?:127\.0\.0\.1|\[::1\]|localhost)(?::\d+)?(?:\/\S*)?$/i;

const optional = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const guid = (what: string) =>
  optional.refine((value) => value === undefined || GUID.test(value), `${what} must be a GUID`);

/** Every setting the bot reads, as documented in env/.env.example. */
/** A comma-separated list of Entra object ids and/or e-mail addresses. */
function people(key: string) {
  return optional.refine(
    (value) => value === undefined || listOf(value).every((id) => OBJECT_ID.test(id) || EMAIL.test(id)),
    `${key} must be a comma-separated list of Entra object ids or e-mail addresses`,
  );
}

/** The entries of a comma-separated list, trimmed and lower case, empty ones left out. */
function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id.length > 0);
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: optional.default('127.0.0.1'),
  PORT: optional.transform((value) => Number(value ?? '3978')).pipe(z.number().int().min(0).max(65535)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(['nl', 'en']).default('nl'),
  // Read by src/telemetry.ts before anything else is loaded; checked here with the rest.
  APPLICATIONINSIGHTS_CONNECTION_STRING: optional.refine(
    (value) => value === undefined || /(?:^|;)\s*InstrumentationKey=[0-9a-f-]{36}\s*(?:;|$)/i.test(value),
    'APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string: InstrumentationKey=<GUID>;IngestionEndpoint=...',
  ),

  BOT_APP_ID: guid('BOT_APP_ID'),
  BOT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  BOT_APP_PASSWORD: optional,
  BOT_TENANT_ID: guid('BOT_TENANT_ID'),
  BOT_OPENID_METADATA_URL: optional.refine(
    (value) => value === undefined || LOOPBACK_URL.test(value),
    'BOT_OPENID_METADATA_URL must be an http(s) address on 127.0.0.1, [::1] or localhost',
  ),

  COSMOS_ENDPOINT: optional.refine(
    (value) => value === undefined || /^https:\/\/[^\s/]+(:\d+)?\/?$/.test(value),
    'COSMOS_ENDPOINT must be an https URL such as https://myaccount.documents.azure.com:443/',
  ),
  COSMOS_KEY: optional,
  COSMOS_DATABASE: optional
    .default('stand-van-zaken')
    .refine(
      (value) => /^[A-Za-z0-9-_]{1,255}$/.test(value),
      'COSMOS_DATABASE may hold letters, digits, - and _',
    ),
  AZURE_CLIENT_ID: guid('AZURE_CLIENT_ID'),

  SCHEDULER_INTERVAL_SECONDS: optional
    .transform((value) => Number(value ?? '60'))
    .pipe(z.number().int().min(0).max(86_400)),
  SCHEDULER_SECRET: optional.refine(
    (value) => value === undefined || value.length >= 32,
    'SCHEDULER_SECRET must be at least 32 characters',
  ),
  SEND_ANY_TIME: z.enum(['true', 'false']).default('false'),
  FIRST_ASK: z
    .enum(['per-project', 'overview'], {
      message: 'FIRST_ASK must be per-project or overview',
    })
    .default('per-project'),
  REMINDERS_PER_WEEK: z
    .string()
    .default('3')
    .refine((value) => /^\d+$/.test(value.trim()), 'REMINDERS_PER_WEEK must be a whole number, e.g. 3')
    .transform((value) => Number(value.trim()))
    .pipe(z.number().int().min(1, 'REMINDERS_PER_WEEK must be at least 1').max(20)),

  PUBLIC_BASE_URL: optional.refine(
    (value) => value === undefined || /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/.test(value),
    'PUBLIC_BASE_URL must be an http(s) address without query, e.g. https://standvanzaken.example.nl',
  ),
  DOCUMENT_SECRET: optional.refine(
    (value) => value === undefined || value.length >= 32,
    'DOCUMENT_SECRET must be at least 32 characters',
  ),

  FILE_DOWNLOAD_HOSTS: optional.refine(
    (value) => value === undefined || listOf(value).every((host) => /^(?:\*\.)?[a-z0-9.:-]+$/.test(host)),
    'FILE_DOWNLOAD_HOSTS must be a comma-separated list of host names, e.g. *.sharepoint.com',
  ),

  ALLOWED_TENANTS: optional.refine(
    (value) => value === undefined || listOf(value).every((id) => GUID.test(id)),
    'ALLOWED_TENANTS must be a comma-separated list of Entra tenant ids (GUIDs)',
  ),

  COORDINATORS: people('COORDINATORS'),
  READERS: people('READERS'),
  SPEERPUNT_REVIEWERS: optional.refine(
    (value) => value === undefined || speerpuntReviewersOf(value) !== undefined,
    'SPEERPUNT_REVIEWERS must read speerpunt=person,person;speerpunt=person with Entra object ids or e-mail addresses',
  ),
});

/**
 * `Kwaliteit=a@x.nl,b@x.nl;Dienstverlening=c@x.nl` → speerpunt (lower case) → people (lower case);
 * undefined when any part is malformed.
 */
export function speerpuntReviewersOf(value: string): Map<string, string[]> | undefined {
  const reviewers = new Map<string, string[]>();
  for (const entry of value.split(';').filter((part) => part.trim() !== '')) {
    const at = entry.indexOf('=');
    const speerpunt = entry.slice(0, at).trim().toLowerCase();
    const people = listOf(entry.slice(at + 1));
    if (at < 1 || speerpunt === '' || people.length === 0) return undefined;
    if (!people.every((id) => OBJECT_ID.test(id) || EMAIL.test(id))) return undefined;
    reviewers.set(speerpunt, [...(reviewers.get(speerpunt) ?? []), ...people]);
  }
  return reviewers;
}

/**
 * Rules between keys. They read the raw values, so they are checked even when another key is
 * malformed: a missing key and a bad one are reported together.
 */
function crossKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const value = (key: string) => env[key]?.trim() ?? '';
  const problems: string[] = [];
  const appType = value('BOT_APP_TYPE') || 'SingleTenant';
  if (value('BOT_APP_ID')) {
    if (!value('BOT_TENANT_ID')) problems.push('BOT_TENANT_ID: required when BOT_APP_ID is set');
    if (appType === 'SingleTenant' && !value('BOT_APP_PASSWORD')) {
      problems.push('BOT_APP_PASSWORD: required for a SingleTenant bot');
    }
    if (appType === 'UserAssignedMSI' && value('BOT_APP_PASSWORD')) {
      problems.push('BOT_APP_PASSWORD: must be empty for a UserAssignedMSI bot');
    }
  } else {
    if (value('BOT_APP_PASSWORD') || value('BOT_TENANT_ID')) {
      problems.push('BOT_APP_ID: required when BOT_APP_PASSWORD or BOT_TENANT_ID is set');
    }
    if ((value('NODE_ENV') || 'production') === 'production') {
      problems.push('BOT_APP_ID: required in production (anonymous mode is for local development only)');
    }
  }
  if (value('BOT_OPENID_METADATA_URL')) {
    // A bot that read its signing keys from anywhere but Microsoft would accept tokens anyone
    // with that server's key can make: only the tests may point it at their own server.
    if ((value('NODE_ENV') || 'production') !== 'test') {
      problems.push('BOT_OPENID_METADATA_URL: only for tests (NODE_ENV=test); leave it empty');
    }
    if (!value('BOT_APP_ID')) {
      problems.push('BOT_OPENID_METADATA_URL: needs BOT_APP_ID (an anonymous bot checks no tokens)');
    }
  }
  if (!value('COSMOS_ENDPOINT')) problems.push('COSMOS_ENDPOINT: required');
  return problems;
}

/** Every key the bot reads; env/.env.example documents exactly these (a test checks). */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

export interface Config {
  readonly environment: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly defaultLanguage: 'nl' | 'en';
  /** Absent: anonymous, accepted only outside production. */
  readonly bot?: {
    readonly appId: string;
    readonly appType: 'SingleTenant' | 'UserAssignedMSI';
    readonly password?: string;
    readonly tenantId: string;
    /**
     * Tests only: where the signing keys of incoming tokens are read (OpenID metadata), instead
     * of Microsoft's. Absent everywhere else.
     */
    readonly openIdMetadataUrl?: string;
  };
  readonly cosmos: {
    readonly endpoint: string;
    /** Absent: Entra ID (managed identity or developer login) through @azure/identity. */
    readonly key?: string;
    readonly database: string;
    readonly managedIdentityClientId?: string;
  };
  /**
   * Entra tenant ids whose activities the bot handles; activities from any other tenant are
   * refused, logged, and store nothing. Empty: every tenant (anonymous local development only;
   * with a bot identity the default is its own tenant).
   */
  readonly allowedTenants: readonly string[];
  /** Entra object ids and e-mail addresses (lower case) of the coordinators. */
  readonly coordinators: readonly string[];
  /** The same for readers (MT, bestuur): they see every project's summary, and change nothing. */
  readonly readers: readonly string[];
  /** Who reviews a speerpunt besides the coordinators (keys and people in lower case). */
  readonly speerpuntReviewers: ReadonlyMap<string, readonly string[]>;
  readonly scheduler: {
    /** 0: no in-process timer, an external timer calls POST /api/scheduler/run. */
    readonly intervalMs: number;
    /** Bearer secret for POST /api/scheduler/run; absent: the endpoint does not exist. */
    readonly secret?: string;
    /** Send outside office hours too: development and demos only. */
    readonly sendAnyTime: boolean;
    /** A round's first ask: a card per project, or one overview per person. */
    readonly firstAsk: 'per-project' | 'overview';
    /** Reminder messages a person gets at most per ISO week (the deadline day's always goes). */
    readonly remindersPerWeek: number;
  };
  /**
   * Hosts the bot downloads files users send it from (Teams hands out SharePoint / OneDrive
   * links); nothing else is ever fetched.
   */
  readonly fileDownloadHosts: readonly string[];
  readonly documents: {
    /** Where people reach the bot, for download links; absent: http://HOST:PORT. */
    readonly publicBaseUrl?: string;
    /** Signs download links; absent: a random secret per process (links die with it). */
    readonly secret?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks every setting at once, so a bad deployment fails at start-up naming every
 * missing or malformed key, instead of failing later on the first request that needs one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crossKeyProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    environment: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    bot:
      e.BOT_APP_ID && e.BOT_TENANT_ID
        ? {
            appId: e.BOT_APP_ID,
            appType: e.BOT_APP_TYPE,
            password: e.BOT_APP_PASSWORD,
            tenantId: e.BOT_TENANT_ID,
            ...(e.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: e.BOT_OPENID_METADATA_URL } : {}),
          }
        : undefined,
    cosmos: {
      endpoint: e.COSMOS_ENDPOINT ?? '',
      key: e.COSMOS_KEY,
      database: e.COSMOS_DATABASE,
      managedIdentityClientId: e.AZURE_CLIENT_ID,
    },
    allowedTenants: e.ALLOWED_TENANTS
      ? listOf(e.ALLOWED_TENANTS)
      : e.BOT_TENANT_ID
        ? [e.BOT_TENANT_ID.toLowerCase()]
        : [],
    coordinators: listOf(e.COORDINATORS),
    readers: listOf(e.READERS),
    speerpuntReviewers: speerpuntReviewersOf(e.SPEERPUNT_REVIEWERS ?? '') ?? new Map(),
    scheduler: {
      intervalMs: e.SCHEDULER_INTERVAL_SECONDS * 1000,
      secret: e.SCHEDULER_SECRET,
      sendAnyTime: e.SEND_ANY_TIME === 'true',
      firstAsk: e.FIRST_ASK,
      remindersPerWeek: e.REMINDERS_PER_WEEK,
    },
    fileDownloadHosts: e.FILE_DOWNLOAD_HOSTS ? listOf(e.FILE_DOWNLOAD_HOSTS) : [...TEAMS_FILE_HOSTS],
    documents: {
      publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
      secret: e.DOCUMENT_SECRET,
    },
  };
}

/** What start-up logs: every setting, secrets masked. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    environment: config.environment,
    listen: `${config.host}:${config.port}`,
    bot: config.bot
      ? {
          appId: config.bot.appId,
          appType: config.bot.appType,
          tenantId: config.bot.tenantId,
          password: config.bot.password ? '***' : undefined,
          ...(config.bot.openIdMetadataUrl ? { openIdMetadataUrl: config.bot.openIdMetadataUrl } : {}),
        }
      : 'anonymous (no BOT_APP_ID): local development only',
    cosmos: {
      endpoint: config.cosmos.endpoint,
      database: config.cosmos.database,
      auth: config.cosmos.key ? 'key ***' : 'Entra ID (@azure/identity)',
    },
    allowedTenants: config.allowedTenants.length > 0 ? config.allowedTenants : 'any (no BOT_TENANT_ID)',
    coordinators: config.coordinators.length,
    readers: config.readers.length,
    speerpuntReviewers: Object.fromEntries(
      [...config.speerpuntReviewers].map(([speerpunt, people]) => [speerpunt, people.length]),
    ),
    scheduler: {
      intervalSeconds: config.scheduler.intervalMs / 1000,
      trigger: config.scheduler.secret ? 'POST /api/scheduler/run (secret ***)' : 'off',
      sendAnyTime: config.scheduler.sendAnyTime,
      firstAsk: config.scheduler.firstAsk,
      remindersPerWeek: config.scheduler.remindersPerWeek,
    },
    documents: {
      publicBaseUrl: config.documents.publicBaseUrl ?? `http://${config.host}:${config.port}`,
      secret: config.documents.secret
        ? '***'
        : 'random per process (set DOCUMENT_SECRET with several instances)',
    },
    fileDownloadHosts: config.fileDownloadHosts,
    defaultLanguage: config.defaultLanguage,
  };
}
