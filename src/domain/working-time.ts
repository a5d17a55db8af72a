import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** Hours in the organisation's own time zone, as HH:mm. */
export interface OfficeHours {
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '09:00', end: '17:00' };
export const ORGANISATION_ZONE = 'Europe/Amsterdam';

const dutchHolidays = new Holidays('NL');

/**
 * The Dutch public holidays on which municipal offices are closed: the official public holidays
 * (Nieuwjaarsdag, Pasen, Koningsdag, Hemelvaart, Pinksteren, Kerstmis) and Bevrijdingsdag,
 * which the CAO Gemeenten makes a day off every year.
 */
export function isDutchPublicHoliday(isoDate: string): boolean {
  const known = holidayCache.get(isoDate);
  if (known !== undefined) return known;
  const found = dutchHolidays.isHoliday(new Date(`${isoDate}T12:00:00Z`));
  const holiday =
    found !== false && found.some((entry) => entry.type === 'public' || entry.name === 'Bevrijdingsdag');
  // date-holidays works out a year's rules on every call (about a millisecond): the help card
  // and every plan ask about the same few days again and again.
  if (holidayCache.size >= HOLIDAY_CACHE_DAYS) holidayCache.clear();
  holidayCache.set(isoDate, holiday);
  return holiday;
}

/** Days whose answer is kept: some years' worth, far more than any turn asks about. */
const HOLIDAY_CACHE_DAYS = 4_096;
const holidayCache = new Map<string, boolean>();

/**
 * When people can be asked something: working days (Monday to Friday, not a public holiday)
 * within office hours, in Europe/Amsterdam whatever the server's zone, so that a reminder
 * never arrives on a Sunday night or at 03:00 after a daylight-saving change.
 */
export class WorkingCalendar {
  constructor(
    readonly officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
    private readonly isHoliday: (isoDate: string) => boolean = isDutchPublicHoliday,
    readonly zone: string = ORGANISATION_ZONE,
    /** Every moment counts as working time: for local development and demos only. */
    private readonly alwaysOpen = false,
  ) {}

  isWorkingDay(isoDate: string): boolean {
    if (this.alwaysOpen) return true;
    const day = DateTime.fromISO(isoDate, { zone: this.zone });
    return day.weekday <= 5 && !this.isHoliday(isoDate);
  }

  /** The calendar date of an instant in the organisation's zone. */
  localDate(at: Date): string {
    return DateTime.fromJSDate(at, { zone: this.zone }).toISODate() ?? '';
  }

  /** The instant office hours start on a date (09:00 local, winter or summer time alike). */
  officeStart(isoDate: string): Date {
    return this.at(isoDate, this.officeHours.start);
  }

  officeEnd(isoDate: string): Date {
    return this.at(isoDate, this.officeHours.end);
  }

  isWorkingMoment(at: Date): boolean {
    if (this.alwaysOpen) return true;
    const date = this.localDate(at);
    return this.isWorkingDay(date) && at >= this.officeStart(date) && at < this.officeEnd(date);
  }

  /** `at` itself when people are at work then, otherwise the start of the next working morning. */
  nextWorkingMoment(at: Date): Date {
    if (this.isWorkingMoment(at)) return at;
    const date = this.localDate(at);
    if (this.isWorkingDay(date) && at < this.officeStart(date)) return this.officeStart(date);
    return this.officeStart(this.nextWorkingDay(date));
  }

  /** The first working day after `isoDate`. */
  nextWorkingDay(isoDate: string): string {
    let day = this.shift(isoDate, 1);
    while (!this.isWorkingDay(day)) day = this.shift(day, 1);
    return day;
  }

  /** The last working day before `isoDate`. */
  previousWorkingDay(isoDate: string): string {
    let day = this.shift(isoDate, -1);
    while (!this.isWorkingDay(day)) day = this.shift(day, -1);
    return day;
  }

  /**
   * The working day `count` working days before `isoDate`; 0 is the date itself, or the last
   * working day before it when it falls on a weekend or holiday.
   */
  workingDaysBefore(isoDate: string, count: number): string {
    let day = this.isWorkingDay(isoDate) ? isoDate : this.previousWorkingDay(isoDate);
    for (let i = 0; i < count; i++) day = this.previousWorkingDay(day);
    return day;
  }

  /**
   * The first working day of the ISO week (Monday to Sunday) that `isoDate` lies in: Monday, or
   * Tuesday after Easter or Whit Monday; undefined in a week without one.
   */
  firstWorkingDayOfWeek(isoDate: string): string | undefined {
    const monday = DateTime.fromISO(isoDate, { zone: this.zone }).startOf('week');
    for (let offset = 0; offset < 7; offset++) {
      const day = monday.plus({ days: offset }).toISODate() ?? '';
      if (this.isWorkingDay(day)) return day;
    }
    return undefined;
  }

  /** The ISO week a date lies in, as `2021-W23`: the week number people use in planning. */
  isoWeek(isoDate: string): string {
    return DateTime.fromISO(isoDate, { zone: this.zone }).toFormat("kkkk-'W'WW");
  }

  /** The date `days` calendar days after (or, negative, before) `isoDate`. */
  addDays(isoDate: string, days: number): string {
    return this.shift(isoDate, days);
  }

  private shift(isoDate: string, days: number): string {
    return DateTime.fromISO(isoDate, { zone: this.zone }).plus({ days }).toISODate() ?? isoDate;
  }

  private at(isoDate: string, time: string): Date {
    return DateTime.fromISO(`${isoDate}T${time}`, { zone: this.zone }).toJSDate();
  }
}
