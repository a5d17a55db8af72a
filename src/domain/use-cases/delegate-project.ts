import type { Clock } from '../clock';
import { DomainError } from '../errors';
import {
  isReachable,
  normaliseOwner,
  projectIdOf,
  type Person,
  type Round,
  type StatusUpdate,
} from '../model';
import type { SendJobRepository } from '../repositories';
import { delegatedStepKey, sendJobId } from '../send-job';
import { currentRound } from './project-history';
import { namesOrCoordinates } from '../access';
import type { AnswerDeps } from './submit-status-update';

export interface DelegateProjectDeps extends AnswerDeps {
  readonly sendJobs: SendJobRepository;
  readonly clock: Clock;
}

/** Something that looks like an e-mail address or UPN; whether it exists, Teams will tell. */
const ADDRESS = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;
const WRITE_TRIES = 3;

/**
 * `delegeer <nr> aan <e-mail>`: an owner (or a coordinator) hands a project to a colleague for
 * the current round. The colleague may then answer it, gets the card at once and the reminders
 * after, like an owner; the owners keep their rights. Delegating twice to the same person is
 * one delegation. Only to someone the bot can reach (they opened the app, or a team roster
 * named them); should the card still fail, the delegator is told (dispatch-due-sends.ts).
 */
export async function delegateProject(
  input: { readonly number: string; readonly to: string; readonly by: Person },
  deps: DelegateProjectDeps,
): Promise<{
  readonly round: Round;
  readonly update: StatusUpdate;
  readonly to: string;
  readonly added: boolean;
}> {
  const to = normaliseOwner(input.to);
  if (!ADDRESS.test(to) || to.length > 254) throw new DomainError('NOT_A_DELEGATE_ADDRESS');
  const round = await currentRound(deps);
  const projectId = projectIdOf(round.year, input.number.trim());
  let stored = await deps.statusUpdates.get(round.id, projectId);
  if (!stored) throw new DomainError('PROJECT_NOT_IN_ROUND');
  // Only an owner (not a delegate) or a coordinator may hand a project on.
  if (!(await namesOrCoordinates(stored.value.project.owners, input.by, deps))) {
    throw new DomainError('NOT_PROJECT_DELEGATOR');
  }
  // A card to someone the bot has never seen cannot be delivered: say so now, not "delegated"
  // followed by a send that fails where nobody looks. Asked only of an owner or a coordinator,
  // so nobody else learns whom the bot knows.
  if (!isReachable(await deps.contacts.find(to))) throw new DomainError('DELEGATE_UNKNOWN');

  for (let tries = 1; ; tries++) {
    const delegations = stored.value.delegations ?? [];
    if (delegations.some((delegation) => delegation.to === to)) {
      return { round, update: stored.value, to, added: false };
    }
    const now = deps.clock.now();
    const update: StatusUpdate = {
      ...stored.value,
      delegations: [...delegations, { to, by: input.by.id, at: now.toISOString() }],
    };
    if (await deps.statusUpdates.replace(update, stored.etag)) {
      await deps.sendJobs.createMany([
        {
          id: sendJobId(delegatedStepKey(to), projectId, to),
          roundId: round.id,
          stepKey: delegatedStepKey(to),
          kind: 'ask',
          projectId,
          recipientId: to,
          dueAt: now.toISOString(),
          state: 'pending',
          attempts: 0,
          updatedAt: now.toISOString(),
        },
      ]);
      return { round, update, to, added: true };
    }
    const reread = await deps.statusUpdates.get(round.id, projectId);
    if (!reread || tries >= WRITE_TRIES) throw new DomainError('CONCURRENT_EDIT');
    stored = reread;
  }
}
