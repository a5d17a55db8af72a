import assert from 'node:assert/strict';
import type { Request, Response } from 'restify';

import { DomainError } from '../../../src/domain/errors';
import type { AnswerSheet } from '../../../src/domain/use-cases/answer-sheet';
import type { Reader } from '../../../src/domain/use-cases/reader-scope';
import { logger } from '../../../src/logger';
import { answerSheetEndpoint } from '../../../src/report/answer-sheet-endpoint';
import { signedPath } from '../../../src/report/signed-links';
import { FixedClock } from '../../support/fixed-clock';

const SECRET = 'a-document-secret-of-at-least-32-characters';
const clock = new FixedClock('2021-12-15T08:00:00Z');

interface Answer {
  status: number;
  body: unknown;
}

/** GETs `/api/answer-sheets/<reader>/<file>` with a link signed for it, the way restify hands it over. */
async function get(
  reader: string,
  file: string,
  compile: (roundId: string, reader: Reader) => Promise<AnswerSheet>,
): Promise<Answer> {
  const url = new URL(
    `http://bot${signedPath(SECRET, `answer-sheets/${reader}/${file}`, new Date(clock.now().getTime() + 60_000))}`,
  );
  const answer: Answer = { status: 0, body: undefined };
  const req = {
    params: { reader, file },
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
  await answerSheetEndpoint({ secret: SECRET, clock, compile, log: logger.child({}, { level: 'silent' }) })(
    req,
    res,
  );
  return answer;
}

describe('answerSheetEndpoint', () => {
  it('makes the sheet for the person the link names, with their e-mail, and for everyone on `alle`', async () => {
    const readers: Reader[] = [];
    const compile = (_roundId: string, reader: Reader) => {
      readers.push(reader);
      return Promise.reject(new Error('store down'));
    };

    await get('7a1e4d2c,olaf@gemeenten.example', 'jaarverslag-2021-antwoorden.xlsx', compile);
    await get('alle', 'jaarverslag-2021-antwoorden.xlsx', compile);

    assert.deepEqual(readers, [
      { scope: 'own', person: { id: '7a1e4d2c', name: '', email: 'olaf@gemeenten.example' } },
      { scope: 'all' },
    ]);
  });

  it('answers 404 for a round that is gone, 503 when the store fails, naming nothing', async () => {
    const gone = await get('alle', 'jaarverslag-2021-antwoorden.xlsx', () =>
      Promise.reject(new DomainError('ROUND_NOT_FOUND')),
    );
    const down = await get('alle', 'jaarverslag-2021-antwoorden.xlsx', () =>
      Promise.reject(new Error('store down')),
    );

    assert.equal(gone.status, 404);
    assert.equal(down.status, 503);
    assert.doesNotMatch(JSON.stringify(down.body), /store down/);
  });

  it('refuses, before anything is read, a name that is no answer sheet even when signed', async () => {
    let read = false;
    const compile = () => {
      read = true;
      return Promise.reject(new Error('not to be called'));
    };

    for (const [reader, file] of [
      ['alle', 'jaarverslag-2021.xlsx'],
      ['alle', 'jaarverslag-2021-antwoorden.docx'],
      ['a/b', 'jaarverslag-2021-antwoorden.xlsx'],
    ] as const) {
      assert.equal((await get(reader, file, compile)).status, 403, `${reader}/${file}`);
    }
    assert.equal(read, false);
  });
});
