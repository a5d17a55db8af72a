import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Clock } from '../domain/clock';
import type { Delivery, JobSender, SendOutcome } from '../domain/use-cases/dispatch-due-sends';
import { digestCard, reminderCard, statusRequestCard, type AdaptiveCard } from './cards';

/** What a call to Teams came to, after whatever retrying the outbound path does. */
export type OutboundResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly permanent: boolean;
      readonly reason: string;
      readonly retryAfterMs?: number;
    };

/** The path every call to Teams' connector takes: rate limits and retries live behind it. */
export interface Outbound {
  send<T>(conversationId: string, call: () => Promise<T>): Promise<OutboundResult<T>>;
}

/** A job whose retries ran out is tried again by a later tick, this much later. */
const RETRY_LATER_MS = 5 * 60_000;

/**
 * Delivers send jobs into the owner's (or coordinator's) 1:1 chat, proactively through the
 * stored conversation reference, and reports the activity id so the card can be updated later.
 */
export class TeamsJobSender implements JobSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly outbound: Outbound,
    private readonly clock: Clock,
  ) {}

  async send(delivery: Delivery): Promise<SendOutcome> {
    const reference = delivery.contact.address as Partial<ConversationReference>;
    const conversationId = reference.conversation?.id ?? delivery.contact.userId;
    const card = cardFor(delivery);
    const result = await this.outbound.send(conversationId, () => this.post(reference, card));
    if (result.ok) return { ok: true, activityId: result.value };
    if (result.permanent) return { ok: false, permanent: true, reason: result.reason };
    const retryAt = new Date(this.clock.now().getTime() + (result.retryAfterMs ?? RETRY_LATER_MS));
    return { ok: false, permanent: false, reason: result.reason, retryAt };
  }

  private async post(
    reference: Partial<ConversationReference>,
    card: AdaptiveCard,
  ): Promise<string | undefined> {
    let activityId: string | undefined;
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        activityId = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))
          ?.id;
      } catch (error) {
        // Caught here, or the adapter's turn error handler would swallow it.
        failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (failure) throw failure;
    return activityId;
  }
}

function cardFor({ job, round, contact, update, missing, total }: Delivery): AdaptiveCard {
  const language = contact.language;
  if (job.kind === 'digest') return digestCard(language, round, missing ?? [], total ?? 0);
  if (!update) throw new Error(`job ${job.id} has no project to ask about`);
  return job.kind === 'reminder'
    ? reminderCard(language, round, update)
    : statusRequestCard(language, round, update);
}
