import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards';

export async function replyWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
