import { anotherMayReview, type ReviewerLists } from '../access';
import { compareProjectNumbers } from '../natural-order';
import { latestVersion, type Person, type StatusUpdate } from '../model';
import type { ContactRepository } from '../repositories';

/** Answers of one person that wait for a review nobody but that person may give. */
export interface StuckReview {
  readonly submitterId: string;
  readonly submitterName: string;
  /** The projects' numbers, in report order. */
  readonly numbers: readonly string[];
}

/**
 * Of the answers waiting for review, those that nobody else may review, per person who submitted
 * them: with a single coordinator and no reviewer for the speerpunt, the coordinator's own answer
 * waits for ever, and the final chapter with it. The contact of a submitter is read (one point
 * read each) only when the lists name people by e-mail, to know whether one of those is them.
 */
export async function stuckReviews(
  waiting: readonly StatusUpdate[],
  deps: ReviewerLists & { readonly contacts: ContactRepository },
): Promise<StuckReview[]> {
  const bySubmitter = new Map<string, { name: string; updates: StatusUpdate[] }>();
  for (const update of waiting) {
    const version = latestVersion(update);
    const submitterId = update.reviewQueue?.submittedBy ?? version?.answeredBy;
    if (!submitterId) continue;
    const entry = bySubmitter.get(submitterId) ?? {
      name: version?.answeredByName ?? submitterId,
      updates: [],
    };
    entry.updates.push(update);
    bySubmitter.set(submitterId, entry);
  }
  const byEmail = [...deps.coordinators, ...[...deps.speerpuntReviewers.values()].flat()].some((name) =>
    name.includes('@'),
  );
  const stuck = await Promise.all(
    [...bySubmitter].map(async ([submitterId, { name, updates }]) => {
      const email = byEmail ? (await deps.contacts.get(submitterId))?.email : undefined;
      const submitter: Person = { id: submitterId, name, ...(email ? { email } : {}) };
      const numbers = updates
        .filter((update) => !anotherMayReview(update.project.speerpunt, submitter, deps))
        .map((update) => update.project.number)
        .sort(compareProjectNumbers);
      return { submitterId, submitterName: name, numbers };
    }),
  );
  return stuck.filter((entry) => entry.numbers.length > 0);
}
