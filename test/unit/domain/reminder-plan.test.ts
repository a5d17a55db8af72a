import assert from 'node:assert/strict';
import {
  DEFAULT_REMINDER_PLAN,
  nextWeeklyDigestAt,
  plannedSteps,
  stepsDue,
  weeklyDigestDue,
} from '../../../src/domain/reminder-plan';
import { round } from './fixtures';
import type { Round } from '../../../src/domain/model';

describe('plannedSteps', function () {
  it('asks when the round opens and reminds 7 and 2 working days before the deadline and on the day', function () {
    const steps = plannedSteps(
      round({ openedAt: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' }),
      DEFAULT_REMINDER_PLAN,
    );

    assert.deepEqual(steps, [
      { key: 'ask', kind: 'ask', at: '2021-06-01T08:00:00.000Z' },
      { key: 'reminder-2021-06-22', kind: 'reminder', at: '2021-06-22T07:00:00.000Z' },
      { key: 'reminder-2021-06-29', kind: 'reminder', at: '2021-06-29T07:00:00.000Z' },
      { key: 'reminder-2021-07-01', kind: 'reminder', at: '2021-07-01T07:00:00.000Z' },
    ]);
  });

  describe('a reopened round', function () {
    /** Closed on Friday 2 July, reopened on Monday 5 July at 14:00 with deadline Friday 16 July. */
    const reopened = (at = '2021-07-05T12:00:00.000Z', deadline = '2021-07-16') =>
      round({
        openedAt: '2021-06-01T08:00:00.000Z',
        deadline,
        history: [
          { action: 'opened', by: 'c', at: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' },
          { action: 'closed', by: 'c', at: '2021-07-02T08:00:00.000Z' },
          { action: 'reopened', by: 'c', at, deadline },
        ],
      });

    it("reminds at once on reopening, then on the new deadline's plan from the next day", function () {
      assert.deepEqual(plannedSteps(reopened(), DEFAULT_REMINDER_PLAN), [
        { key: 'ask', kind: 'ask', at: '2021-06-01T08:00:00.000Z' },
        { key: 'reopened-2021-07-05', kind: 'reminder', at: '2021-07-05T12:00:00.000Z' },
        { key: 'reminder-2021-07-07', kind: 'reminder', at: '2021-07-07T07:00:00.000Z' },
        { key: 'reminder-2021-07-14', kind: 'reminder', at: '2021-07-14T07:00:00.000Z' },
        { key: 'reminder-2021-07-16', kind: 'reminder', at: '2021-07-16T07:00:00.000Z' },
      ]);
    });

    it('reminds a round reopened on Saturday on Monday at 09:00, keyed by the day it was reopened', function () {
      const steps = plannedSteps(reopened('2021-07-03T10:00:00.000Z'), DEFAULT_REMINDER_PLAN);
      assert.deepEqual(steps[1], {
        key: 'reopened-2021-07-03',
        kind: 'reminder',
        at: '2021-07-05T07:00:00.000Z',
      });
    });

    it('is due at once after reopening, and no reminder of the old plan is', function () {
      const due = stepsDue(reopened(), DEFAULT_REMINDER_PLAN, new Date('2021-07-05T12:00:00Z'));
      assert.deepEqual(
        due.map((step) => step.key),
        ['ask', 'reopened-2021-07-05'],
      );
    });

    it('sends nothing while it is closed', function () {
      const closedAgain = round({
        ...reopened(),
        status: 'closed',
        history: [
          ...(reopened().history ?? []),
          { action: 'closed', by: 'c', at: '2021-07-06T08:00:00.000Z' },
        ],
      });
      assert.deepEqual(stepsDue(closedAgain, DEFAULT_REMINDER_PLAN, new Date('2021-07-07T08:00:00Z')), []);
    });
  });

  it('asks on the open date at 09:00 when the round has one', function () {
    const [ask] = plannedSteps(
      round({ openedAt: '2021-06-01T08:00:00.000Z', asksFrom: '2021-06-07', deadline: '2021-07-01' }),
      DEFAULT_REMINDER_PLAN,
    );
    assert.equal(ask?.at, '2021-06-07T07:00:00.000Z');
  });

  it('asks a round opened on a Saturday night on Monday morning', function () {
    const [ask] = plannedSteps(
      round({ openedAt: '2021-06-26T21:00:00.000Z', deadline: '2021-07-30' }),
      DEFAULT_REMINDER_PLAN,
    );
    assert.equal(ask?.at, '2021-06-28T07:00:00.000Z');
  });

  it('drops reminders that would come on or before the day of the first ask', function () {
    const steps = plannedSteps(
      round({ openedAt: '2021-06-28T08:00:00.000Z', deadline: '2021-07-01' }),
      DEFAULT_REMINDER_PLAN,
    );
    assert.deepEqual(
      steps.map((step) => step.key),
      ['ask', 'reminder-2021-06-29', 'reminder-2021-07-01'],
      'the 7-working-days reminder (22 June) lies before the round opened',
    );
  });

  it('reminds only once on a day that two settings point to', function () {
    const steps = plannedSteps(round({ openedAt: '2021-06-01T08:00:00.000Z', deadline: '2021-07-03' }), {
      ...DEFAULT_REMINDER_PLAN,
      remindWorkingDaysBefore: [1, 0],
    });
    // Deadline Saturday: "on the day" is Friday 2 July; 1 working day before is Thursday 1 July.
    assert.deepEqual(
      steps.map((step) => step.key),
      ['ask', 'reminder-2021-07-01', 'reminder-2021-07-02'],
    );
  });
});

describe('stepsDue', function () {
  const open = round({ openedAt: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' });

  it('is only the first ask right after opening', function () {
    assert.deepEqual(
      stepsDue(open, DEFAULT_REMINDER_PLAN, new Date('2021-06-01T08:00:00Z')).map((s) => s.key),
      ['ask'],
    );
  });

  it('includes a reminder from 09:00 on its day, not a minute earlier', function () {
    const before = stepsDue(open, DEFAULT_REMINDER_PLAN, new Date('2021-06-22T06:59:00Z'));
    const at = stepsDue(open, DEFAULT_REMINDER_PLAN, new Date('2021-06-22T07:00:00Z'));
    assert.deepEqual(
      before.map((s) => s.key),
      ['ask'],
    );
    assert.deepEqual(
      at.map((s) => s.key),
      ['ask', 'reminder-2021-06-22'],
    );
  });

  it('with review, tells the coordinator each working day from 09:00 what waits, from the day after opening', function () {
    const reviewed: Round = { ...open, review: true };
    const notes = (at: string, of: Round = reviewed) =>
      stepsDue(of, DEFAULT_REMINDER_PLAN, new Date(at))
        .filter((s) => s.kind === 'reviewDigest')
        .map((s) => s.key);
    assert.deepEqual(notes('2021-06-01T12:00:00Z'), [], 'not on the day the round opened at 10:00');
    assert.deepEqual(notes('2021-06-02T06:59:00Z'), [], 'not before 09:00');
    assert.deepEqual(notes('2021-06-02T07:00:00Z'), ['review-2021-06-02']);
    assert.deepEqual(notes('2021-06-05T12:00:00Z'), [], 'not on a Saturday, nor caught up after it');
    assert.deepEqual(notes('2021-06-02T07:00:00Z', open), [], 'not in a round without review');
  });

  it("adds the coordinator's digest of the day after the deadline, and keeps Friday's over the weekend", function () {
    const digests = (at: string) =>
      stepsDue(open, DEFAULT_REMINDER_PLAN, new Date(at))
        .filter((s) => s.kind === 'digest')
        .map((s) => s.key);
    assert.deepEqual(digests('2021-07-01T12:00:00Z'), [], 'not on the deadline itself');
    assert.deepEqual(digests('2021-07-02T06:59:00Z'), [], 'not before 09:00');
    assert.deepEqual(digests('2021-07-02T07:00:00Z'), ['digest-2021-07-02']);
    assert.deepEqual(digests('2021-07-04T12:00:00Z'), ['digest-2021-07-02'], 'Sunday: still Friday');
    assert.deepEqual(digests('2021-07-05T12:00:00Z'), ['digest-2021-07-05']);
  });

  it('is only the latest reminder when several have passed, so a late start does not flood owners', function () {
    const due = stepsDue(open, DEFAULT_REMINDER_PLAN, new Date('2021-06-30T12:00:00Z'));
    assert.deepEqual(
      due.map((s) => s.key),
      ['ask', 'reminder-2021-06-29'],
    );
  });

  it('has nothing due for a closed round', function () {
    const closed = round({ ...open, status: 'closed' });
    assert.deepEqual(stepsDue(closed, DEFAULT_REMINDER_PLAN, new Date('2021-07-05T12:00:00Z')), []);
  });

  it('sends no digest when the plan says so', function () {
    const due = stepsDue(
      open,
      { ...DEFAULT_REMINDER_PLAN, dailyDigestAfterDeadline: false },
      new Date('2021-07-05T12:00:00Z'),
    );
    assert.equal(
      due.some((s) => s.kind === 'digest'),
      false,
    );
  });

  it('keeps digests at 09:00 Amsterdam time across the autumn DST change', function () {
    const autumn = round({ openedAt: '2021-10-01T08:00:00.000Z', deadline: '2021-10-29' });
    const due = stepsDue(autumn, DEFAULT_REMINDER_PLAN, new Date('2021-11-01T12:00:00Z'));
    assert.deepEqual(
      due.filter((s) => s.kind === 'digest').map((s) => s.at),
      ['2021-11-01T08:00:00.000Z'],
    );
  });
});

describe('weeklyDigestDue', function () {
  // Opened on Tuesday 1 June 2021 at 10:00 Amsterdam time; 09:00 in June is 07:00 UTC.
  const open = round({ openedAt: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' });
  const due = (at: string, of = open) => weeklyDigestDue(of, DEFAULT_REMINDER_PLAN, new Date(at));

  it('is due on the first Monday after the round opened at 09:00, not a minute earlier', function () {
    assert.equal(due('2021-06-07T06:59:00Z'), undefined);
    assert.deepEqual(due('2021-06-07T07:00:00Z'), {
      key: 'weekly-2021-W23',
      kind: 'weekly',
      at: '2021-06-07T07:00:00.000Z',
    });
  });

  it("stays this week's for the rest of the week, so planning it again changes nothing", function () {
    assert.equal(due('2021-06-09T12:00:00Z')?.key, 'weekly-2021-W23');
    assert.equal(due('2021-06-11T14:00:00Z')?.key, 'weekly-2021-W23');
  });

  it('is not due in the week the round opened: its Monday came before the first ask', function () {
    assert.equal(due('2021-06-02T10:00:00Z'), undefined);
  });

  it('is only the latest week after an outage of weeks, never a backlog', function () {
    assert.deepEqual(due('2021-06-23T10:00:00Z'), {
      key: 'weekly-2021-W25',
      kind: 'weekly',
      at: '2021-06-21T07:00:00.000Z',
    });
  });

  it('is never caught up outside office hours: not at the weekend, not on Monday evening', function () {
    assert.equal(due('2021-06-12T10:00:00Z'), undefined);
    assert.equal(due('2021-06-07T16:00:00Z'), undefined);
  });

  it('comes on Tuesday after Whit Monday', function () {
    const may = round({ openedAt: '2021-05-03T08:00:00.000Z', deadline: '2021-06-30' });
    assert.equal(due('2021-05-24T10:00:00Z', may), undefined, 'Whit Monday is a public holiday');
    assert.deepEqual(due('2021-05-25T07:00:00Z', may), {
      key: 'weekly-2021-W21',
      kind: 'weekly',
      at: '2021-05-25T07:00:00.000Z',
    });
  });

  it('goes on after the deadline while the round is open, and stops when it closes', function () {
    assert.equal(due('2021-07-05T07:00:00Z')?.key, 'weekly-2021-W27');
    assert.equal(due('2021-07-05T07:00:00Z', round({ ...open, status: 'closed' })), undefined);
  });

  it('waits for the first ask of a round that holds its cards', function () {
    const held = round({
      openedAt: '2021-06-01T08:00:00.000Z',
      asksFrom: '2021-06-14',
      deadline: '2021-07-01',
    });
    assert.equal(due('2021-06-14T07:00:00Z', held), undefined, 'the cards go out that same moment');
    assert.equal(due('2021-06-21T07:00:00Z', held)?.key, 'weekly-2021-W25');
  });

  it('stays at 09:00 Amsterdam time in winter', function () {
    const autumn = round({ openedAt: '2021-10-01T08:00:00.000Z', deadline: '2021-11-30' });
    assert.equal(due('2021-11-01T08:00:00Z', autumn)?.at, '2021-11-01T08:00:00.000Z');
    assert.equal(due('2021-11-01T07:30:00Z', autumn), undefined, '08:30 in winter time');
  });
});

describe('nextWeeklyDigestAt', function () {
  const open = round({ openedAt: '2021-06-01T08:00:00.000Z', deadline: '2021-07-01' });
  const next = (from: string) =>
    nextWeeklyDigestAt(open, DEFAULT_REMINDER_PLAN, new Date(from))?.toISOString();

  it("is next Monday's for a channel switched on during the week", function () {
    assert.equal(next('2021-06-09T12:00:00Z'), '2021-06-14T07:00:00.000Z');
  });

  it("is this Monday's when switched on before 09:00 on Monday, and next week's after", function () {
    assert.equal(next('2021-06-07T06:30:00Z'), '2021-06-07T07:00:00.000Z');
    assert.equal(next('2021-06-07T07:30:00Z'), '2021-06-14T07:00:00.000Z');
  });
});
