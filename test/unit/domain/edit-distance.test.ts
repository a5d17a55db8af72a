import assert from 'node:assert/strict';

import { editDistance, nearestWord, typoAllowance } from '../../../src/domain/edit-distance';

describe('editDistance', () => {
  it('is 0 for the same word and the length of the other for an empty one', () => {
    assert.equal(editDistance('samenvatting', 'samenvatting'), 0);
    assert.equal(editDistance('', 'hulp'), 4);
    assert.equal(editDistance('hulp', ''), 4);
  });

  it('counts a letter left out, one too many and one replaced as one edit each', () => {
    assert.equal(editDistance('geschiedens', 'geschiedenis'), 1);
    assert.equal(editDistance('samenvattting', 'samenvatting'), 1);
    assert.equal(editDistance('stutus', 'status'), 1);
  });

  it('counts two neighbours swapped as one edit, the typo people make most', () => {
    assert.equal(editDistance('samenvattnig', 'samenvatting'), 1);
    assert.equal(editDistance('hlup', 'hulp'), 1);
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(editDistance('coördinator', 'coordinator'), 1);
    assert.equal(editDistance('😀a', 'a'), 1);
  });
});

describe('nearestWord', () => {
  const COMMANDS = ['hulp', 'help', 'samenvatting', 'status', 'geschiedenis', 'taal'];

  it('finds the word a typo stands for', () => {
    assert.equal(nearestWord('samenvattnig', COMMANDS), 'samenvatting');
    assert.equal(nearestWord('stauts', COMMANDS), 'status');
    assert.equal(nearestWord('hlep', COMMANDS), 'help');
  });

  it('finds nothing when no word is close', () => {
    assert.equal(nearestWord('kaas', COMMANDS), undefined);
    assert.equal(nearestWord('vergadering', COMMANDS), undefined);
  });

  it('takes the closest of several, the first of equally close ones', () => {
    assert.equal(nearestWord('hulp', COMMANDS), 'hulp');
    assert.equal(nearestWord('hlp', ['hulp', 'help']), 'hulp');
  });

  it('allows no typo in a word of three letters, one up to six and two from seven on', () => {
    assert.deepEqual(
      ['dec', 'taal', 'status', 'augustus', 'samenvatting'].map(typoAllowance),
      [0, 1, 1, 2, 2],
    );
  });
});
