import { lastReopening, type Round } from './model';
import { DEFAULT_OFFICE_HOURS, WorkingCalendar, type OfficeHours } from './working-time';

/** How a round chases its owners; stored with the round so a later default never changes it. */
export interface ReminderPlan {
  /** Working days before the deadline on which owners without an answer are reminded. */
  readonly remindWorkingDaysBefore: readonly number[];
  readonly officeHours: OfficeHours;
  /** After the deadline the coordinator gets, every working day, the list of missing answers. */
  readonly dailyDigestAfterDeadline: boolean;
  /**
   * Send at any moment instead of only on working days in office hours. For local development
   * and demos, where "the cards go out on Monday at 09:00" would only confuse.
   */
  readonly sendAnyTime?: boolean;
  /**
   * The round's first ask: one card per project (`per-project`, the default: the owner needs
   * each project's form anyway), or one overview with a button per project (`overview`).
   */
  readonly firstAsk?: FirstAsk;
  /** Reminder messages a person gets at most per ISO week; absent: `DEFAULT_REMINDERS_PER_WEEK`. */
  readonly remindersPerWeek?: number;
}

export type FirstAsk = 'per-project' | 'overview';

/** Three reminders a week: one every other working day, which is chasing enough. */
export const DEFAULT_REMINDERS_PER_WEEK = 3;

export const DEFAULT_REMINDER_PLAN: ReminderPlan = {
  remindWorkingDaysBefore: [7, 2, 0],
  officeHours: DEFAULT_OFFICE_HOURS,
  dailyDigestAfterDeadline: true,
};

/** `weekly`: the digest of the round posted in the team channels that asked for it. */
export type StepKind = 'ask' | 'reminder' | 'digest' | 'weekly' | 'reviewDigest';

/** One moment in a round's plan; `key` is stable, so a send job made for it is made once. */
export interface PlannedStep {
  readonly key: string;
  readonly kind: StepKind;
  /** ISO instant; never outside office hours on a working day. */
  readonly at: string;
}

export function calendarFor(plan: ReminderPlan): WorkingCalendar {
  return new WorkingCalendar(plan.officeHours, undefined, undefined, plan.sendAnyTime ?? false);
}

/** The key of the reminder a reopened round sends at once; `reopened-<date of the reopening>`. */
export const REOPENED_STEP_PREFIX = 'reopened-';

/**
 * The fixed steps of a round: the first ask as soon as the round opens (or the next working
 * morning), then one reminder per configured working day before the deadline. A reminder that
 * would fall on or before the day of the first ask is dropped: nobody is reminded of a card they
 * got that same day. A reopened round reminds whoever has not answered as soon as it is open
 * again (the next working moment), then on the new deadline's plan, from the day after.
 */
export function plannedSteps(round: Round, plan: ReminderPlan): PlannedStep[] {
  const calendar = calendarFor(plan);
  const opened = new Date(round.openedAt);
  const from = round.asksFrom ? calendar.officeStart(round.asksFrom) : opened;
  const ask = calendar.nextWorkingMoment(from > opened ? from : opened);
  let lastSentDate = calendar.localDate(ask);
  const steps: PlannedStep[] = [{ key: 'ask', kind: 'ask', at: ask.toISOString() }];
  const reopening = lastReopening(round);
  const reopened = reopening && calendar.nextWorkingMoment(new Date(reopening.at));
  // Reopened before the first ask went out: the ask still comes, and is reminder enough.
  if (reopening && reopened && reopened > ask) {
    lastSentDate = calendar.localDate(reopened);
    const key = `${REOPENED_STEP_PREFIX}${calendar.localDate(new Date(reopening.at))}`;
    steps.push({ key, kind: 'reminder', at: reopened.toISOString() });
  }
  const seen = new Set<string>([lastSentDate]);
  const days = [...plan.remindWorkingDaysBefore].sort((a, b) => b - a);
  for (const before of days) {
    const date = calendar.workingDaysBefore(round.deadline, before);
    if (date <= lastSentDate || seen.has(date)) continue;
    seen.add(date);
    steps.push({ key: `reminder-${date}`, kind: 'reminder', at: calendar.officeStart(date).toISOString() });
  }
  return steps;
}

/**
 * What is due at `now`: the first ask, the latest reminder whose moment has come, and, for an
 * open round past its deadline, today's coordinator digest (or the last working day's). Earlier
 * reminders and digests were due before; if nobody planned them then (the service was down),
 * sending them late would only flood people, so they are not due any more. A pure function of
 * the round, its plan and the time: every instance computes the same answer.
 */
export function stepsDue(round: Round, plan: ReminderPlan, now: Date): PlannedStep[] {
  if (round.status !== 'open') return [];
  const planned = plannedSteps(round, plan).filter((step) => new Date(step.at) <= now);
  const due = [
    ...planned.filter((step) => step.kind === 'ask'),
    ...planned.filter((step) => step.kind === 'reminder').slice(-1),
  ];
  const calendar = calendarFor(plan);
  const today = calendar.localDate(now);
  // With review: each working day at the start of office hours, what waits for a reviewer (the
  // job is skipped when nothing does). Only today's: a day missed is not caught up.
  if (round.review && calendar.isWorkingDay(today) && calendar.officeStart(today) <= now) {
    const start = calendar.officeStart(today);
    if (start >= firstAsk(round, plan)) {
      due.push({ key: `review-${today}`, kind: 'reviewDigest', at: start.toISOString() });
    }
  }
  if (!plan.dailyDigestAfterDeadline) return due;
  if (today <= round.deadline) return due;
  const day =
    calendar.isWorkingDay(today) && calendar.officeStart(today) <= now
      ? today
      : calendar.previousWorkingDay(today);
  if (day > round.deadline) {
    due.push({ key: `digest-${day}`, kind: 'digest', at: calendar.officeStart(day).toISOString() });
  }
  return due;
}

/**
 * The weekly digest due at `now`, for the team channels that asked for it: this week's, at the
 * start of office hours on the week's first working day (Monday 09:00; the Tuesday after Easter
 * or Whit Monday), keyed by the ISO week so it is made once per week whatever the number of
 * instances. Only the latest week is ever due: a service that was down does not post a backlog.
 * It is posted in a shared channel, so it is never caught up outside office hours; a week
 * missed until the weekend is left to the next. A week whose digest would come before the
 * round's first ask has nothing to report yet, and a closed round has no digest.
 */
export function weeklyDigestDue(round: Round, plan: ReminderPlan, now: Date): PlannedStep | undefined {
  if (round.status !== 'open') return undefined;
  const calendar = calendarFor(plan);
  if (!calendar.isWorkingMoment(now)) return undefined;
  const today = calendar.localDate(now);
  const thisWeek = weekStep(calendar, today);
  const step =
    thisWeek && new Date(thisWeek.at) <= now ? thisWeek : weekStep(calendar, calendar.addDays(today, -7));
  if (!step || new Date(step.at) <= firstAsk(round, plan)) return undefined;
  return step;
}

/**
 * When a channel that asks for the weekly digest at `from` gets its first one from this round:
 * the first week's moment from then on that comes after the round's first ask.
 */
export function nextWeeklyDigestAt(round: Round, plan: ReminderPlan, from: Date): Date | undefined {
  const calendar = calendarFor(plan);
  const ask = firstAsk(round, plan);
  let day = calendar.localDate(from);
  // A year of weeks: more than any round lasts, and a bound should the calendar have no working day.
  for (let week = 0; week < 53; week++, day = calendar.addDays(day, 7)) {
    const step = weekStep(calendar, day);
    if (!step) continue;
    const at = new Date(step.at);
    if (at >= from && at > ask) return at;
  }
  return undefined;
}

/** The key of the reminder on the deadline's own day (or the last working day before it). */
export function deadlineDayStepKey(round: Round, plan: ReminderPlan): string {
  return `reminder-${calendarFor(plan).workingDaysBefore(round.deadline, 0)}`;
}

function weekStep(calendar: WorkingCalendar, isoDate: string): PlannedStep | undefined {
  const day = calendar.firstWorkingDayOfWeek(isoDate);
  if (!day) return undefined;
  return {
    key: `weekly-${calendar.isoWeek(day)}`,
    kind: 'weekly',
    at: calendar.officeStart(day).toISOString(),
  };
}

function firstAsk(round: Round, plan: ReminderPlan): Date {
  const [ask] = plannedSteps(round, plan);
  return new Date(ask?.at ?? round.openedAt);
}
