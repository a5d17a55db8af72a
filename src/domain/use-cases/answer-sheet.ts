import type { Achieved, ExpectedCompletion } from '../answer';
import { DomainError } from '../errors';
import type { ProjectStatus, ReviewDecisionKind, Round, StatusUpdate } from '../model';
import { compareProjectNumbers } from '../natural-order';
import type { RoundRepository, StatusUpdateRepository } from '../repositories';
import { decisionOn } from '../review';
import { mayRead, type Reader } from './reader-scope';

/** The review decision taken on one version: what, by whom (their name), when, and why. */
export interface SheetDecision {
  readonly decision: ReviewDecisionKind;
  readonly by: string;
  /** ISO instant. */
  readonly at: string;
  readonly comment?: string;
}

/**
 * One row of the round's answers as a sheet: one version of one project's answer, or, for a
 * project never answered, the project alone (no `version`, every answer field empty).
 */
export interface AnswerSheetRow {
  readonly number: string;
  readonly title: string;
  readonly speerpunt: string;
  /** As the register names them (e-mail / UPN or object id). */
  readonly owners: readonly string[];
  /** Whom the project was delegated to in this round. */
  readonly delegates: readonly string[];
  /** 1-based; absent on the row of a project never answered. */
  readonly version?: number;
  /** How many versions the project has in the round. */
  readonly versions: number;
  readonly status?: ProjectStatus;
  readonly achieved?: Achieved;
  readonly answer?: string;
  readonly deviation?: string;
  /** The words of the answer the deviation's footnote follows ("hoort bij de woorden"). */
  readonly deviationAt?: string;
  readonly financial?: string;
  readonly financialAt?: string;
  readonly expectedCompletion?: ExpectedCompletion;
  /** The name of who submitted this version, and when (ISO instant). */
  readonly submittedBy?: string;
  readonly submittedAt?: string;
  /** Only in a round with review, once a reviewer decided on this version. */
  readonly review?: SheetDecision;
}

export interface AnswerSheet {
  readonly round: Round;
  /** In report order (natural number order), each project's versions oldest first. */
  readonly rows: readonly AnswerSheetRow[];
  /** How many projects the reader sees, and how many of them have an answer. */
  readonly projects: number;
  readonly answered: number;
}

/**
 * The rows of the sheet: every version of every project the reader may read (the same rule as
 * the summary: coordinators and readers everything, anyone else what they own or were delegated
 * in this round), in report order. A project without an answer keeps one row, so the sheet
 * lists every project and a missing answer shows, never silently dropped. Pure.
 */
export function answerSheetRows(updates: readonly StatusUpdate[], reader: Reader): AnswerSheetRow[] {
  const readable = updates
    .filter((update) => mayRead(reader, update))
    .sort((a, b) => compareProjectNumbers(a.project.number, b.project.number));
  const rows: AnswerSheetRow[] = [];
  for (const update of readable) {
    const { project } = update;
    const common = {
      number: project.number,
      title: project.title,
      speerpunt: project.speerpunt,
      owners: project.owners,
      delegates: [...new Set((update.delegations ?? []).map((delegation) => delegation.to))],
      versions: update.versions.length,
    };
    if (update.versions.length === 0) rows.push(common);
    update.versions.forEach((version, index) => {
      const decision = decisionOn(update, index + 1);
      rows.push({
        ...common,
        version: index + 1,
        status: version.status,
        answer: version.answer,
        submittedBy: version.answeredByName,
        submittedAt: version.answeredAt,
        ...(version.achieved ? { achieved: version.achieved } : {}),
        ...(version.deviation ? { deviation: version.deviation } : {}),
        ...(version.deviationAt ? { deviationAt: version.deviationAt } : {}),
        ...(version.financial ? { financial: version.financial } : {}),
        ...(version.financialAt ? { financialAt: version.financialAt } : {}),
        ...(version.expectedCompletion ? { expectedCompletion: version.expectedCompletion } : {}),
        ...(decision
          ? {
              review: {
                decision: decision.decision,
                by: decision.byName,
                at: decision.at,
                ...(decision.comment ? { comment: decision.comment } : {}),
              },
            }
          : {}),
      });
    });
  }
  return rows;
}

/**
 * The round's answers as a sheet, compiled at the moment it is asked for: one query over the
 * round's status updates with every version (never one per project), without drafts or last
 * round's text. Who may ask was decided
 * where the link was given out; `reader` says what that person may read.
 */
export async function compileAnswerSheet(
  roundId: string,
  reader: Reader,
  deps: { readonly rounds: RoundRepository; readonly statusUpdates: StatusUpdateRepository },
): Promise<AnswerSheet> {
  const round = await deps.rounds.get(roundId);
  if (!round) throw new DomainError('ROUND_NOT_FOUND');
  const rows = answerSheetRows(await deps.statusUpdates.listAnswersByRound(round.id), reader);
  let projects = 0;
  let answered = 0;
  for (const row of rows) {
    if (row.version !== undefined && row.version > 1) continue;
    projects++;
    if (row.version !== undefined) answered++;
  }
  return { round, rows, projects, answered };
}
