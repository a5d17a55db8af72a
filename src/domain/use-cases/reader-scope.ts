import { ownerMatches, type Person, type StatusUpdate } from '../model';

/** What decides whether a reader may see a project in a round: its owners, and who it was delegated to. */
export type ReadableUpdate = Pick<StatusUpdate, 'delegations'> & {
  readonly project: Pick<StatusUpdate['project'], 'owners'>;
};
import type { ContactRepository } from '../repositories';

/** What a person may read in a summary: everything, or only what they own or were delegated. */
export type Reader = { readonly scope: 'all' } | { readonly scope: 'own'; readonly person: Person };

/**
 * Coordinators and readers see every project; anyone else only the projects they own or were
 * delegated. The chat does not always tell us a person's e-mail while the register mostly names
 * owners (and the configuration readers) by it, so the e-mail remembered with their contact
 * counts too: one point read, only for someone the id alone did not make a reader.
 */
export async function readerOf(
  by: Person,
  deps: { readonly contacts: ContactRepository; readonly mayReadAll: (person: Person) => boolean },
): Promise<Reader> {
  if (deps.mayReadAll(by)) return { scope: 'all' };
  const email = by.email ?? (await deps.contacts.get(by.id))?.email;
  const person = email ? { ...by, email } : by;
  return deps.mayReadAll(person) ? { scope: 'all' } : { scope: 'own', person };
}

/**
 * Whether the reader may see this project in this round. A delegation is for one round only, so
 * the question is asked per round, of the project as it was asked then.
 */
export function mayRead(reader: Reader, update: ReadableUpdate): boolean {
  if (reader.scope === 'all') return true;
  const names = [...update.project.owners, ...(update.delegations ?? []).map((delegation) => delegation.to)];
  return names.some((name) => ownerMatches(name, reader.person));
}
