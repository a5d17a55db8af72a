import { isReachable } from '../model';
import type { ContactRepository } from '../repositories';
import type { StatusRequest } from './open-round';

export interface UnreachableOwner {
  readonly ownerId: string;
  /** Project numbers this owner will not be asked about until they install the app. */
  readonly projects: readonly string[];
}

/**
 * The owners the bot cannot reach: it can only start a conversation with someone who opened
 * the app or is a member of a team the bot was added to, so the coordinator must hear about the
 * others instead of them being silently skipped.
 */
export async function findUnreachableOwners(
  requests: readonly StatusRequest[],
  contacts: ContactRepository,
): Promise<UnreachableOwner[]> {
  const projectsByOwner = new Map<string, string[]>();
  for (const request of requests) {
    const projects = projectsByOwner.get(request.ownerId) ?? [];
    projects.push(request.update.project.number);
    projectsByOwner.set(request.ownerId, projects);
  }
  // All at once: a round of 1,000 projects has a few hundred owners.
  const found = await contacts.findMany([...projectsByOwner.keys()]);
  const unreachable: UnreachableOwner[] = [];
  for (const [ownerId, projects] of projectsByOwner) {
    if (!isReachable(found.get(ownerId))) unreachable.push({ ownerId, projects });
  }
  return unreachable;
}
