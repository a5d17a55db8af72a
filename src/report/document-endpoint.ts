import type { Request, Response } from 'restify';
import type { Clock } from '../domain/clock';
import type { Chapter } from '../domain/chapter';
import { DomainError } from '../domain/errors';
import type { Logger } from '../logger';
import { renderDocx } from './docx';
import { renderMarkdown } from './markdown';
import { checkLink } from './signed-links';

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
} as const;

export interface DocumentEndpointDeps {
  readonly secret: string;
  readonly clock: Clock;
  readonly compile: (roundId: string) => Promise<{ readonly chapter: Chapter }>;
  readonly log: Logger;
}

/**
 * GET /api/documents/<round>.<docx|md>?expires=…&sig=…: the chapter, compiled at the moment of
 * download, for the holder of a valid, unexpired link to exactly that document. Anything else
 * gets 403 (410 for a link that ran out), without a word about what exists.
 */
export function documentEndpoint(deps: DocumentEndpointDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const param: unknown = (req.params as Record<string, unknown>)['file'];
    const file = typeof param === 'string' ? param : '';
    const check = checkLink(
      deps.secret,
      file,
      (req.query ?? {}) as Record<string, unknown>,
      deps.clock.now(),
    );
    if (!check.ok) {
      deps.log.warn({ reason: check.reason, ip: req.socket.remoteAddress }, 'document link refused');
      const expired = check.reason === 'expired';
      res.send(expired ? 410 : 403, {
        error: expired
          ? { code: 'Expired', message: 'This link has expired; ask the bot for a new one.' }
          : { code: 'Forbidden', message: 'This link is not valid.' },
      });
      return;
    }
    let chapter: Chapter;
    try {
      ({ chapter } = await deps.compile(check.ref.roundId));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ROUND_NOT_FOUND') {
        res.send(404, { error: { code: 'NotFound', message: 'This round does not exist (any more).' } });
        return;
      }
      deps.log.error({ err: error }, 'compiling a document failed');
      res.send(503, { error: { code: 'Unavailable', message: 'The document could not be made just now.' } });
      return;
    }
    const body =
      check.ref.format === 'docx' ? await renderDocx(chapter) : Buffer.from(renderMarkdown(chapter));
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[check.ref.format],
      'content-disposition': `attachment; filename="${check.ref.roundId}.${check.ref.format}"`,
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
}
