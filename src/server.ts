import restify, { type Request, type Response } from 'restify';
import type { Logger } from './logger';

/** Activities are small; a larger body is refused with 413 before any handler runs. */
const MAX_BODY_BYTES = 256 * 1024;

export interface HealthReport {
  readonly healthy: boolean;
  readonly store: Record<string, unknown>;
}

export interface ServerDeps {
  readonly messages: (req: Request, res: Response) => Promise<void>;
  readonly health: () => Promise<HealthReport>;
  readonly log: Logger;
}

/** The HTTP surface: the Bot Framework messaging endpoint and a health check. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'stand-van-zaken', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    await deps.messages(req, res);
  });

  server.get('/healthz', async (_req, res) => {
    const report = await deps.health();
    res.send(report.healthy ? 200 : 503, {
      status: report.healthy ? 'ok' : 'unavailable',
      store: report.store,
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
