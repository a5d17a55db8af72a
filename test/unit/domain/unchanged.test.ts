import assert from 'node:assert/strict';
import { leftUnchanged } from '../../../src/domain/review';

const LAST_YEAR =
  'In het eerste halfjaar is in alle vier de organisaties in kaart gebracht welke werkprocessen nog niet ' +
  'zaakgericht verlopen. Per organisatie ligt er nu een plan van aanpak met een planning per proces. ' +
  'Ruim zeventig procent van de medewerkers heeft de training afgerond; de overige trainingen staan ' +
  'gepland voor september en oktober. De toezichthouder heeft in mei een tussentijdse toets gedaan.';

describe('leftUnchanged: an answer that is last round’s again', () => {
  it('flags the same text, and the same text with a figure or a date changed', () => {
    assert.equal(leftUnchanged(LAST_YEAR, LAST_YEAR), true);
    assert.equal(leftUnchanged(LAST_YEAR.replace('zeventig', 'tachtig'), LAST_YEAR), true);
    assert.equal(
      leftUnchanged(`  ${LAST_YEAR.toUpperCase()}\n`, LAST_YEAR),
      true,
      'case and spacing do not count',
    );
  });

  it('does not flag an answer with a sentence of news, a rewritten one, or no last answer', () => {
    assert.equal(
      leftUnchanged(
        `${LAST_YEAR} In november is het beleid vastgesteld en is de uitvoering gestart.`,
        LAST_YEAR,
      ),
      false,
    );
    assert.equal(leftUnchanged('Het project is afgerond en overgedragen aan de lijn.', LAST_YEAR), false);
    assert.equal(leftUnchanged(LAST_YEAR, undefined), false);
    assert.equal(leftUnchanged(LAST_YEAR, ''), false);
  });

  it('gives up early on two long texts that differ everywhere, instead of spending seconds on them', () => {
    const one = Array.from({ length: 1_000 }, (_, i) => `woord${i}`).join(' ');
    const other = Array.from({ length: 1_000 }, (_, i) => `ander${i}`).join(' ');
    assert.equal(leftUnchanged(one, other), false);
  });
});
