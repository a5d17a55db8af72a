import { ownerMatches, isEmailOwner, type Person, type StatusUpdate } from './model';
import type { ContactRepository } from './repositories';

/**
 * Who may do what. The roles come from configuration (coordinators, readers, reviewers per
 * speerpunt, the tenants allowed) and from the register (owners) and the round (delegates):
 *
 * | role               | may                                                                  |
 * | ------------------ | -------------------------------------------------------------------- |
 * | owner              | answer for their projects, delegate them for a round                 |
 * | delegate           | answer for the project they were handed, in that round               |
 * | coordinator        | everything: open and close rounds, import, compile, review, answer   |
 * | speerpunt reviewer | review the answers of their speerpunt                                |
 * | reader             | read summaries of every project                                      |
 * | another tenant     | nothing: refused before anything is stored                           |
 *
 * Lists name people by Entra object id or by e-mail / UPN, compared without regard to case. A
 * card action carries only the object id, so where that alone does not decide, the e-mail the
 * bot knows (one point read of the contact) is tried too.
 */

/** The stores and role checks the access rules read. */
export interface AccessDeps {
  readonly contacts: ContactRepository;
  readonly isCoordinator: (person: Person) => boolean;
}

/** Who reviews a speerpunt besides the coordinators: object ids or e-mail addresses, per speerpunt. */
export type SpeerpuntReviewers = ReadonlyMap<string, readonly string[]>;

/** The role checks that come from configuration, made once from its lists. */
export interface RoleChecks {
  /** The coordinators as configured (object ids, e-mail addresses), lower case. */
  readonly coordinators: readonly string[];
  readonly isCoordinator: (person: Person) => boolean;
  /** Coordinators and readers: they see every project in summaries. */
  readonly mayReadAll: (person: Person) => boolean;
  /** Whether people of this Entra tenant may use the bot; an empty list allows every tenant. */
  readonly tenantAllowed: (tenantId: string | undefined) => boolean;
}

export function roleChecks(lists: {
  readonly coordinators: readonly string[];
  readonly readers: readonly string[];
  readonly allowedTenants: readonly string[];
}): RoleChecks {
  const coordinators = new Set(lists.coordinators.map((name) => name.toLowerCase()));
  const readers = new Set(lists.readers.map((name) => name.toLowerCase()));
  const tenants = new Set(lists.allowedTenants.map((tenant) => tenant.toLowerCase()));
  return {
    coordinators: [...coordinators],
    isCoordinator: (person) => isIn(coordinators, person),
    mayReadAll: (person) => isIn(coordinators, person) || isIn(readers, person),
    tenantAllowed: (tenantId) =>
      tenants.size === 0 || (tenantId !== undefined && tenants.has(tenantId.toLowerCase())),
  };
}

function isIn(group: ReadonlySet<string>, person: Person): boolean {
  return group.has(person.id) || (person.email !== undefined && group.has(person.email));
}

/**
 * Who may answer for a project: its owners, whoever an owner delegated it to for this round,
 * and coordinators.
 */
export function mayAnswer(update: StatusUpdate, person: Person, deps: AccessDeps): Promise<boolean> {
  const names = [...update.project.owners, ...(update.delegations ?? []).map((delegation) => delegation.to)];
  return namesOrCoordinates(names, person, deps);
}

/**
 * `deps` with this person's contact already being read, for a caller that is about to read other
 * things and then apply a rule that may need the person's e-mail (a card action carries only the
 * object id): the contact then comes in at the same time as the caller's own reads, not one round
 * trip after them. Only for someone who may need it (no e-mail known, no coordinator by object id);
 * for an owner the register names by object id the read is spent for nothing, one point read to
 * save an owner named by e-mail a round trip. A read that fails counts only if a rule asks for it.
 */
export function withContactUnderWay(deps: AccessDeps, person: Person): AccessDeps {
  if (person.email !== undefined || deps.isCoordinator(person)) return deps;
  const { contacts } = deps;
  const read = contacts.get(person.id);
  read.catch(() => undefined);
  return {
    isCoordinator: deps.isCoordinator,
    contacts: {
      get: (userId) => (userId === person.id ? read : contacts.get(userId)),
      find: (owner) => contacts.find(owner),
      findMany: (owners) => contacts.findMany(owners),
      upsert: (contact) => contacts.upsert(contact),
      remove: (userId) => contacts.remove(userId),
    },
  };
}

/**
 * Whether one of these register names (object ids, e-mail addresses / UPNs) is this person, or
 * the person is a coordinator. A card action carries only the object id, so the e-mail is looked
 * up (one point read) only when the id alone did not decide it.
 */
export async function namesOrCoordinates(
  names: readonly string[],
  person: Person,
  deps: AccessDeps,
): Promise<boolean> {
  if (deps.isCoordinator(person) || names.some((name) => ownerMatches(name, person))) return true;
  if (person.email !== undefined) return false;
  const email = (await deps.contacts.get(person.id))?.email;
  if (email === undefined) return false;
  const withEmail = { ...person, email };
  return (
    deps.isCoordinator(withEmail) || names.some((name) => isEmailOwner(name) && ownerMatches(name, withEmail))
  );
}

/** What a person may review: everything (coordinators), some speerpunten (lower case), or nothing. */
export type ReviewScope =
  { readonly all: true } | { readonly all: false; readonly speerpunten: readonly string[] };

/**
 * Coordinators review everything; a reviewer named for a speerpunt reviews that speerpunt. A card
 * action carries only the object id, so the person's e-mail is looked up (one point read) when
 * the id alone does not make them a coordinator: either list may name people by e-mail.
 */
export async function reviewScopeOf(
  person: Person,
  deps: AccessDeps & { readonly speerpuntReviewers: SpeerpuntReviewers },
): Promise<ReviewScope> {
  if (deps.isCoordinator(person)) return { all: true };
  let known = person;
  if (person.email === undefined) {
    const email = (await deps.contacts.get(person.id))?.email;
    if (email !== undefined) known = { ...person, email };
    if (deps.isCoordinator(known)) return { all: true };
  }
  return { all: false, speerpunten: speerpuntenOf(known, deps.speerpuntReviewers) };
}

function speerpuntenOf(person: Person, reviewers: SpeerpuntReviewers): string[] {
  return [...reviewers]
    .filter(([, names]) => names.some((name) => ownerMatches(name, person)))
    .map(([sp]) => sp);
}

export function mayReview(scope: ReviewScope, update: StatusUpdate): boolean {
  return scope.all || scope.speerpunten.includes(update.project.speerpunt.trim().toLowerCase());
}

/** Who may review, as configured: every coordinator, and the reviewers of each speerpunt. */
export interface ReviewerLists {
  /** Object ids or e-mail addresses, lower case. */
  readonly coordinators: readonly string[];
  readonly speerpuntReviewers: SpeerpuntReviewers;
}

/**
 * Whether anyone but the person who submitted an answer in this speerpunt may review it: nobody
 * reviews their own answer, so with one coordinator and no reviewer for the speerpunt, it waits
 * for good. The submitter's e-mail must be known when the lists name people by e-mail.
 */
export function anotherMayReview(speerpunt: string, submitter: Person, lists: ReviewerLists): boolean {
  const names = [
    ...lists.coordinators,
    ...(lists.speerpuntReviewers.get(speerpunt.trim().toLowerCase()) ?? []),
  ];
  return names.some((name) => !ownerMatches(name, submitter));
}
