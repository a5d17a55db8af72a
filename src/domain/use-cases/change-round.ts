import { DomainError } from '../errors';
import { isRoundKind, roundIdOf, type Person, type Round, type RoundEvent } from '../model';
import type { RoundRepository } from '../repositories';

/** The id of the round a coordinator typed (`voortgangsrapportage 2021`), or a refusal. */
export function roundIdTyped(input: { readonly kind: string; readonly year: string | number }): string {
  const kind = input.kind.trim().toLowerCase();
  if (!isRoundKind(kind)) throw new DomainError('INVALID_ROUND_KIND');
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('INVALID_YEAR');
  return roundIdOf(kind, year);
}

/** A coordinator's act on a round, as its history keeps it. */
export function roundEvent(
  action: RoundEvent['action'],
  by: Person,
  at: Date,
  deadline?: string,
): RoundEvent {
  return {
    action,
    by: by.id,
    ...(by.name ? { byName: by.name } : {}),
    at: at.toISOString(),
    ...(deadline ? { deadline } : {}),
  };
}

/** How often a change is tried again on a round that changed under it before giving up. */
const ATTEMPTS = 5;

/**
 * Reads the round, lets `change` check it and say what it becomes, and stores that only if
 * nobody changed the round meanwhile (its ETag); otherwise reads it again and asks `change`
 * again, so two coordinators pressing at once get one change and one clear refusal, never two
 * changes on top of each other.
 */
export async function changeRound(
  roundId: string,
  rounds: RoundRepository,
  change: (round: Round) => Round,
): Promise<Round> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await rounds.getVersioned(roundId);
    if (!found) throw new DomainError('ROUND_NOT_FOUND');
    const changed = change(found.value);
    if (await rounds.replaceIfUnchanged(changed, found.etag)) return changed;
  }
  throw new Error(`round ${roundId} kept changing while it was being changed`);
}
