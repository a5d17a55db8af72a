import assert from 'node:assert/strict';

import { compareProjectNumbers } from '../../../src/domain/natural-order';

describe('compareProjectNumbers', () => {
  it('sorts 2 before 4.2.3 before 4.10 before 10', () => {
    const numbers = ['10', '4.10', '2', '4.2.3'];

    assert.deepEqual(numbers.sort(compareProjectNumbers), ['2', '4.2.3', '4.10', '10']);
  });

  it('compares the last part as a number, so 4.2.4 comes before 4.2.10', () => {
    assert.ok(compareProjectNumbers('4.2.4', '4.2.10') < 0);
    assert.ok(compareProjectNumbers('4.2.10', '4.2.4') > 0);
  });

  it('puts a number before the numbers nested under it', () => {
    assert.ok(compareProjectNumbers('4.2', '4.2.1') < 0);
    assert.ok(compareProjectNumbers('4.2.1', '4.2') > 0);
  });

  it('finds a number equal to itself', () => {
    assert.equal(compareProjectNumbers('4.2.3', '4.2.3'), 0);
  });
});
