import assert from 'node:assert/strict';

import { amsterdamDate } from '../../../src/domain/clock';

describe('amsterdamDate', () => {
  it('is already the next day in Amsterdam at 22:30 UTC in summer', () => {
    assert.equal(amsterdamDate(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
  });

  it('is still the same day in Amsterdam at 21:59 UTC in summer', () => {
    assert.equal(amsterdamDate(new Date('2026-06-30T21:59:00Z')), '2026-06-30');
  });

  it('turns the year at 23:00 UTC in winter, one hour ahead of UTC', () => {
    assert.equal(amsterdamDate(new Date('2026-12-31T22:59:59Z')), '2026-12-31');
    assert.equal(amsterdamDate(new Date('2026-12-31T23:00:00Z')), '2027-01-01');
  });
});
