import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';

interface Window {
  readonly limit: number;
  readonly ms: number;
}

/** Teams' published limits: per bot per conversation, and per app per tenant. */
const PER_CONVERSATION: readonly Window[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];
const PER_TENANT: Window = { limit: 50, ms: 1_000 };

/** Seeded, so a run can be repeated: mulberry32. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A stand-in for Teams' connector on 127.0.0.1 that behaves as Teams says it does under load:
 * every request counts against the sliding windows, a request over any limit gets 429 with
 * Retry-After, and on top of that a share of requests is refused at random, as Teams does when
 * it is busy. It records what it accepted, per conversation, to count losses and duplicates.
 */
export class TeamsLimitConnector {
  readonly delivered = new Map<string, number>();
  requests = 0;
  refusedOverLimit = 0;
  refusedInjected = 0;
  firstRequestAt = 0;
  lastRequestAt = 0;
  url = '';
  private readonly arrivals = new Map<string, number[]>();
  private readonly tenantArrivals: number[] = [];
  private readonly random: () => number;
  private server?: Server;

  constructor(
    private readonly injectedRefusalRate = 0.05,
    private readonly retryAfterSeconds = 1,
    seed = 42,
  ) {
    this.random = seededRandom(seed);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const { status, body, headers } = this.answer(req.method ?? '', req.url ?? '');
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  private answer(method: string, url: string) {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(
      new URL(url, 'http://x').pathname,
    );
    if (method !== 'POST' || !match) return { status: 404, body: {}, headers: {} };
    const conversation = decodeURIComponent(match[1] ?? '');
    const now = performance.now();
    this.requests++;
    if (this.firstRequestAt === 0) this.firstRequestAt = now;
    this.lastRequestAt = now;
    const mine = this.arrivals.get(conversation) ?? [];
    mine.push(now);
    this.arrivals.set(conversation, mine);
    this.tenantArrivals.push(now);
    const throttled = { 'retry-after': String(this.retryAfterSeconds) };
    if (
      overLimit(this.tenantArrivals, PER_TENANT, now) ||
      PER_CONVERSATION.some((window) => overLimit(mine, window, now))
    ) {
      this.refusedOverLimit++;
      return { status: 429, body: { error: { code: 'TooManyRequests' } }, headers: throttled };
    }
    if (this.random() < this.injectedRefusalRate) {
      this.refusedInjected++;
      return { status: 429, body: { error: { code: 'TooManyRequests' } }, headers: throttled };
    }
    this.delivered.set(conversation, (this.delivered.get(conversation) ?? 0) + 1);
    return { status: 201, body: { id: `activity-${this.requests}` }, headers: {} };
  }
}

/**
 * Whether the arrivals within the window ending now exceed its limit. Arrivals are appended in
 * time order, so counting from the end stops at the window's edge.
 */
function overLimit(arrivals: readonly number[], window: Window, now: number): boolean {
  let count = 0;
  for (let i = arrivals.length - 1; i >= 0 && (arrivals[i] ?? 0) > now - window.ms; i--) count++;
  return count > window.limit;
}
