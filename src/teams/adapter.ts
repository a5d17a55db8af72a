import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Language } from '../domain/model';
import type { Logger } from '../logger';
import { noticeCard } from './cards';
import { replyWithCard } from './reply';
import { TEXTS } from './texts';

/**
 * The Bot Framework adapter: validates incoming tokens when an app id is configured and signs
 * outgoing calls. Without an app id it runs anonymously, which config.ts allows only outside
 * production.
 */
export function createAdapter(bot: Config['bot'], log: Logger, defaultLanguage: Language): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    bot
      ? {
          MicrosoftAppId: bot.appId,
          MicrosoftAppPassword: bot.password,
          MicrosoftAppType: bot.appType,
          MicrosoftAppTenantId: bot.tenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
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
