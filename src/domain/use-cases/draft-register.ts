import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Person } from '../model';
import { readPublishedReport } from '../report-markdown';
import type { RegisterDraft } from '../report-text';
import type { RegisterDraftRepository } from '../repositories';

/**
 * A coordinator sends the text of an earlier report: the projects in it are recognised and kept
 * as a draft, not yet as projects. The coordinator reviews the list, downloads it as a register
 * sheet, adds the owners, and sends the sheet back; only that import stores projects.
 */
export async function draftRegisterFromReport(
  input: { readonly id: string; readonly text: string; readonly source: string; readonly by: Person },
  deps: {
    readonly registerDrafts: RegisterDraftRepository;
    readonly clock: Clock;
    readonly isCoordinator: (person: Person) => boolean;
  },
): Promise<RegisterDraft> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const { projects, kind, year, unplaced } = readPublishedReport(input.text);
  if (projects.length === 0) throw new DomainError('NOTHING_RECOGNISED');
  const draft: RegisterDraft = {
    id: input.id,
    createdBy: input.by.id,
    createdAt: deps.clock.now().toISOString(),
    source: input.source,
    projects,
    ...(kind ? { kind } : {}),
    ...(year ? { year } : {}),
    unplaced,
  };
  await deps.registerDrafts.create(draft);
  return draft;
}
