import assert from 'node:assert/strict';

import { parseCalendarDate } from '../../../src/domain/dates';

describe('parseCalendarDate', () => {
  it('reads an ISO date', () => {
    assert.equal(parseCalendarDate('2021-07-01'), '2021-07-01');
  });

  it('reads an ISO date without leading zeros', () => {
    assert.equal(parseCalendarDate('2021-7-1'), '2021-07-01');
  });

  it('reads a Dutch day-month-year date with dashes', () => {
    assert.equal(parseCalendarDate('1-7-2021'), '2021-07-01');
  });

  it('reads a day/month/year date with slashes and leading zeros', () => {
    assert.equal(parseCalendarDate('01/07/2021'), '2021-07-01');
  });

  it('accepts 29 February in a leap year', () => {
    assert.equal(parseCalendarDate('29-2-2024'), '2024-02-29');
  });

  it('refuses 31 February instead of rolling over into March', () => {
    assert.equal(parseCalendarDate('31-2-2021'), undefined);
  });

  it('refuses 29 February outside a leap year', () => {
    assert.equal(parseCalendarDate('29-2-2021'), undefined);
  });

  it('refuses a thirteenth month', () => {
    assert.equal(parseCalendarDate('2021-13-01'), undefined);
  });

  it('refuses a two-digit year', () => {
    assert.equal(parseCalendarDate('1-7-21'), undefined);
  });

  it('refuses text that is not a date', () => {
    assert.equal(parseCalendarDate('volgende week'), undefined);
    assert.equal(parseCalendarDate('2021-07-01T00:00:00Z'), undefined);
  });

  it('refuses an empty string', () => {
    assert.equal(parseCalendarDate(''), undefined);
  });
});
