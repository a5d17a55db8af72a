import assert from 'node:assert/strict';

import { DomainError, type ErrorCode } from '../../../src/domain/errors';

// A record rather than a list, so that the compiler refuses this file when a code is added
// to the domain and not to this test.
const EVERY_CODE = Object.keys({
  NOT_COORDINATOR: true,
  INVALID_ROUND_KIND: true,
  INVALID_YEAR: true,
  UNKNOWN_DATE: true,
  NONEXISTENT_DATE: true,
  DEADLINE_IN_PAST: true,
  ROUND_ALREADY_OPEN: true,
  CLOSE_OUTDATED: true,
  NO_PROJECTS: true,
  NO_ROUND: true,
  NO_OPEN_ROUND: true,
  ROUND_NOT_FOUND: true,
  ROUND_CLOSED: true,
  UNKNOWN_PROJECT: true,
  NOT_PROJECT_OWNER: true,
  ANSWER_INVALID: true,
  ANSWER_CONFLICT: true,
  CONCURRENT_EDIT: true,
  NOT_A_DELEGATE_ADDRESS: true,
  PROJECT_NOT_IN_ROUND: true,
  SPEERPUNT_NOT_IN_ROUND: true,
  UNKNOWN_PROJECT_NUMBER: true,
  NOT_PROJECT_READER: true,
  NOT_PROJECT_DELEGATOR: true,
  OPEN_DATE_AFTER_DEADLINE: true,
  NOTHING_RECOGNISED: true,
  REGISTER_DRAFT_NOT_FOUND: true,
  NOT_REVIEWER: true,
  SELF_REVIEW: true,
  COMMENT_REQUIRED: true,
  COMMENT_TOO_LONG: true,
  INVALID_DECISION: true,
  UNKNOWN_VERSION: true,
  VERSION_NOT_LATEST: true,
  ALREADY_DECIDED: true,
  REVIEW_OFF: true,
  NO_REVIEW_ROUND: true,
  FINAL_BLOCKED: true,
  NOT_PROJECT_HISTORY: true,
  NOT_REMINDER_RECIPIENT: true,
  PROJECT_NOT_IN_OPEN_ROUND: true,
  DELEGATE_UNKNOWN: true,
} satisfies Record<ErrorCode, true>) as ErrorCode[];

/** A refusal of any code; the ones about a typed date name it. */
function errorOf(code: ErrorCode): DomainError {
  return code === 'UNKNOWN_DATE' || code === 'NONEXISTENT_DATE' || code === 'DEADLINE_IN_PAST'
    ? new DomainError(code, { typed: '31 juni 2020', date: '2020-06-30' })
    : new DomainError(code);
}

describe('DomainError', () => {
  it('carries its code as a stable name for logs and tests', () => {
    const error = new DomainError('ROUND_CLOSED');

    assert.ok(error instanceof Error);
    assert.equal(error.name, 'DomainError');
    assert.equal(error.code, 'ROUND_CLOSED');
  });

  for (const code of EVERY_CODE) {
    it(`explains ${code} in Dutch and in English, differently`, () => {
      const error = errorOf(code);
      const nl = error.messageFor('nl');
      const en = error.messageFor('en');

      assert.ok(nl.trim().length > 0, `${code} has no Dutch message`);
      assert.ok(en.trim().length > 0, `${code} has no English message`);
      assert.notEqual(nl, en);
      assert.ok(!nl.includes(code) && !en.includes(code), `${code} shows its code to the user`);
    });
  }

  it('names the date that was typed, and what would do instead', () => {
    const error = new DomainError('UNKNOWN_DATE', { typed: '19 decmber 2026', date: '2026-12-19' });

    assert.equal(error.code, 'UNKNOWN_DATE');
    assert.equal(
      error.messageFor('nl'),
      '‘19 decmber 2026’ is geen datum die ik ken; schrijf bijvoorbeeld 19 december 2026 of 19-12-2026.',
    );
    assert.equal(
      error.messageFor('en'),
      '‘19 decmber 2026’ is not a date I know; write for example 19 December 2026 or 2026-12-19.',
    );
  });

  it('gives every code its own message, so no two refusals read the same', () => {
    for (const language of ['nl', 'en'] as const) {
      const messages = EVERY_CODE.map((code) => errorOf(code).messageFor(language));

      assert.equal(new Set(messages).size, messages.length, `duplicate ${language} messages`);
    }
  });
});
