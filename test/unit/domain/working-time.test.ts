import assert from 'node:assert/strict';
import { isDutchPublicHoliday, WorkingCalendar } from '../../../src/domain/working-time';

describe('isDutchPublicHoliday', function () {
  it('knows the days municipal offices are closed in 2021', function () {
    for (const day of [
      '2021-01-01', // Nieuwjaarsdag
      '2021-04-05', // Tweede Paasdag
      '2021-04-27', // Koningsdag
      '2021-05-05', // Bevrijdingsdag (CAO Gemeenten)
      '2021-05-13', // Hemelvaartsdag
      '2021-05-24', // Tweede Pinksterdag
      '2021-12-25',
      '2021-12-26',
    ]) {
      assert.equal(isDutchPublicHoliday(day), true, day);
    }
  });

  it('does not close the office for observances such as Goede Vrijdag or Dodenherdenking', function () {
    for (const day of ['2021-04-02', '2021-05-04', '2021-06-30', '2021-12-31']) {
      assert.equal(isDutchPublicHoliday(day), false, day);
    }
  });

  it('moves Koningsdag to Saturday 26 April when 27 April is a Sunday', function () {
    assert.equal(isDutchPublicHoliday('2025-04-26'), true);
    assert.equal(isDutchPublicHoliday('2025-04-27'), false);
  });
});

describe('WorkingCalendar', function () {
  const calendar = new WorkingCalendar();

  it('starts office hours at 09:00 Amsterdam time in winter and in summer time', function () {
    assert.equal(calendar.officeStart('2021-03-26').toISOString(), '2021-03-26T08:00:00.000Z');
    assert.equal(calendar.officeStart('2021-03-29').toISOString(), '2021-03-29T07:00:00.000Z');
    assert.equal(calendar.officeStart('2021-11-01').toISOString(), '2021-11-01T08:00:00.000Z');
  });

  it('takes the calendar date in Amsterdam, not in UTC', function () {
    assert.equal(calendar.localDate(new Date('2021-06-30T22:30:00Z')), '2021-07-01');
  });

  it('treats weekends and holidays as non-working days', function () {
    assert.equal(calendar.isWorkingDay('2021-06-25'), true);
    assert.equal(calendar.isWorkingDay('2021-06-26'), false);
    assert.equal(calendar.isWorkingDay('2021-06-27'), false);
    assert.equal(calendar.isWorkingDay('2021-05-13'), false);
  });

  it('keeps a moment inside office hours on a working day as it is', function () {
    const at = new Date('2021-06-29T10:15:00Z');
    assert.equal(calendar.nextWorkingMoment(at), at);
  });

  it('moves an early morning to 09:00 the same day', function () {
    assert.equal(
      calendar.nextWorkingMoment(new Date('2021-06-29T04:00:00Z')).toISOString(),
      '2021-06-29T07:00:00.000Z',
    );
  });

  it('moves a Friday evening across the weekend and the spring DST change to Monday 09:00', function () {
    // Friday 26 March 2021, 18:00 CET; clocks go forward on Sunday 28 March.
    const friday = new Date('2021-03-26T17:00:00Z');
    assert.equal(calendar.nextWorkingMoment(friday).toISOString(), '2021-03-29T07:00:00.000Z');
  });

  it('moves past Hemelvaartsdag to Friday morning', function () {
    // Wednesday 12 May 2021, 17:30 CEST: Thursday is Hemelvaart.
    const evening = new Date('2021-05-12T15:30:00Z');
    assert.equal(calendar.nextWorkingMoment(evening).toISOString(), '2021-05-14T07:00:00.000Z');
  });

  it('counts working days back from a deadline, skipping weekends and holidays', function () {
    assert.equal(calendar.workingDaysBefore('2021-07-01', 0), '2021-07-01');
    assert.equal(calendar.workingDaysBefore('2021-07-01', 2), '2021-06-29');
    assert.equal(calendar.workingDaysBefore('2021-07-01', 7), '2021-06-22');
    // Deadline on a Saturday: "on the day" is the Friday before.
    assert.equal(calendar.workingDaysBefore('2021-06-26', 0), '2021-06-25');
    // Across Koningsdag (Tuesday 27 April 2021).
    assert.equal(calendar.workingDaysBefore('2021-04-28', 1), '2021-04-26');
  });

  it('finds the first working day of a week: Monday, or Tuesday after Easter Monday', function () {
    assert.equal(calendar.firstWorkingDayOfWeek('2021-06-09'), '2021-06-07', 'from a Wednesday');
    assert.equal(calendar.firstWorkingDayOfWeek('2021-06-13'), '2021-06-07', 'Sunday ends the ISO week');
    assert.equal(calendar.firstWorkingDayOfWeek('2021-04-08'), '2021-04-06', 'Easter Monday was 5 April');
  });

  it('names the ISO week a date lies in, across the turn of the year', function () {
    assert.equal(calendar.isoWeek('2021-06-07'), '2021-W23');
    assert.equal(calendar.isoWeek('2021-01-03'), '2020-W53');
  });

  it('honours other office hours', function () {
    const early = new WorkingCalendar({ start: '08:30', end: '12:00' });
    assert.equal(
      early.nextWorkingMoment(new Date('2021-06-29T10:30:00Z')).toISOString(),
      '2021-06-30T06:30:00.000Z',
    );
  });
});
