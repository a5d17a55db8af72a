import type { Clock } from '../clock';
import type { Contact, Language, Person } from '../model';
import type { ContactRepository } from '../repositories';

/**
 * Keeps the newest 1:1 chat address of a person so the bot can start a conversation with them
 * later (a round opening, a reminder). A language the person chose stays chosen; only a first
 * contact takes the language of their client. What a team roster taught us (e-mail, team) is
 * kept. Nothing is written when nothing changed, so an ordinary message costs one read.
 */
export async function rememberContact(
  input: {
    readonly person: Person;
    readonly clientLanguage: Language;
    readonly address: Readonly<Record<string, unknown>>;
  },
  deps: { readonly contacts: ContactRepository; readonly clock: Clock },
): Promise<Contact> {
  const known = await deps.contacts.get(input.person.id);
  const contact: Contact = {
    ...known,
    userId: input.person.id,
    name: input.person.name || known?.name || '',
    language: known?.language ?? input.clientLanguage,
    address: input.address,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (known && sameExceptTime(known, contact)) return known;
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
    ...known,
    userId: input.person.id,
    name: known?.name ?? input.person.name,
    language: input.language,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.contacts.upsert(contact);
  return contact;
}

/** A member of a team the bot was added to, as the team's roster lists them. */
export interface TeamMember {
  readonly person: Person;
  /** Enough for the chat side to start a 1:1 chat with them; opaque here. */
  readonly teamMember: Readonly<Record<string, unknown>>;
}

export interface RememberedTeam {
  /** Members seen for the first time. */
  readonly added: number;
  /** Members already known, now with their e-mail and team. */
  readonly updated: number;
  /** Members without an object id (guests from outside, bots): they cannot own a project. */
  readonly skipped: number;
}

/**
 * Remembers every member of a team roster, so owners in the register can be found by e-mail or
 * UPN and reached in a 1:1 chat even if they never opened the app. A 1:1 address the person
 * already has, and the language they chose, are kept.
 */
export async function rememberTeamMembers(
  input: {
    readonly members: readonly TeamMember[];
    /** For people the bot has not met yet; their client's language is not known from a roster. */
    readonly defaultLanguage: Language;
  },
  deps: { readonly contacts: ContactRepository; readonly clock: Clock },
  concurrency = 16,
): Promise<RememberedTeam> {
  const { members } = input;
  let added = 0;
  let updated = 0;
  let skipped = 0;
  const now = deps.clock.now().toISOString();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < members.length) {
      const member = members[next++];
      if (!member) continue;
      if (!member.person.id) {
        skipped++;
        continue;
      }
      const known = await deps.contacts.get(member.person.id);
      const contact: Contact = {
        ...known,
        userId: member.person.id,
        name: member.person.name || known?.name || '',
        language: known?.language ?? input.defaultLanguage,
        teamMember: member.teamMember,
        updatedAt: now,
        ...((member.person.email ?? known?.email) ? { email: member.person.email ?? known?.email } : {}),
      };
      if (known && sameExceptTime(known, contact)) continue;
      await deps.contacts.upsert(contact);
      if (known) updated++;
      else added++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, members.length) }, worker));
  return { added, updated, skipped };
}

function sameExceptTime(a: Contact, b: Contact): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}
