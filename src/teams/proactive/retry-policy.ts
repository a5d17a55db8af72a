/** Failures worth another try: the connector said "later", not "no". */
export type TransientReason = 'throttled' | 'precondition-failed' | 'unavailable' | 'network';

/** Failures another try cannot fix; each is something to tell the coordinator. */
export type PermanentReason =
  /** 403: the user blocked the bot, uninstalled it, or an admin disabled it. */
  | 'blocked'
  /** 404: the conversation (or the activity) no longer exists. */
  | 'not-found'
  /** 400: Teams refused what we sent. */
  | 'bad-request'
  /** 401: the bot's credentials were refused. */
  | 'unauthorized'
  /** 413: the message is too big for Teams. */
  | 'too-large'
  /** Any other 4xx. */
  | 'rejected'
  /** A 5xx that Teams does not list as retryable. */
  | 'server-error'
  /** Not an HTTP or network failure at all: a bug, not something Teams said. */
  | 'unexpected';

export type Failure =
  | {
      readonly kind: 'retry';
      readonly reason: TransientReason;
      readonly status: number | undefined;
      readonly code: string | undefined;
      /** What the connector asked us to wait, if it said. */
      readonly retryAfterMs: number | undefined;
    }
  | {
      readonly kind: 'permanent';
      readonly reason: PermanentReason;
      readonly status: number | undefined;
      readonly code: string | undefined;
    };

export interface BackoffOptions {
  /** The ceiling of the first back-off; it doubles with each attempt. */
  readonly baseMs: number;
  /** No exponential back-off exceeds this (a server's Retry-After may). */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 30_000 };

const TRANSIENT_STATUSES: ReadonlyMap<number, TransientReason> = new Map([
  [412, 'precondition-failed'],
  [429, 'throttled'],
  [502, 'unavailable'],
  [503, 'unavailable'],
  [504, 'unavailable'],
]);

const PERMANENT_STATUSES: ReadonlyMap<number, PermanentReason> = new Map([
  [400, 'bad-request'],
  [401, 'unauthorized'],
  [403, 'blocked'],
  [404, 'not-found'],
  [413, 'too-large'],
]);

// Codes that @azure/core-rest-pipeline puts on a RestError without a status when the connection
// itself failed.
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

/**
 * Sorts a failed connector call into "try again" or "give up, and here is why". Teams asks bots to
 * retry 429, 412, 502, 503 and 504 and to honour Retry-After; a 403 (blocked, uninstalled) or 404
 * (conversation gone) will fail the same way every time, so retrying only wastes the rate limit.
 *
 * The error is inspected by shape, not by class: botframework-connector throws
 * @azure/core-rest-pipeline's RestError, `{ statusCode, code, response: { status, headers } }`,
 * where `code` is Teams' error code from the body (such as `ConversationBlockedByUser`) or, with no
 * status, the network error code; `headers.get(name)` reads a header. Plain header records work too.
 * `now` turns a Retry-After date into a delay.
 */
export function classifyFailure(error: unknown, now: number): Failure {
  const status = statusOf(error);
  const code = stringProperty(error, 'code');
  if (status === undefined) {
    return code !== undefined && NETWORK_CODES.has(code)
      ? { kind: 'retry', reason: 'network', status, code, retryAfterMs: undefined }
      : { kind: 'permanent', reason: 'unexpected', status, code };
  }
  const transient = TRANSIENT_STATUSES.get(status);
  if (transient !== undefined) {
    return { kind: 'retry', reason: transient, status, code, retryAfterMs: retryAfterOf(error, now) };
  }
  const reason = PERMANENT_STATUSES.get(status) ?? (status >= 500 ? 'server-error' : 'rejected');
  return { kind: 'permanent', reason, status, code };
}

/**
 * How long to wait before attempt `attempt + 1`, after `attempt` attempts failed. Without a
 * Retry-After it is "full jitter": a uniform draw below min(cap, base × 2^(attempt−1)), so callers
 * that failed together do not come back together. A Retry-After is a floor, never cut by the cap:
 * Teams answers a retry sent sooner with another 429.
 */
export function backoffMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * A Retry-After value as a delay from `now` in ms: delta-seconds, or an HTTP-date in any of the
 * three forms RFC 9110 says a recipient must accept. A date already past means "now" (0).
 * Anything else is undefined, so a garbled header falls back to the normal back-off rather than
 * to no wait at all.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1_000);
  let at: number;
  if (IMF_FIXDATE.test(trimmed) || RFC_850_DATE.test(trimmed)) at = Date.parse(trimmed);
  // asctime carries no zone; HTTP dates are always GMT, and Date.parse would read local time.
  else if (ASCTIME_DATE.test(trimmed)) at = Date.parse(`${trimmed} GMT`);
  else return undefined;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function retryAfterOf(error: unknown, now: number): number | undefined {
  // The millisecond headers are Azure's; Teams sends Retry-After, but whichever is there is exact.
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headerOf(error, name);
    if (value !== undefined && /^\s*\d+\s*$/.test(value)) return Number(value);
  }
  const value = headerOf(error, 'retry-after');
  return value === undefined ? undefined : parseRetryAfter(value, now);
}

function statusOf(error: unknown): number | undefined {
  const status = property(error, 'statusCode') ?? property(property(error, 'response'), 'status');
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

interface HeaderReader {
  get(name: string): unknown;
}

function isHeaderReader(value: object): value is HeaderReader {
  return typeof (value as Partial<HeaderReader>).get === 'function';
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = property(property(error, 'response'), 'headers');
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (isHeaderReader(headers)) {
    const value = headers.get(name);
    return typeof value === 'string' ? value : undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

function property(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function stringProperty(value: unknown, name: string): string | undefined {
  const found = property(value, name);
  return typeof found === 'string' ? found : undefined;
}
