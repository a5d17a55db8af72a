import type { Clock } from '../clock';
import type { Person } from '../model';
import { calendarFor } from '../reminder-plan';
import type { SendJobRepository } from '../repositories';
import { sendJobId, type SendJob } from '../send-job';
import { findAnswerable, type Answerable, type AnswerDeps } from './submit-status-update';

interface ReminderResponseDeps extends AnswerDeps {
  readonly sendJobs: SendJobRepository;
  readonly clock: Clock;
}

interface ReminderResponseInput {
  readonly roundId: string;
  readonly projectId: string;
  readonly by: Person;
}

/**
 * "Herinner me morgen": one more reminder for this project, to this owner, at the start of the
 * next working day. Planned as a send job like any other, so it survives restarts and goes out
 * once; asking twice on one day plans it once.
 */
export async function snoozeReminder(
  input: ReminderResponseInput,
  deps: ReminderResponseDeps,
): Promise<Answerable & { readonly remindAt: Date }> {
  const answerable = await findAnswerable(input, deps, 'NOT_REMINDER_RECIPIENT');
  const { round } = answerable;
  const calendar = calendarFor(round.reminderPlan);
  const day = calendar.nextWorkingDay(calendar.localDate(deps.clock.now()));
  const remindAt = calendar.officeStart(day);
  await deps.sendJobs.createMany([
    job(round.id, `snooze-${day}`, 'reminder', input.projectId, input.by.id, remindAt, deps.clock.now()),
  ]);
  return { ...answerable, remindAt };
}

/**
 * "Niet mijn project": the coordinator hears, at once, that this owner says the project is not
 * theirs, so it can be given to the right person before the deadline.
 */
export async function reportNotMyProject(
  input: ReminderResponseInput,
  deps: ReminderResponseDeps,
): Promise<Answerable> {
  const answerable = await findAnswerable(input, deps, 'NOT_REMINDER_RECIPIENT');
  const { round } = answerable;
  const now = deps.clock.now();
  await deps.sendJobs.createMany([
    {
      ...job(round.id, `not-mine-${input.by.id}`, 'ownership', input.projectId, round.openedBy, now, now),
      reportedBy: input.by.name || input.by.id,
    },
  ]);
  return answerable;
}

function job(
  roundId: string,
  stepKey: string,
  kind: SendJob['kind'],
  projectId: string,
  recipientId: string,
  dueAt: Date,
  now: Date,
): SendJob {
  return {
    id: sendJobId(stepKey, projectId, recipientId),
    roundId,
    stepKey,
    kind,
    projectId,
    recipientId,
    dueAt: dueAt.toISOString(),
    state: 'pending',
    attempts: 0,
    updatedAt: now.toISOString(),
  };
}
