import assert from 'node:assert/strict';

import fc from 'fast-check';
import { compareProjectNumbers, sortByProjectNumber } from '../../../src/domain/natural-order';

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

describe('sortByProjectNumber', () => {
  it('orders exactly as compareProjectNumbers does, whatever the numbers', () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 120 }).map(String),
      fc.constantFrom('02', '0', 'a', 'B', '4a', ' 3', ''),
    );
    const number = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(fc.array(number, { maxLength: 40 }), (numbers) => {
        const expected = [...numbers].sort(compareProjectNumbers);
        const sorted = sortByProjectNumber(numbers, (n) => n);
        // Equal numbers may swap places; what each place holds compares equal.
        sorted.forEach((n, i) => {
          assert.equal(compareProjectNumbers(n, expected[i] ?? ''), 0, `${n} at ${i}`);
        });
      }),
    );
  });

  it('keeps what it sorts whole: every item once', () => {
    const items = [{ n: '4.2.10' }, { n: '2' }, { n: '4.2.3' }];
    assert.deepEqual(
      sortByProjectNumber(items, (item) => item.n).map((item) => item.n),
      ['2', '4.2.3', '4.2.10'],
    );
  });
});
