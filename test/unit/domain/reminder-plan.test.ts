import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_PLAN, plannedSteps, stepsDue } from '../../../src/domain/reminder-plan';
import { round } from './fixtures';

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
