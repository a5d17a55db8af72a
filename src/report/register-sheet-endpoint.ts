import type { Request, Response } from 'restify';
import type { Clock } from '../domain/clock';
import type { RegisterDraftRepository } from '../domain/repositories';
import { registerSheet } from '../infrastructure/spreadsheet';
import type { Logger } from '../logger';
import { refuse } from './document-endpoint';
import { checkLink } from './signed-links';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RegisterSheetEndpointDeps {
  readonly secret: string;
  readonly clock: Clock;
  readonly registerDrafts: RegisterDraftRepository;
  readonly log: Logger;
}

/**
 * GET /api/register-sheets/<draft id>.xlsx?expires=…&sig=…: the projects recognised in an
 * earlier report as a register sheet, for the holder of a valid link to exactly that draft.
 */
export function registerSheetEndpoint(deps: RegisterSheetEndpointDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const param: unknown = (req.params as Record<string, unknown>)['file'];
    const file = typeof param === 'string' ? param : '';
    const id = /^([0-9a-f-]{36})\.xlsx$/.exec(file)?.[1];
    const check = id
      ? checkLink(
          deps.secret,
          `register-sheets/${file}`,
          (req.query ?? {}) as Record<string, unknown>,
          deps.clock.now(),
        )
      : ({ ok: false, reason: 'malformed' } as const);
    if (!id || !check.ok) {
      refuse(req, res, check.ok ? 'malformed' : check.reason, deps.log);
      return;
    }
    let body: Buffer;
    try {
      const draft = await deps.registerDrafts.get(id);
      if (!draft) {
        res.send(404, { error: { code: 'NotFound', message: 'This list does not exist (any more).' } });
        return;
      }
      body = await registerSheet(draft.projects, draft);
    } catch (error) {
      deps.log.error({ err: error }, 'making a register sheet failed');
      res.send(503, { error: { code: 'Unavailable', message: 'The sheet could not be made just now.' } });
      return;
    }
    res.writeHead(200, {
      'content-type': XLSX,
      'content-disposition': 'attachment; filename="registerblad.xlsx"',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
}
