import assert from 'node:assert/strict';
import {
  newestInCycleFirst,
  parseRoundId,
  roundAfter,
  roundBefore,
  roundIdOf,
  roundNamedIn,
  ROUND_KINDS,
} from '../../../src/domain/model';

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

describe('roundNamedIn', () => {
  it('takes the round off the start of a command’s words and leaves the rest', () => {
    assert.deepEqual(roundNamedIn('voortgangsrapportage 2021'), {
      round: { kind: 'voortgangsrapportage', year: 2021 },
      rest: '',
    });
    assert.deepEqual(roundNamedIn('Jaarverslag 2021  Kwaliteit'), {
      round: { kind: 'jaarverslag', year: 2021 },
      rest: 'kwaliteit',
    });
    assert.deepEqual(roundNamedIn('jaarverslag 2021 ict en data'), {
      round: { kind: 'jaarverslag', year: 2021 },
      rest: 'ict en data',
    });
  });

  it('reads the English names of the kinds, as the English cards show them', () => {
    assert.deepEqual(roundNamedIn('Annual report 2021 kwaliteit'), {
      round: { kind: 'jaarverslag', year: 2021 },
      rest: 'kwaliteit',
    });
    assert.deepEqual(roundNamedIn('progress report 2022'), {
      round: { kind: 'voortgangsrapportage', year: 2022 },
      rest: '',
    });
    assert.deepEqual(roundNamedIn('annual reports'), { rest: 'annual reports' });
  });

  it('names no round when the words do not start with a kind, and leaves them as they are', () => {
    for (const words of [
      '',
      'kwaliteit',
      '4.2.3',
      'Dienstverlening en ICT',
      '2021 jaarverslag',
      'jaarverslagen 2021',
    ]) {
      assert.deepEqual(roundNamedIn(words), { rest: words.trim() }, words);
    }
  });

  it('calls a kind without a year of four digits incomplete, so it is never read as a speerpunt', () => {
    assert.deepEqual(roundNamedIn('jaarverslag'), { round: 'incomplete', rest: '' });
    assert.deepEqual(roundNamedIn('jaarverslag 21'), { round: 'incomplete', rest: '21' });
    assert.deepEqual(roundNamedIn('voortgangsrapportage kwaliteit'), {
      round: 'incomplete',
      rest: 'kwaliteit',
    });
  });
});

describe('newestInCycleFirst', () => {
  it('orders rounds as the cycle runs, newest first, whatever order they were opened in', () => {
    const rounds = [
      { kind: 'voortgangsrapportage', year: 2020 },
      { kind: 'jaarverslag', year: 2021 },
      { kind: 'jaarverslag', year: 2020 },
      { kind: 'voortgangsrapportage', year: 2021 },
    ] as const;

    assert.deepEqual(
      [...rounds].sort(newestInCycleFirst).map(({ kind, year }) => roundIdOf(kind, year)),
      ['jaarverslag-2021', 'voortgangsrapportage-2021', 'jaarverslag-2020', 'voortgangsrapportage-2020'],
    );
  });
});
