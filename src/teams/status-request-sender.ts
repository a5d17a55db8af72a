import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Contact } from '../domain/model';
import type { StatusRequestSender } from '../domain/use-cases/deliver-status-requests';
import type { StatusRequest } from '../domain/use-cases/open-round';
import { statusRequestCard } from './cards';

/** Starts a turn in the owner's stored 1:1 conversation and posts the card there. */
export class TeamsStatusRequestSender implements StatusRequestSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(contact: Contact, request: StatusRequest): Promise<void> {
    const reference = contact.address as Partial<ConversationReference>;
    const card = statusRequestCard(contact.language, request.round, request.update);
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      } catch (error) {
        // Caught here, or the adapter's turn error handler would swallow it and we would count a
        // card that never arrived as sent.
        failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (failure !== undefined) throw failure;
  }
}
