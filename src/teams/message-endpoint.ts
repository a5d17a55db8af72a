import type { Request, Response } from 'restify';
import type { Clock } from '../domain/clock';
import { boundedLog, withLibraryOutputInLog, type Logger } from '../logger';
import { activityProblem } from './activity-shape';
import type { Activity, Authenticated, TeamsAdapter } from './adapter';
import { BackOff } from './back-off';
import type { StandVanZakenBot } from './bot';

/** The same for every bad token, whatever is wrong with it: the caller learns nothing from it. */
const UNAUTHORIZED = {
  error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' },
};
const UNAVAILABLE = { error: { code: 'ServiceUnavailable', message: 'Try again later.' } };
const FAILED = { error: { code: 'InternalServerError', message: 'The activity could not be handled.' } };

/** jsonwebtoken's errors for a token that does not hold; botframework-connector passes some on as they are. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export interface MessageEndpointDeps {
  readonly log: Logger;
  /** Times the pause after the identity provider could not be reached. */
  readonly clock: Clock;
}

/**
 * The handler behind POST /api/messages: the adapter checks the token, the bot handles the turn,
 * and this answers. A body that is not a Bot Framework activity (activity-shape.ts) is refused
 * with 400 here, so no handler meets a field of the wrong type and the adapter does not fail on
 * it with a 500. A bad token gets 401 with the same short body
 * whatever is wrong with it. When the identity provider (where the Bot Framework publishes its
 * signing keys) cannot be reached the answer is 503, and during a pause after that (BackOff)
 * every request gets 503 at once rather than each waiting on the provider again. What went
 * wrong goes to the log, never into the answer, and nothing is printed to the console.
 */
export function messageEndpoint(adapter: TeamsAdapter, bot: StandVanZakenBot, deps: MessageEndpointDeps) {
  const { log } = deps;
  // What strangers can cause is logged at a bounded rate.
  const refused = boundedLog(log);
  const identityProvider = new BackOff(deps.clock);
  const unavailable = (res: Response, retryInMs: number) => {
    res.header('Retry-After', String(Math.max(1, Math.ceil(retryInMs / 1000))));
    res.send(503, UNAVAILABLE);
  };
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    if (!isActivityShaped(body)) {
      res.send(400, { error: { code: 'BadRequest', message: 'The body is not a Bot Framework activity.' } });
      return;
    }
    const activity = asActivity(body as Record<string, unknown>);

    const attempt = identityProvider.begin();
    if (!attempt) {
      refused(
        'debug',
        { retryInMs: identityProvider.remainingMs() },
        'activity refused: waiting for the identity provider',
      );
      unavailable(res, identityProvider.remainingMs());
      return;
    }
    let authenticated: Authenticated;
    try {
      authenticated = await withLibraryOutputInLog(log, () =>
        adapter.authenticate(activity, req.headers.authorization ?? ''),
      );
    } catch (error) {
      const refusal = refusalFor(error);
      if (refusal === 'unavailable') {
        const retryInMs = attempt.failed();
        log.error(
          { err: error, retryInMs },
          'the identity provider cannot be reached: tokens cannot be checked',
        );
        unavailable(res, retryInMs);
        return;
      }
      attempt.inconclusive();
      if (refusal === 'unauthorized') {
        refused('warn', { reason: reasonOf(error) }, 'activity refused: no valid Bot Framework token');
        res.send(401, UNAUTHORIZED);
      } else {
        log.error({ err: error }, 'the token could not be checked');
        res.send(500, FAILED);
      }
      return;
    }
    attempt.succeeded();

    try {
      // The turn's own errors are the adapter's onTurnError's; only what escapes it lands here.
      const invokeResponse = await withLibraryOutputInLog(log, () =>
        adapter.runTurn(authenticated, activity, (context) => bot.run(context)),
      );
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      log.error({ err: error }, 'the activity could not be handled');
      res.send(500, FAILED);
    }
  };
}

/**
 * Why authentication failed. The identity provider is unreachable when its metadata or keys
 * could not be fetched: node-fetch's FetchError for no answer at all, botframework-connector's
 * "Failed to load …" for an error status. A token that does not hold is a 4xx
 * AuthenticationError or one of jsonwebtoken's errors. Anything else is a fault of the bot.
 */
function refusalFor(error: unknown): 'unauthorized' | 'unavailable' | 'failed' {
  if (!(error instanceof Error)) return 'failed';
  if (error.name === 'FetchError' || /^Failed to load (openID config|Keys)\b/.test(error.message)) {
    return 'unavailable';
  }
  if (TOKEN_ERRORS.has(error.name)) return 'unauthorized';
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'unauthorized' : 'failed';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The body as botbuilder expects it, its times as Dates, as CloudAdapter.process made it
 * (with validateAndFixActivity, which botbuilder does not export).
 */
function asActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

function isActivityShaped(body: unknown): boolean {
  return activityProblem(body) === undefined;
}
