import { CardFactory, MessageFactory, TeamsInfo, TurnContext } from 'botbuilder';
import type { Language, Person } from '../domain/model';
import type { AdaptiveCard } from './cards';
import type { ChannelToPostIn } from '../domain/use-cases/weekly-digest';
import type { BotServices, Turn } from './turn';

/**
 * The one place a handler's {@link Turn} meets botbuilder's TurnContext: what the handlers read
 * of the activity, and the replies they send. A port to another SDK rewrites this file, not the
 * handlers.
 */
export function teamsTurn(
  context: TurnContext,
  person: Person,
  language: Language,
  services: BotServices,
): Turn {
  const { activity } = context;
  return {
    person,
    language,
    services,
    conversationType: text(activity.conversation.conversationType),
    chatUserId: text(activity.from.id),
    replyToId: text(activity.replyToId) || undefined,
    text: () => text(TurnContext.removeRecipientMention(activity)),
    attachments: activity.attachments,
    channel: () => channelOf(context),
    reply: (...cards) => replyWithCards(context, cards),
    async lookUpEmail() {
      const member = await TeamsInfo.getMember(context, activity.from.id);
      return (member.userPrincipalName ?? member.email ?? '').toLowerCase() || undefined;
    },
  };
}

/** Sends cards as replies, in one call (Teams keeps their order). */
export async function replyWithCards(context: TurnContext, cards: readonly AdaptiveCard[]): Promise<void> {
  if (cards.length === 1 && cards[0]) {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(cards[0])));
    return;
  }
  await context.sendActivities(
    cards.map((card) => MessageFactory.attachment(CardFactory.adaptiveCard(card))),
  );
}

export function replyWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  return replyWithCards(context, [card]);
}

/** The team channel a message was posted in, addressed as the weekly digest posts to it. */
function channelOf(context: TurnContext): ChannelToPostIn | undefined {
  const { activity } = context;
  if (activity.conversation.conversationType !== 'channel') return undefined;
  const data = activity.channelData as
    { team?: { name?: unknown }; channel?: { id?: unknown; name?: unknown } } | undefined;
  const id = trimmed(data?.channel?.id) || (trimmed(activity.conversation.id).split(';')[0] ?? '');
  if (!id) return undefined;
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return {
    id,
    name: [trimmed(data?.team?.name), trimmed(data?.channel?.name)].filter((part) => part !== '').join(' › '),
    address: { ...reference, conversation: { ...reference.conversation, id } },
  };
}

/** Activities come off the wire: a field typed string may still be missing or something else. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function trimmed(value: unknown): string {
  return text(value).trim();
}
