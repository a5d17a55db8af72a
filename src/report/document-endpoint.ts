import type { Request, Response } from 'restify';
import type { Clock } from '../domain/clock';
import type { Chapter, ChapterOptions } from '../domain/chapter';
import type { HouseStyle } from '../domain/model';
import { DomainError } from '../domain/errors';
import { boundedLog, type BoundedLog, type Logger } from '../logger';
import { renderDocx } from './docx';
import { renderMarkdown } from './markdown';
import { FinalBlocked, type CompileMode } from '../domain/use-cases/compile-report';
import { checkLink, documentFile, parseDocumentFile, type LinkCheck } from './signed-links';

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
} as const;

export interface DocumentEndpointDeps {
  readonly secret: string;
  readonly clock: Clock;
  readonly compile: (
    roundId: string,
    mode: CompileMode,
    options: ChapterOptions,
  ) => Promise<{ readonly chapter: Chapter }>;
  /** The organisation's house template for the Word file, if one is set (read at each download). */
  readonly houseStyle?: () => Promise<HouseStyle | undefined>;
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
    const ref = parseDocumentFile(file);
    const check: LinkCheck = ref
      ? checkLink(
          deps.secret,
          `documents/${file}`,
          (req.query ?? {}) as Record<string, unknown>,
          deps.clock.now(),
        )
      : { ok: false, reason: 'malformed' };
    if (!ref || !check.ok) {
      refuse(req, res, check.ok ? 'malformed' : check.reason, deps.log);
      return;
    }
    let chapter: Chapter;
    let house: HouseStyle | undefined;
    try {
      ({ chapter } = await deps.compile(ref.roundId, ref.final ? 'final' : 'draft', {
        overview: ref.overview,
      }));
      if (ref.format === 'docx') house = await deps.houseStyle?.();
    } catch (error) {
      if (error instanceof FinalBlocked) {
        res.send(409, {
          error: {
            code: 'NotFinal',
            message: `The final version cannot be made: ${error.blockers.length} project(s) have no approved answer. Ask the bot for the draft or for what blocks it.`,
          },
        });
        return;
      }
      if (error instanceof DomainError && error.code === 'ROUND_NOT_FOUND') {
        res.send(404, { error: { code: 'NotFound', message: 'This round does not exist (any more).' } });
        return;
      }
      deps.log.error({ err: error }, 'compiling a document failed');
      res.send(503, { error: { code: 'Unavailable', message: 'The document could not be made just now.' } });
      return;
    }
    const body =
      ref.format === 'docx' ? await renderDocx(chapter, house) : Buffer.from(renderMarkdown(chapter));
    sendDownload(res, CONTENT_TYPES[ref.format], documentFile(ref), body);
  };
}

/**
 * A file made at the moment of download, as an attachment: never cached (it is compiled for
 * this link and may hold what not everyone may read), and never sniffed as something else.
 */
export function sendDownload(res: Response, contentType: string, filename: string, body: Buffer): void {
  res.writeHead(200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename}"`,
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** One bounded log per endpoint's logger: guessing links cannot flood the log. */
const refusalLogs = new WeakMap<Logger, BoundedLog>();
function refusalLogOf(log: Logger): BoundedLog {
  let bounded = refusalLogs.get(log);
  if (!bounded) {
    bounded = boundedLog(log);
    refusalLogs.set(log, bounded);
  }
  return bounded;
}

/** 403 for a link that is not valid, 410 for one that ran out; never a word about what exists. */
export function refuse(
  req: Request,
  res: Response,
  reason: 'malformed' | 'forged' | 'expired',
  log: Logger,
): void {
  refusalLogOf(log)('warn', { reason, ip: req.socket.remoteAddress }, 'signed link refused');
  const expired = reason === 'expired';
  res.send(expired ? 410 : 403, {
    error: expired
      ? { code: 'Expired', message: 'This link has expired; ask the bot for a new one.' }
      : { code: 'Forbidden', message: 'This link is not valid.' },
  });
}
