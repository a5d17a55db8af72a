import type { Request, Response } from 'restify';
import type { Clock } from '../domain/clock';
import { DomainError } from '../domain/errors';
import type { AnswerSheet } from '../domain/use-cases/answer-sheet';
import type { Reader } from '../domain/use-cases/reader-scope';
import type { Logger } from '../logger';
import { renderAnswerSheet } from './answer-sheet';
import { refuse, sendDownload } from './document-endpoint';
import {
  answerSheetFile,
  checkLink,
  parseAnswerSheetFile,
  parseSheetReaderKey,
  type LinkCheck,
} from './signed-links';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface AnswerSheetEndpointDeps {
  readonly secret: string;
  readonly clock: Clock;
  readonly compile: (roundId: string, reader: Reader) => Promise<AnswerSheet>;
  readonly log: Logger;
}

/**
 * GET /api/answer-sheets/<reader>/<round>-antwoorden.xlsx?expires=…&sig=…: the round's answers
 * as a sheet, compiled at the moment of download, for the holder of a valid, unexpired link to
 * exactly that sheet for exactly that reader: everything (`alle`), or the rows of the person the
 * link names. Anything else gets 403 (410 for a link that ran out), without a word about what
 * exists.
 */
export function answerSheetEndpoint(deps: AnswerSheetEndpointDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = req.params as Record<string, unknown>;
    const who = typeof params['reader'] === 'string' ? params['reader'] : '';
    const file = typeof params['file'] === 'string' ? params['file'] : '';
    const roundId = parseAnswerSheetFile(file);
    const sheetReader = parseSheetReaderKey(who);
    const check: LinkCheck =
      roundId && sheetReader
        ? checkLink(
            deps.secret,
            `answer-sheets/${who}/${file}`,
            (req.query ?? {}) as Record<string, unknown>,
            deps.clock.now(),
          )
        : { ok: false, reason: 'malformed' };
    if (!roundId || !sheetReader || !check.ok) {
      refuse(req, res, check.ok ? 'malformed' : check.reason, deps.log);
      return;
    }
    const reader: Reader =
      sheetReader.scope === 'all'
        ? { scope: 'all' }
        : {
            scope: 'own',
            person: {
              id: sheetReader.id,
              name: '',
              ...(sheetReader.email ? { email: sheetReader.email } : {}),
            },
          };
    let body: Buffer;
    try {
      body = await renderAnswerSheet(await deps.compile(roundId, reader), deps.clock.now());
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ROUND_NOT_FOUND') {
        res.send(404, { error: { code: 'NotFound', message: 'This round does not exist (any more).' } });
        return;
      }
      deps.log.error({ err: error }, 'making an answer sheet failed');
      res.send(503, { error: { code: 'Unavailable', message: 'The sheet could not be made just now.' } });
      return;
    }
    sendDownload(res, XLSX, answerSheetFile(roundId), body);
  };
}
