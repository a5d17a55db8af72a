import type { Contact } from '../model';
import type { ContactRepository } from '../repositories';
import type { StatusRequest } from './open-round';

/** The one thing the domain needs from the chat platform: put a card in front of a person. */
export interface StatusRequestSender {
  send(contact: Contact, request: StatusRequest): Promise<void>;
}

export interface DeliveryReport {
  readonly sent: number;
  /** Owners the bot has never spoken with (not installed), so it cannot start a chat. */
  readonly unreachable: readonly string[];
  /** Owners whose send failed, for the coordinator to chase. */
  readonly failed: readonly string[];
}

/**
 * Sends each request to its owner's 1:1 chat. An owner the bot cannot reach is reported, not
 * skipped silently, so the coordinator knows whom to chase. One failing owner never stops the
 * others.
 */
export async function deliverStatusRequests(
  requests: readonly StatusRequest[],
  deps: { readonly contacts: ContactRepository; readonly sender: StatusRequestSender },
): Promise<DeliveryReport> {
  let sent = 0;
  const unreachable = new Set<string>();
  const failed = new Set<string>();
  const contacts = new Map<string, Contact | undefined>();
  for (const request of requests) {
    if (!contacts.has(request.ownerId)) {
      contacts.set(request.ownerId, await deps.contacts.get(request.ownerId));
    }
    const contact = contacts.get(request.ownerId);
    if (!contact?.address) {
      unreachable.add(request.ownerId);
      continue;
    }
    try {
      await deps.sender.send(contact, request);
      sent++;
    } catch {
      failed.add(request.ownerId);
    }
  }
  return { sent, unreachable: [...unreachable], failed: [...failed] };
}
