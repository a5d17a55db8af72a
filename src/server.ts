import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response } from 'restify';
import { DEFAULT_HTTP_LIMITS, limitSlowClients, type HttpLimits } from './http-limits';
import { boundedLog, withLogContext, type Logger } from './logger';
import { VERSION } from './version';

/** Activities are small; a larger body is refused with 413 before any handler runs. */
const MAX_BODY_BYTES = 256 * 1024;

/** How long a public health answer is reused: a flood of probes costs one store call per window. */
export const HEALTH_CACHE_MS = 5_000;

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
  /** GET /api/answer-sheets/:reader/:file, a round's answers as a sheet behind a signed link. */
  readonly answerSheets?: (req: Request, res: Response) => Promise<void>;
  readonly log: Logger;
  /** True once the instance is shutting down: /readyz then answers 503. */
  readonly stopping?: () => boolean;
  /** Timeouts and the connection cap; tests make them short. */
  readonly httpLimits?: HttpLimits;
  /** How long a health answer is reused (HEALTH_CACHE_MS). */
  readonly healthCacheMs?: number;
}

/**
 * The HTTP surface: the Bot Framework messaging endpoint, the scheduler trigger, signed downloads
 * and health checks. It is public, so it reads only what it must: JSON, only where a route takes
 * a body, only up to MAX_BODY_BYTES, and only from a client that sends it promptly.
 */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'stand-van-zaken', handleUncaughtExceptions: false });
  limitSlowClients(server.server, deps.httpLimits ?? DEFAULT_HTTP_LIMITS);
  const refused = boundedLog(deps.log);

  server.pre((req, res, next) => {
    // JSON answers are data, never to be sniffed into something else or kept by a cache.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    // A body of any other type is refused before a byte of it is read (restify's general body
    // parser saved multipart files to the temp directory before any check).
    if (hasBody(req) && !isJson(req)) {
      refused('warn', { status: 415, method: req.method, url: req.url?.slice(0, 200) }, 'request refused');
      res.setHeader('Connection', 'close');
      res.send(415, {
        error: { code: 'UnsupportedMediaType', message: 'Only application/json is accepted.' },
      });
      next(false);
      return;
    }
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  // Every line logged while a request is handled carries its correlation id (and activity id).
  server.use((req, _res, next) => {
    withLogContext({ correlationId: correlationIdOf(req) }, () => {
      next();
    });
  });

  const readJson = [
    restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
    ...restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }),
  ];
  const withActivityId: restify.RequestHandler = (req, _res, next) => {
    const body: unknown = req.body;
    const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') {
      next();
      return;
    }
    withLogContext({ correlationId: correlationIdOf(req), activityId: id.slice(0, 100) }, () => {
      next();
    });
  };

  server.post('/api/messages', ...readJson, withActivityId, async (req: Request, res: Response) => {
    await deps.messages(req, res);
  });

  server.post('/api/scheduler/run', async (req: Request, res: Response) => {
    const secret = deps.scheduler?.secret;
    if (!deps.scheduler || !secret) {
      res.send(404, { error: { code: 'NotFound', message: 'The scheduler trigger is not enabled.' } });
      return;
    }
    if (!isBearer(req.header('authorization'), secret)) {
      refused('warn', { ip: req.socket.remoteAddress }, 'scheduler trigger refused: wrong or missing secret');
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

  const answerSheets = deps.answerSheets;
  if (answerSheets) {
    server.get('/api/answer-sheets/:reader/:file', async (req: Request, res: Response) => {
      await answerSheets(req, res);
    });
  }

  // Public health answers say ok or not and the version, nothing about the store, and reuse one
  // store check for a few seconds. The details need the scheduler's secret.
  const health = cached(deps.health, deps.healthCacheMs ?? HEALTH_CACHE_MS);
  server.get('/healthz', async (_req, res) => {
    const report = await health();
    res.send(report.healthy ? 200 : 503, { status: report.healthy ? 'ok' : 'unavailable', version: VERSION });
  });

  server.get('/healthz/details', async (req, res) => {
    const secret = deps.scheduler?.secret;
    if (!secret || !isBearer(req.header('authorization'), secret)) {
      refused('warn', { ip: req.socket.remoteAddress }, 'health details refused: wrong or missing secret');
      res.send(401, { error: { code: 'Unauthorized', message: 'A valid bearer secret is required.' } });
      return;
    }
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
    const report = await health();
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
      refused(
        level,
        { status: error.statusCode, method: req.method, url: req.url?.slice(0, 200), message: error.message },
        'request refused',
      );
      callback();
    },
  );
  return server;
}

/** True when the request says a body follows. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function isJson(req: Request): boolean {
  return req.getContentType() === 'application/json';
}

/** `load`, its answer reused for `ms`; callers waiting meanwhile share one call. */
function cached<T>(load: () => Promise<T>, ms: number): () => Promise<T> {
  let last: { readonly at: number; readonly value: Promise<T> } | undefined;
  return () => {
    const now = performance.now();
    if (!last || now - last.at >= ms) {
      const value = load();
      last = { at: now, value };
      // A failed check is not reused.
      value.catch(() => {
        if (last?.value === value) last = undefined;
      });
    }
    return last.value;
  };
}

/**
 * The request's correlation id: the caller's (`x-correlation-id`, or the `MS-CV` the Bot
 * Framework sends) when it is a sane token, else a new one.
 */
function correlationIdOf(req: Request): string {
  let id = correlationIds.get(req);
  if (id === undefined) {
    const given = req.header('x-correlation-id') || req.header('ms-cv');
    id = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    correlationIds.set(req, id);
  }
  return id;
}

const correlationIds = new WeakMap<Request, string>();

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
