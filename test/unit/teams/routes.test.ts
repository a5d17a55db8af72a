import assert from 'node:assert/strict';

import { findCommand } from '../../../src/teams/routes';

describe('commands', () => {
  for (const [text, review] of [
    ['ronde open jaarverslag 2021 tot 1-2-2022', undefined],
    ['ronde open voortgangsrapportage 2021 tot 1-7-2021 met beoordeling', 'met'],
    ['ronde open jaarverslag 2021 tot 1-2-2022 vanaf 3-1-2022 zonder beoordeling', 'zonder'],
    ['round open jaarverslag 2021 until 2022-02-01 without review', 'without'],
    ['round open voortgangsrapportage 2021 until 2021-07-01 from 2021-06-07 with review', 'with'],
  ] as const) {
    it(`opens a round with the review choice of "${text}"`, () => {
      const found = findCommand(text);

      assert.equal(found?.command.name, 'open-round');
      assert.equal(found.match[5], review);
    });
  }

  for (const [text, deadline, from, review] of [
    ['ronde open voortgangsrapportage 2026 tot 19 december 2026', '19 december 2026', undefined, undefined],
    ['ronde open jaarverslag 2026 tot 19 dec 2026 met beoordeling', '19 dec 2026', undefined, 'met'],
    [
      'ronde open jaarverslag 2026 tot 1 februari 2027 vanaf 4 januari 2027 zonder beoordeling',
      '1 februari 2027',
      '4 januari 2027',
      'zonder',
    ],
    [
      'round open jaarverslag 2026 until february 1, 2027 from january 4 with review',
      'february 1, 2027',
      'january 4',
      'with',
    ],
    ['ronde open voortgangsrapportage 2026 tot 19 decmber 2026', '19 decmber 2026', undefined, undefined],
  ] as const) {
    it(`reads a date of several words in "${text}"`, () => {
      const found = findCommand(text);

      assert.equal(found?.command.name, 'open-round');
      assert.deepEqual([found.match[3], found.match[4], found.match[5]], [deadline, from, review]);
    });
  }

  for (const [text, mode] of [
    ['jaarverslag 2021', undefined],
    ['jaarverslag 2021 concept', 'concept'],
    ['voortgangsrapportage 2021 definitief', 'definitief'],
    ['jaarverslag 2021 final', 'final'],
  ] as const) {
    it(`compiles in the mode of "${text}"`, () => {
      const found = findCommand(text);

      assert.equal(found?.command.name, 'compile');
      assert.equal(found.match[3], mode);
    });
  }

  for (const text of [
    '?',
    'help',
    'hulp',
    'hulp!',
    'help?',
    'wat moet ik doen?',
    'wat kan ik doen',
    'wat kan ik hier doen?',
    'what should i do?',
    'what can i do',
    'commando’s',
  ]) {
    it(`shows the help for "${text}"`, () => {
      assert.equal(findCommand(text)?.command.name, 'help');
    });
  }

  for (const text of ['beoordelen', 'review']) {
    it(`shows the review queue for "${text}"`, () => {
      assert.equal(findCommand(text)?.command.name, 'review');
    });
  }
});
