import assert from 'node:assert/strict';

import type { ReviewDecisionKind, Round, StatusUpdate } from '../../../src/domain/model';
import { answerStateOf, progressFigures } from '../../../src/domain/progress';
import { COORDINATOR, answer, project, round, statusUpdate } from './fixtures';

type Counted = StatusUpdate & { readonly hasDraft?: boolean };

const decided = (update: StatusUpdate, decision: ReviewDecisionKind): StatusUpdate => ({
  ...update,
  decisions: [
    {
      version: update.versions.length,
      decision,
      by: COORDINATOR.id,
      byName: 'Alex Wilber',
      at: '2021-06-11T09:00:00.000Z',
    },
  ],
});

/** A round of seven projects over two speerpunten, one in every state there is. */
function roundOfSeven(of: Round): Counted[] {
  const kwaliteit = (number: string) => project(number, { speerpunt: 'Kwaliteit' });
  const dienst = (number: string) => project(number, { speerpunt: 'Dienstverlening' });
  const answered = (about: ReturnType<typeof project>) => statusUpdate(of, about, [answer('Tekst.')]);
  return [
    statusUpdate(of, kwaliteit('10')),
    decided(answered(kwaliteit('2')), 'approved'),
    answered(dienst('3')),
    { ...statusUpdate(of, dienst('4.2.3')), hasDraft: true },
    { ...decided(answered(kwaliteit('4.2.10')), 'sentBack'), hasDraft: true },
    decided(answered(dienst('5')), 'approved'),
    statusUpdate(of, kwaliteit('1')),
  ];
}

describe('progressFigures', () => {
  const withReview = round({ kind: 'jaarverslag', review: true });
  const withoutReview = round();

  it('puts every project in exactly one state, so the states add up to the projects', () => {
    const updates = roundOfSeven(withReview);

    const { states } = progressFigures(updates, withReview);

    assert.deepEqual(states, { answered: 3, draft: 1, open: 2, sentBack: 1 });
    assert.equal(states.answered + states.draft + states.open + states.sentBack, updates.length);
  });

  it('counts a sent-back answer as sent back, even with a concept saved: it is owed again', () => {
    const [sentBack] = roundOfSeven(withReview).filter((update) => update.project.number === '4.2.10');
    assert.ok(sentBack);

    assert.equal(answerStateOf(sentBack), 'sentBack');
  });

  it('counts an answer with a concept of a change as answered', () => {
    const edited = { ...statusUpdate(withoutReview, project('7'), [answer('Tekst.')]), hasDraft: true };

    assert.equal(answerStateOf(edited), 'answered');
  });

  it('draws a bar per speerpunt, in the order of its first project, with answered of all', () => {
    const { speerpunten } = progressFigures(roundOfSeven(withReview), withReview);

    assert.deepEqual(speerpunten, [
      { speerpunt: 'Kwaliteit', answered: 1, total: 4 },
      { speerpunt: 'Dienstverlening', answered: 2, total: 3 },
    ]);
    assert.equal(
      speerpunten.reduce((sum, bar) => sum + bar.total, 0),
      7,
      'every project in one bar',
    );
  });

  it('takes a speerpunt typed with other capitals or spaces as the same speerpunt', () => {
    const { speerpunten } = progressFigures(
      [
        statusUpdate(withoutReview, project('1', { speerpunt: 'Kwaliteit' })),
        statusUpdate(withoutReview, project('2', { speerpunt: 'kwaliteit ' }), [answer('Tekst.')]),
      ],
      withoutReview,
    );

    assert.deepEqual(speerpunten, [{ speerpunt: 'Kwaliteit', answered: 1, total: 2 }]);
  });

  it('counts submitted, approved and sent back in a round with review', () => {
    const { review } = progressFigures(roundOfSeven(withReview), withReview);

    assert.deepEqual(review, { submitted: 1, approved: 2, sentBack: 1 });
  });

  it('has no review figures in a round without review', () => {
    const figures = progressFigures(roundOfSeven(withoutReview), withoutReview);

    assert.equal('review' in figures, false);
  });

  it('has nothing to draw for a round without projects', () => {
    assert.deepEqual(progressFigures([], withoutReview), {
      states: { answered: 0, draft: 0, open: 0, sentBack: 0 },
      speerpunten: [],
    });
  });
});
