import type { Person } from '../domain/model';
import type { Turn } from './turn';

/**
 * The person as a coordinator-only command checks them: with their e-mail when coordinators are
 * configured by e-mail and the object id alone does not make them one.
 */
export function coordinatorCandidate(turn: Turn): Promise<Person> {
  const { coordinatorsByEmail, isCoordinator } = turn.services;
  return withEmail(turn, coordinatorsByEmail && !isCoordinator(turn.person));
}

/**
 * Adds the person's e-mail (UPN) when coordinators are configured by e-mail: Teams activities
 * carry only the object id, so the roster is asked, once, and only for commands that need it.
 */
export async function withEmail(turn: Turn, needed: boolean): Promise<Person> {
  if (!needed) return turn.person;
  try {
    const email = await turn.lookUpEmail();
    return email ? { ...turn.person, email } : turn.person;
  } catch (error) {
    turn.services.log.warn({ err: error }, 'could not look up the member for a coordinator check');
    return turn.person;
  }
}
