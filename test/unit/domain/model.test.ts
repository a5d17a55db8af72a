import assert from 'node:assert/strict';
import { parseRoundId, roundAfter, roundBefore, roundIdOf, ROUND_KINDS } from '../../../src/domain/model';

describe('round ids and the cycle', () => {
  it('parses every round id back into its kind and year', () => {
    for (const kind of ROUND_KINDS) {
      for (const year of [2000, 2021, 2100])
        assert.deepEqual(parseRoundId(roundIdOf(kind, year)), { kind, year });
    }
  });

  it('gives nothing for an id of another shape', () => {
    for (const id of [
      '',
      'jaarverslag',
      'jaarverslag-21',
      'begroting-2021',
      'published:jaarverslag-2021',
      'Jaarverslag-2021',
    ]) {
      assert.equal(parseRoundId(id), undefined, id);
    }
  });

  it('goes round the planning and control cycle both ways', () => {
    assert.deepEqual(roundAfter('jaarverslag', 2022), { kind: 'voortgangsrapportage', year: 2023 });
    assert.deepEqual(roundAfter('voortgangsrapportage', 2023), { kind: 'jaarverslag', year: 2023 });
    for (const kind of ROUND_KINDS) {
      const next = roundAfter(kind, 2022);
      assert.deepEqual(roundBefore(next.kind, next.year), { kind, year: 2022 });
    }
  });
});
