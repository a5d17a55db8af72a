import assert from 'node:assert/strict';

import { roundOf } from '../../../../src/teams/actions/card-data';

describe('roundOf', () => {
  it('reads the round a summary or review button keeps', () => {
    assert.deepEqual(roundOf({ round: 'jaarverslag-2021' }), { kind: 'jaarverslag', year: 2021 });
    assert.deepEqual(roundOf({ round: 'voortgangsrapportage-2022', page: 2 }), {
      kind: 'voortgangsrapportage',
      year: 2022,
    });
  });

  it('gives no round for an older card, the current round, or anything forged', () => {
    for (const round of [
      undefined,
      '',
      'jaarverslag',
      'begroting-2021',
      'published:jaarverslag-2021',
      2021,
      {},
      ['jaarverslag-2021'],
    ]) {
      assert.equal(roundOf(round === undefined ? {} : { round }), undefined, JSON.stringify(round));
    }
  });
});
