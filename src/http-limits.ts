import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long the bot waits for a client, and for how many at once. Teams must have an invoke
 * answered within 5 seconds and sends small bodies at once, so a client that takes longer to
 * send its request is not Teams, and holding its socket only helps an attacker.
 */
export interface HttpLimits {
  /** From the connection (or the end of the previous response) to the last request header. */
  readonly headersMs: number;
  /** From the request's headers to the last byte of its body. */
  readonly bodyMs: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveMs: number;
  /** Connections open at once; more are closed as they come in. */
  readonly maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersMs: 5_000,
  bodyMs: 10_000,
  keepAliveMs: 5_000,
  maxConnections: 512,
};

/**
 * Holds every connection of `server` to `limits`. Node's own `headersTimeout` and
 * `requestTimeout` are set too, but Node checks them only every 30 seconds; the timers here
 * close a trickling or silent client on time.
 */
export function limitSlowClients(server: Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersMs;
  server.requestTimeout = limits.headersMs + limits.bodyMs;
  server.keepAliveTimeout = limits.keepAliveMs;
  server.maxConnections = limits.maxConnections;

  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const arm = (socket: Socket, ms: number, unlessDone: () => boolean = () => false) => {
    clearTimeout(deadlines.get(socket));
    const timer = setTimeout(() => {
      if (!unlessDone()) socket.destroy();
    }, ms);
    timer.unref();
    deadlines.set(socket, timer);
  };
  const disarm = (socket: Socket) => {
    clearTimeout(deadlines.get(socket));
  };

  server.on('connection', (socket: Socket) => {
    arm(socket, limits.headersMs);
    socket.once('close', () => disarm(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    // The body must have arrived in time, whether or not a handler reads it; the response itself
    // may take as long as the turn needs.
    arm(socket, limits.bodyMs, () => req.complete);
    res.once('finish', () => {
      // A kept-alive connection may wait `keepAliveMs` for the next request (Node closes it when
      // idle that long, with a margin for a request already on its way), and then has
      // `headersMs` for its headers. Cutting at `headersMs` alone raced a client reusing the
      // connection just inside the keep-alive time: it got ECONNRESET.
      if (!socket.destroyed) arm(socket, limits.keepAliveMs + limits.headersMs);
    });
  });
}
