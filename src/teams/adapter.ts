import { createHash } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config';
import type { Language } from '../domain/model';
import type { Logger } from '../logger';
import { noticeCard } from './cards';
import { replyWithCard } from './teams-turn';
import { TEXTS } from './texts';

/** Who sent an activity, once its token checked out: what the turn is run with. */
/** The activity as botbuilder types it, for the message endpoint (which imports no SDK itself). */
export type { Activity } from 'botbuilder';

export type Authenticated = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/**
 * The CloudAdapter with its two steps apart: checking the token and running the turn. The
 * messaging endpoint answers a bad token and an unreachable identity provider itself;
 * CloudAdapter.process would print the error and answer it with the library's message.
 */
export class TeamsAdapter extends CloudAdapter {
  private readonly checked = new CheckedTokens();

  /**
   * Checks the request's token for this activity; throws when it does not hold. Teams sends the
   * same token with every request for up to an hour, and checking it (parsing, the RS256
   * signature, the key lookup, the claims) costs about a millisecond of CPU a turn
   * (docs/benchmarks.md, bench:turn with BENCH_AUTH=1): a token that checked out is remembered
   * for the same channel and service URL until it expires, so the next request with it skips the
   * check. A token that failed is never remembered.
   */
  async authenticate(activity: Activity, authorization: string): Promise<Authenticated> {
    const key = authorization ? tokenKey(activity, authorization) : undefined;
    const known = key && this.checked.get(key, Date.now());
    if (known) return known;
    const authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    const expires = Number(authenticated.claimsIdentity.getClaimValue('exp'));
    if (key && Number.isFinite(expires)) this.checked.set(key, authenticated, expires * 1000);
    return authenticated;
  }

  /** Runs the turn of an authenticated activity; resolves with the invoke response, if any. */
  runTurn(
    authenticated: Authenticated,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * What BotFrameworkAuthenticationFactory uses for the public cloud. Once any of these is set (as
 * the tests' metadata address is), it takes none of its own, so all of them are given then.
 */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
};

/**
 * How the bot checks incoming tokens and signs outgoing calls, from its configuration (also what
 * the benches give a bare botbuilder bot, so both check tokens alike).
 */
export function botAuthentication(bot: Config['bot']): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(
    bot
      ? {
          MicrosoftAppId: bot.appId,
          MicrosoftAppPassword: bot.password,
          MicrosoftAppType: bot.appType,
          MicrosoftAppTenantId: bot.tenantId,
          // Tests only (config.ts refuses it elsewhere): channel and Emulator-style tokens alike
          // are checked against the tests' own keys, so no token check reaches Microsoft.
          ...(bot.openIdMetadataUrl
            ? {
                ...PUBLIC_CLOUD,
                ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
                ToBotFromEmulatorOpenIdMetadataUrl: bot.openIdMetadataUrl,
              }
            : {}),
        }
      : {},
  );
}

/**
 * The Bot Framework adapter: validates incoming tokens when an app id is configured and signs
 * outgoing calls. Without an app id it runs anonymously, which config.ts allows only outside
 * production.
 */
export function createAdapter(bot: Config['bot'], log: Logger, defaultLanguage: Language): TeamsAdapter {
  const auth = botAuthentication(bot);
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'turn failed');
    // Proactive turns have nobody to answer; a message gets a friendly card, never a stack trace.
    if (context.activity.type !== 'message') return;
    const t = TEXTS[defaultLanguage];
    try {
      await replyWithCard(
        context,
        noticeCard({ title: t.failureTitle, text: t.failureText, tone: 'attention' }),
      );
    } catch (sendError) {
      log.error({ err: sendError }, 'could not tell the user about the failure');
    }
  };
  return adapter;
}

/**
 * What a token was checked for: the token itself, and the channel and service URL it was checked
 * against (a Teams token names the service URL it may be used with).
 */
function tokenKey(activity: Activity, authorization: string): string {
  return createHash('sha256')
    .update(`${activity.channelId}\n${activity.serviceUrl}\n${authorization}`)
    .digest('base64url');
}

/**
 * Tokens that checked out, until they expire (a minute early, for clocks that differ), at most
 * `MAX_CHECKED_TOKENS`: the oldest go first. Teams uses one token for many requests, so a few
 * hundred cover an instance's traffic.
 */
export class CheckedTokens {
  private readonly entries = new Map<string, { readonly value: Authenticated; readonly until: number }>();

  constructor(private readonly max = MAX_CHECKED_TOKENS) {}

  get(key: string, now: number): Authenticated | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: Authenticated, expiresAt: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, until: expiresAt - CLOCK_SKEW_MS });
  }

  get size(): number {
    return this.entries.size;
  }
}

const MAX_CHECKED_TOKENS = 512;
const CLOCK_SKEW_MS = 60_000;
