import { amsterdamDate, type Clock } from '../clock';
import {
  normaliseOwner,
  type Contact,
  type HouseTemplate,
  type Project,
  type Round,
  type RoundEvent,
  type StatusUpdate,
} from '../model';
import type {
  ContactRepository,
  HouseTemplateRepository,
  ProjectRepository,
  ReminderTallyRepository,
  RoundRepository,
  SendJobRepository,
  StatusUpdateRepository,
} from '../repositories';
import type { SendJob } from '../send-job';

/** What stands where a removed person's id or name stood. */
export const ERASED = 'verwijderd';

export interface PersonalDataDeps {
  readonly contacts: ContactRepository;
  readonly projects: ProjectRepository;
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly sendJobs: SendJobRepository;
  readonly houseTemplates: HouseTemplateRepository;
  readonly reminderTallies: ReminderTallyRepository;
  readonly clock: Clock;
}

/** Everything stored about one person (an AVG/GDPR inzageverzoek), by where it is. */
export interface PersonalDataExport {
  readonly person: { readonly ids: readonly string[] };
  readonly exportedAt: string;
  readonly contact?: Contact;
  /** Projects in the register that name them as an owner. */
  readonly ownerOf: readonly Pick<Project, 'id' | 'year' | 'number' | 'title'>[];
  /** Rounds they opened, closed or reopened, with those events of the round's history. */
  readonly rounds: readonly (Pick<Round, 'id' | 'openedBy' | 'openedAt' | 'closedBy' | 'closedAt'> & {
    readonly history: readonly RoundEvent[];
  })[];
  /** Per status update they answered, drafted, delegated or were delegated: those parts. */
  readonly statusUpdates: readonly {
    readonly roundId: string;
    readonly projectId: string;
    readonly versions: StatusUpdate['versions'];
    readonly draft?: StatusUpdate['draft'];
    readonly delegations: NonNullable<StatusUpdate['delegations']>;
  }[];
  /** Messages the bot owed or sent them. */
  readonly messages: readonly Pick<
    SendJob,
    'roundId' | 'kind' | 'projectId' | 'state' | 'dueAt' | 'reason'
  >[];
  /** The house template, when they stored it: which file, and when. */
  readonly houseTemplate?: Pick<HouseTemplate, 'fileName' | 'storedBy' | 'storedByName' | 'storedAt'>;
  /** How many reminders they got per ISO week, for the weekly cap. */
  readonly remindersPerWeek: readonly { readonly week: string; readonly count: number }[];
}

/**
 * Who `reference` (an object id or an e-mail / UPN) is in the store: their object id and e-mail
 * when the bot knows them, else just the reference, all lower case.
 */
async function identify(
  reference: string,
  contacts: ContactRepository,
): Promise<{ ids: Set<string>; contact?: Contact }> {
  const wanted = normaliseOwner(reference);
  const contact = await contacts.find(wanted);
  const ids = new Set([wanted]);
  if (contact) {
    ids.add(contact.userId.toLowerCase());
    if (contact.email) ids.add(contact.email.toLowerCase());
  }
  return { ids, ...(contact ? { contact } : {}) };
}

/**
 * Every round, its status updates and send jobs, and the register of every year a round was
 * held in and of this year and the next: this reads the whole store, which an inzageverzoek
 * (rare, by hand) may.
 */
async function everything(deps: PersonalDataDeps) {
  const rounds = await deps.rounds.list();
  // The organisation's year: in UTC it is still the old one until 01:00 on 1 January.
  const thisYear = Number(amsterdamDate(deps.clock.now()).slice(0, 4));
  const years = [...new Set([...rounds.map((round) => round.year), thisYear, thisYear + 1])];
  const projects = (await Promise.all(years.map((year) => deps.projects.listByYear(year)))).flat();
  const perRound = await Promise.all(
    rounds.map(async (round) => ({
      round,
      updates: await deps.statusUpdates.listByRound(round.id),
      jobs: await deps.sendJobs.listByRound(round.id),
    })),
  );
  return { rounds, projects, perRound };
}

/** The AVG inzage: everything stored that names the person, as it is stored. */
export async function exportPersonalData(
  reference: string,
  deps: PersonalDataDeps,
): Promise<PersonalDataExport> {
  const { ids, contact } = await identify(reference, deps.contacts);
  const is = (value: string | undefined) => value !== undefined && ids.has(value.toLowerCase());
  const { rounds, projects, perRound } = await everything(deps);
  const template = await deps.houseTemplates.get();
  const tallies = await talliesOf(ids, deps.reminderTallies);
  return {
    person: { ids: [...ids] },
    remindersPerWeek: tallies.map((tally) => ({ week: tally.week, count: tally.jobIds.length })),
    exportedAt: deps.clock.now().toISOString(),
    ...(contact ? { contact } : {}),
    ownerOf: projects
      .filter((project) => project.owners.some(is))
      .map(({ id, year, number, title }) => ({ id, year, number, title })),
    rounds: rounds
      .filter((round) => namesThem(round, is))
      .map(({ id, openedBy, openedAt, closedBy, closedAt, history }) => ({
        id,
        openedBy,
        openedAt,
        closedBy,
        closedAt,
        history: (history ?? []).filter((event) => is(event.by)),
      })),
    statusUpdates: perRound.flatMap(({ updates }) =>
      updates
        .map((update) => ({
          roundId: update.roundId,
          projectId: update.id,
          versions: update.versions.filter((version) => is(version.answeredBy)),
          ...(update.draft && is(update.draft.savedBy) ? { draft: update.draft } : {}),
          delegations: (update.delegations ?? []).filter(
            (delegation) => is(delegation.to) || is(delegation.by),
          ),
        }))
        .filter((part) => part.versions.length > 0 || part.draft || part.delegations.length > 0),
    ),
    messages: perRound.flatMap(({ jobs }) =>
      jobs
        .filter((job) => is(job.recipientId) || is(job.reportedBy))
        .map(({ roundId, kind, projectId, state, dueAt, reason }) => ({
          roundId,
          kind,
          projectId,
          state,
          dueAt,
          reason,
        })),
    ),
    ...(template && is(template.storedBy)
      ? {
          houseTemplate: {
            fileName: template.fileName,
            storedBy: template.storedBy,
            storedByName: template.storedByName,
            storedAt: template.storedAt,
          },
        }
      : {}),
  };
}

export interface ErasureReport {
  readonly contactRemoved: boolean;
  /** Register projects they were an owner of; those without any owner now need a new one. */
  readonly ownerRemovedFrom: readonly string[];
  readonly projectsWithoutOwner: readonly string[];
  readonly statusUpdatesChanged: number;
  readonly messagesRemoved: number;
  readonly roundsChanged: number;
  /** Whether they stored the house template (which stays, without their name). */
  readonly houseTemplateChanged: boolean;
  /** Their weekly reminder counts (for the cap), removed. */
  readonly reminderTalliesRemoved: number;
}

/** A person's weekly reminder tallies, under each id the store may know them by. */
async function talliesOf(ids: ReadonlySet<string>, tallies: ReminderTallyRepository) {
  return (await Promise.all([...ids].map((id) => tallies.listFor(id)))).flat();
}

/**
 * The AVG erasure of one person who left: their contact (and e-mail alias) and the messages the
 * bot owed them are removed; wherever the store says who did something (answered, drafted,
 * delegated, opened, closed or reopened a round, stored the house template), their id and name become
 * {@link ERASED}; they are taken off the register's and the open rounds' owner lists. What they wrote stays: the answers are the
 * organisation's record and the published report names no one. A draft of theirs, never sent,
 * is removed.
 */
export async function erasePersonalData(reference: string, deps: PersonalDataDeps): Promise<ErasureReport> {
  const { ids, contact } = await identify(reference, deps.contacts);
  const is = (value: string | undefined) => value !== undefined && ids.has(value.toLowerCase());
  const erase = (value: string) => (is(value) ? ERASED : value);
  const { rounds, projects, perRound } = await everything(deps);

  const changedProjects = projects
    .filter((project) => project.owners.some(is))
    .map((project) => ({ ...project, owners: project.owners.filter((owner) => !is(owner)) }));
  if (changedProjects.length > 0) await deps.projects.upsertMany(changedProjects);

  let statusUpdatesChanged = 0;
  let messagesRemoved = 0;
  for (const { updates, jobs } of perRound) {
    for (const update of updates) {
      if (await scrubStatusUpdate(update, is, erase, deps.statusUpdates)) statusUpdatesChanged++;
    }
    for (const job of jobs.filter((candidate) => is(candidate.recipientId) || is(candidate.reportedBy))) {
      await deps.sendJobs.remove(job.roundId, job.id);
      messagesRemoved++;
    }
  }
  let roundsChanged = 0;
  for (const round of rounds.filter((candidate) => namesThem(candidate, is))) {
    await deps.rounds.replace({
      ...round,
      openedBy: erase(round.openedBy),
      ...(round.closedBy ? { closedBy: erase(round.closedBy) } : {}),
      ...(round.history
        ? {
            history: round.history.map((event) =>
              is(event.by) ? { ...event, by: ERASED, ...(event.byName ? { byName: ERASED } : {}) } : event,
            ),
          }
        : {}),
    });
    roundsChanged++;
  }
  const template = await deps.houseTemplates.get();
  const houseTemplateChanged = template !== undefined && is(template.storedBy);
  if (template && houseTemplateChanged) {
    await deps.houseTemplates.put({ ...template, storedBy: ERASED, storedByName: ERASED });
  }
  const tallies = await talliesOf(ids, deps.reminderTallies);
  for (const tally of tallies) await deps.reminderTallies.remove(tally.recipientId, tally.week);
  const contactRemoved = contact !== undefined;
  if (contact) await deps.contacts.remove(contact.userId);
  return {
    contactRemoved,
    ownerRemovedFrom: changedProjects.map((project) => project.id),
    projectsWithoutOwner: changedProjects
      .filter((project) => project.owners.length === 0)
      .map((project) => project.id),
    statusUpdatesChanged,
    messagesRemoved,
    roundsChanged,
    houseTemplateChanged,
    reminderTalliesRemoved: tallies.length,
  };
}

/** Rewrites one status update without the person, guarded by its ETag; true when it named them. */
async function scrubStatusUpdate(
  listed: StatusUpdate,
  is: (value: string | undefined) => boolean,
  erase: (value: string) => string,
  statusUpdates: StatusUpdateRepository,
): Promise<boolean> {
  const names = (update: StatusUpdate) =>
    update.project.owners.some(is) ||
    update.versions.some((version) => is(version.answeredBy)) ||
    is(update.draft?.savedBy) ||
    (update.delegations ?? []).some((delegation) => is(delegation.to) || is(delegation.by));
  if (!names(listed)) return false;
  // Someone may answer at the same moment: read, rewrite, and try again if it changed.
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await statusUpdates.get(listed.roundId, listed.id);
    if (!stored) return false;
    const update = stored.value;
    const { draft, ...rest } = update;
    const scrubbed: StatusUpdate = {
      ...rest,
      project: { ...update.project, owners: update.project.owners.filter((owner) => !is(owner)) },
      versions: update.versions.map((version) =>
        is(version.answeredBy) ? { ...version, answeredBy: ERASED, answeredByName: ERASED } : version,
      ),
      ...(draft && !is(draft.savedBy) ? { draft } : {}),
      ...(update.delegations
        ? { delegations: update.delegations.map((d) => ({ ...d, to: erase(d.to), by: erase(d.by) })) }
        : {}),
    };
    if (await statusUpdates.replace(scrubbed, stored.etag)) return true;
  }
  throw new Error(`status update ${listed.id} kept changing while erasing`);
}

/** Whether the round says they opened, closed or reopened it. */
function namesThem(round: Round, is: (value: string | undefined) => boolean): boolean {
  return is(round.openedBy) || is(round.closedBy) || (round.history ?? []).some((event) => is(event.by));
}
