export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Made once: building an `Intl.DateTimeFormat` costs far more than formatting with one, and this
 * one is asked on nearly every turn and for every step of a reminder plan.
 */
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in the organisation's time zone, as YYYY-MM-DD. */
export function amsterdamDate(at: Date): string {
  return AMSTERDAM_DATE.format(at);
}
