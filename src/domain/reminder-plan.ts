import type { Round } from './model';
import { DEFAULT_OFFICE_HOURS, WorkingCalendar, type OfficeHours } from './working-time';

/** How a round chases its owners; stored with the round so a later default never changes it. */
export interface ReminderPlan {
  /** Working days before the deadline on which owners without an answer are reminded. */
  readonly remindWorkingDaysBefore: readonly number[];
  readonly officeHours: OfficeHours;
  /** After the deadline the coordinator gets, every working day, the list of missing answers. */
  readonly dailyDigestAfterDeadline: boolean;
}

export const DEFAULT_REMINDER_PLAN: ReminderPlan = {
  remindWorkingDaysBefore: [7, 2, 0],
  officeHours: DEFAULT_OFFICE_HOURS,
  dailyDigestAfterDeadline: true,
};

export type StepKind = 'ask' | 'reminder' | 'digest';

/** One moment in a round's plan; `key` is stable, so a send job made for it is made once. */
export interface PlannedStep {
  readonly key: string;
  readonly kind: StepKind;
  /** ISO instant; never outside office hours on a working day. */
  readonly at: string;
}

export function calendarFor(plan: ReminderPlan): WorkingCalendar {
  return new WorkingCalendar(plan.officeHours);
}

/**
 * The fixed steps of a round: the first ask as soon as the round opens (or the next working
 * morning), then one reminder per configured working day before the deadline. A reminder that
 * would fall on or before the day of the first ask is dropped: nobody is reminded of a card they
 * got that same day.
 */
export function plannedSteps(round: Round, plan: ReminderPlan): PlannedStep[] {
  const calendar = calendarFor(plan);
  const ask = calendar.nextWorkingMoment(new Date(round.openedAt));
  const askDate = calendar.localDate(ask);
  const steps: PlannedStep[] = [{ key: 'ask', kind: 'ask', at: ask.toISOString() }];
  const seen = new Set<string>([askDate]);
  const days = [...plan.remindWorkingDaysBefore].sort((a, b) => b - a);
  for (const before of days) {
    const date = calendar.workingDaysBefore(round.deadline, before);
    if (date <= askDate || seen.has(date)) continue;
    seen.add(date);
    steps.push({ key: `reminder-${date}`, kind: 'reminder', at: calendar.officeStart(date).toISOString() });
  }
  return steps;
}

/**
 * What is due at `now`: every planned step whose moment has come, and, for an open round past
 * its deadline, one coordinator digest per working day since. A pure function of the round,
 * its plan and the time, so every instance computes the same answer and tests can pin it.
 */
export function stepsDue(round: Round, plan: ReminderPlan, now: Date): PlannedStep[] {
  if (round.status !== 'open') return [];
  const due = plannedSteps(round, plan).filter((step) => new Date(step.at) <= now);
  if (!plan.dailyDigestAfterDeadline) return due;
  const calendar = calendarFor(plan);
  const today = calendar.localDate(now);
  for (let day = calendar.nextWorkingDay(round.deadline); day <= today; day = calendar.nextWorkingDay(day)) {
    const at = calendar.officeStart(day);
    if (at > now) break;
    due.push({ key: `digest-${day}`, kind: 'digest', at: at.toISOString() });
  }
  return due;
}
