import assert from 'node:assert/strict';

import { dateInFigures, exampleRound, parseCalendarDate, spellDate } from '../../../src/domain/dates';

/** A Tuesday in June; any day works for the dates that carry their year. */
const TODAY = '2021-06-01';

function read(text: string, today = TODAY): string | undefined {
  const found = parseCalendarDate(text, today);
  return found.ok ? found.date : undefined;
}

describe('parseCalendarDate', () => {
  describe('in figures', () => {
    it('reads an ISO date', () => {
      assert.equal(read('2021-07-01'), '2021-07-01');
    });

    it('reads an ISO date without leading zeros', () => {
      assert.equal(read('2021-7-1'), '2021-07-01');
    });

    it('reads a Dutch day-month-year date with dashes', () => {
      assert.equal(read('1-7-2021'), '2021-07-01');
    });

    it('reads a day/month/year date with slashes and leading zeros', () => {
      assert.equal(read('01/07/2021'), '2021-07-01');
    });

    it('accepts 29 February in a leap year', () => {
      assert.equal(read('29-2-2024'), '2024-02-29');
    });

    it('refuses 31 February as a day February does not have, instead of rolling over into March', () => {
      assert.deepEqual(parseCalendarDate('31-2-2021', TODAY), {
        ok: false,
        problem: 'nonexistent',
        lastDay: '2021-02-28',
      });
    });

    it('refuses 29 February outside a leap year', () => {
      assert.deepEqual(parseCalendarDate('29-2-2021', TODAY), {
        ok: false,
        problem: 'nonexistent',
        lastDay: '2021-02-28',
      });
    });

    it('refuses a thirteenth month as no date at all', () => {
      assert.deepEqual(parseCalendarDate('2021-13-01', TODAY), { ok: false, problem: 'unknown' });
    });

    it('refuses a two-digit year', () => {
      assert.equal(read('1-7-21'), undefined);
    });
  });

  describe('with the month in words', () => {
    for (const [text, date] of [
      ['19 december 2026', '2026-12-19'],
      ['19 December 2026', '2026-12-19'],
      ['19 dec 2026', '2026-12-19'],
      ['19 dec. 2026', '2026-12-19'],
      ['1 mrt 2027', '2027-03-01'],
      ['1 maart 2027', '2027-03-01'],
      ['3 mei 2026', '2026-05-03'],
      ['30 sept 2026', '2026-09-30'],
      ['December 19, 2026', '2026-12-19'],
      ['december 19 2026', '2026-12-19'],
      ['May 3, 2026', '2026-05-03'],
      ['19th December 2026', '2026-12-19'],
      ['  19   december   2026 ', '2026-12-19'],
    ] as const) {
      it(`reads "${text}"`, () => {
        assert.equal(read(text), date);
      });
    }

    it('takes a date without a year as the next one from today, today included', () => {
      assert.equal(read('19 december'), '2021-12-19');
      assert.equal(read('1 juni'), '2021-06-01');
      assert.equal(read('31 mei'), '2022-05-31');
      assert.equal(read('December 19'), '2021-12-19');
    });

    it("on New Year's Eve, takes 31 December as today and 1 January as tomorrow", () => {
      assert.equal(read('31 december', '2026-12-31'), '2026-12-31');
      assert.equal(read('1 januari', '2026-12-31'), '2027-01-01');
      assert.equal(read('30 december', '2026-12-31'), '2027-12-30');
    });

    it('takes 29 February without a year as the next leap day, and on a leap day as today', () => {
      assert.equal(read('29 februari', '2027-03-01'), '2028-02-29');
      assert.equal(read('29 februari', '2028-02-29'), '2028-02-29');
      assert.equal(read('29 februari', '2028-03-01'), '2032-02-29');
    });

    it('refuses a day the month never has, for the month as it next comes', () => {
      assert.deepEqual(parseCalendarDate('31 juni', TODAY), {
        ok: false,
        problem: 'nonexistent',
        lastDay: '2021-06-30',
      });
      assert.deepEqual(parseCalendarDate('30 februari', TODAY), {
        ok: false,
        problem: 'nonexistent',
        lastDay: '2022-02-28',
      });
      assert.deepEqual(parseCalendarDate('31 juni 2026', TODAY), {
        ok: false,
        problem: 'nonexistent',
        lastDay: '2026-06-30',
      });
    });

    it('says which date a misspelt month most likely meant', () => {
      assert.deepEqual(parseCalendarDate('19 decmber 2026', TODAY), {
        ok: false,
        problem: 'unknown',
        meant: '2026-12-19',
      });
      assert.deepEqual(parseCalendarDate('19 dcember', TODAY), {
        ok: false,
        problem: 'unknown',
        meant: '2021-12-19',
      });
    });

    it('guesses nothing for a word that is no month, or a day no month has', () => {
      assert.deepEqual(parseCalendarDate('19 kaas 2026', TODAY), { ok: false, problem: 'unknown' });
      assert.deepEqual(parseCalendarDate('32 december 2026', TODAY), { ok: false, problem: 'unknown' });
      assert.deepEqual(parseCalendarDate('0 december 2026', TODAY), { ok: false, problem: 'unknown' });
    });
  });

  it('refuses text that is not a date', () => {
    assert.equal(read('volgende week'), undefined);
    assert.equal(read('eind juni'), undefined);
    assert.equal(read('2021-07-01T00:00:00Z'), undefined);
  });

  it('refuses an empty string', () => {
    assert.deepEqual(parseCalendarDate('', TODAY), { ok: false, problem: 'unknown' });
  });
});

describe('spellDate and dateInFigures', () => {
  it('write a date as a Dutch or English sentence has it, and as people type it', () => {
    assert.equal(spellDate('nl', '2026-12-19'), '19 december 2026');
    assert.equal(spellDate('en', '2026-12-19'), '19 December 2026');
    assert.equal(dateInFigures('nl', '2026-07-01'), '1-7-2026');
    assert.equal(dateInFigures('en', '2026-07-01'), '2026-07-01');
  });
});

describe('exampleRound', () => {
  it('names a deadline four weeks on, a start a week on, and the voortgangsrapportage in spring', () => {
    assert.deepEqual(exampleRound('2021-06-01'), {
      kind: 'voortgangsrapportage',
      year: 2021,
      deadline: '2021-06-29',
      from: '2021-06-08',
    });
  });

  it('moves a deadline off a weekend or a public holiday onto the next working day', () => {
    // 4 weeks after Saturday 5 December 2026 is Saturday 2 January 2027; a week on is Saturday 12 December.
    const example = exampleRound('2026-12-05');
    assert.equal(example.deadline, '2027-01-04');
    assert.equal(example.from, '2026-12-14');
    // 4 weeks after Tuesday 29 March 2022 is Tuesday 26 April: not Koningsdag (27 April), kept.
    assert.equal(exampleRound('2022-03-29').deadline, '2022-04-26');
    // 4 weeks after Wednesday 30 March 2022 is Koningsdag.
    assert.equal(exampleRound('2022-03-30').deadline, '2022-04-28');
  });

  it("names the jaarverslag of the year just ended in winter, on New Year's Eve too", () => {
    assert.deepEqual(
      { kind: exampleRound('2026-12-31').kind, year: exampleRound('2026-12-31').year },
      { kind: 'jaarverslag', year: 2026 },
    );
    assert.deepEqual(
      { kind: exampleRound('2027-01-15').kind, year: exampleRound('2027-01-15').year },
      { kind: 'jaarverslag', year: 2026 },
    );
  });

  it('gives a deadline from a leap day as it does from any other', () => {
    assert.equal(exampleRound('2024-02-29').deadline, '2024-03-28');
  });
});
