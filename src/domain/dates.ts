import { DateTime, Info } from 'luxon';
import { nearestWord } from './edit-distance';
import type { Language, RoundKind } from './model';
import { WorkingCalendar } from './working-time';

/** A date as typed, read: the date, or what is wrong with the text. */
export type CalendarDate =
  | { readonly ok: true; readonly date: string }
  /** Not a date the bot can read; `meant` is the date it most likely stands for (a month misspelt). */
  | { readonly ok: false; readonly problem: 'unknown'; readonly meant?: string }
  /** A day the month does not have (31 juni, 29 februari 2027); `lastDay` is that month's last day. */
  | { readonly ok: false; readonly problem: 'nonexistent'; readonly lastDay: string };

/** Month names and abbreviations, Dutch and English, as luxon knows them, and a few people write. */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ...(['nl', 'en'] as const).flatMap((locale) =>
    (['long', 'short'] as const).flatMap((length) =>
      Info.months(length, { locale }).map((name, i): [string, number] => [
        name.toLowerCase().replace(/\.$/, ''),
        i + 1,
      ]),
    ),
  ),
  ['sept', 9],
]);
const MONTH_NAMES = [...MONTHS.keys()];

/** 19 december 2026, 19 dec. 2026, 19 december; 19th December 2026. */
const DAY_MONTH = /^(\d{1,2})(?:e|ste|de|st|nd|rd|th)? ([\p{L}]+)\.?,?(?: (\d{4}))?$/u;
/** December 19, 2026; december 19. */
const MONTH_DAY = /^([\p{L}]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/u;

/**
 * Reads a calendar date the way Dutch and English users type one: ISO (2021-07-01),
 * day-month-year (1-7-2021, 01/07/2021), or with the month in words, Dutch or English, written
 * out or abbreviated (19 december 2026, 19 dec 2026, December 19, 2026). Without a year, the day
 * is the next one of that name from `today` (YYYY-MM-DD) on: "19 december" typed on New Year's Eve
 * is next December. Returns YYYY-MM-DD, or what is wrong: a text that is no date (with the date it
 * probably meant, when only the month is misspelt), or a day the month does not have (31 juni is
 * refused rather than rolled over into July).
 */
export function parseCalendarDate(text: string, today: string): CalendarDate {
  const typed = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(typed);
  if (dutch) return dateOf(Number(dutch[3]), Number(dutch[2]), Number(dutch[1]));

  const dayMonth = DAY_MONTH.exec(typed);
  const monthDay = dayMonth ? undefined : MONTH_DAY.exec(typed);
  const parts = dayMonth
    ? { day: dayMonth[1], month: dayMonth[2], year: dayMonth[3] }
    : monthDay
      ? { day: monthDay[2], month: monthDay[1], year: monthDay[3] }
      : undefined;
  if (!parts?.day || !parts.month) return { ok: false, problem: 'unknown' };
  const day = Number(parts.day);
  const year = parts.year === undefined ? undefined : Number(parts.year);
  const month = MONTHS.get(parts.month);
  if (month !== undefined) return year === undefined ? nextOf(month, day, today) : dateOf(year, month, day);

  const nearest = nearestWord(parts.month, MONTH_NAMES);
  const guess = nearest === undefined ? undefined : MONTHS.get(nearest);
  const meant =
    guess === undefined
      ? undefined
      : year === undefined
        ? nextOf(guess, day, today)
        : dateOf(year, guess, day);
  return meant?.ok ? { ok: false, problem: 'unknown', meant: meant.date } : { ok: false, problem: 'unknown' };
}

function dateOf(year: number, month: number, day: number): CalendarDate {
  if (month < 1 || month > 12 || day < 1 || day > 31) return { ok: false, problem: 'unknown' };
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  if (date.isValid) return { ok: true, date: date.toISODate() };
  return { ok: false, problem: 'nonexistent', lastDay: lastDayOf(year, month) };
}

function lastDayOf(year: number, month: number): string {
  return DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' }).endOf('month').toISODate() ?? '';
}

/** The first `day month` from `today` on; a 29 February may be up to eight years away (2096, 2104). */
function nextOf(month: number, day: number, today: string): CalendarDate {
  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear; year <= thisYear + 8; year++) {
    const found = dateOf(year, month, day);
    if (!found.ok && found.problem === 'unknown') return found;
    if (found.ok && found.date >= today) return found;
  }
  // A day no year has (31 juni): refused for the month as it next comes.
  return dateOf(lastDayOf(thisYear, month) < today ? thisYear + 1 : thisYear, month, day);
}

/** "19 december 2026" / "19 December 2026": a date as a sentence writes it. */
export function spellDate(language: Language, isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc', locale: language === 'nl' ? 'nl' : 'en-GB' }).toFormat(
    'd MMMM yyyy',
  );
}

/** "19-12-2026" / "2026-12-19": the same date in figures, as people type it. */
export function dateInFigures(language: Language, isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat(language === 'nl' ? 'd-M-yyyy' : 'yyyy-MM-dd');
}

/** A round someone could open today, for the examples in help and hints. */
export interface ExampleRound {
  readonly kind: RoundKind;
  readonly year: number;
  /** Four weeks from today, on a working day. */
  readonly deadline: string;
  /** A week from today, on a working day: when the cards could go out. */
  readonly from: string;
}

/**
 * The round an example should name on `today`: a deadline four weeks on (moved to a working
 * day), and the round whose deadline falls then in the planning and control cycle: the
 * voortgangsrapportage of the year from April to September, else the jaarverslag of the year
 * that has just ended (or is ending). Examples in the past would be refused by the bot itself.
 */
export function exampleRound(today: string, calendar = new WorkingCalendar()): ExampleRound {
  const onWorkingDay = (date: string) => (calendar.isWorkingDay(date) ? date : calendar.nextWorkingDay(date));
  const deadline = onWorkingDay(calendar.addDays(today, 28));
  const from = onWorkingDay(calendar.addDays(today, 7));
  const year = Number(deadline.slice(0, 4));
  const month = Number(deadline.slice(5, 7));
  if (month >= 4 && month <= 9) return { kind: 'voortgangsrapportage', year, deadline, from };
  return { kind: 'jaarverslag', year: month <= 3 ? year - 1 : year, deadline, from };
}
