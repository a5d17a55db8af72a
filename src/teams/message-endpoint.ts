import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { StandVanZakenBot } from './bot';

/**
 * The handler behind POST /api/messages: the adapter authenticates, the bot handles the turn.
 * A body that is not an activity at all is refused with 400 here, because the adapter would
 * otherwise fail on it with a 500.
 */
export function messageEndpoint(adapter: CloudAdapter, bot: StandVanZakenBot) {
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    if (!isActivityShaped(body)) {
      res.send(400, { error: { code: 'BadRequest', message: 'The body is not a Bot Framework activity.' } });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  };
}

function isActivityShaped(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const activity = body as Record<string, unknown>;
  const isAccount = (value: unknown) => typeof value === 'object' && value !== null;
  return (
    typeof activity['type'] === 'string' &&
    activity['type'].length > 0 &&
    typeof activity['serviceUrl'] === 'string' &&
    isAccount(activity['from']) &&
    isAccount(activity['conversation'])
  );
}
