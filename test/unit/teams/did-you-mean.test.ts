import assert from 'node:assert/strict';

import { suggestionsFor } from '../../../src/teams/commands/did-you-mean';
import { findCommand } from '../../../src/teams/routes';

/** The command suggested first for a text, whoever may give it. */
function nearest(text: string): string | undefined {
  return suggestionsFor(text, findCommand)[0]?.command;
}

describe('suggestionsFor', () => {
  for (const [typed, meant] of [
    ['samenvattnig', 'samenvatting'],
    ['samenvating 4.2.2', 'samenvatting 4.2.2'],
    ['sumary', 'summary'],
    ['geschiedens 4.2.2', 'geschiedenis 4.2.2'],
    ['histroy 4.2.2', 'history 4.2.2'],
    ['invulen', 'invullen'],
    ['fil in 4.2.3', 'fill in 4.2.3'],
    ['hlup', 'hulp'],
    ['hlep', 'help'],
    ['tal en', 'taal en'],
    ['beoordeln', 'beoordelen'],
    ['stauts', 'status'],
    [
      'ronde opne voortgangsrapportage 2026 tot 19 december 2026',
      'ronde open voortgangsrapportage 2026 tot 19 december 2026',
    ],
    ['rond sluit jaarverslag 2026', 'ronde sluit jaarverslag 2026'],
    ['jaarverslg 2021', 'jaarverslag 2021'],
    ['delegeeer 4.2.3 aan j.jansen@gemeente.nl', 'delegeer 4.2.3 aan j.jansen@gemeente.nl'],
  ] as const) {
    it(`takes "${typed}" for "${meant}", keeping the argument`, () => {
      assert.equal(nearest(typed), meant);
    });
  }

  it('puts a project number where it belongs after the right command words', () => {
    assert.equal(nearest('geschiedenis van 4.2.2'), 'geschiedenis 4.2.2');
    assert.equal(nearest('invullen project 4.2.3'), 'invullen 4.2.3');
  });

  it('suggests nothing when no command is close', () => {
    for (const text of ['doe iets raars', 'kaas', 'goedemorgen', 'x', 'bedankt!', 'ok']) {
      assert.deepEqual(suggestionsFor(text, findCommand), [], text);
    }
  });

  it('suggests only what would be understood: a command word with an argument it cannot take is no suggestion', () => {
    assert.deepEqual(suggestionsFor('taal klingon', findCommand), []);
    assert.deepEqual(suggestionsFor('stauts 4.2.2', findCommand), []);
  });

  it('says who may give each suggestion, so that only those are offered', () => {
    assert.deepEqual(
      ['samenvattnig', 'stauts', 'beoordeln'].map((text) => suggestionsFor(text, findCommand)[0]?.role),
      ['everyone', 'coordinator', 'reviewer'],
    );
  });
});
