import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';

/**
 * An HTTPS proxy on 127.0.0.1 in front of the local Cosmos server that a test can make answer
 * as a throttled account does: 429 TooManyRequests with `x-ms-retry-after-ms`, for every
 * document read and write, until it is told to stop. Metadata requests pass, as they would.
 * Emits `refused` for each 429 it answers.
 */
export class ThrottlingProxy extends EventEmitter {
  throttling = false;
  /** How many requests it refused with 429. */
  refused = 0;
  private server?: Server;
  port = 0;

  constructor(private readonly targetPort: number) {
    super();
  }

  async start(): Promise<this> {
    const cosmosServer = join(projectRoot(), 'node_modules', '@vercel', 'cosmosdb-server');
    const server = createServer(
      {
        cert: readFileSync(join(cosmosServer, 'cert.pem')),
        key: readFileSync(join(cosmosServer, 'key.pem')),
      },
      (req, res) => {
        if (this.throttling && (req.url ?? '').includes('/docs')) {
          this.refused++;
          this.emit('refused');
          req.resume();
          res.writeHead(429, {
            'content-type': 'application/json',
            'x-ms-retry-after-ms': '50',
            'x-ms-substatus': '3200',
          });
          res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large.' }));
          return;
        }
        const upstream = request(
          {
            host: '127.0.0.1',
            port: this.targetPort,
            method: req.method,
            path: req.url,
            headers: req.headers,
            rejectUnauthorized: false,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
