import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EMPTY_RAW_ANSWER, placeIn, validateAnswer, type RawAnswer } from '../../../src/domain/answer';
import { compileChapter } from '../../../src/domain/chapter';
import type { Round, StatusUpdate } from '../../../src/domain/model';
import { FIXTURE_ROUND, FIXTURE_UPDATES } from '../report/chapter-fixture';

const ANSWER = 'De oplevering is nu voorzien in het tweede\nkwartaal van 2022. De koppeling volgt.';

function raw(fields: Partial<RawAnswer>): RawAnswer {
  return { ...EMPTY_RAW_ANSWER, status: 'vertraagd', answer: ANSWER, ...fields };
}

describe('the place of a footnote', () => {
  describe('placeIn', () => {
    it('finds the words in any case and across any white space, and says where they end', () => {
      assert.equal(placeIn(ANSWER, 'tweede kwartaal'), ANSWER.indexOf('kwartaal') + 'kwartaal'.length);
      assert.equal(placeIn(ANSWER, '  TWEEDE   Kwartaal '), ANSWER.indexOf('kwartaal') + 'kwartaal'.length);
      assert.equal(placeIn(ANSWER, 'derde kwartaal'), undefined);
      assert.equal(placeIn(ANSWER, '   '), undefined);
    });

    it('takes the words as text, never as a pattern', () => {
      assert.equal(
        placeIn('Kosten (ca. € 40.000) gedekt.', '(ca. € 40.000)'),
        'Kosten (ca. € 40.000)'.length,
      );
      assert.equal(placeIn('abc', '.*'), undefined);
    });

    it('finds any run of words taken from the answer', () => {
      fc.assert(
        fc.property(
          fc.array(fc.stringMatching(/^[\p{L}\d€.,()]{1,8}$/u), { minLength: 1, maxLength: 12 }),
          fc.nat(),
          fc.nat(),
          (words, a, b) => {
            const answer = words.join(' ');
            const from = a % words.length;
            const to = from + 1 + (b % (words.length - from));
            const end = placeIn(answer, words.slice(from, to).join('  '));
            assert.ok(end !== undefined && end <= answer.length);
          },
        ),
        { seed: 20261205, numRuns: 300 },
      );
    });
  });

  describe('validateAnswer', () => {
    it('keeps a place whose words are in the answer', () => {
      const result = validateAnswer(
        'voortgangsrapportage',
        2021,
        raw({ deviation: 'Later dan gepland.', deviationAt: 'tweede kwartaal' }),
      );
      assert.ok(result.ok);
      assert.equal(result.fields.deviationAt, 'tweede kwartaal');
    });

    it('refuses words that are not in the answer, a place without a note, and a place too long', () => {
      const result = validateAnswer(
        'voortgangsrapportage',
        2021,
        raw({
          deviation: 'Later dan gepland.',
          deviationAt: 'derde kwartaal',
          financialAt: 'De koppeling',
        }),
      );
      assert.ok(!result.ok);
      assert.deepEqual(result.problems, {
        deviationAt: 'not-in-answer',
        financialAt: 'no-note',
      });
      const long = validateAnswer(
        'voortgangsrapportage',
        2021,
        raw({ financial: 'Geen kosten.', financialAt: 'x'.repeat(201) }),
      );
      assert.deepEqual(!long.ok && long.problems, { financialAt: 'too-long' });
    });
  });

  describe('in the chapter', () => {
    const round: Round = FIXTURE_ROUND;
    const update = (fields: Record<string, string>): StatusUpdate => ({
      ...(FIXTURE_UPDATES[1] ?? assert.fail()),
      versions: [
        {
          status: 'vertraagd',
          answer: ANSWER,
          ...fields,
          answeredAt: '2021-06-10T10:00:00.000Z',
          answeredBy: 'o',
          answeredByName: 'O',
        },
      ],
    });
    const answerOf = (fields: Record<string, string>) =>
      compileChapter(round, [update(fields)], '2021-07-01').groups[0]?.sections[0]?.entries[2]?.answer;

    it('puts each reference right after its words, numbered in reading order', () => {
      const chapter = compileChapter(
        round,
        [
          update({
            deviation: 'Oorspronkelijk eind 2021.',
            deviationAt: 'tweede kwartaal',
            financial: 'Geen extra kosten.',
            financialAt: 'De oplevering',
          }),
        ],
        '2021-07-01',
      );
      assert.deepEqual(chapter.groups[0]?.sections[0]?.entries[2]?.answer, [
        { text: 'De oplevering' },
        { footnote: 1 },
        { text: ' is nu voorzien in het tweede\nkwartaal' },
        { footnote: 2 },
        { text: ' van 2022. De koppeling volgt.' },
      ]);
      assert.deepEqual(
        chapter.footnotes.map((note) => note.text),
        ['Geen extra kosten.', 'Oorspronkelijk eind 2021.'],
      );
    });

    it('puts a note at the end when it has no place, or its words are gone', () => {
      assert.deepEqual(answerOf({ deviation: 'Later.' }), [{ text: ANSWER }, { footnote: 1 }]);
      assert.deepEqual(answerOf({ deviation: 'Later.', deviationAt: 'niet meer in de tekst' }), [
        { text: ANSWER },
        { footnote: 1 },
      ]);
    });

    it('never changes the answer: without the references it is the owner’s text', () => {
      const parts = answerOf({
        deviation: 'a',
        deviationAt: 'volgt.',
        financial: 'b',
        financialAt: 'volgt.',
      });
      assert.ok(parts);
      assert.equal(parts.map((part) => ('text' in part ? part.text : '')).join(''), ANSWER);
      assert.deepEqual(
        parts.filter((part) => 'footnote' in part),
        [{ footnote: 1 }, { footnote: 2 }],
      );
    });
  });
});
