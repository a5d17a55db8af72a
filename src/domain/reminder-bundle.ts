import type { Round, StatusUpdate } from './model';
import { compareProjectNumbers } from './natural-order';
import {
  calendarFor,
  deadlineDayStepKey,
  DEFAULT_REMINDERS_PER_WEEK,
  REOPENED_STEP_PREFIX,
  type PlannedStep,
} from './reminder-plan';
import { awaitsAnswer } from './review';
import { bundleJobId, isBundle, type SendJob } from './send-job';

/**
 * One message per person per moment: at a step that covers several projects (a reminder, or the
 * first ask as an overview), each person asked gets one job listing every project of theirs in
 * it, instead of one job per project. Owners and delegates alike; projects in report order.
 * Whoever has a single project gets a bundle of one, sent as that project's own card.
 */
export function bundleJobs(
  round: Round,
  step: PlannedStep,
  updates: readonly StatusUpdate[],
  now: Date,
): SendJob[] {
  const asked = step.kind === 'ask' ? updates : updates.filter((update) => awaitsAnswer(update));
  const perRecipient = new Map<string, StatusUpdate[]>();
  for (const update of [...asked].sort((a, b) => compareProjectNumbers(a.project.number, b.project.number))) {
    const people = [
      ...update.project.owners,
      ...(update.delegations ?? []).map((delegation) => delegation.to),
    ];
    for (const recipient of new Set(people)) {
      const projects = perRecipient.get(recipient) ?? [];
      projects.push(update);
      perRecipient.set(recipient, projects);
    }
  }
  return [...perRecipient].map(([recipientId, projects]) => {
    const [only] = projects;
    return {
      id: bundleJobId(step.key, recipientId),
      roundId: round.id,
      stepKey: step.key,
      kind: step.kind,
      ...(projects.length === 1 && only ? { projectId: only.id } : {}),
      projectIds: projects.map((update) => update.id),
      recipientId,
      dueAt: step.at,
      state: 'pending',
      attempts: 0,
      updatedAt: now.toISOString(),
    };
  });
}

/**
 * What a person was reminded of in one ISO week (Europe/Amsterdam), across rounds: the ids of
 * the reminder jobs sent (or being sent) to them. Ids rather than a count, so a job that is tried
 * again after a crash is counted once.
 */
export interface ReminderTally {
  readonly recipientId: string;
  /** `2026-W49`. */
  readonly week: string;
  readonly jobIds: readonly string[];
}

/** The ISO week of `now` in the round's calendar (Europe/Amsterdam): what a tally counts. */
export function reminderWeek(round: Round, now: Date): string {
  const calendar = calendarFor(round.reminderPlan);
  return calendar.isoWeek(calendar.localDate(now));
}

export function reminderCap(round: Round): number {
  return round.reminderPlan.remindersPerWeek ?? DEFAULT_REMINDERS_PER_WEEK;
}

/** Whether the weekly cap is about this job: reminders are, first asks and notices are not. */
export function countsAsReminder(job: SendJob): boolean {
  return job.kind === 'reminder';
}

/**
 * Whether a reminder goes in one message with other rounds' reminders to the same person at the
 * same moment: bundled reminders do; the news that a closed round is open again goes on its own,
 * and so does a "herinner me morgen", which is about one project the person picked.
 */
export function goesWithOtherRounds(job: SendJob): boolean {
  return job.kind === 'reminder' && isBundle(job) && !job.stepKey.startsWith(REOPENED_STEP_PREFIX);
}

/**
 * Reminders that go out whatever the week's count: the one on the deadline's day (the last
 * chance), the one the person asked for ("herinner me morgen"), and the one that says a closed
 * round is open again (news, not nagging). They are counted all the same.
 */
export function alwaysGoes(job: SendJob, round: Round): boolean {
  return (
    job.stepKey === deadlineDayStepKey(round, round.reminderPlan) ||
    job.stepKey.startsWith('snooze-') ||
    job.stepKey.startsWith(REOPENED_STEP_PREFIX)
  );
}

export type CapDecision =
  | { readonly send: true; readonly tally: ReminderTally; readonly changed: boolean }
  | { readonly send: false; readonly reason: 'capped' };

/**
 * Whether a reminder may go out under the person's weekly cap, and the tally with it counted.
 * A job already in the tally was counted by an earlier try (a crash, a retry): it goes, and is
 * not counted again. The rule holds for one person across rounds, since the tally is theirs:
 * `person` is who the bot knows them as (their contact), however the register names them.
 */
export function decideCap(
  job: SendJob,
  round: Round,
  tally: ReminderTally | undefined,
  now: Date,
  person: string = job.recipientId,
): CapDecision {
  const week = reminderWeek(round, now);
  const counted = tally?.week === week ? tally.jobIds : [];
  const base = { recipientId: person, week };
  if (counted.includes(job.id)) return { send: true, tally: { ...base, jobIds: counted }, changed: false };
  if (counted.length >= reminderCap(round) && !alwaysGoes(job, round))
    return { send: false, reason: 'capped' };
  return { send: true, tally: { ...base, jobIds: [...counted, job.id] }, changed: true };
}
