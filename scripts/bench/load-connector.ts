import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { TEXTS } from '../../src/teams/texts';

/** What the bot sent into a conversation, for the seeding phase only. */
export interface SentActivity {
  readonly conversationId: string;
  readonly activityId: string;
  readonly activity: Readonly<Record<string, unknown>>;
}

/** Replies to the load's messages of one kind, as counted on arrival. */
export interface RepliesOfKind {
  readonly replies: number;
  readonly failures: number;
  /** The first few failure markers seen, to say what went wrong. */
  readonly samples: readonly string[];
}

const FAILURE_KEYS = [
  'failureTitle',
  'failureText',
  'storeUnavailable',
  'unexpectedCardError',
  'refusedTitle',
  'unknownCommandTitle',
  'conflictTitle',
  'unknownCard',
] as const;

/** The texts of every card that says a turn failed or was refused, as they appear in JSON. */
const FAILURE_MARKERS: readonly string[] = (['nl', 'en'] as const).flatMap((language) =>
  FAILURE_KEYS.map((key) => JSON.stringify(TEXTS[language][key]).slice(1, -1)),
);

/** The first failure text in a JSON body (an activity or an invoke's answer), if any. */
export function failureIn(json: string): string | undefined {
  return FAILURE_MARKERS.find((marker) => json.includes(marker));
}

/**
 * Stands in for Teams' connector service during `npm run bench:load`, on 127.0.0.1: it answers
 * every activity the bot posts (200 with a new id) and every card update (PUT), and keeps
 * counters only, so that it does not grow with the load. Replies to the load's own activities
 * are told apart by the id the load gave them (`load-<kind>-<n>`, the reply's replyToId): per
 * kind it counts the replies and those that carry a failure or refusal text. While `capture` is
 * set (seeding), it hands over what the bot sends.
 */
export class LoadConnector {
  url = '';
  /** Activities posted (replies and proactive messages), card updates, and calls it does not serve. */
  posted = 0;
  updated = 0;
  unexpected = 0;
  capture: ((sent: SentActivity) => void) | undefined;
  private readonly byKind = new Map<string, { replies: number; failures: number; samples: string[] }>();
  private nextId = 0;
  private server?: Server;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.answer(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(400);
          res.end();
        },
      );
    });
    server.keepAliveTimeout = 30_000;
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

  /** Replies to the load's activities, by the kind in their id. */
  replies(): Record<string, RepliesOfKind> {
    return Object.fromEntries(this.byKind);
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!activityPath) {
      this.unexpected += 1;
      return { status: 404, body: { error: { code: 'NotFound' } } };
    }
    const conversationId = decodeURIComponent(activityPath[1] ?? '');
    const inReplyTo = activityPath[2] === undefined ? undefined : decodeURIComponent(activityPath[2]);
    if (req.method === 'PUT' && inReplyTo !== undefined) {
      this.updated += 1;
      return { status: 200, body: { id: inReplyTo } };
    }
    if (req.method !== 'POST') {
      this.unexpected += 1;
      return { status: 405, body: { error: { code: 'MethodNotAllowed' } } };
    }
    this.posted += 1;
    this.nextId += 1;
    const activityId = `a-${this.nextId}`;
    const body = Buffer.concat(chunks).toString('utf8');
    const kind = inReplyTo === undefined ? undefined : /^load-([a-z-]+?)-\d+$/i.exec(inReplyTo)?.[1];
    if (kind !== undefined) this.count(kind, failureIn(body));
    if (this.capture) {
      this.capture({ conversationId, activityId, activity: JSON.parse(body) as Record<string, unknown> });
    }
    return { status: 200, body: { id: activityId } };
  }

  private count(kind: string, failure: string | undefined): void {
    let counts = this.byKind.get(kind);
    if (!counts) {
      counts = { replies: 0, failures: 0, samples: [] };
      this.byKind.set(kind, counts);
    }
    counts.replies += 1;
    if (failure === undefined) return;
    counts.failures += 1;
    if (counts.samples.length < 5) counts.samples.push(failure);
  }
}
