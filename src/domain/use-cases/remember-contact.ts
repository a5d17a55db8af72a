import type { Clock } from '../clock';
import type { Contact, Language, Person } from '../model';
import type { ContactRepository } from '../repositories';

/**
 * Keeps the newest chat address of a person so the bot can start a conversation with them
 * later (a round opening, a reminder). A language the person chose stays chosen; only a first
 * contact takes the language of their client.
 */
export async function rememberContact(
  input: {
    readonly person: Person;
    readonly clientLanguage: Language;
    readonly address: Record<string, unknown>;
  },
  deps: { readonly contacts: ContactRepository; readonly clock: Clock },
): Promise<Contact> {
  const known = await deps.contacts.get(input.person.id);
  const contact: Contact = {
    userId: input.person.id,
    name: input.person.name || known?.name || '',
    language: known?.language ?? input.clientLanguage,
    address: input.address,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.contacts.upsert(contact);
  return contact;
}

/** Records the language a person asked for; every later message and card uses it. */
export async function chooseLanguage(
  input: { readonly person: Person; readonly language: Language },
  deps: { readonly contacts: ContactRepository; readonly clock: Clock },
): Promise<Contact> {
  const known = await deps.contacts.get(input.person.id);
  const contact: Contact = {
    userId: input.person.id,
    name: known?.name ?? input.person.name,
    language: input.language,
    address: known?.address,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.contacts.upsert(contact);
  return contact;
}
