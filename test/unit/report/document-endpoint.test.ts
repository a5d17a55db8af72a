import assert from 'node:assert/strict';
import type { Request, Response } from 'restify';

import { compileChapter } from '../../../src/domain/chapter';
import { FinalBlocked, type CompileMode } from '../../../src/domain/use-cases/compile-report';
import { logger } from '../../../src/logger';
import { documentEndpoint } from '../../../src/report/document-endpoint';
import { signedPath } from '../../../src/report/signed-links';
import { FixedClock } from '../../support/fixed-clock';
import { project, round, statusUpdate } from '../domain/fixtures';

const SECRET = 'a-document-secret-of-at-least-32-characters';
const ROUND = round({ kind: 'jaarverslag', review: true });
const clock = new FixedClock('2021-06-15T08:00:00Z');

/** What the endpoint answered: a status and a JSON body, or a document. */
interface Answer {
  status: number;
  body: unknown;
}

/** GETs `/api/documents/<file>` with a link signed for it, the way restify hands it over. */
async function get(
  file: string,
  compile: (roundId: string, mode: CompileMode) => Promise<never>,
): Promise<Answer> {
  const url = new URL(
    `http://bot${signedPath(SECRET, `documents/${file}`, new Date(clock.now().getTime() + 60_000))}`,
  );
  const answer: Answer = { status: 0, body: undefined };
  const req = {
    params: { file },
    query: Object.fromEntries(url.searchParams),
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as Request;
  const res = {
    send(status: number, body: unknown) {
      answer.status = status;
      answer.body = body;
    },
    writeHead(status: number) {
      answer.status = status;
    },
    end(body: unknown) {
      answer.body = body;
    },
  } as unknown as Response;
  await documentEndpoint({ secret: SECRET, clock, compile, log: logger.child({}, { level: 'silent' }) })(
    req,
    res,
  );
  return answer;
}

describe('documentEndpoint', () => {
  it('compiles a -definitief link in final mode and answers 409, naming nothing, while anything blocks it', async () => {
    const modes: CompileMode[] = [];
    const chapter = compileChapter(ROUND, [statusUpdate(ROUND, project('1'))], '2021-06-15');

    const answer = await get('jaarverslag-2021-definitief.md', (_roundId, mode) => {
      modes.push(mode);
      return Promise.reject(new FinalBlocked(ROUND, chapter.blockers));
    });

    assert.deepEqual(modes, ['final']);
    assert.equal(answer.status, 409);
    assert.equal((answer.body as { error: { code: string } }).error.code, 'NotFinal');
    assert.doesNotMatch(JSON.stringify(answer.body), /Project 1/);
  });

  it('compiles a plain link as the draft', async () => {
    const modes: CompileMode[] = [];

    await get('jaarverslag-2021.md', (_roundId, mode) => {
      modes.push(mode);
      return Promise.reject(new Error('store down'));
    });

    assert.deepEqual(modes, ['draft']);
  });
});
