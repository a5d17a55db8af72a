import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response } from 'restify';
import { withLogContext, type Logger } from './logger';
import { VERSION } from './version';

/** Activities are small; a larger body is refused with 413 before any handler runs. */
const MAX_BODY_BYTES = 256 * 1024;

export interface HealthReport {
  readonly healthy: boolean;
  readonly store: Record<string, unknown>;
}

export interface ServerDeps {
  readonly messages: (req: Request, res: Response) => Promise<void>;
  /** The external trigger of the scheduler; without a secret the endpoint does not exist. */
  readonly scheduler?: { readonly secret?: string; run(): Promise<unknown> };
  readonly health: () => Promise<HealthReport>;
  /** GET /api/documents/:file, the compiled chapter behind a signed link. */
  readonly documents?: (req: Request, res: Response) => Promise<void>;
  /** GET /api/register-sheets/:file, a register draft as a sheet behind a signed link. */
  readonly registerSheets?: (req: Request, res: Response) => Promise<void>;
  readonly log: Logger;
  /** True once the instance is shutting down: /readyz then answers 503. */
  readonly stopping?: () => boolean;
}

/** The HTTP surface: the Bot Framework messaging endpoint and a health check. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'stand-van-zaken', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  // Every line logged while a request is handled carries its correlation id (and activity id).
  server.use((req, _res, next) => {
    const body: unknown = req.body;
    const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
    const activityId = typeof id === 'string' ? id.slice(0, 100) : undefined;
    withLogContext({ correlationId: correlationIdOf(req), ...(activityId ? { activityId } : {}) }, () => {
      next();
    });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    await deps.messages(req, res);
  });

  server.post('/api/scheduler/run', async (req: Request, res: Response) => {
    const secret = deps.scheduler?.secret;
    if (!deps.scheduler || !secret) {
      res.send(404, { error: { code: 'NotFound', message: 'The scheduler trigger is not enabled.' } });
      return;
    }
    if (!isBearer(req.header('authorization'), secret)) {
      deps.log.warn({ ip: req.socket.remoteAddress }, 'scheduler trigger refused: wrong or missing secret');
      res.send(401, { error: { code: 'Unauthorized', message: 'A valid bearer secret is required.' } });
      return;
    }
    try {
      res.send(200, await deps.scheduler.run());
    } catch {
      res.send(503, { error: { code: 'Unavailable', message: 'The scheduler run failed; see the log.' } });
    }
  });

  const documents = deps.documents;
  if (documents) {
    server.get('/api/documents/:file', async (req: Request, res: Response) => {
      await documents(req, res);
    });
  }

  const registerSheets = deps.registerSheets;
  if (registerSheets) {
    server.get('/api/register-sheets/:file', async (req: Request, res: Response) => {
      await registerSheets(req, res);
    });
  }

  server.get('/healthz', async (_req, res) => {
    const report = await deps.health();
    res.send(report.healthy ? 200 : 503, {
      status: report.healthy ? 'ok' : 'unavailable',
      version: VERSION,
      store: report.store,
    });
  });

  // For a load balancer: ready while the store answers and the instance is not stopping.
  server.get('/readyz', async (_req, res) => {
    if (deps.stopping?.()) {
      res.send(503, { status: 'stopping', version: VERSION });
      return;
    }
    const report = await deps.health();
    res.send(report.healthy ? 200 : 503, {
      status: report.healthy ? 'ready' : 'unavailable',
      version: VERSION,
    });
  });

  server.on(
    'restifyError',
    (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
      // Probes (the Playground sends HEAD on every page load) are noise; refused bodies are not.
      const level = error.statusCode === 404 || error.statusCode === 405 ? 'debug' : 'warn';
      deps.log[level](
        { status: error.statusCode, method: req.method, url: req.url, message: error.message },
        'request refused',
      );
      callback();
    },
  );
  return server;
}

/**
 * The request's correlation id: the caller's (`x-correlation-id`, or the `MS-CV` the Bot
 * Framework sends) when it is a sane token, else a new one.
 */
function correlationIdOf(req: Request): string {
  const given = req.header('x-correlation-id') || req.header('ms-cv');
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Compares in constant time, so the secret cannot be guessed from response times. */
function isBearer(header: string | undefined, secret: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** Listens and resolves with the bound port (0 picks a free one, as tests do). */
export function listen(server: restify.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
