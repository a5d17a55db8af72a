import assert from 'node:assert/strict';

import { DomainError, type ErrorCode } from '../../../src/domain/errors';

// A record rather than a list, so that the compiler refuses this file when a code is added
// to the domain and not to this test.
const EVERY_CODE = Object.keys({
  NOT_COORDINATOR: true,
  INVALID_ROUND_KIND: true,
  INVALID_YEAR: true,
  INVALID_DEADLINE: true,
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

describe('DomainError', () => {
  it('carries its code as a stable name for logs and tests', () => {
    const error = new DomainError('ROUND_CLOSED');

    assert.ok(error instanceof Error);
    assert.equal(error.name, 'DomainError');
    assert.equal(error.code, 'ROUND_CLOSED');
  });

  for (const code of EVERY_CODE) {
    it(`explains ${code} in Dutch and in English, differently`, () => {
      const error = new DomainError(code);
      const nl = error.messageFor('nl');
      const en = error.messageFor('en');

      assert.ok(nl.trim().length > 0, `${code} has no Dutch message`);
      assert.ok(en.trim().length > 0, `${code} has no English message`);
      assert.notEqual(nl, en);
      assert.ok(!nl.includes(code) && !en.includes(code), `${code} shows its code to the user`);
    });
  }

  it('gives every code its own message, so no two refusals read the same', () => {
    for (const language of ['nl', 'en'] as const) {
      const messages = EVERY_CODE.map((code) => new DomainError(code).messageFor(language));

      assert.equal(new Set(messages).size, messages.length, `duplicate ${language} messages`);
    }
  });
});
