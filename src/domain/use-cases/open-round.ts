import { amsterdamDate, type Clock } from '../clock';
import { exampleRound, parseCalendarDate } from '../dates';
import { DomainError, RoundStateError } from '../errors';
import { answerFieldsOf } from '../answer';
import {
  isRoundKind,
  latestVersion,
  publishedRoundIdOf,
  roundBefore,
  roundIdOf,
  type Person,
  type Project,
  type Round,
  type StatusUpdate,
} from '../model';
import { compareProjectNumbers } from '../natural-order';
import { DEFAULT_REMINDER_PLAN, type ReminderPlan } from '../reminder-plan';
import type { ProjectRepository, RoundRepository, StatusUpdateRepository } from '../repositories';
import { roundEvent } from './change-round';

export interface OpenRoundInput {
  readonly kind: string;
  readonly year: string | number;
  readonly deadline: string;
  /** First day owners are asked (the round's open date); absent: at once. */
  readonly asksFrom?: string;
  /** Whether answers are reviewed before the chapter prints them; absent: only in a jaarverslag. */
  readonly review?: boolean;
  readonly by: Person;
}

export interface OpenRoundDeps {
  readonly rounds: RoundRepository;
  readonly projects: ProjectRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly clock: Clock;
  readonly isCoordinator: (person: Person) => boolean;
  /** The organisation's plan; the round keeps a copy, so a later change does not move its dates. */
  readonly reminderPlan?: ReminderPlan;
}

/** One card to send: this owner is asked about this project in this round. */
export interface StatusRequest {
  readonly ownerId: string;
  readonly round: Round;
  readonly update: StatusUpdate;
}

export interface OpenedRound {
  readonly round: Round;
  readonly requests: StatusRequest[];
}

/**
 * Opens a reporting round: only a coordinator may, at most one round per kind and year (one that
 * exists is refused with its state: open, or closed and to be reopened instead), with
 * a deadline from today on, and only for a year that has projects in the register. Every
 * project of that year gets an (empty) status update in the round, so a project without an
 * answer shows up as missing instead of being silently absent. Sending the cards is a separate
 * step ({@link deliverStatusRequests}), so that opening never depends on Teams being reachable.
 */
export async function openRound(input: OpenRoundInput, deps: OpenRoundDeps): Promise<OpenedRound> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const kind = input.kind.trim().toLowerCase();
  if (!isRoundKind(kind)) throw new DomainError('INVALID_ROUND_KIND');
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('INVALID_YEAR');
  // The round's real state first: a closed round is reopened, not opened, whatever the deadline.
  const existing = await deps.rounds.get(roundIdOf(kind, year));
  if (existing) throw new RoundStateError(existing);
  const now = deps.clock.now();
  const today = amsterdamDate(now);
  const deadline = readDate(input.deadline, today);
  if (deadline < today) {
    throw new DomainError('DEADLINE_IN_PAST', {
      typed: input.deadline.trim(),
      date: exampleRound(today).deadline,
    });
  }
  const asksFrom = input.asksFrom === undefined ? undefined : readDate(input.asksFrom, today);
  if (asksFrom && asksFrom > deadline) throw new DomainError('OPEN_DATE_AFTER_DEADLINE');

  const projects = (await deps.projects.listByYear(year)).sort((a, b) =>
    compareProjectNumbers(a.number, b.number),
  );
  if (projects.length === 0) throw new DomainError('NO_PROJECTS');

  const round: Round = {
    id: roundIdOf(kind, year),
    kind,
    year,
    deadline,
    status: 'open',
    openedAt: now.toISOString(),
    openedBy: input.by.id,
    reminderPlan: deps.reminderPlan ?? DEFAULT_REMINDER_PLAN,
    ...(asksFrom ? { asksFrom } : {}),
    review: input.review ?? kind === 'jaarverslag',
    history: [roundEvent('opened', input.by, now, deadline)],
  };
  // Updates first, the round last: an attempt that fails halfway can simply be repeated,
  // because createMany never replaces an update that exists.
  const previous = await previousAnswers(round, deps.statusUpdates);
  const updates = projects.map((project) => emptyUpdate(round, project, previous));
  await deps.statusUpdates.createMany(updates);
  if (!(await deps.rounds.create(round))) {
    // Another coordinator opened it a moment earlier.
    const raced = await deps.rounds.get(round.id);
    throw raced ? new RoundStateError(raced) : new DomainError('ROUND_ALREADY_OPEN');
  }
  return {
    round,
    requests: updates.flatMap((update) =>
      update.project.owners.map((ownerId) => ({ ownerId, round, update })),
    ),
  };
}

/**
 * A date as the coordinator typed it, or a refusal that says what is wrong with it: not a date
 * (with the date a misspelt month probably meant, else one four weeks on), or a day the month
 * does not have.
 */
/**
 * A date as a coordinator typed it (figures, or the month in words), or a refusal that says what
 * was wrong with it.
 */
export function readDate(typed: string, today: string): string {
  const read = parseCalendarDate(typed, today);
  if (read.ok) return read.date;
  const shown = typed.trim();
  if (read.problem === 'nonexistent')
    throw new DomainError('NONEXISTENT_DATE', { typed: shown, date: read.lastDay });
  throw new DomainError('UNKNOWN_DATE', { typed: shown, date: read.meant ?? exampleRound(today).deadline });
}

function emptyUpdate(
  round: Round,
  project: Project,
  previous: ReadonlyMap<string, NonNullable<StatusUpdate['previous']>>,
): StatusUpdate {
  const before = previous.get(project.number);
  return {
    id: project.id,
    roundId: round.id,
    project,
    versions: [],
    ...(before ? { previous: before } : {}),
  };
}

/**
 * The round before this one in the planning & control cycle and its latest answer per project
 * number: what the owner starts from, since they mostly edit last time's text. Where the bot did
 * not run that round, the answers published in its report (imported with the register) serve.
 */
async function previousAnswers(
  round: Round,
  statusUpdates: StatusUpdateRepository,
): Promise<Map<string, NonNullable<StatusUpdate['previous']>>> {
  const before = roundBefore(round.kind, round.year);
  const roundId = roundIdOf(before.kind, before.year);
  const [ran, published] = await Promise.all([
    statusUpdates.listLatestByRound(roundId),
    statusUpdates.listLatestByRound(publishedRoundIdOf(roundId)),
  ]);
  const found = new Map<string, NonNullable<StatusUpdate['previous']>>();
  for (const update of published) {
    const latest = latestVersion(update);
    if (latest) {
      found.set(update.project.number, { roundId, fields: answerFieldsOf(latest), published: true });
    }
  }
  for (const update of ran) {
    // What was printed: the approved version where the round had review, else the latest.
    const latest = update.approved ?? latestVersion(update);
    if (latest) found.set(update.project.number, { roundId, fields: answerFieldsOf(latest) });
  }
  return found;
}
